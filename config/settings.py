"""Claimdesk settings: one module, one assignment per setting, driven by the environment.

Every variable is read through ``config.environment.StrictEnv`` (django-environ): a bad
value stops the process at start with an ``ImproperlyConfigured`` naming the variable,
instead of running half-configured. Sections follow cookiecutter-django's order.
"""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

from config.environment import (
    StrictEnv,
    at_least,
    comma_list,
    fetch_allow_list,
    port_list,
    proxy_ssl_header,
    url_of,
)

# Lets admin.ModelAdmin[Model] and friends be subscripted at run time, for typed admin code.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

env = StrictEnv()

# GENERAL
# ------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)
# Set by the test configuration (pyproject.toml, [tool.pytest.ini_options] env): the suite
# supplies its own secrets and hosts and hashes passwords fast. Nothing else turns it on.
TESTING = env.bool("CLAIMDESK_TESTING", default=False)
# Set by manage.py for commands that sign nothing lasting (extract_claims, migrate ...):
# they may run with a fresh random key, never a known one.
_EPHEMERAL_SECRET_KEY = env.bool("CLAIMDESK_EPHEMERAL_SECRET_KEY", default=False)
SECRET_KEY = (
    env.str("SECRET_KEY", default="")
    or ("claimdesk-insecure-development-key" if DEBUG or TESTING else "")  # local only
    or (secrets.token_urlsafe(50) if _EPHEMERAL_SECRET_KEY else "")
)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY: required when DEBUG is off")
ALLOWED_HOSTS = env("ALLOWED_HOSTS", cast=comma_list, default="") or (
    ["127.0.0.1", "localhost", "testserver", "[::1]"] if DEBUG or TESTING else []
)
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS", cast=comma_list, default=[])
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SITE_URL = env("SITE_URL", cast=url_of("http", "https"), default="http://127.0.0.1:8000")

# DATABASES
# ------------------------------------------------------------------------------
_DATABASE = env.database(
    "DATABASE_URL",
    default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
    schemes={"sqlite", "postgres", "postgresql", "pgsql"},
)
_SQLITE = _DATABASE["ENGINE"].endswith("sqlite3")
DATABASES = {
    "default": {
        **_DATABASE,
        "ATOMIC_REQUESTS": False,
        # SQLite: no persistent connections, and a busy timeout turns brief lock contention
        # between writers into a wait.
        "CONN_MAX_AGE": 0
        if _SQLITE
        else _DATABASE.get("CONN_MAX_AGE", env("CONN_MAX_AGE", cast=at_least(0), default=60)),
        "OPTIONS": {**_DATABASE.get("OPTIONS", {}), **({"timeout": 20} if _SQLITE else {})},
    }
}

# URLS
# ------------------------------------------------------------------------------
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# APPS
# ------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    "config.apps.ProjectConfig",
    "claims",
    "verification",
    "webhooks",
    "repeats",
    "feeds",
]

# AUTHENTICATION
# ------------------------------------------------------------------------------
LOGIN_URL = "admin:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Hashing with PBKDF2 dominates test time; tests need working passwords, not slow ones.
PASSWORD_HASHERS = (
    ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if TESTING
    else [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
        "django.contrib.auth.hashers.ScryptPasswordHasher",
    ]
)

# MIDDLEWARE
# ------------------------------------------------------------------------------
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Oversized API bodies are refused on Content-Length before anything reads them.
    "desk.api.limits.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # request.htmx: the claim page's evidence panel answers htmx with a fragment.
    "django_htmx.middleware.HtmxMiddleware",
    # Content-Security-Policy on every page (the admin's included): see SECURITY below.
    "csp.middleware.CSPMiddleware",
    "desk.admin_login.AdminLoginLimitMiddleware",
]

# STATIC
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Serve straight from the apps' static folders when collectstatic has not run (demo, tests).
WHITENOISE_USE_FINDERS = DEBUG or TESTING or env.bool("WHITENOISE_USE_FINDERS", default=False)

