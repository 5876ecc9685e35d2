"""Attribute a quotation to a speaker.

Attribution is looked for in the quote's own sentence(s), with the quoted
words blanked out so that names inside the quote are never taken: "X said",
"X, a spokesman, said", "said X", "according to X", "X said:" and the other
verbs in ``lexicon.SPEECH_VERBS``. When several verbs appear, the one
nearest the quotation wins.

Names are stripped of titles by keeping the capitalised words after the last
title or portfolio word ("Foreign Ministry spokesperson Qin Gang" ->
"Qin Gang", "Adviser to the Prime Minister on National Security and Foreign
Affairs Sartaj Aziz" -> "Sartaj Aziz"). A run that ends in an organisation
word is an organisation and is kept whole, minus a leading possessive
("Pakistan's Inter-Service Public Relations" -> "Inter-Service Public
Relations"). "he"/"she" resolve to the last person named (as a speaker or
after a title) before the quote, "it"/"they" to the last organisation; a
bare surname resolves to the full name seen earlier. A quote with no
attribution of its own continues the previous quote's speaker when it
follows within two sentences, as in a multi-sentence statement.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from claims.extraction import lexicon
from claims.extraction.lexicon import trie_pattern, word_list

_TOKEN = re.compile(r"\S+")
_VERB = re.compile(
    r"(?<![\w-])(?:according\s+to|" + trie_pattern(lexicon.SPEECH_VERBS) + r")(?![\w-])",
    re.IGNORECASE,
)


def _titles_by_initial() -> str:
    """``\\b(?:Titles)`` with the alternation grouped by capital initial.

    A pattern whose every branch opens with a literal lets ``re`` skip
    straight to the next capital letter instead of trying the whole
    alternation at every position, several times faster on long articles.
    The word-boundary check moves after the initial (``(?<!\\w.)``); the
    branch order within each initial is that of the sorted alternation.
    """
    groups: dict[str, list[str]] = {}
    for word in sorted((w.capitalize() for w in lexicon.TITLE_WORDS if len(w) > 2), reverse=True):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return (
        "(?:"
        + "|".join(
            rf"{re.escape(initial)}(?<!\w.)(?:{'|'.join(rests)})"
            for initial, rests in groups.items()
        )
        + ")"
    )


_TITLED_PERSON = re.compile(
    _titles_by_initial()
    + r"\.?\s+((?:[A-Z][a-z\u00c0-\u024f'\u2019-]+\s+){0,2}[A-Z][a-z\u00c0-\u024f'\u2019-]+)"
)
_PRONOUNS = {"he": "person", "she": "person", "it": "org", "they": "org"}
_POSSESSIVE = ("'s", "\u2019s")
_NOT_SPEAKERS = frozenset(
    word_list("monday tuesday wednesday thursday friday saturday sunday i we you")
)
_ACRONYM = re.compile(r"^\(?[A-Z]{2,}\)?[,.:;]?$")


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker and whether it is a person (vs an organisation)."""

    name: str
    is_person: bool


