"""Forms behind the desk's buttons: they parse input; the workflow decides what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.html import format_html

from claims.documents import normalise_text
from claims.models import Article, Verdict
from claims.selectors import article_with_text, desk_members
from claims.services import article_text_validate
from claims.workflow import ACTIONS, NOTE_MAX_LENGTH


class TransitionForm(forms.Form):
    """What a workflow button posts; the workflow, not this form, decides what is allowed."""

    action = forms.ChoiceField(choices=[(a.name, a.label) for a in ACTIONS.values()])
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    verdict = forms.ChoiceField(
        choices=[("", "— choose a verdict —"), *Verdict.choices], required=False
    )
    note = forms.CharField(
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )
    assignee = forms.ModelChoiceField(queryset=desk_members(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = desk_members()  # type: ignore[attr-defined]


class NoteForm(forms.Form):
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    note = forms.CharField(max_length=NOTE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2}))


class SourceForm(forms.Form):
    url = forms.CharField(required=False, max_length=2000)
    check = forms.CharField(required=False)


class ArticleForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Article
        fields = ("title", "url", "publisher", "author", "published_at", "text")

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        article_text_validate(normalise_text(text))
        existing = article_with_text(text)
        if existing is not None:
            # Ingest would quietly return the earlier article: say so, and where it is.
            raise forms.ValidationError(
                format_html(
                    'This text is already in Claimdesk as <a href="{}" id="existing-article">{}</a>'
                    " (added {}). Nothing new was added.",
                    reverse("admin:claims_article_change", args=[existing.pk]),
                    existing.title,
                    existing.created_at.strftime("%Y-%m-%d"),
                ),
                code="duplicate",
            )
        return text


class ArticleMetadataForm(forms.ModelForm):  # type: ignore[type-arg]
    """An article after ingest: its metadata may be corrected, its text may not."""

    class Meta:
        model = Article
        fields = ("title", "url", "publisher", "author", "published_at")
