"""Claimdesk settings: one module, driven by environment variables (12-factor).

Every variable is parsed strictly; a bad value stops the process at start with an
``ImproperlyConfigured`` naming the variable, instead of running half-configured.
"""

from __future__ import annotations

import logging
import secrets
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import django_stubs_ext
import environ
from django.core.exceptions import ImproperlyConfigured

# Lets admin.ModelAdmin[Model] and friends be subscripted at run time, for typed admin code.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env.smart_cast = False


def _read(name: str, parse: Any, default: Any) -> Any:
    """Read one variable, turning any parse failure into a message that names it."""
    try:
        return parse(name, default=default)
    except ImproperlyConfigured:
        raise
    except Exception as exc:  # environ raises ValueError and friends on bad input
        raise ImproperlyConfigured(f"{name}: invalid value ({exc})") from exc


def env_bool(name: str, default: bool) -> bool:
    raw = env.str(name, default="")
    if raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}: expected a boolean (1/0, true/false), got {raw!r}")


def env_number(name: str, default: float, *, kind: type = int, minimum: float = 0) -> Any:
    raw = env.str(name, default="")
    if raw == "":
        return default
    try:
        value = kind(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}: expected a {kind.__name__}, got {raw!r}") from exc
    if value < minimum:
        raise ImproperlyConfigured(f"{name}: must be at least {minimum}, got {raw!r}")
    return value


def env_url(name: str, default: str, *, schemes: tuple[str, ...] = ("http", "https")) -> str:
    raw = env.str(name, default=default).strip()
    if raw == "":
        return ""
    parts = urlsplit(raw)
    if parts.scheme not in schemes or not parts.netloc:
        raise ImproperlyConfigured(f"{name}: expected a {'/'.join(schemes)} URL, got {raw!r}")
    return raw


def env_list(name: str) -> list[str]:
    return [item.strip() for item in env.str(name, default="").split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Under pytest the suite supplies its own secrets and hosts; nothing else turns this on.
TESTING = env_bool("CLAIMDESK_TESTING", "pytest" in sys.modules)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "claimdesk-insecure-development-key"  # noqa: S105 - local only
    elif env_bool("CLAIMDESK_EPHEMERAL_SECRET_KEY", False):
        # Set by manage.py for commands that sign nothing lasting (extract_claims, migrate,
        # makemigrations ...): a fresh random key, never a known one.
        SECRET_KEY = secrets.token_urlsafe(50)
    else:
        raise ImproperlyConfigured("SECRET_KEY: required when DEBUG is off")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or (
    ["127.0.0.1", "localhost", "testserver", "[::1]"] if (DEBUG or TESTING) else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

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
    "claims",
    "verification",
    "webhooks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers token-authenticated status polls before URL resolution (the API's hot path).
    "claims.api.polling.StatusPollingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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

DATABASE_URL = env.str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
if urlsplit(DATABASE_URL).scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
    raise ImproperlyConfigured(
        f"DATABASE_URL: expected sqlite:///path or postgres://..., got {DATABASE_URL!r}"
    )
try:
    DATABASES = {"default": env.db_url_config(DATABASE_URL)}
except Exception as exc:
    raise ImproperlyConfigured(f"DATABASE_URL: cannot parse {DATABASE_URL!r} ({exc})") from exc
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env_number("CONN_MAX_AGE", 60))
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite serialises writers; a busy timeout turns brief lock contention into a wait.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

if TESTING:
    # Hashing with PBKDF2 dominates test time; tests need working passwords, not slow ones.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

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
WHITENOISE_USE_FINDERS = DEBUG or TESTING or env_bool("WHITENOISE_USE_FINDERS", False)

LOGIN_URL = "admin:login"

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- Claimdesk: ingestion -------------------------------------------------------------
INGEST_MAX_BYTES = env_number("INGEST_MAX_BYTES", 1024 * 1024, minimum=1)
INGEST_FILE_MAX_BYTES = env_number("INGEST_FILE_MAX_BYTES", 10 * 1024 * 1024, minimum=1)
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="demo-password")

# --- Claimdesk: safe fetching ---------------------------------------------------------
FETCH_ALLOWED_PRIVATE_HOSTS = env_list("FETCH_ALLOWED_PRIVATE_HOSTS")