class SpeakerTracker:
    """Resolves speakers quote by quote, remembering who spoke last."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._people: list[tuple[int, str]] = []
        for match in _TITLED_PERSON.finditer(text):
            person = _clean_name(_strip_possessive(match.group(1)).split())
            if person is not None and person.is_person:
                self._people.append((match.start(1), person.name))
        self._people_starts = [position for position, _ in self._people]
        self._speakers: list[tuple[int, Speaker]] = []
        self._last_person: tuple[int, Speaker] | None = None
        self._last_org: tuple[int, Speaker] | None = None

    def resolve(
        self,
        context_start: int,
        context: str,
        quote_start: int,
        quote_end: int,
        previous: tuple[int, Speaker] | None,
        sentence_index: int,
    ) -> Speaker | None:
        """Speaker for the quote at ``[quote_start, quote_end)``.

        ``context`` is the quote's sentence(s) with every quotation blanked;
        ``previous`` is ``(sentence_index, speaker)`` of the last quote.
        """
        best: Speaker | None = None
        best_distance = -1
        for verb in _VERB.finditer(context):
            absolute = context_start + verb.start()
            distance = quote_start - absolute if absolute < quote_start else absolute - quote_end
            speaker = self._speaker_at(context, verb, quote_start)
            if speaker is not None and (best is None or distance < best_distance):
                best, best_distance = speaker, distance
        if best is None and previous is not None and sentence_index - previous[0] <= 2:
            best = previous[1]
        if best is not None:
            self._speakers.append((quote_start, best))
            if best.is_person:
                self._last_person = (quote_start, best)
            else:
                self._last_org = (quote_start, best)
        return best

    def _person_before(self, position: int) -> tuple[int, str] | None:
        index = bisect_left(self._people_starts, position) - 1
        return self._people[index] if index >= 0 else None

    def _speaker_at(self, context: str, verb: re.Match[str], quote_start: int) -> Speaker | None:
        word = verb.group().lower()
        if word.startswith("according"):
            return self._named(_run_after(context, verb.end()), quote_start)
        pronoun = _pronoun_before(context, verb.start())
        if pronoun is not None:
            return self._pronoun(pronoun, quote_start)
        before = _run_before(context, verb.start())
        if before:
            return self._named(before, quote_start)
        after = _run_after(context, verb.end())
        if after:
            return self._named(after, quote_start)
        return None

    def _named(self, tokens: list[str], quote_start: int) -> Speaker | None:
        speaker = _clean_name(tokens)
        if speaker is None:
            return None
        if speaker.is_person and " " not in speaker.name:
            for _, earlier in reversed(self._speakers[-20:]):
                if earlier.is_person and speaker.name in earlier.name.split():
                    return earlier
            index = bisect_left(self._people_starts, quote_start) - 1
            for _, name in reversed(self._people[max(0, index - 20) : index + 1]):
                if speaker.name in name.split():
                    return Speaker(name, is_person=True)
        return speaker

    def _pronoun(self, kind: str, quote_start: int) -> Speaker | None:
        if kind != "person":
            return self._last_org[1] if self._last_org else None
        mentioned = self._person_before(quote_start)
        spoke = self._last_person
        if mentioned is not None and (spoke is None or mentioned[0] > spoke[0]):
            return Speaker(mentioned[1], is_person=True)
        return spoke[1] if spoke else None


def _run_before(context: str, verb_start: int) -> list[str]:
    """Capitalised name tokens ending right before the verb (appositive allowed)."""
    left = context[max(0, verb_start - 160) : verb_start]
    tokens = _TOKEN.findall(left)
    # "also said", "later told": skip one adverb.
    if tokens and tokens[-1].lower() in {"also", "later", "then", "further", "again"}:
        tokens = tokens[:-1]
    run = _capitalised_tail(tokens)
    if run or not tokens or not tokens[-1].endswith(","):
        return run
    # "Qin Gang, a ministry spokesman, said": step over one appositive.
    for i in range(len(tokens) - 2, max(-1, len(tokens) - 12), -1):
        if tokens[i].endswith(","):
            candidate = _capitalised_tail([*tokens[:i], tokens[i].rstrip(",")])
            if candidate:
                return candidate
            break
    return []


def _capitalised_tail(tokens: list[str]) -> list[str]:
    run: list[str] = []
    for token in reversed(tokens):
        bare = token.strip("\"'\u201c\u201d\u2018")
        if not bare:
            break
        if run and token.endswith((",", ".", ";", ":")) and not _ACRONYM.match(token):
            break
        if bare[0].isupper() or _ACRONYM.match(bare):
            run.append(bare.rstrip(",.;:"))
        elif run and bare in lexicon.NAME_CONNECTORS:
            run.append(bare)
        else:
            break
        if len(run) > 14:
            break
    run.reverse()
    while run and (run[0] in lexicon.NAME_CONNECTORS or run[0].lower() in lexicon.LEADING_NOISE):
        run.pop(0)
    return run


def _run_after(context: str, verb_end: int) -> list[str]:
    tokens = _TOKEN.findall(context[verb_end : verb_end + 160])
    run: list[str] = []
    skipped = 0
    for token in tokens:
        bare = token.strip("\"'\u201c\u201d\u2018")
        if not bare:
            break
        if not run and bare.islower() and bare not in lexicon.NOT_NOUNS and skipped < 2:
            skipped += 1  # "said farmer Joseph Banda"
            continue
        if bare[0].isupper() or _ACRONYM.match(bare):
            run.append(bare.rstrip(",.;:"))
            if bare[-1] in ",.;:":
                break
        elif run and bare in lexicon.NAME_CONNECTORS:
            run.append(bare)
        elif not run and bare.lower() == "the":
            continue
        else:
            break
    while run and run[-1] in lexicon.NAME_CONNECTORS:
        run.pop()
    return run


def _pronoun_before(context: str, verb_start: int) -> str | None:
    tokens = _TOKEN.findall(context[max(0, verb_start - 24) : verb_start])
    if tokens and tokens[-1].lower() in {"also", "later", "then", "further", "again"}:
        tokens = tokens[:-1]
    if tokens:
        return _PRONOUNS.get(tokens[-1].lower())
    return None


def _clean_name(tokens: list[str]) -> Speaker | None:
    """Strip titles, possessives and acronyms in brackets from a name run."""
    tokens = [t for t in tokens if not (t.startswith("(") and t.endswith(")"))]
    if not tokens or tokens[-1].lower() in _NOT_SPEAKERS:
        return None
    last_title = -1
    for i, token in enumerate(tokens):
        if token.lower().rstrip(".") in lexicon.TITLE_WORDS:
            last_title = i
    lower_last = tokens[-1].lower()
    if lower_last in lexicon.ORG_WORDS or (len(tokens) == 1 and tokens[0].isupper()):
        while tokens and (tokens[0].endswith(_POSSESSIVE) or tokens[0].lower() == "the"):
            tokens = tokens[1:]
        return Speaker(" ".join(tokens), is_person=False) if tokens else None
    person = tokens[last_title + 1 :]
    while person and person[0].endswith(_POSSESSIVE):
        person = person[1:]
    person = [t for t in person if t not in lexicon.NAME_CONNECTORS][-4:]
    if not person:
        return None
    return Speaker(" ".join(person), is_person=True)


def _strip_possessive(name: str) -> str:
    for suffix in _POSSESSIVE:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name
