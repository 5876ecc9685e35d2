"""Claims rendered for people: status badges, figures, and claims highlighted in their text.

Everything here escapes the article's own text (which is untrusted: a ``<script>`` in an
article must stay text) and adds only markup built with ``format_html``.
"""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from claims.models import Article, Claim, ClaimKind, ClaimStatus

#: What the history calls each event; workflow actions use their button's label.
EVENT_LABELS: dict[str, str] = {
    "extracted": "Extracted from the article",
    "note": "Note",
    "source_added": "Source added",
    "check_requested": "Check requested",
    "check_finished": "Check finished",
}


def event_label(action: str) -> str:
    """A history row's action in words ("Start review", not ``start_review``)."""
    from claims.workflow import ACTIONS

    if action in ACTIONS:
        return ACTIONS[action].label
    return EVENT_LABELS.get(action, action.replace("_", " ").capitalize())


def status_label(status: str) -> str:
    return ClaimStatus(status).label if status in ClaimStatus.values else status


def status_badge(status: str) -> SafeString:
    label = ClaimStatus(status).label if status in ClaimStatus.values else status
    return format_html('<span class="cd-badge cd-status-{}">{}</span>', status, label)


def claim_figure(claim: Claim) -> SafeString:
    """The figure (qualifier, value, unit or currency) or the quote and its speaker."""
    if claim.kind == ClaimKind.QUOTE:
        quote = claim.quote if len(claim.quote) <= 120 else claim.quote[:117] + "…"
        if claim.speaker:
            return format_html("“{}” — <em>{}</em>", quote, claim.speaker)
        return format_html("“{}”", quote)
    return format_html("{}", claim.summary)


def _highlight_spans(text: str, spans: list[tuple[int, int, SafeString, SafeString]]) -> str:
    """Escape ``text`` and wrap each (start, end, open_tag, close_tag) span, skipping overlaps.

    Spans come from offsets stored at extraction time; any that fall outside the text or
    overlap an earlier span are left out rather than producing broken markup.
    """
    pieces: list[str] = []
    cursor = 0
    for start, end, open_tag, close_tag in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < cursor or end > len(text) or start >= end:
            continue
        pieces.append(conditional_escape(text[cursor:start]))
        pieces.append(open_tag + conditional_escape(text[start:end]) + close_tag)
        cursor = end
    pieces.append(conditional_escape(text[cursor:]))
    return "".join(pieces)


def claim_in_context(claim: Claim, text: str) -> SafeString:
    """The claim's sentence highlighted inside its paragraph, the figure itself in bold."""
    if not (0 <= claim.start <= claim.end <= len(text)):
        return format_html('<p class="cd-context"><mark>{}</mark></p>', claim.text)
    para_start = text.rfind("\n", 0, claim.start) + 1
    para_end = text.find("\n", claim.end)
    para_end = len(text) if para_end == -1 else para_end
    sentence = _highlight_spans(text[claim.start : claim.end], _figure_span(claim))
    body = (
        conditional_escape(text[para_start : claim.start])
        + format_html('<mark class="cd-sentence">{}</mark>', mark_safe(sentence))  # noqa: S308
        + conditional_escape(text[claim.end : para_end])
    )
    return format_html('<p class="cd-context">{}</p>', mark_safe(body))  # noqa: S308


def _figure_span(claim: Claim) -> list[tuple[int, int, SafeString, SafeString]]:
    if claim.span_start is None or claim.span_end is None:
        return []
    if not (claim.start <= claim.span_start < claim.span_end <= claim.end):
        return []
    return [
        (
            claim.span_start - claim.start,
            claim.span_end - claim.start,
            mark_safe("<strong>"),
            mark_safe("</strong>"),
        )
    ]


def article_with_claims(article: Article, claims: list[Claim]) -> SafeString:
    """The article text with each claim's figure or quote linked and coloured by status."""
    spans = []
    for claim in claims:
        start, end = claim.start, claim.end
        if claim.span_start is not None and claim.span_end is not None:
            start, end = claim.span_start, claim.span_end
        url = reverse("admin:claims_claim_change", args=[claim.pk])
        open_tag = format_html(
            '<a class="cd-hl cd-status-{}" href="{}" title="#{} {}">',
            claim.status,
            url,
            claim.pk,
            ClaimStatus(claim.status).label,
        )
        spans.append((start, end, open_tag, mark_safe("</a>")))
    body = _highlight_spans(article.text, spans)
    return format_html('<div class="cd-article-text">{}</div>', mark_safe(body))  # noqa: S308


