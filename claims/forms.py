"""Forms behind the desk's buttons: they parse input; the workflow decides what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms

from claims.documents import normalise_text
from claims.models import Article, Verdict
from claims.selectors import desk_members
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
        return text
