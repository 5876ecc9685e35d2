"""Monitored RSS/Atom feeds and the entries seen in them (DESIGN §12)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from claims.models import Article, ArticleImport


class Feed(models.Model):
    """A feed polled every ``poll_interval`` seconds while ``active``.

    ``etag`` / ``last_modified`` are the validators of the last answer (conditional GET).
    A failing feed keeps ``last_error``, counts ``failures`` and is polled again at
    ``next_poll_at``, which backs off exponentially; a success resets both.
    """

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=500, blank=True)
    active = models.BooleanField(default=True)
    poll_interval = models.PositiveIntegerField(
        default=900, validators=[MinValueValidator(60)], help_text="Seconds between polls."
    )
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    failures = models.PositiveIntegerField(default=0, editable=False)
    next_poll_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ("title", "id")
        indexes = [models.Index(fields=["active", "next_poll_at"], name="feed_due_idx")]

    def __str__(self) -> str:
        return self.title or self.url


class FeedEntry(models.Model):
    """An entry seen in a feed; ``key`` (hash of its id or link) makes a repeat a no-op.

    The entry points at the import its link became, or straight at the article when the
    desk already had that URL; ``error`` says why a link was refused.
    """

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="entries")
    key = models.CharField(max_length=64)
    link = models.CharField(max_length=2000)
    title = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    article_import = models.ForeignKey(
        ArticleImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name_plural = "feed entries"
        constraints = [models.UniqueConstraint(fields=["feed", "key"], name="feedentry_unique_key")]

    def __str__(self) -> str:
        return self.title or self.link