# TEMPLATES
# ------------------------------------------------------------------------------
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SECURITY
# ------------------------------------------------------------------------------
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# HTTPS. Off by default so a plain-HTTP development or test server works; the production
# values (docs/operations.md, "Deployment checklist") make `check --deploy` silent.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
# Load-balancer health probes may come over plain HTTP: never redirect them.
SECURE_REDIRECT_EXEMPT = [r"^livez$", r"^readyz$"]
SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS", cast=at_least(0), default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Behind a TLS-terminating proxy: the header it sets, e.g. "X-Forwarded-Proto: https". Only
# when the proxy always sets (or strips) it, or clients could claim HTTPS.
SECURE_PROXY_SSL_HEADER = env("SECURE_PROXY_SSL_HEADER", cast=proxy_ssl_header, default=None)
# Content-Security-Policy (django-csp): our own scripts, styles and images only; nothing may
# frame the pages. The admin and every HTML page get it; the API docs widen it for the
# Swagger/ReDoc bundles they load (config/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# LOGGING
# ------------------------------------------------------------------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").upper()
if LOG_LEVEL not in logging.getLevelNamesMapping():
    raise ImproperlyConfigured(f"LOG_LEVEL: unknown level {LOG_LEVEL!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# CELERY (DESIGN §6)
# ------------------------------------------------------------------------------
# Without REDIS_URL tasks run inline (the embedded default; the startup log says so).
REDIS_URL = env("REDIS_URL", cast=url_of("redis", "rediss"), default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = "analyze"
CELERY_TASK_SOFT_TIME_LIMIT = env("CELERY_TASK_SOFT_TIME_LIMIT", cast=at_least(1), default=120)
CELERY_TASK_TIME_LIMIT = env("CELERY_TASK_TIME_LIMIT", cast=at_least(1), default=150)
CELERY_BROKER_VISIBILITY_TIMEOUT = env(
    "CELERY_BROKER_VISIBILITY_TIMEOUT", cast=at_least(1), default=600
)
if not (CELERY_TASK_SOFT_TIME_LIMIT < CELERY_TASK_TIME_LIMIT < CELERY_BROKER_VISIBILITY_TIMEOUT):
    raise ImproperlyConfigured(
        "CELERY_TASK_SOFT_TIME_LIMIT < CELERY_TASK_TIME_LIMIT < "
        "CELERY_BROKER_VISIBILITY_TIMEOUT must hold"
    )
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request must not hang on a dead broker: fail fast, keep the row queued, let the sweep
# publish it later.
CELERY_BROKER_CONNECTION_TIMEOUT = env(
    "CELERY_BROKER_CONNECTION_TIMEOUT", cast=at_least(0.1, float), default=2.0
)
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.25,
    "interval_max": 0.5,
}
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# Fetching and provider calls wait on the network (queue "fetch", run many per machine);
# matching and sweeps are CPU-bound or short (queue "analyze"). See docs/operations.md.
CELERY_TASK_ROUTES = {
    "verification.tasks.check_fetch": {"queue": "fetch"},
    "verification.tasks.check_archive": {"queue": "fetch"},
    "verification.tasks.check_analyze": {"queue": "analyze"},
    "verification.tasks.sweep_checks": {"queue": "analyze"},
    "claims.tasks.sweep_imports": {"queue": "analyze"},
    "webhooks.tasks.sweep_webhooks": {"queue": "analyze"},
    "repeats.tasks.match_article": {"queue": "analyze"},
    "repeats.tasks.sweep_matching": {"queue": "analyze"},
    "feeds.tasks.feeds_poll_due": {"queue": "fetch"},
    "feeds.tasks.feed_poll": {"queue": "fetch"},
}
# How often the sweeps run: rows whose task message was lost are published again.
CHECK_SWEEP_INTERVAL = env("CHECK_SWEEP_INTERVAL", cast=at_least(1, float), default=60.0)
# How often beat looks for due feeds; each feed has its own poll interval (MONITORED FEEDS).
FEED_BEAT_INTERVAL = env("FEED_BEAT_INTERVAL", cast=at_least(1, float), default=60.0)
CELERY_BEAT_SCHEDULE = {
    "sweep-checks": {
        "task": "verification.tasks.sweep_checks",
        "schedule": CHECK_SWEEP_INTERVAL,
        "options": {"queue": "analyze", "expires": CHECK_SWEEP_INTERVAL},
    },
    "sweep-imports": {
        "task": "claims.tasks.sweep_imports",
        "schedule": CHECK_SWEEP_INTERVAL,
        "options": {"queue": "analyze", "expires": CHECK_SWEEP_INTERVAL},
    },
    "sweep-webhooks": {
        "task": "webhooks.tasks.sweep_webhooks",
        "schedule": CHECK_SWEEP_INTERVAL,
        "options": {"queue": "analyze", "expires": CHECK_SWEEP_INTERVAL},
    },
    "sweep-matching": {
        "task": "repeats.tasks.sweep_matching",
        "schedule": CHECK_SWEEP_INTERVAL,
        "options": {"queue": "analyze", "expires": CHECK_SWEEP_INTERVAL},
    },
    "poll-feeds": {
        "task": "feeds.tasks.feeds_poll_due",
        "schedule": FEED_BEAT_INTERVAL,
        "options": {"queue": "fetch", "expires": FEED_BEAT_INTERVAL},
    },
}

# INGESTION
# ------------------------------------------------------------------------------
INGEST_MAX_BYTES = env("INGEST_MAX_BYTES", cast=at_least(1), default=1024 * 1024)
INGEST_FILE_MAX_BYTES = env("INGEST_FILE_MAX_BYTES", cast=at_least(1), default=10 * 1024 * 1024)
IMPORT_QUEUED_STALE_AFTER = env("IMPORT_QUEUED_STALE_AFTER", cast=at_least(1), default=300)
# An import still running this long after a worker took it lost its worker: the task's hard
# time limit ends any live one sooner.
IMPORT_RUNNING_DEADLINE = env(
    "IMPORT_RUNNING_DEADLINE", cast=at_least(1), default=CELERY_TASK_TIME_LIMIT + 30
)
if IMPORT_RUNNING_DEADLINE <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        "IMPORT_RUNNING_DEADLINE must be above CELERY_TASK_TIME_LIMIT, or the sweep would "
        "take over imports that are still running"
    )
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="demo-password")

