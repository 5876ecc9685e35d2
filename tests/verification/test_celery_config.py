"""The Celery settings that keep checks from being lost, read from the app's own conf."""

from __future__ import annotations

import logging

import pytest

from config.celery import app


def test_reliability_settings_reach_the_app():
    conf = app.conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_serializer == "json" and list(conf.accept_content) == ["json"]


def test_time_limits_below_visibility_timeout():
    conf = app.conf
    visibility = conf.broker_transport_options["visibility_timeout"]
    assert conf.task_soft_time_limit < conf.task_time_limit < visibility


def test_retry_backoff_below_visibility_timeout():
    from verification.tasks import check_fetch

    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert check_fetch.retry_backoff is True and check_fetch.retry_jitter is True
    assert check_fetch.retry_backoff_max < visibility
    assert check_fetch.max_retries >= 1


def test_queues_and_routes():
    from verification.tasks import check_analyze, check_archive, check_fetch, sweep_checks

    assert {q.name for q in app.conf.task_queues} == {"fetch", "analyze"}
    router = app.amqp.router
    assert router.route({}, check_fetch.name)["queue"].name == "fetch"
    assert router.route({}, check_archive.name)["queue"].name == "fetch"
    assert router.route({}, check_analyze.name)["queue"].name == "analyze"
    assert router.route({}, sweep_checks.name)["queue"].name == "analyze"


def test_only_named_transient_errors_are_retried():
    from kombu.exceptions import OperationalError

    from safefetch.fetch import FetchTransientError
    from verification.providers.base import ProviderRateLimited
    from verification.tasks import check_analyze, check_fetch

    assert set(check_fetch.autoretry_for) == {
        FetchTransientError,
        ProviderRateLimited,
        OperationalError,
    }
    assert not getattr(check_analyze, "autoretry_for", ())


def test_beat_runs_the_sweep():
    entry = app.conf.beat_schedule["sweep-checks"]
    assert entry["task"] == "verification.tasks.sweep_checks"
    assert entry["schedule"] > 0


def test_settings_refuse_time_limits_above_visibility(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import config.settings as settings_module

    monkeypatch.setenv("CELERY_TASK_TIME_LIMIT", "900")
    with pytest.raises(ImproperlyConfigured, match="VISIBILITY_TIMEOUT"):
        importlib.reload(settings_module)
    monkeypatch.delenv("CELERY_TASK_TIME_LIMIT")
    importlib.reload(settings_module)


def test_inline_mode_is_announced_once(settings, caplog):
    import config.celery as celery_module

    settings.REDIS_URL = ""
    celery_module._announced = False
    with caplog.at_level(logging.INFO, logger="claimdesk.tasks"):
        celery_module.announce_task_mode()
        celery_module.announce_task_mode()
    lines = [r.getMessage() for r in caplog.records if r.name == "claimdesk.tasks"]
    assert lines == ["REDIS_URL is not set: background tasks run inline in the web process"]


def test_broker_url_is_logged_without_password(settings, caplog):
    import config.celery as celery_module

    settings.REDIS_URL = "redis://:s3cret@redis.internal:6379/0"
    celery_module._announced = False
    with caplog.at_level(logging.INFO, logger="claimdesk.tasks"):
        celery_module.announce_task_mode()
    assert "s3cret" not in caplog.text and "redis.internal" in caplog.text
