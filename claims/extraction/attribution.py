"""Who says what: quote claims with their speaker, and the speaker of each figure.

One pass over the sentences in document order, so that a pronoun resolves
to the people mentioned *before* it. For each sentence: the quotations that
open in it get their speaker from their own sentence(s); every attribution
verb in the sentence is resolved (and remembered, so that a later "he said"
can refer to someone only paraphrased so far); then its figures get a
speaker. A figure inside a quotation belongs to the quote's speaker; any
other figure to the attribution of its own sentence ("..., police said",
"according to the ministry"), the one nearest the figure.

A quote with no attribution of its own continues the last speaker when it
follows within two sentences, as in a statement quoted over several
sentences or paragraphs. A quote split by its attribution ("We will
appeal," she said, "and we will win.") is one quote claim.
"""

from __future__ import annotations

from bisect import bisect_right

from claims.extraction.checkworthiness import quote_score
from claims.extraction.quotes import QuoteSpan, group_split_quotes, is_claim, quote_words
from claims.extraction.speakers import Speaker, SpeakerTracker
from claims.extraction.types import QUOTE, ClaimCandidate

_CONTINUATION_SENTENCES = 2


def attribute(
    text: str,
    spans: list[tuple[int, int]],
    quotes: list[QuoteSpan],
    figures: list[ClaimCandidate],
    *,
    with_quotes: bool,
) -> list[ClaimCandidate]:
    """The figures with their speakers, plus (``with_quotes``) the quote claims."""
    if not spans or (not figures and not (with_quotes and quotes)):
        return list(figures)
    tracker = SpeakerTracker(text, quotes, spans)
    starts = [start for start, _ in spans]
    groups = group_split_quotes(text, quotes)
    group_of_quote = {id(q): g for g, group in enumerate(groups) for q in group}
    group_speakers: dict[int, Speaker | None] = {}
    quote_starts = [q.start for q in quotes]
    claims: list[ClaimCandidate] = []
    figure_cursor = 0
    group_cursor = 0
    last_quote: tuple[int, Speaker] | None = None
    for index, (start, end) in enumerate(spans):
        while group_cursor < len(groups) and groups[group_cursor][0].start < end:
            group = groups[group_cursor]
            speaker, claim = _quote_group(text, spans, starts, tracker, group, index, last_quote)
            group_speakers[group_cursor] = speaker
            if speaker is not None:
                last_quote = (_last_sentence(starts, group[-1].end), speaker)
            if claim is not None and with_quotes:
                claims.append(claim)
            group_cursor += 1
        attributions: list[tuple[int, Speaker]] | None = None
        while figure_cursor < len(figures) and figures[figure_cursor].start < end:
            figure = figures[figure_cursor]
            figure_cursor += 1
            slot = bisect_right(quote_starts, figure.figure_start) - 1
            if slot >= 0 and quotes[slot].start <= figure.figure_start < quotes[slot].end:
                speaker = group_speakers.get(group_of_quote[id(quotes[slot])])
            else:
                if attributions is None:
                    attributions = tracker.sentence(start, end, index)
                speaker = _closing(text, attributions, figure.figure_start, end) or _nearest(
                    attributions, figure.figure_start
                )
            claims.append(_with_speaker(figure, speaker.name) if speaker else figure)
        if attributions is None:
            tracker.sentence(start, end, index)
    claims.extend(figures[figure_cursor:])
    return claims


def _quote_group(
    text: str,
    spans: list[tuple[int, int]],
    starts: list[int],
    tracker: SpeakerTracker,
    group: list[QuoteSpan],
    index: int,
    last_quote: tuple[int, Speaker] | None,
) -> tuple[Speaker | None, ClaimCandidate | None]:
    first_quote, last = group[0], group[-1]
    first = max(0, bisect_right(starts, first_quote.start) - 1)
    final = _last_sentence(starts, last.end)
    start = min(spans[first][0], first_quote.start)
    end = max(spans[final][1], last.end)
    speaker = tracker.quote(start, end, first_quote.start, last.end)
    if speaker is None:
        speaker = _continued(text, first_quote, first, last_quote, tracker)
    words = " ".join(
        [*(text[q.inner_start : q.inner_end].strip() for q in group[:-1]), quote_words(text, last)]
    )
    if not any(is_claim(q, text) for q in group) and not is_claim_words(words):
        return speaker, None
    name = speaker.name if speaker else None
    claim = ClaimCandidate(
        kind=QUOTE,
        text=text[start:end],
        start=start,
        end=end,
        quote=words,
        speaker=name,
        checkworthiness=quote_score(words, name),
        figure_start=first_quote.start,
        figure_end=last.end,
    )
    return speaker, claim


def is_claim_words(words: str) -> bool:
    return len(words.split()) >= 4


def _continued(
    text: str,
    quote: QuoteSpan,
    sentence_index: int,
    last_quote: tuple[int, Speaker] | None,
    tracker: SpeakerTracker,
) -> Speaker | None:
    """The speaker a quote with no attribution of its own continues, if any.

    The last quote's speaker within two sentences; for a quote that opens a
    paragraph, also the last attributed sentence ("X said in a statement on
    Sunday that ..." followed by the statement's paragraphs in quotes).
    """
    candidates: list[tuple[int, Speaker]] = []
    if last_quote is not None:
        candidates.append(last_quote)
    line_start = text.rfind("\n", 0, quote.start) + 1
    if not text[line_start : quote.start].strip() and tracker.last_attribution is not None:
        candidates.append(tracker.last_attribution)
    for previous_index, speaker in sorted(candidates, key=lambda c: c[0], reverse=True):
        if sentence_index - previous_index <= _CONTINUATION_SENTENCES:
            return speaker
    return None


def _with_speaker(claim: ClaimCandidate, speaker: str) -> ClaimCandidate:
    """``dataclasses.replace(claim, speaker=speaker)``, without its per-call introspection."""
    return ClaimCandidate(
        claim.kind,
        claim.text,
        claim.start,
        claim.end,
        claim.value,
        claim.qualifier,
        claim.unit,
        claim.currency,
        claim.quote,
        speaker,
        claim.checkworthiness,
        claim.figure_start,
        claim.figure_end,
    )


def _last_sentence(starts: list[int], position: int) -> int:
    return max(0, bisect_right(starts, position - 1) - 1)


def _closing(
    text: str, attributions: list[tuple[int, Speaker]], position: int, end: int
) -> Speaker | None:
    """The source that closes the sentence after a comma ("..., the agency said today."):
    it gives every figure before it, over a verb inside the reported words ("the United
    States promised $100,000 ..., the agency said")."""
    if len(attributions) < 2:
        return None
    verb, speaker = attributions[-1]
    if verb < position:
        return None
    comma = text.rfind(",", 0, verb)
    if comma < position or len(text[comma:verb].split()) > 12:
        return None
    if any(comma < other < verb for other, _ in attributions[:-1]):
        return None  # "..., according to official estimates": one attribution, not two
    if len(text[verb:end].split()) > 4:
        return None
    return speaker


def _nearest(attributions: list[tuple[int, Speaker]], position: int) -> Speaker | None:
    if not attributions:
        return None
    return min(attributions, key=lambda a: abs(a[0] - position))[1]