# SAFE FETCHING (DESIGN §6)
# ------------------------------------------------------------------------------
# Entries are host (every port) or host:port (that port only; recommended).
FETCH_ALLOWED_PRIVATE_HOSTS = env("FETCH_ALLOWED_PRIVATE_HOSTS", cast=fetch_allow_list, default=[])
# Ports a public address may be fetched on; other services of a host stay out of reach.
FETCH_ALLOWED_PORTS = env("FETCH_ALLOWED_PORTS", cast=port_list, default=[80, 443, 8080, 8443])
FETCH_TIMEOUT = env("FETCH_TIMEOUT", cast=at_least(0.1, float), default=10.0)
FETCH_MAX_BYTES = env("FETCH_MAX_BYTES", cast=at_least(1024), default=5 * 1024 * 1024)
FETCH_REFETCH_TTL = env("FETCH_REFETCH_TTL", cast=at_least(0), default=3600)
FETCH_USER_AGENT = env.str(
    "FETCH_USER_AGENT", default="Claimdesk/0.1 (claim verification; +https://claimdesk.example)"
)

# CHECKS AND PROVIDERS (each provider on when its setting is)
# ------------------------------------------------------------------------------
CHECK_ON_INGEST = env.bool("CHECK_ON_INGEST", default=False)
CHECK_RUN_MAX_ATTEMPTS = env("CHECK_RUN_MAX_ATTEMPTS", cast=at_least(1), default=3)
CHECK_FETCH_MAX_RETRIES = env("CHECK_FETCH_MAX_RETRIES", cast=at_least(0), default=5)
# Backoff between retries; kept below the visibility timeout, or Redis would hand the
# delayed message to a second worker while the first still holds it.
CHECK_RETRY_BACKOFF_MAX = env("CHECK_RETRY_BACKOFF_MAX", cast=at_least(1), default=120)
if CHECK_RETRY_BACKOFF_MAX >= CELERY_BROKER_VISIBILITY_TIMEOUT:
    raise ImproperlyConfigured(
        "CHECK_RETRY_BACKOFF_MAX must be below CELERY_BROKER_VISIBILITY_TIMEOUT"
    )