def _fetch_allow_list(entries: list[str]) -> list[str]:
    """Entries are ``host`` (every port) or ``host:port`` (that port only)."""
    from safefetch.address_rules import parse_allowed_host

    for entry in entries:
        try:
            parse_allowed_host(entry)
        except ValueError as exc:
            raise ImproperlyConfigured(f"FETCH_ALLOWED_PRIVATE_HOSTS: {exc}") from None
    return entries


def _port_list(name: str, default: list[int]) -> list[int]:
    items = env_list(name)
    if not items:
        return default
    ports = []
    for item in items:
        if not item.isdigit() or not 0 < int(item) < 65536:
            raise ImproperlyConfigured(f"{name}: expected ports 1-65535, got {item!r}")
        ports.append(int(item))
    return ports


FETCH_ALLOWED_PRIVATE_HOSTS = _fetch_allow_list(FETCH_ALLOWED_PRIVATE_HOSTS)
# Ports a public address may be fetched on; other services of a host stay out of reach.
FETCH_ALLOWED_PORTS = _port_list("FETCH_ALLOWED_PORTS", [80, 443, 8080, 8443])
FETCH_TIMEOUT = env_number("FETCH_TIMEOUT", 10.0, kind=float, minimum=0.1)
FETCH_MAX_BYTES = env_number("FETCH_MAX_BYTES", 5 * 1024 * 1024, minimum=1024)
FETCH_REFETCH_TTL = env_number("FETCH_REFETCH_TTL", 3600, minimum=0)
FETCH_USER_AGENT = env.str(
    "FETCH_USER_AGENT", default="Claimdesk/0.1 (claim verification; +https://claimdesk.example)"
)

# --- Claimdesk: providers (each on when its setting is) -------------------------------
WIKIPEDIA_API_URL = env_url("WIKIPEDIA_API_URL", "https://en.wikipedia.org/w/api.php")
FACTCHECK_API_KEY = env.str("FACTCHECK_API_KEY", default="")
FACTCHECK_API_URL = env_url(
    "FACTCHECK_API_URL", "https://factchecktools.googleapis.com/v1alpha1/claims:search"
)
WAYBACK_API_URL = env_url("WAYBACK_API_URL", "https://archive.org/wayback/available")
WAYBACK_SAVE_URL = env_url("WAYBACK_SAVE_URL", "https://web.archive.org/save/")
ARCHIVE_EVIDENCE = env_bool("ARCHIVE_EVIDENCE", False)
CHECK_ON_INGEST = env_bool("CHECK_ON_INGEST", False)

# --- Claimdesk: ClaimReview publisher -------------------------------------------------
CLAIMREVIEW_ORG_NAME = env.str("CLAIMREVIEW_ORG_NAME", default="Claimdesk")
CLAIMREVIEW_ORG_URL = env_url("CLAIMREVIEW_ORG_URL", "https://claimdesk.example/")
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000")

# --- Celery (DESIGN §6) ---------------------------------------------------------------
REDIS_URL = env_url("REDIS_URL", "", schemes=("redis", "rediss"))
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
CELERY_TASK_DEFAULT_QUEUE = "analyze"
CELERY_TASK_SOFT_TIME_LIMIT = env_number("CELERY_TASK_SOFT_TIME_LIMIT", 120, minimum=1)
CELERY_TASK_TIME_LIMIT = env_number("CELERY_TASK_TIME_LIMIT", 150, minimum=1)
CELERY_BROKER_VISIBILITY_TIMEOUT = env_number("CELERY_BROKER_VISIBILITY_TIMEOUT", 600, minimum=1)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CHECK_RUN_DEADLINE = env_number("CHECK_RUN_DEADLINE", 900, minimum=1)
if not (CELERY_TASK_SOFT_TIME_LIMIT < CELERY_TASK_TIME_LIMIT < CELERY_BROKER_VISIBILITY_TIMEOUT):
    raise ImproperlyConfigured(
        "CELERY_TASK_SOFT_TIME_LIMIT < CELERY_TASK_TIME_LIMIT < "
        "CELERY_BROKER_VISIBILITY_TIMEOUT must hold"
    )