_WORD = re.compile(r"(\w+)")
_STOPWORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "that",
        "with",
        "were",
        "was",
        "are",
        "from",
        "this",
        "have",
        "has",
        "had",
        "said",
        "not",
        "but",
        "into",
        "than",
        "their",
        "they",
        "them",
        "its",
        "his",
        "her",
        "who",
        "which",
        "when",
        "what",
        "where",
        "will",
        "would",
        "been",
        "more",
        "over",
    ]
)


def passage_with_matches(passage: str, claim: Claim, found_value: Any) -> SafeString:
    """The evidence passage with the words it shares with the claim highlighted."""
    terms = {w.lower() for w in _WORD.findall(claim.text) if len(w) > 2}
    terms -= _STOPWORDS
    if found_value is not None:
        terms |= set(_WORD.findall(f"{found_value.normalize():f}"))
    pieces = []
    for piece in _WORD.split(passage):
        if piece and piece.lower() in terms:
            pieces.append(format_html("<mark>{}</mark>", piece))
        else:
            pieces.append(conditional_escape(piece))
    return mark_safe("".join(pieces))  # noqa: S308


def claim_words(claim: Claim) -> str:
    """The figure or quotation as the article wrote it ("over $500 million"), not normalised.

    The figure's span lies inside the sentence, so the sentence (``claim.text``) is enough:
    the article's full text is never needed for a list row.
    """
    if claim.kind == ClaimKind.QUOTE and claim.quote:
        return claim.quote
    if claim.span_start is not None and claim.span_end is not None:
        begin, end = claim.span_start - claim.start, claim.span_end - claim.start
        if 0 <= begin < end <= len(claim.text):
            return claim.text[begin:end]
    return claim.summary


def claim_sentence(claim: Claim, width: int = 160) -> SafeString:
    """The claim's sentence, its figure in bold, shortened around the figure to ``width``.

    What a list row shows: the article's own words, so "over $500 million" reads as the
    article put it, with enough of the sentence to tell two similar claims apart.
    """
    text = claim.text
    spans = _figure_span(claim)
    if claim.kind == ClaimKind.QUOTE and claim.speaker:
        suffix = format_html(' <span class="cd-muted">— {}</span>', claim.speaker)
    else:
        suffix = mark_safe("")
    if len(text) <= width:
        body = _highlight_spans(text, spans)
        return format_html('<span class="cd-sentence-cell">{}</span>{}', mark_safe(body), suffix)  # noqa: S308
    focus = spans[0][0] if spans else 0
    start = max(0, min(focus - width // 3, len(text) - width))
    end = start + width
    shifted = [(a - start, b - start, o, c) for a, b, o, c in spans if a >= start and b <= end]
    body = _highlight_spans(text[start:end], shifted)
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    return format_html(
        '<span class="cd-sentence-cell" title="{}">{}{}{}</span>{}',
        text,
        lead,
        mark_safe(body),  # noqa: S308
        tail,
        suffix,
    )


def claim_age(claim: Claim, now: Any = None) -> str:
    """How long ago the claim was extracted, short enough for a column ("5 min", "3 d")."""
    from django.utils import timezone

    seconds = max(0, int(((now or timezone.now()) - claim.created_at).total_seconds()))
    for size, unit in ((86400 * 365, "y"), (86400 * 30, "mo"), (86400, "d"), (3600, "h")):
        if seconds >= size:
            return f"{seconds // size} {unit}"
    return f"{seconds // 60} min"


def checkworthiness_meter(claim: Claim) -> SafeString:
    """Check-worthiness as a percentage with a small bar, so a column scans at a glance.

    The bar is an SVG rectangle sized by attribute, not an inline style, which the pages'
    Content-Security-Policy refuses.
    """
    percent = round(claim.checkworthiness * 100)
    return format_html(
        '<span class="cd-worth" title="check-worthiness {}%"><svg class="cd-worth-bar" '
        'viewBox="0 0 100 14" preserveAspectRatio="none" aria-hidden="true">'
        '<rect width="{}" height="14"/></svg><span class="cd-worth-n">{}</span></span>',
        percent,
        percent,
        percent,
    )
