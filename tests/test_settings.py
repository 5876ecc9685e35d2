"""Settings fail loudly, naming the variable, and the Celery settings that matter hold."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]


def _load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    clean.update({"CLAIMDESK_TESTING": "0", "SECRET_KEY": "x" * 50, **env})
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"FETCH_TIMEOUT": "ten"}, "FETCH_TIMEOUT"),
        ({"FETCH_MAX_BYTES": "-5"}, "FETCH_MAX_BYTES"),
        ({"REDIS_URL": "localhost:6379"}, "REDIS_URL"),
        ({"WIKIPEDIA_API_URL": "ftp://wiki"}, "WIKIPEDIA_API_URL"),
        ({"SECRET_KEY": "", "DEBUG": "0"}, "SECRET_KEY"),
        ({"DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL"),
        ({"CELERY_TASK_TIME_LIMIT": "5000"}, "CELERY_TASK_SOFT_TIME_LIMIT"),
        ({"FETCH_ALLOWED_PORTS": "80,http"}, "FETCH_ALLOWED_PORTS"),
        ({"FETCH_ALLOWED_PORTS": "0"}, "FETCH_ALLOWED_PORTS"),
        ({"FETCH_ALLOWED_PRIVATE_HOSTS": "127.0.0.1:redis"}, "FETCH_ALLOWED_PRIVATE_HOSTS"),
        ({"FETCH_ALLOWED_PRIVATE_HOSTS": "[::1"}, "FETCH_ALLOWED_PRIVATE_HOSTS"),
    ],
)
def test_bad_values_stop_the_start_with_the_variable_named(env, named):
    result = _load_settings(**env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr.splitlines()[-1]


def test_good_configuration_starts():
    result = _load_settings(DEBUG="0", ALLOWED_HOSTS="claims.example")
    assert result.returncode == 0, result.stderr


def test_celery_reliability_settings_hold():
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert settings.CELERY_ACCEPT_CONTENT == ["json"]
    assert (
        settings.CELERY_TASK_SOFT_TIME_LIMIT
        < settings.CELERY_TASK_TIME_LIMIT
        < settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    )


def _manage(*args: str, **env_overrides: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.pop("CLAIMDESK_EPHEMERAL_SECRET_KEY", None)
    env.update({"CLAIMDESK_TESTING": "0", "DEBUG": "0", "SECRET_KEY": "", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_serving_without_a_secret_key_is_refused_in_one_line():
    result = _manage("runserver", "--noreload", "127.0.0.1:0")

    assert result.returncode == 2
    assert "Configuration error: SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_value_is_reported_in_one_line_by_any_command():
    result = _manage("check", FETCH_TIMEOUT="ten")

    assert result.returncode == 2
    assert "Configuration error: FETCH_TIMEOUT" in result.stderr
    assert "Traceback" not in result.stderr


def test_offline_commands_run_without_a_secret_key():
    sample = ROOT / "claims" / "sample" / "peshawar_2014.txt"
    result = _manage("extract_claims", str(sample), "--format", "json")

    assert result.returncode == 0, result.stderr
    assert '"kind": "casualty_count"' in result.stdout


def test_test_mode_comes_from_the_test_configuration():
    # pyproject.toml's pytest `env` sets it before Django reads the settings.
    assert os.environ["CLAIMDESK_TESTING"] == "1"
    assert settings.TESTING is True
    result = _load_settings(CLAIMDESK_TESTING="0", SECRET_KEY="", DEBUG="0")
    assert "SECRET_KEY" in result.stderr.splitlines()[-1]


def _documented_production_env() -> dict[str, str]:
    """The environment block of docs/operations.md's deployment checklist."""
    text = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    block = text.split("<!-- production-env -->", 2)[1]
    env: dict[str, str] = {}
    for line in block.splitlines():
        line = line.strip()
        if "=" in line and not line.startswith(("#", "`")):
            name, value = line.removeprefix("export ").split("=", 1)
            env[name.strip()] = value.strip().strip("'\"")
    return env


def test_check_deploy_is_silent_with_the_documented_production_environment():
    env = _documented_production_env()
    assert {"SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER"} <= set(env)
    env["SECRET_KEY"] = "a-long-random-production-like-secret-" + "k7Qx9" * 10
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    base.pop("CLAIMDESK_EPHEMERAL_SECRET_KEY", None)
    base.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' process only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**base, "CLAIMDESK_TESTING": "0", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout, result.stdout


def test_without_the_https_settings_check_deploy_still_warns():
    result = _manage("check", "--deploy", SECRET_KEY="b" * 60, ALLOWED_HOSTS="claims.example")
    assert "security.W004" in result.stderr + result.stdout


def test_the_proxy_ssl_header_setting_is_parsed_strictly():
    bad = _load_settings(SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")
    assert bad.returncode != 0 and "SECURE_PROXY_SSL_HEADER" in bad.stderr.splitlines()[-1]
    from config.environment import proxy_ssl_header

    assert proxy_ssl_header("X-Forwarded-Proto: https") == ("HTTP_X_FORWARDED_PROTO", "https")
    assert proxy_ssl_header("HTTP_X_FORWARDED_PROTO,https") == ("HTTP_X_FORWARDED_PROTO", "https")


def test_pages_carry_the_content_security_policy(client):
    response = client.get("/admin/login/")
    # The directives' order is not fixed: read them as a mapping.
    directives = dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["script-src"] == "'self'"  # no inline scripts, no other origin