# --- Celery: queues, routes, the sweep (verification pipeline) --------------------------
# Fetching and provider calls wait on the network (queue "fetch", run many per machine);
# matching is CPU-bound (queue "analyze", one per core). See docs/operations.md.
CELERY_TASK_ROUTES: dict[str, dict[str, str]] = {
    "verification.tasks.check_fetch": {"queue": "fetch"},
    "verification.tasks.check_archive": {"queue": "fetch"},
    "verification.tasks.check_analyze": {"queue": "analyze"},
    "verification.tasks.sweep_checks": {"queue": "analyze"},
}
CELERY_TASK_IGNORE_RESULT = True
# A request must not hang on a dead broker: fail fast, keep the run queued, let the sweep
# publish it later.
CELERY_BROKER_CONNECTION_TIMEOUT = env_number(
    "CELERY_BROKER_CONNECTION_TIMEOUT", 2.0, kind=float, minimum=0.1
)
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.25,
    "interval_max": 0.5,
}
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CHECK_RUN_MAX_ATTEMPTS = env_number("CHECK_RUN_MAX_ATTEMPTS", 3, minimum=1)
CHECK_FETCH_MAX_RETRIES = env_number("CHECK_FETCH_MAX_RETRIES", 5, minimum=0)
# Backoff between retries; kept below the visibility timeout, or Redis would hand the
# delayed message to a second worker while the first still holds it.
CHECK_RETRY_BACKOFF_MAX = env_number("CHECK_RETRY_BACKOFF_MAX", 120, minimum=1)
CHECK_QUEUED_STALE_AFTER = env_number("CHECK_QUEUED_STALE_AFTER", 300, minimum=1)
CHECK_SWEEP_INTERVAL = env_number("CHECK_SWEEP_INTERVAL", 60.0, kind=float, minimum=1)
CHECK_MAX_SOURCES = env_number("CHECK_MAX_SOURCES", 10, minimum=1)
CELERY_BEAT_SCHEDULE = {
    "sweep-checks": {
        "task": "verification.tasks.sweep_checks",
        "schedule": CHECK_SWEEP_INTERVAL,
        "options": {"queue": "analyze", "expires": CHECK_SWEEP_INTERVAL},
    }
}
if CHECK_RETRY_BACKOFF_MAX >= CELERY_BROKER_VISIBILITY_TIMEOUT:
    raise ImproperlyConfigured(
        "CHECK_RETRY_BACKOFF_MAX must be below CELERY_BROKER_VISIBILITY_TIMEOUT"
    )
# A stage still running this long after it started lost its worker (the hard time limit
# ends a live one sooner): the sweep queues it again, well before the visibility timeout.
CHECK_STAGE_DEADLINE = env_number("CHECK_STAGE_DEADLINE", CELERY_TASK_TIME_LIMIT + 30, minimum=1)
if not CELERY_TASK_TIME_LIMIT < CHECK_STAGE_DEADLINE:
    raise ImproperlyConfigured(
        "CHECK_STAGE_DEADLINE must be above CELERY_TASK_TIME_LIMIT, or the sweep would take "
        "over stages that are still running"
    )
if CHECK_RUN_DEADLINE <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        "CHECK_RUN_DEADLINE must be above CELERY_TASK_TIME_LIMIT, or the sweep would take "
        "over checks that are still running"
    )

# --- Logging --------------------------------------------------------------------------
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