CHECK_RUN_DEADLINE = env("CHECK_RUN_DEADLINE", cast=at_least(1), default=900)
if CHECK_RUN_DEADLINE <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        "CHECK_RUN_DEADLINE must be above CELERY_TASK_TIME_LIMIT, or the sweep would take "
        "over checks that are still running"
    )
# A stage still running this long after it started lost its worker (the hard time limit
# ends a live one sooner): the sweep queues it again, well before the visibility timeout.
CHECK_STAGE_DEADLINE = env(
    "CHECK_STAGE_DEADLINE", cast=at_least(1), default=CELERY_TASK_TIME_LIMIT + 30
)
if CHECK_STAGE_DEADLINE <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        "CHECK_STAGE_DEADLINE must be above CELERY_TASK_TIME_LIMIT, or the sweep would take "
        "over stages that are still running"
    )
CHECK_QUEUED_STALE_AFTER = env("CHECK_QUEUED_STALE_AFTER", cast=at_least(1), default=300)
CHECK_MAX_SOURCES = env("CHECK_MAX_SOURCES", cast=at_least(1), default=10)
WIKIPEDIA_API_URL = env(
    "WIKIPEDIA_API_URL", cast=url_of("http", "https"), default="https://en.wikipedia.org/w/api.php"
)
FACTCHECK_API_KEY = env.str("FACTCHECK_API_KEY", default="")
FACTCHECK_API_URL = env(
    "FACTCHECK_API_URL",
    cast=url_of("http", "https"),
    default="https://factchecktools.googleapis.com/v1alpha1/claims:search",
)
WAYBACK_API_URL = env(
    "WAYBACK_API_URL", cast=url_of("http", "https"), default="https://archive.org/wayback/available"
)
WAYBACK_SAVE_URL = env(
    "WAYBACK_SAVE_URL", cast=url_of("http", "https"), default="https://web.archive.org/save/"
)
ARCHIVE_EVIDENCE = env.bool("ARCHIVE_EVIDENCE", default=False)

# CLAIMREVIEW PUBLISHER
# ------------------------------------------------------------------------------
CLAIMREVIEW_ORG_NAME = env.str("CLAIMREVIEW_ORG_NAME", default="Claimdesk")
CLAIMREVIEW_ORG_URL = env(
    "CLAIMREVIEW_ORG_URL", cast=url_of("http", "https"), default="https://claimdesk.example/"
)

# MONITORED FEEDS (DESIGN §12)
# ------------------------------------------------------------------------------
# A feed body larger than this is refused (the feed records the error and backs off).
FEED_MAX_BYTES = env("FEED_MAX_BYTES", cast=at_least(1024), default=2 * 1024 * 1024)
# At most this many entries of one feed are read per poll.
FEED_MAX_ENTRIES = env("FEED_MAX_ENTRIES", cast=at_least(1), default=100)
# A failing feed waits its poll interval doubled per failure in a row, at most this long.
FEED_MAX_BACKOFF = env("FEED_MAX_BACKOFF", cast=at_least(60), default=86400)

