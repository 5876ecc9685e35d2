"""Admin for webhook subscriptions (editable) and deliveries (a read-only log)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEvent, WebhookSubscription


class WebhookSubscriptionForm(forms.ModelForm[WebhookSubscription]):
    events = forms.MultipleChoiceField(
        choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple, required=True
    )

    class Meta:
        model = WebhookSubscription
        fields = ("name", "url", "secret", "events", "active")


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin[WebhookSubscription]):
    form = WebhookSubscriptionForm
    list_display = ("__str__", "url", "event_list", "active", "created_at")
    list_filter = ("active",)
    search_fields = ("name", "url")

    @admin.display(description="events")
    def event_list(self, obj: WebhookSubscription) -> str:
        return ", ".join(obj.events or [])


class WebhookAttemptInline(admin.TabularInline[WebhookAttempt, WebhookDelivery]):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    fields = ("number", "response_status", "transient", "error", "duration_ms", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin[WebhookDelivery]):
    """The log of what was sent and what came back; rows are written by the task only."""

    list_display = (
        "id",
        "event",
        "subscription",
        "state",
        "attempts",
        "response_status",
        "created_at",
        "delivered_at",
    )
    list_filter = ("state", "event")
    list_select_related = ("subscription",)
    search_fields = ("id", "subscription__url")
    date_hierarchy = "created_at"
    inlines = (WebhookAttemptInline,)
    readonly_fields = (
        "id",
        "subscription",
        "event",
        "state",
        "attempts",
        "response_status",
        "error",
        "body",
        "created_at",
        "delivered_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