# --- REST framework -------------------------------------------------------------------
REST_FRAMEWORK: dict[str, Any] = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="120/min"),
        "user": env.str("API_THROTTLE_USER", default="6000/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Claimdesk API",
    "DESCRIPTION": "Claims, evidence, review workflow and ClaimReview publishing.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# --- REST API (additions) -------------------------------------------------------------
# Rates are read per request from these settings, so tests and operators can change them.
API_THROTTLE_ANON = REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]
API_THROTTLE_USER = REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["user"]
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
    "claims.api.throttling.AnonThrottle",
    "claims.api.throttling.UserThrottle",
]
REST_FRAMEWORK["EXCEPTION_HANDLER"] = "claims.api.errors.api_exception_handler"
REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"] = "claims.api.pagination.ClaimdeskPagination"
REST_FRAMEWORK["PAGE_SIZE"] = 50
REST_FRAMEWORK["TEST_REQUEST_DEFAULT_FORMAT"] = "json"
# A request body larger than this is refused with 413 before it is parsed; the article
# text itself is limited by INGEST_MAX_BYTES (JSON escaping can make the body larger).
API_MAX_REQUEST_BYTES = env_number(
    "API_MAX_REQUEST_BYTES", max(INGEST_MAX_BYTES * 8, 1024 * 1024), minimum=1024
)
DATA_UPLOAD_MAX_MEMORY_SIZE = max(API_MAX_REQUEST_BYTES, 2621440)
# Seconds a token's user is remembered between requests (0 disables the cache).
API_TOKEN_CACHE_SECONDS = env_number("API_TOKEN_CACHE_SECONDS", 30, minimum=0)
# Status polling runs a prepared statement per connection on PostgreSQL; turn it off
# behind a pooler that hands each transaction another server connection.
API_STATUS_PREPARED = env_bool("API_STATUS_PREPARED", True)
# With REDIS_URL, status answers are cached in Redis this many seconds (claims/status_cache.py;
# 0 makes polls read the database, writes still invalidate). Keys start with the prefix.
STATUS_CACHE_SECONDS = env_number("STATUS_CACHE_SECONDS", 300, minimum=0)
STATUS_CACHE_PREFIX = env.str("STATUS_CACHE_PREFIX", default="claimdesk:")
SPECTACULAR_SETTINGS["COMPONENT_SPLIT_REQUEST"] = True
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    "ClaimStatusEnum": "claims.models.ClaimStatus",
    "VerdictEnum": "claims.models.Verdict",
    "ClaimKindEnum": "claims.models.ClaimKind",
    "QualifierEnum": "claims.models.Qualifier",
    "RunStateEnum": "verification.models.CheckState",
    "FetchStatusEnum": "verification.models.FetchStatus",
    "StanceEnum": "verification.models.Stance",
}

# --- Webhooks -------------------------------------------------------------------------
WEBHOOK_TIMEOUT = env_number("WEBHOOK_TIMEOUT", 10.0, kind=float, minimum=0.1)
WEBHOOK_MAX_RETRIES = env_number("WEBHOOK_MAX_RETRIES", 6, minimum=0)

# --- Sweep of imports and webhook deliveries whose task message is lost ------------------
# Queued imports and pending deliveries this old are published again (the broker was down);
# a retrying delivery with no attempt for WEBHOOK_RETRY_DEADLINE seconds (above the longest
# backoff, an hour) lost its scheduled retry.
IMPORT_QUEUED_STALE_AFTER = env_number("IMPORT_QUEUED_STALE_AFTER", 300, minimum=1)
# An import still running this long after a worker took it lost its worker: the task's hard
# time limit ends any live one sooner.
IMPORT_RUNNING_DEADLINE = env_number(
    "IMPORT_RUNNING_DEADLINE", CELERY_TASK_TIME_LIMIT + 30, minimum=1
)
if IMPORT_RUNNING_DEADLINE <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        "IMPORT_RUNNING_DEADLINE must be above CELERY_TASK_TIME_LIMIT, or the sweep would "
        "take over imports that are still running"
    )
WEBHOOK_QUEUED_STALE_AFTER = env_number("WEBHOOK_QUEUED_STALE_AFTER", 300, minimum=1)
WEBHOOK_RETRY_DEADLINE = env_number("WEBHOOK_RETRY_DEADLINE", 7200, minimum=3601)
CELERY_BEAT_SCHEDULE["sweep-imports-and-webhooks"] = {
    "task": "claims.tasks.sweep_imports_and_webhooks",
    "schedule": CHECK_SWEEP_INTERVAL,
    "options": {"queue": "analyze", "expires": CHECK_SWEEP_INTERVAL},
}
CELERY_TASK_ROUTES["claims.tasks.sweep_imports_and_webhooks"] = {"queue": "analyze"}
REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    "claims.api.authentication.CachedTokenAuthentication",
    "rest_framework.authentication.SessionAuthentication",
]
REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"] = "claims.api.schema.ClaimdeskAutoSchema"