# WEBHOOKS
# ------------------------------------------------------------------------------
WEBHOOK_TIMEOUT = env("WEBHOOK_TIMEOUT", cast=at_least(0.1, float), default=10.0)
WEBHOOK_MAX_RETRIES = env("WEBHOOK_MAX_RETRIES", cast=at_least(0), default=6)
# Pending deliveries this old are published again (the broker was down); a retrying
# delivery with no attempt for WEBHOOK_RETRY_DEADLINE seconds (above the longest backoff,
# an hour) lost its scheduled retry.
WEBHOOK_QUEUED_STALE_AFTER = env("WEBHOOK_QUEUED_STALE_AFTER", cast=at_least(1), default=300)
WEBHOOK_RETRY_DEADLINE = env("WEBHOOK_RETRY_DEADLINE", cast=at_least(3601), default=7200)

# REST FRAMEWORK (DESIGN §7)
# ------------------------------------------------------------------------------
# Rates are read per request from these two settings (desk/api/throttling.py), so tests
# and operators can change them; empty turns the limit off.
API_THROTTLE_ANON = env.str("API_THROTTLE_ANON", default="120/min")
API_THROTTLE_USER = env.str("API_THROTTLE_USER", default="6000/min")
# auth/token/: every request there is a password guess, so a much lower rate per address.
API_THROTTLE_TOKEN = env.str("API_THROTTLE_TOKEN", default="10/min")
# How many proxies in front append to X-Forwarded-For. 0: the socket address is the client
# and the header is ignored (a client could write anything into it).
NUM_PROXIES = env("NUM_PROXIES", cast=at_least(0), default=0)
# Failed admin sign-ins allowed per client address and per username within the window.
ADMIN_LOGIN_MAX_FAILURES = env("ADMIN_LOGIN_MAX_FAILURES", cast=at_least(1), default=10)
ADMIN_LOGIN_LOCKOUT_SECONDS = env("ADMIN_LOGIN_LOCKOUT_SECONDS", cast=at_least(1), default=900)
# Rate-limit counters are shared by every process through Redis whenever REDIS_URL is set
# (the test suite keeps them in memory; its gunicorn tests run with Redis).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "throttle": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "claimdesk-throttle",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if REDIS_URL and not TESTING
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"}
    ),
}
# A request body larger than this is refused with 413 before it is parsed; the article
# text itself is limited by INGEST_MAX_BYTES (JSON escaping can make the body larger).
API_MAX_REQUEST_BYTES = env(
    "API_MAX_REQUEST_BYTES", cast=at_least(1024), default=max(INGEST_MAX_BYTES * 8, 1024 * 1024)
)
DATA_UPLOAD_MAX_MEMORY_SIZE = max(API_MAX_REQUEST_BYTES, 2621440)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "desk.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "desk.api.schema.ClaimdeskAutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "desk.api.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "NUM_PROXIES": NUM_PROXIES,
    "DEFAULT_THROTTLE_CLASSES": [
        "desk.api.throttling.AnonThrottle",
        "desk.api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": API_THROTTLE_ANON, "user": API_THROTTLE_USER},
    "EXCEPTION_HANDLER": "desk.api.errors.api_exception_handler",
    "DEFAULT_PAGINATION_CLASS": "desk.api.pagination.ClaimdeskPagination",
    "PAGE_SIZE": 50,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Claimdesk API",
    "DESCRIPTION": "Claims, evidence, review workflow and ClaimReview publishing.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and ReDoc from our own static files (drf-spectacular-sidecar, pinned in
    # pyproject.toml): the docs work offline and never load a CDN's "@latest".
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.ClaimStatus",
        "VerdictEnum": "claims.models.Verdict",
        "ClaimKindEnum": "claims.models.ClaimKind",
        "QualifierEnum": "claims.models.Qualifier",
        "RunStateEnum": "verification.models.CheckState",
        "FetchStatusEnum": "verification.models.FetchStatus",
        "StanceEnum": "verification.models.Stance",
    },
}
