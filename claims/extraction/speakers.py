"""Attribute quotations and figures to a speaker.

Attribution is looked for in the quote's own sentence(s), with every
quotation blanked out so that names inside quotes are never taken: "X said",
"X, a spokesman, said", "said X", "said Col. X", "according to X", "X said:"
and the other verbs in ``lexicon.SPEECH_VERBS``. When several verbs appear,
the one nearest the quotation wins. Organisations and documents speak too:
"Transparency International said", "the ministry said in a statement", "the
memo said" (a lowercase source keeps its own words, without "the").

Names are stripped of titles by keeping the capitalised words after the last
title or portfolio word ("Foreign Ministry spokesperson Qin Gang" ->
"Qin Gang"). A name followed by an appositive keeps the person, not the
organisation or place inside the appositive ("Dr. X, assistant secretary of
the Office of Public Health, said" -> X; "X, 52, a former mayor of Tarsk,
said" -> X). A run that ends in an organisation word is an organisation.

Pronouns ("he said", "she added", "according to him") resolve to the most
recent person *mentioned* in the running text, not merely the last quote's
speaker: people named after a title or role ("Health Minister Sarah Mensah",
"spokesman Bill Sadler"), in an appositive (", Bello Matawalle, has") or as
the subject of a speech verb anywhere. A mention that stands after a speech
verb in its sentence or after a preposition ("Robertson said Willis had ...",
"a statement by Mr X") is reported, not the topic, and is passed over while a
topical one is in reach. "he" skips people known to be women and "she" men,
known from a title (Mr, Mrs, spokeswoman) or an earlier pronoun.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass
from operator import attrgetter

from claims.extraction import lexicon
from claims.extraction.lexicon import InitialScan, trie_pattern, trie_rests, word_list
from claims.extraction.quotes import QuoteSpan

_TOKEN = re.compile(r"\S+")
# \b(?:according to|said|says|...)\b, case-insensitive, written by initial (see
# ``lexicon.InitialScan``) so that ``re`` jumps between candidate positions.
_VERBS = InitialScan(
    trie_rests(
        [
            *lexicon.SPEECH_VERBS,
            *lexicon.DOCUMENT_VERBS,
            *lexicon.SOURCE_VERBS,
            *lexicon.RESULTS_VERBS,
            "according to",
        ]
    ),
    r"[\w-]",
    r"(?![\w-])",
)
# A capitalised name word, with a capital inside where names have one ("O\u2019Brien",
# "McCain", "LaToya", "DeSantis"); an all-capitals acronym is not a name word.
_NAME_REST = (
    r"(?:[a-z\u00c0-\u024f'\u2019-]+|['\u2019]?(?=[A-Z][a-z]))"
    r"(?:[A-Z][a-z\u00c0-\u024f'\u2019-]+)?"
)
_NAME_WORD = r"[A-Z]" + _NAME_REST
# Initials: "O.", "T.J."
_INITIALS = r"(?:[A-Z]\.)+"
_NAME = rf"((?:{_NAME_WORD}\s+|{_INITIALS}\s+){{0,2}}{_NAME_WORD})"


def _titles_by_initial(words: frozenset[str], lowercase: frozenset[str]) -> str:
    """``\\b(?:Titles|titles)`` with the alternation grouped by initial.

    A pattern whose every branch opens with a literal lets ``re`` skip
    straight to the next candidate letter instead of trying the whole
    alternation at every position, several times faster on long articles.
    The word-boundary check moves after the initial (``(?<!\\w.)``).
    """
    groups: dict[str, list[str]] = {}
    forms = {w.capitalize() for w in words if len(w) > 2}
    forms |= {w for w in lowercase if len(w) > 2}
    for word in sorted(forms, reverse=True):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return (
        "(?:"
        + "|".join(
            rf"{re.escape(initial)}(?<!\w.)(?:{'|'.join(rests)})"
            for initial, rests in groups.items()
        )
        + ")"
    )


# "Health Minister Sarah Mensah", "spokesman Bill Sadler", "Mr. Okafor".
_TITLE_ALTERNATION = _titles_by_initial(lexicon.TITLE_WORDS | lexicon.ROLE_WORDS, frozenset())
# The whole title run is the title ("Deputy Prime Minister Sergei Ryabkov"), so that the
# name after it is not cut short by title words counted as name words.
_TITLED_PERSON = re.compile(
    r"(?P<title>"
    + _TITLE_ALTERNATION
    + r"(?:\.?\s+"
    + _TITLE_ALTERNATION
    + r"){0,3})\.?,?\s+"
    + _NAME
    + r"(?![\w-])"
)
# A capitalised name right after a role word: "spokesman Bill Sadler", "mayor, Ana Ruiz".
# The role stands after a space or a line break (or opens the text), is a single word ending
# in a lowercase letter, and matches case-sensitively; the scan opens with the space or
# break so that ``re`` only stops there. Roles of more than one word never match.
_ROLE_THEN_NAME = (
    "(?P<role>"
    + trie_pattern(
        sorted(w for w in lexicon.ROLE_WORDS if len(w.split()) == 1 and "a" <= w[-1] <= "z")
    )
    + r"),?\s(?P<name>[A-Z](?:"
    + _NAME_REST
    + r"|\.(?:[A-Z]\.)*)"
    + rf"(?:\s+(?:{_NAME_WORD}|{_INITIALS})){{0,3}})"
)
_ROLE_NAME_AT_START = re.compile(_ROLE_THEN_NAME)
_ROLE_NAME = re.compile(r"[ \n]" + _ROLE_THEN_NAME)
# ", Bello Matawalle, has", "Pedro Alvarez, 52,", "Robert McDonnell, former governor".
_APPOSITIVE_PERSON = re.compile(
    r"([A-Z](?<![\w'\u2019-].)(?:" + _NAME_REST + r"|\.(?:[A-Z]\.)*)\s+"
    rf"(?:{_NAME_WORD}\s+|{_INITIALS}\s+)?{_NAME_WORD}),\s+"
    r"(?:\d{1,3},|(?:a|an|the|who|whose|former|then|now)\s|(?=" + _TITLE_ALTERNATION + r"\b))"
)
# A person's full name opening a sentence as its subject: "Jorge Mendez lost his house.",
# "Then Ana Ruiz spoke.", "Her husband, Leo Ruiz, runs the ferry." (a name between commas
# before a verb). Two or three name words, so that a capitalised first word alone never is.
_SUBJECT_PERSON = re.compile(
    r"[^\S\n]*(?:(?:Then|But|And|Later|Meanwhile|However|Her|His|Their)\b[^,.\n]{0,40}?,?\s+)?"
    rf"((?:{_NAME_WORD}|{_INITIALS})(?:\s+(?:{_NAME_WORD}|{_INITIALS})){{1,2}}),?\s+[a-z]"
)
# The words of an appositive after a name, up to its end: "X, the chief spokesman for ...,".
_APPOSITIVE_WORDS = re.compile(r"[^,.;:\n\u2022]{1,80}")
_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "it": "org", "they": "org"}
_SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they"})
_POSSESSIVE = ("'s", "\u2019s")
_WEEKDAYS = frozenset(word_list("monday tuesday wednesday thursday friday saturday sunday"))
_NOT_SPEAKERS = frozenset(
    word_list("""monday tuesday wednesday thursday friday saturday sunday i we you this that
    these those there it he she they him her them""")
)
# "UN", "(NBS)", "U.S.", "P&G"
_ACRONYM = re.compile(r"^\(?(?:[A-Z]{2,}|[A-Z]+&[A-Z]+|(?:[A-Z]\.){2,})\)?[,.:;]?$")
_LETTER = re.compile(r"[^\W\d_]")
_INITIALISM = re.compile(r"^(?:[A-Z]\.){2,}$")
_ADVERBS = frozenset(
    word_list("""also later then further again earlier previously once has have had did reportedly
    recently publicly repeatedly""")
)
# Words a title run before a name is made of: "The Minister of State for Defence, X".
_TITLE_RUN = frozenset(word_list("new former acting then top senior deputy the a an of for and"))
_PREPOSITIONS = frozenset(
    word_list("by to with from for of against on at about toward towards than like via")
)
_DEMONSTRATIVES = frozenset(word_list("this these those"))
_DETERMINERS = frozenset(word_list("the a an its their his her our"))
# Determiners stepped over before a name after the verb; "a"/"an" start a source phrase
# instead ("according to a UN spokesman").
_RUN_DETERMINERS = frozenset(word_list("the its their his her our"))
_MENTION_WINDOW = 3000
# After a quote that ends in a comma: a subject and a verb ("Ana Ruiz recalled", "he
# shouted").
_FRAME_AFTER = re.compile(
    rf"[^\S\n]*(?P<subject>[Hh]e|[Ss]he|(?:(?:{_NAME_WORD}|{_INITIALS})\s+){{0,3}}{_NAME_WORD})"
    r"[^\S\n]+(?:[a-z]+ly[^\S\n]+)?[a-z]{3,}(?:ed|s)\b"
)
# The first letter of the next word, past punctuation: "States, which" -> "w".
_NEXT_WORD_START = re.compile(r"[\s,;:()\-\u2013\u2014]{0,12}(\w|\u2022)")
# A capitalised word and a space ending right before a position.
_CAPITAL_BEFORE = re.compile(r"[A-Z][\w'\u2019-]*[^\S\n]$")
_DAYS_AND_MONTHS = lexicon.MONTHS | frozenset(
    word_list("monday tuesday wednesday thursday friday saturday sunday")
)
# Words that may open a sentence before its subject: "However, the ministry said ...".
_SENTENCE_OPENERS = frozenset(word_list("however but and yet still meanwhile also so then"))
_POSITION = attrgetter("position")
# Verbs whose subject gives a figure without speaking: not remembered as a person to whom
# a later "he said" could refer.
_NOT_SPEAKING_VERBS = lexicon.SOURCE_VERBS | lexicon.RESULTS_VERBS
_PLAIN_VERBS = frozenset(word_list("said says told added stated wrote"))
_NAME_TOKEN = re.compile(rf"^(?:{_NAME_WORD}|{_INITIALS})$")
_INITIALS_TOKEN = re.compile(_INITIALS)
_TITLES_OR_ROLES = lexicon.TITLE_WORDS | lexicon.ROLE_WORDS
# Titles that only ever stand before a person's name.
_PERSONAL_TITLES = frozenset(
    word_list("""dr prof professor mr mrs ms col colonel gen general lt lieutenant maj major
    brig sgt capt captain cpl det insp supt cmdr adm sen senator rep gov governor rev hon amb
    judge justice mayor""")
)
# Name particles that stay inside a name ("Khalid al Muhanna", "Ursula von der Leyen").
_PARTICLES = frozenset(word_list("al el bin van von der de del da di la le"))


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker and whether it is a person (vs an organisation)."""

    name: str
    is_person: bool


@dataclass(frozen=True, slots=True)
class _Mention:
    position: int
    name: str
    topical: bool  # not reported after a speech verb or a preposition
    title: str = ""  # lowercase title or role words before the name


class SpeakerTracker:
    """Resolves speakers in document order, remembering who was mentioned and who spoke."""

    def __init__(self, text: str, quotes: list[QuoteSpan], spans: list[tuple[int, int]]) -> None:
        self._text = text
        self._blank = _blank_quotes(text, quotes)
        self._starts = [start for start, _ in spans]
        self._spans = spans
        self._genders: dict[str, str] = {}
        self._mentions: list[_Mention] | None = None  # found on first use
        self._positions: list[int] = []
        self._dynamic: list[_Mention] = []
        self._last_org: Speaker | None = None
        self._verbs: dict[int, Speaker | None] = {}
        self._verb_matches = _VERBS.matches(self._blank)
        self._verb_starts = [match.start() for match in self._verb_matches]
        # Where people speak: a mention after one of these is reported, not the topic.
        self._speech_starts = [
            match.start()
            for match in self._verb_matches
            if match.group().lower() not in lexicon.DOCUMENT_VERBS
        ]
        self.last_attribution: tuple[int, Speaker] | None = None

    # ------------------------------------------------------------------ mentions
    def _find_mentions(self) -> list[_Mention]:
        found: dict[int, _Mention] = {}
        blank = self._blank
        for match in _TITLED_PERSON.finditer(blank):
            if _ends_sentence(blank[match.end("title") : match.start(2)], match.group("title")):
                continue  # "... the new Mayor.\n\nInterviewed the day after"
            person = _clean_name(_strip_possessive(match.group(2)).split())
            if person is None or not person.is_person or not _is_name(person.name):
                continue
            title = match.group("title").lower()
            if title in lexicon.MALE_TITLES:
                self._genders.setdefault(person.name, "m")
            elif title in lexicon.FEMALE_TITLES:
                self._genders.setdefault(person.name, "f")
            position = match.start(2)
            title = blank[match.start() : match.end(2)].lower()
            found[position] = _Mention(position, person.name, self._topical(position), title)
        first = _ROLE_NAME_AT_START.match(blank)
        for match in itertools.chain([first] if first else [], _ROLE_NAME.finditer(blank)):
            start = match.start("name")
            if start in found:
                continue
            person = _clean_name(_strip_possessive(match.group("name")).split())
            if person is None or not person.is_person or not _is_name(person.name):
                continue
            role = match.group("role")
            if role in lexicon.MALE_TITLES:
                self._genders.setdefault(person.name, "m")
            elif role in lexicon.FEMALE_TITLES:
                self._genders.setdefault(person.name, "f")
            title = blank[match.start("role") : match.end()].lower()
            found[start] = _Mention(start, person.name, self._topical(start), title)
        titled = sorted(found)
        for match in _APPOSITIVE_PERSON.finditer(blank):
            words = match.group(1).split()
            if not _is_name(match.group(1)) or words[-1].lower() in lexicon.ORG_WORDS:
                continue
            position = match.start(1)
            slot = bisect_right(titled, position - 1) - 1
            if position not in found and not (slot >= 0 and position - titled[slot] < 40):
                person = _clean_name(words)
                if person is None or not person.is_person:
                    continue
                # the appositive's role words are the person's title: "the spokesman" later
                words_after = _APPOSITIVE_WORDS.match(blank, match.end())
                title = _appositive_head(words_after.group()) if words_after else ""
                found[position] = _Mention(position, person.name, self._topical(position), title)
        for start, end in self._spans:
            subject = _SUBJECT_PERSON.match(blank, start, end)
            if subject is None or subject.start(1) in found:
                continue
            words = subject.group(1).split()
            while len(words) > 2 and words[0].endswith(_POSSESSIVE):
                words = words[1:]  # "Labour's David Branson": the party is not his name
            lowered = [w.lower().rstrip(".") for w in words]
            if (
                lowered[0] in lexicon.NOT_NAME_STARTS
                or lowered[-1] in lexicon.ORG_WORDS
                or lowered[-1] in _NOT_SPEAKERS
                or any(_is_title_word(w) or w in _SENTENCE_OPENERS for w in lowered)
            ):
                continue  # a place, an organisation or a titled name found above
            position = subject.start(1)
            found[position] = _Mention(position, " ".join(words), topical=True)
        return sorted(found.values(), key=_POSITION)

    def _sentence_of(self, position: int) -> tuple[int, int]:
        index = max(0, bisect_right(self._starts, position) - 1)
        return self._spans[index] if self._spans else (0, len(self._text))

    def _topical(self, position: int) -> bool:
        """False for a mention reported after a speech verb or a preposition.

        The title run before the name is stepped over first: in "a statement
        by Mr X" the name follows "by", in "The Minister of State for
        Defence, X" it opens the sentence.
        """
        start, _ = self._sentence_of(position)
        first_verb = bisect_right(self._speech_starts, start - 1)
        if first_verb < len(self._speech_starts) and self._speech_starts[first_verb] < position:
            return False  # reported after a speech verb
        before = self._blank[max(start, position - 200) : position]
        for word in reversed(before.split()[-12:]):
            bare = word.strip(",").lower()
            if word[:1].isupper() or bare in _TITLE_RUN:
                continue
            if bare in lexicon.TITLE_WORDS or bare in lexicon.ROLE_WORDS:
                continue
            return bare not in _PREPOSITIONS
        return True

    def _remember(self, position: int, speaker: Speaker, gender: str | None = None) -> None:
        if speaker.is_person:
            self._dynamic.append(_Mention(position, speaker.name, topical=True))
            if gender in {"m", "f"}:
                self._genders.setdefault(speaker.name, gender)
        else:
            self._last_org = speaker

    def _candidates(self, position: int) -> list[_Mention]:
        """Mentions before ``position`` within reach, most recent first."""
        if self._mentions is None:
            self._mentions = self._find_mentions()
            self._positions = [m.position for m in self._mentions]
        index = bisect_right(self._positions, position - 1)
        static = self._mentions[max(0, index - 30) : index]
        dynamic = [m for m in self._dynamic[-30:] if m.position < position]
        merged = sorted([*static, *dynamic], key=_POSITION, reverse=True)
        reach = position - _MENTION_WINDOW
        return [m for m in merged if m.position >= reach]

    def _nearest_topical(self, start: int, end: int) -> _Mention | None:
        """The last topical mention in ``[start, end)``, without building the full
        candidate list (most sentences name nobody)."""
        if self._mentions is None:
            self._mentions = self._find_mentions()
            self._positions = [m.position for m in self._mentions]
        best: _Mention | None = None
        first = bisect_right(self._positions, start - 1)
        last = bisect_right(self._positions, end - 1)
        for mention in self._mentions[first:last]:
            if mention.topical:
                best = mention
        for mention in self._dynamic[-30:]:
            later = best is None or mention.position > best.position
            if start <= mention.position < end and later:
                best = mention
        return best

    def person(self, position: int, gender: str | None) -> Speaker | None:
        """The person a "he"/"she" at ``position`` refers to."""
        candidates = self._candidates(position)
        fitting = [
            m for m in candidates if gender is None or self._genders.get(m.name, gender) == gender
        ]
        for mention in fitting:
            if mention.topical:
                return self._expand(mention.name, mention.position)
        return self._expand(fitting[0].name, fitting[0].position) if fitting else None

    def _subject(self, start: int, verb_start: int) -> Speaker | None:
        """The person a sentence is about: its first topical mention, or a known surname."""
        for mention in reversed(self._candidates(verb_start)):
            if start <= mention.position < verb_start and mention.topical:
                return self._expand(mention.name, mention.position)
        first = _TOKEN.match(self._blank, start)
        if first is not None:
            word = first.group().strip(",.:;\"'\u201c\u2018")
            word = _strip_possessive(word)
            if word[:1].isupper():
                return self._full_name(word, start)
        return None

    def _opening_subject(self, start: int, verb_start: int) -> Speaker | None:
        """The subject opening the sentence: a name ("Transparency International warned
        ..."), or a lowercase source ("The ministry emphasised ...", "\u201c...,\u201d the
        agency said, adding ...")."""
        tokens = _TOKEN.findall(self._blank, start, verb_start)[:10]
        index = 0
        while index < len(tokens) and (
            not tokens[index].strip("\u2022,.:;\"'\u201c\u201d")
            or tokens[index].lower().rstrip(",") in _SENTENCE_OPENERS
        ):
            index += 1
        head = tokens[index : index + 4]
        if not head:
            return None
        if head[0].lower() in _DETERMINERS and head[0] != "his" and head[0] != "her":
            head = head[1:]
        if head and head[0].lower() in _PRONOUNS:
            return None  # a pronoun the caller could not resolve
        if head and head[0][:1].isupper():
            run: list[str] = []
            for token in head:
                if not _NAME_TOKEN.match(_name_part(token)) and not _ACRONYM.match(token):
                    break
                run.append(_name_part(token))
                if token[-1] in ",.;:" and not _is_title_token(token):
                    break
            if run and _is_name(" ".join(run)):
                return self._named(run, verb_start)
            return None
        phrase: list[str] = []
        for token in head:
            bare = token.rstrip(",.;:")
            if not bare.isalpha() or not bare.islower():
                return None
            phrase.append(bare)
            if _is_source(bare):
                rest = head[len(phrase) :]
                while rest and _is_source(rest[0].rstrip(",.;:")):  # "audit office report"
                    phrase.append(rest.pop(0).rstrip(",.;:"))
                return self._role(Speaker(" ".join(phrase), is_person=False), verb_start)
        return None

    def _titled(self, role: str, position: int) -> Speaker | None:
        """The person last named with ``role`` in their title ("the minister" -> X)."""
        for mention in self._candidates(position):
            if role in mention.title.split():
                return Speaker(mention.name, is_person=True)
        return None

    def _full_name(self, surname: str, position: int) -> Speaker | None:
        for mention in self._candidates(position):
            if " " in mention.name and surname in mention.name.split():
                return Speaker(mention.name, is_person=True)
        return None

    def _expand(self, name: str, position: int) -> Speaker:
        """A bare surname as the full name mentioned before it ("Obi" -> "Grace Obi")."""
        if " " not in name:
            full = self._full_name(name, position)
            if full is not None:
                return full
        return Speaker(name, is_person=True)

    # --------------------------------------------------------------- resolution
    def sentence(self, start: int, end: int, index: int) -> list[tuple[int, Speaker]]:
        """Every attribution in the sentence ``[start, end)`` as ``(verb position, speaker)``.

        Each speaker found is remembered as a mention, so that a later "he"
        can refer to a person who was only ever paraphrased.
        """
        found: list[tuple[int, Speaker]] = []
        reporting = False  # "figures show that forces registered 5.6 million": the figures
        for verb in self._verbs_in(start, end):
            if not self._is_attribution(verb):
                continue
            word = verb.group().lower()
            if reporting and (word in _NOT_SPEAKING_VERBS or word in lexicon.DOCUMENT_VERBS):
                continue
            speaker = self._verb_speaker(start, end, verb)
            if speaker is not None:
                found.append((verb.start(), speaker))
                reporting = reporting or _word_after(self._blank, verb.end(), end) == "that"
                if word not in lexicon.DOCUMENT_VERBS:
                    self.last_attribution = (index, speaker)  # data speak no quotes
        return found

    def quote(
        self,
        context_start: int,
        context_end: int,
        quote_start: int,
        quote_end: int,
    ) -> Speaker | None:
        """Speaker for the quote at ``[quote_start, quote_end)`` from its own sentence(s)."""
        best: Speaker | None = None
        best_distance = -1
        for verb in self._verbs_in(context_start, context_end):
            word = verb.group().lower()
            if (
                word in lexicon.DOCUMENT_VERBS
                or word in lexicon.RESULTS_VERBS
                or not self._is_attribution(verb)
            ):
                continue  # data show figures, they do not speak quotes
            position = verb.start()
            distance = quote_start - position if position < quote_start else position - quote_end
            sentence_start = max(context_start, self._sentence_of(position)[0])
            speaker = self._verb_speaker(sentence_start, context_end, verb)
            if speaker is not None and (best is None or distance < best_distance):
                best, best_distance = speaker, distance
        if best is None:
            # a speech verb whose speaker could not be resolved leaves the quote unattributed
            best = self._framed(context_start, quote_start, quote_end)
        return best

    def _framed(self, context_start: int, quote_start: int, quote_end: int) -> Speaker | None:
        """The speaker of a quote no speech verb attributes, from the sentence around it.

        After a quote that ends in a comma, a subject and any verb are its attribution
        (\u201c...,\u201d Ana Ruiz recalled). A quote inside its sentence belongs to the
        sentence's subject: a leading "he"/"she", the person named nearest before it
        ("Commissioner X reassured, \u201c...", "... correspondent X to note that
        \u201c..."), or a source opening the sentence ("The agency ... called it
        \u201c...\u201d"). A quote that opens its sentence with nothing after it is left
        to the caller (a continuation of the last speaker).
        """
        blank = self._blank
        if self._text[quote_start : quote_end - 1].rstrip().endswith(","):
            after = _FRAME_AFTER.match(blank, quote_end)
            if after is not None:
                subject = after.group("subject")
                if subject.lower() in {"he", "she"}:
                    return self.person(quote_end, _PRONOUNS[subject.lower()])
                if _is_name(subject):
                    return self._named(subject.split(), quote_end)
        start = max(context_start, self._sentence_of(quote_start)[0])
        before = blank[start:quote_start].replace("\u2022", " ").split()
        if not before:
            return None
        first = before[0].lower()
        if first in _SUBJECT_PRONOUNS:
            gender = _PRONOUNS[first]
            return self.person(quote_start, gender) if gender != "org" else self._last_org
        nearest = self._nearest_topical(start, quote_start)
        if nearest is not None:
            return self._expand(nearest.name, nearest.position)
        opening = self._opening_subject(start, quote_start)
        return opening if opening is not None and not opening.is_person else None

    def _verbs_in(self, start: int, end: int) -> list[re.Match[str]]:
        first = bisect_right(self._verb_starts, start - 1)
        last = bisect_right(self._verb_starts, end - 1)
        return [m for m in self._verb_matches[first:last] if m.end() <= end]

    def _is_attribution(self, verb: re.Match[str]) -> bool:
        """A participle ("saying", "warning") attributes only after a comma: "..., saying"
        (not "the warning"); a capitalised verb inside running text is part of a name."""
        word = verb.group().lower()
        if verb.group()[0].isupper() and word != "according to" and self._in_name(verb):
            return False  # "the United States since 2001": a name, not a verb
        if word in lexicon.DOCUMENT_VERBS:  # "the data showed", "the UN indicated"
            return _document_subject(self._blank, verb.start()) or _organisation_subject(
                self._blank, verb.start()
            )
        if word in lexicon.RESULTS_VERBS:
            return _organisation_subject(self._blank, verb.start())
        if word in lexicon.SOURCE_VERBS:
            return _source_subject(self._blank, verb)
        if word not in lexicon.PARTICIPLE_VERBS:
            return True
        before = self._text[max(0, verb.start() - 4) : verb.start()].rstrip()
        if before.rstrip('"\u201d\u2019').endswith(","):  # also '"respect," noting'
            return True
        return _with_subject(self._blank, verb.start()) is not None

    def _in_name(self, verb: re.Match[str]) -> bool:
        """A capitalised verb word inside running lowercase text is part of a name; in a
        title-case headline ("Police Say 12 Dead") the next word is capitalised too."""
        following = _NEXT_WORD_START.match(self._blank, verb.end())
        if following is None:
            return False
        if following.group(1) == "\u2022":  # a quotation: "the United States \u201cnot ..."
            before = _CAPITAL_BEFORE.search(self._blank, max(0, verb.start() - 40), verb.start())
            return before is not None
        return following.group(1).islower()

    def _verb_speaker(self, start: int, end: int, verb: re.Match[str]) -> Speaker | None:
        position = verb.start()
        if position in self._verbs:
            return self._verbs[position]
        # read once: the subject pronoun resolves the speaker and gives the gender remembered
        pronoun = _pronoun_before(self._blank, start, position)
        speaker = self._speaker_at(start, end, verb, pronoun)
        self._verbs[position] = speaker
        word = verb.group().lower()
        if speaker is not None and word not in _NOT_SPEAKING_VERBS:
            # "Doyle said Price had counted them twice": counting is not speaking, and
            # Price does not become the one a later "he said" means
            self._remember(position, speaker, _PRONOUNS.get(pronoun or ""))
        return speaker

    def _speaker_at(
        self, start: int, end: int, verb: re.Match[str], subject: str | None
    ) -> Speaker | None:
        """The speaker of ``verb``; ``subject`` is the pronoun right before it, if any."""
        blank = self._blank
        word = verb.group().lower()
        if word.startswith("according"):
            pronoun = _word_after(blank, verb.end(), end)
            if pronoun in {"him", "her"}:
                return self.person(verb.start(), _PRONOUNS[pronoun])
            if pronoun in {"it", "them"}:
                return self._last_org
            run = _run_after(
                blank, verb.end(), end, connectors=_ORG_CONNECTORS, reported_check=False
            )
            organisation = _organisation(run) or _named_source(blank, run, verb.end(), end)
            if organisation is not None:
                return organisation
            named = self._named(
                run
                if "by" not in run
                else _run_after(blank, verb.end(), end, reported_check=False),
                verb.start(),
            )
            if named is not None:
                return named
            source = _source_after(blank, verb.end(), end)
            return self._role(source, verb.start()) if source is not None else None
        if word in lexicon.DOCUMENT_VERBS:
            # the document is the subject: "the document, seen by the Herald, shows"
            source = _source_before(blank, start, verb.start())
            if source is not None:
                return self._role(source, verb.start())
        if subject is not None:
            kind = _PRONOUNS[subject]
            if kind == "org":
                return (
                    _opening_organisation(blank, start, verb.start())
                    or self._last_org
                    or self._previous_opening(start)
                )
            return self.person(verb.start(), kind) or self._last_role()
        if word in lexicon.PARTICIPLE_VERBS:
            subject_run = _with_subject(blank, verb.start())
            if subject_run is not None:  # "..., with the transport police reporting a 70% rise"
                return self._named(subject_run, verb.start()) or _source(subject_run, from_end=True)
            # "X tweeted condolences, saying": the clause's subject, never the word before
            # the comma ("... the fight against Galamsey, saying")
            topic = self._subject(start, verb.start()) or self._opening_subject(start, verb.start())
            if topic is not None:
                return topic
        near = _TOKEN.findall(blank, max(start, verb.start() - 100), verb.start())
        published = (
            _published_in(blank, start, verb.start())
            or _commissioned(near)
            or _surveyed(_drop_adverbs(near))
        )
        if published is not None:
            return published
        if _inverted(blank, start, verb, end):
            # "The toll rose to 40 in Kabul, said police.": the speaker follows the verb;
            # the name before the comma ends the reported words
            after = _run_after(blank, verb.end(), end)
            named = self._named(after, verb.start()) if after else None
            if named is not None:
                return named
            source = _source_after(blank, verb.end(), end)
            if source is not None:
                return self._role(source, verb.start())
        if word in lexicon.PARTICIPLE_VERBS:
            return None  # never the name before the participle's comma
        before = _run_before(blank, start, verb.start())
        if before:
            named = self._named(before, verb.start())
            if named is not None:
                return named
        source = _source_before(blank, start, verb.start())
        if source is not None:
            return self._role(source, verb.start())
        unnamed = _unnamed_before(blank, start, verb.start())
        if unnamed is not None:
            if unnamed.name in _TITLES_OR_ROLES:  # "the general noted": the general named
                return self._titled(unnamed.name, verb.start())
            if unnamed.name.lower() in _TITLES_OR_ROLES:  # "the Mayor declared"
                return self._titled(unnamed.name.lower(), verb.start()) or unnamed
            return unnamed
        following = _word_after(blank, verb.end(), end)
        if following != "that":  # "said that ...": reported
            after = _run_after(blank, verb.end(), end)
            if after:
                named = self._named(after, verb.start())
                if named is not None:
                    return named
            source = _source_after(blank, verb.end(), end)
            if source is not None:
                return self._role(source, verb.start())
        if word in _PLAIN_VERBS:
            return self._subject(start, verb.start())
        if following == "that" or not following.strip("\u2022"):
            # "X thanked the crews but warned that ...": the clause's subject
            return self._subject(start, verb.start()) or self._opening_subject(start, verb.start())
        return None

    def _last_role(self) -> Speaker | None:
        """ "The minister said ... She added": an unnamed role that spoke last."""
        last = self._last_org
        if last is not None and last.name.split()[-1].lower() in lexicon.ROLE_WORDS:
            return last
        return None

    def _previous_opening(self, start: int) -> Speaker | None:
        """ "The report was published on Monday. It found ...": the source the sentence
        before opens with, when nothing has spoken yet."""
        if start == 0:
            return None
        previous_start, previous_end = self._sentence_of(start - 1)
        if previous_start >= start:
            return None
        tokens = _TOKEN.findall(self._blank, previous_start, min(previous_end, previous_start + 60))
        if len(tokens) > 1 and tokens[0].lower() == "the" and _is_source(tokens[1]):
            return Speaker(tokens[1], is_person=False)
        return None

    def _role(self, source: Speaker, position: int) -> Speaker:
        """ "the minister said": the person last named as minister, else the role itself."""
        head = source.name.split()[-1].lower()
        if head in lexicon.ROLE_WORDS or head in lexicon.TITLE_WORDS:
            return self._titled(head, position) or source
        return source

    def _named(self, tokens: list[str], position: int) -> Speaker | None:
        if len(tokens) == 1 and tokens[0].lower() in lexicon.SOURCE_NOUNS:
            return Speaker(tokens[0].lower(), is_person=False)  # "Police said", "Doctors said"
        speaker = _clean_name(tokens)
        if speaker is None:
            return None
        if speaker.is_person and " " not in speaker.name:
            full = self._full_name(speaker.name, position)
            if full is not None:
                return full
        return speaker


def _blank_quotes(text: str, quotes: list[QuoteSpan]) -> str:
    """The text with every quotation replaced by a same-length run of bullets."""
    if not quotes:
        return text
    pieces: list[str] = []
    cursor = 0
    for quote in quotes:
        pieces.append(text[cursor : quote.start])
        pieces.append("\u2022" * (quote.end - quote.start))
        cursor = quote.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _drop_adverbs(tokens: list[str]) -> list[str]:
    """ "X has also said": step over up to two adverbs and auxiliaries before the verb."""
    for _ in range(2):
        if tokens and tokens[-1].lower() in _ADVERBS:
            tokens = tokens[:-1]
    return tokens


def _is_name(name: str) -> bool:
    words = name.split()
    return bool(words) and words[0].lower() not in lexicon.NOT_NAME_STARTS


def _word_after(text: str, position: int, end: int) -> str:
    match = _TOKEN.search(text, position, min(end, position + 40))
    return match.group().strip(",.;:").lower() if match else ""


def _run_before(text: str, start: int, verb_start: int) -> list[str]:
    """Capitalised name tokens ending right before the verb, preferring a person
    before one or two appositives ("X, 52, a former mayor of Tarsk, said")."""
    left = text[max(start, verb_start - 200) : verb_start]
    tokens = _TOKEN.findall(left)
    tokens = _drop_adverbs(tokens)
    if tokens and tokens[-1].endswith(","):
        segment = _last_segment(tokens)
        if 2 <= len(segment) <= 4 and all(_NAME_TOKEN.match(t) for t in segment):
            speaker = _clean_name(segment)
            if speaker is not None and speaker.is_person and speaker.name == " ".join(segment):
                return segment  # "The Minister of State for Water, Grace Obi, warned"
        for i in range(len(tokens) - 2, max(-1, len(tokens) - 18), -1):
            if not tokens[i].endswith(","):
                continue
            stripped = tokens[i].rstrip(",")
            if stripped.isdigit():
                continue  # an age: "Pedro Alvarez, 52,"
            candidate = _capitalised_tail([*tokens[:i], stripped])
            if candidate and _clean_name(candidate) is not None:
                return candidate
            break
    tail = _capitalised_tail(tokens)
    if tail:
        return tail
    # "Abdul Sattar Barez, the province's deputy governor said": a name, then an
    # appositive that runs up to the verb and ends in a role.
    if not tokens or tokens[-1].lower() not in _TITLES_OR_ROLES:
        return []
    for i in range(len(tokens) - 2, max(-1, len(tokens) - 10), -1):
        if tokens[i].endswith(",") and tokens[i + 1].lower() in _DETERMINERS:
            candidate = _capitalised_tail([*tokens[:i], tokens[i].rstrip(",")])
            speaker = _clean_name(candidate) if candidate else None
            if speaker is not None and speaker.is_person:
                return candidate
            break
    return []


def _last_segment(tokens: list[str]) -> list[str]:
    """The tokens between the last two commas, without the final comma."""
    segment: list[str] = []
    for token in reversed(tokens[:-1]):
        if token.endswith(","):
            break
        segment.append(token)
    segment.reverse()
    return [*segment, tokens[-1].rstrip(",")]


def _capitalised_tail(tokens: list[str]) -> list[str]:
    run: list[str] = []
    for token in reversed(tokens):
        bare = token.strip("\"'\u201c\u201d\u2018\u2022")
        if not bare:
            break
        if (
            run
            and token.endswith((",", ".", ";", ":"))
            and not _ACRONYM.match(token)
            and not _is_title_token(token)
        ):
            break
        if bare[0].isupper() or _ACRONYM.match(bare):
            run.append(_name_part(bare))
        elif run and (bare in lexicon.NAME_CONNECTORS or bare == "&"):  # "Procter & Gamble"
            run.append(bare)
        else:
            break
        if len(run) > 14:
            break
    run.reverse()
    while run and (run[0] in lexicon.NAME_CONNECTORS or run[0].lower() in lexicon.LEADING_NOISE):
        run.pop(0)
    return run


def _name_part(token: str) -> str:
    """A name token without trailing punctuation; initials keep their last period ("T.J.")."""
    bare = token.rstrip(",;:")
    return bare if _INITIALS_TOKEN.fullmatch(bare) else bare.rstrip(".")


def _is_title_token(token: str) -> bool:
    """ "Col." or "Dr." or an initial "J." inside a name: a period that ends nothing."""
    bare = token.rstrip(",")
    abbreviation = bare.lower().rstrip(".")
    return bare.endswith(".") and (
        bare.lower() in lexicon.TITLE_WORDS
        or abbreviation in _PERSONAL_TITLES
        or _INITIALS_TOKEN.fullmatch(bare) is not None
    )


# Inside an organisation's name after "according to": "Doctors of the World", "Action by
# Churches Together".
_ORG_CONNECTORS = lexicon.NAME_CONNECTORS | {"by"}


def _organisation(run: list[str]) -> Speaker | None:
    """ "according to Doctors of the World": one capitalised word, "of"/"by", capitalised words.

    A person's name before "of" has two words or a title ("Jan Novak of the institute",
    "Dr. Keller of the Statistics Office"), and the "Ministry of Health" is read as before.
    """
    if not 3 <= len(run) <= 6 or run[1] not in {"of", "by"}:
        return None
    head = run[0].lower().rstrip(".")
    if head in _TITLES_OR_ROLES or head in lexicon.ORG_WORDS or not run[-1][:1].isupper():
        return None
    if any(not t[:1].isupper() and t not in _ORG_CONNECTORS for t in run):
        return None
    return Speaker(" ".join(run), is_person=False)


def _named_source(text: str, run: list[str], verb_end: int, end: int) -> Speaker | None:
    """ "according to the UN refugee agency", "the Kenyan health ministry": a short
    capitalised run that goes on, in lowercase, to a source noun, is that source."""
    if not 1 <= len(run) <= 2:
        return None
    tokens = _TOKEN.findall(text, verb_end, min(end, verb_end + 90))[:6]
    try:
        last = len(tokens) - 1 - tokens[::-1].index(run[-1])
    except ValueError:
        return None
    if last > 2:
        return None
    words = list(run)
    for token in tokens[last + 1 : last + 4]:
        bare = token.rstrip(",.;:")
        if not bare.islower() or bare in lexicon.NOT_NOUNS:
            return None
        words.append(bare)
        if _is_source(bare) and bare not in lexicon.ROLE_WORDS:
            return Speaker(" ".join(words), is_person=False)  # "according to UN figures"
        if bare != token:
            return None
    return None


_INVERTING_VERBS = frozenset(word_list("said says added adds noted wrote stated explained"))
# Words that may follow an inverted subject: "said police in a statement", "said Ahmad Zia,
# who ...", "said the ministry on Monday".
_AFTER_INVERTED = frozenset(
    word_list("in on at during late earlier last this who whose told according")
)


def _published_in(text: str, start: int, verb_start: int) -> Speaker | None:
    """ "A study published in The Lancet found", "a study in the Medical Journal reported":
    the study speaks, not the journal that carried it."""
    tokens = _TOKEN.findall(text, max(start, verb_start - 100), verb_start)[-10:]
    for i in range(len(tokens) - 3, -1, -1):
        if tokens[i].lower() not in lexicon.DOCUMENT_NOUNS:
            continue
        if tokens[i + 1] in {"published", "released", "reported", "appearing"} and (
            tokens[i + 2] == "in"
        ):
            return _source(tokens[max(0, i - 3) : i + 1], from_end=True)
        journal = tokens[i + 3] if tokens[i + 2] == "the" and i + 3 < len(tokens) else tokens[i + 2]
        if tokens[i + 1] == "in" and journal[:1].isupper():  # "a study in The BMJ reported"
            return _source(tokens[max(0, i - 3) : i + 1], from_end=True)
    return None


def _inverted(text: str, start: int, verb: re.Match[str], end: int) -> bool:
    """Whether a verb right after a comma has its subject after it: ", said police.",
    ", said Ahmad Zia, a spokesman", ", said a police spokesman in Kabul" (not ", said
    the Taliban had attacked", where the words after the verb are the reported clause)."""
    if verb.group().lower() not in _INVERTING_VERBS:
        return False  # "X, the minister, warned residents": an object, not a subject
    before = text[max(start, verb.start() - 60) : verb.start()].rstrip()
    if not before.endswith(","):
        return False
    segment = before[:-1].rsplit(",", 1)
    if len(segment) == 2 and all(_NAME_TOKEN.match(t) for t in segment[1].split()):
        return False  # "The Minister of State for Water, Grace Obi, said"
    tokens = _TOKEN.findall(text, verb.end(), min(end, verb.end() + 120))[:9]
    if tokens and tokens[0].lower() in {"the", "a", "an"}:
        tokens = tokens[1:]
    lowercase = 0
    for i, token in enumerate(tokens):
        bare = token.rstrip(",.;:")
        if not bare:
            return False
        in_name = bare[:1].isupper() or _INITIALISM.match(bare) or (i and bare in _ORG_CONNECTORS)
        if not in_name:
            if not (bare.isalpha() and bare.islower() and lowercase < 3):
                return False
            lowercase += 1
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if bare in lexicon.DOCUMENT_NOUNS and following in _ISSUING_PARTICIPLES:
            return True  # ", noted a news release issued by the agency"
        closes = bare != token or following in _AFTER_INVERTED
        if closes or i + 1 == len(tokens) == len(_TOKEN.findall(text, verb.end(), end)):
            return bare[:1].isupper() or _is_source(bare) or _INITIALISM.match(bare) is not None
    return False


def _opening_organisation(text: str, start: int, verb_start: int) -> Speaker | None:
    """The organisation a sentence opens with, which its own "it said" means: "The World
    Health Organization has received 257 reports ..., it said"."""
    tokens = _TOKEN.findall(text, start, min(verb_start, start + 120))[:8]
    if tokens and tokens[0].lower() == "the":
        tokens = tokens[1:]
    run: list[str] = []
    for token in tokens:
        if not (token[:1].isupper() or (run and token in _ORG_CONNECTORS)):
            break
        run.append(token.rstrip(",.;:"))
        if token[-1] in ",.;:":
            break
    while run and run[-1] in _ORG_CONNECTORS:
        run.pop()
    if run:
        speaker = _clean_name(run)
        return speaker if speaker is not None and not speaker.is_person else None
    if len(tokens) > 1 and tokens[0].islower() and _is_source(tokens[0]):
        return Speaker(tokens[0], is_person=False)  # "The ministry has recorded ..., it said"
    return None


def _run_after(
    text: str,
    verb_end: int,
    end: int,
    connectors: frozenset[str] = lexicon.NAME_CONNECTORS,
    *,
    reported_check: bool = True,
) -> list[str]:
    """The capitalised run naming the speaker after the verb ("said Col. Ana Ruiz").

    With ``reported_check``, a run followed by a word that cannot follow a speaker (a
    verb, a quotation) is the subject of the reported clause, not the speaker: in "said
    the UN appealed" or "said Mrs X \u201cdoes not ...\u201d" nobody is named as saying it.
    """
    tokens = _TOKEN.findall(text, verb_end, min(end, verb_end + 160))
    run: list[str] = []
    skipped = 0
    following: str | None = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        bare = token.strip("\"'\u201c\u201d\u2018\u2022")
        if not bare:
            following = token
            break
        if not run and bare.islower() and bare not in lexicon.NOT_NOUNS and skipped < 4:
            if bare[-1] in ".;:" or (bare[-1] == "," and bare[:-1] not in _TITLES_OR_ROLES):
                break  # "according to official results, the AK Party" (not "spokesman, X")
            skipped += 1  # "said farmer Joseph Banda", "said state highway patrol spokesman X"
        elif bare[0].isupper() or _ACRONYM.match(bare):
            run.append(_name_part(bare))
            if bare[-1] in ",.;:" and not _is_title_token(bare):
                return _without_trailing(run, connectors)
        elif run and (bare in connectors or bare in lexicon.ROLE_WORDS):
            run.append(bare)  # "said Texas Department of Public Safety spokesman Tom Vigner"
        elif run and (role := _role_ahead(tokens, i)):
            run.extend(tokens[i:role])  # "says Bryn University political science professor X"
            i = role
            continue
        elif not run and bare.lower() in _RUN_DETERMINERS:
            pass  # "said the ...", "said his campaign manager X"
        else:
            following = bare
            break
        i += 1
    if (
        reported_check
        and run
        and run[-1] not in connectors  # "said Col. X of the fire service"
        and following is not None
        and not _may_follow_speaker(following)
    ):
        return []
    return _without_trailing(run, connectors)


def _without_trailing(run: list[str], connectors: frozenset[str]) -> list[str]:
    for k in range(1, len(run) - 1):
        if run[k] in connectors and run[k + 1].lower() in _DAYS_AND_MONTHS:
            run = run[:k]  # "said Gov. X on Tuesday", "said X in March"
            break
    while run and run[-1] in connectors:
        run.pop()
    return run


def _role_ahead(tokens: list[str], index: int) -> int:
    """Where a role word stands within three lowercase words of ``index``, before a name."""
    for j in range(index, min(index + 3, len(tokens) - 1)):
        word = tokens[j]
        if not word.isalpha() or not word.islower():
            return 0
        if word in lexicon.ROLE_WORDS and _NAME_TOKEN.match(tokens[j + 1].rstrip(",.;:")):
            return j
    return 0


# Words that may follow a speaker named after the verb: "said Col. X in a statement", "said
# X on Monday", "said X, who ...". Any other word makes the name the subject of a reported
# clause ("said the UN appealed", "said Mrs X does not ...").
_AFTER_SPEAKER = _PREPOSITIONS | frozenset(
    word_list("""in at during after before when while who whose which and as this last late
    early earlier later yesterday today tonight recently also adding saying noting""")
)


def _may_follow_speaker(word: str) -> bool:
    bare = word.strip("\"'\u201c\u201d\u2018\u2022")
    if not bare:
        return False  # a quotation straight after the name
    return not bare[0].islower() or bare.rstrip(",.;:") in _AFTER_SPEAKER


def _source_before(text: str, start: int, verb_start: int) -> Speaker | None:
    """A lowercase source right before the verb: "police said", "the ministry said in",
    "the health ministry's data showed" (the ministry), "the UNICEF report said" (UNICEF),
    also before an appositive: "the study, published in a journal on Tuesday, estimated";
    "the figures, released by the ministry on Monday, show" (the ministry)."""
    matches = list(_TOKEN.finditer(text, max(start, verb_start - 160), verb_start))
    tokens = _drop_adverbs([m.group() for m in matches])
    subject = _before_appositive(tokens)
    if subject is None:
        return _source(tokens[-5:], from_end=True)
    source = _source([*tokens[: subject - 1][-4:], tokens[subject - 1].rstrip(",")], from_end=True)
    if source is None or source.name.lower() not in lexicon.DOCUMENT_NOUNS:
        return source
    for i in range(subject, len(tokens) - 1):
        if tokens[i].lower() in _ISSUING_PARTICIPLES:  # not "seen by the Herald"
            return _issuer_after(text, matches[i - 1].end(), verb_start) or source
    return source


_SURVEYED = frozenset(word_list("polled surveyed questioned consulted interviewed"))


def _surveyed(tokens: list[str]) -> Speaker | None:
    """ "Analysts polled by Thomson Financial expected": those polled, not the pollster."""
    for i in range(len(tokens) - 3, max(-1, len(tokens) - 8), -1):
        if tokens[i + 1] not in _SURVEYED or tokens[i + 2] != "by":
            continue
        if not all(t[:1].isupper() or t in lexicon.NAME_CONNECTORS for t in tokens[i + 3 :]):
            return None
        noun = tokens[i]
        if noun[1:].islower() and noun.lower() in lexicon.SOURCE_NOUNS:
            return Speaker(noun.lower(), is_person=False)
        return None
    return None


def _with_subject(text: str, verb_start: int) -> list[str] | None:
    """The subject of a participle in "with X reporting/saying ...": the words between
    "with" and the participle when they are a name or a source, else None."""
    tokens = _TOKEN.findall(text, max(0, verb_start - 80), verb_start)[-7:]
    for i in range(len(tokens) - 2, -1, -1):
        if tokens[i].lower() != "with":
            continue
        run = tokens[i + 1 :]
        if tokens[i + 1].lower() == "the":
            run = run[1:]
        if not run or any(t[-1] in ",.;:" for t in run):
            return None
        last = run[-1]
        if _is_source(last) or (last[:1].isupper() and all(t[:1].isupper() for t in run)):
            return run
        return None
    return None


_WHEN_WORDS = frozenset(word_list("today yesterday tonight tomorrow the"))


def _commissioned(tokens: list[str]) -> Speaker | None:
    """ "A ComRes poll for The Independent today finds": the document speaks, not the paper
    that commissioned it."""
    for i in range(len(tokens) - 3, max(-1, len(tokens) - 9), -1):
        if tokens[i + 1] != "for" or tokens[i].lower() not in lexicon.DOCUMENT_NOUNS:
            continue
        if all(
            t[:1].isupper() or _strip_possessive(t).lower() in _WHEN_WORDS for t in tokens[i + 2 :]
        ):
            return _source(tokens[max(0, i - 3) : i + 1], from_end=True)
        return None
    return None


def _before_appositive(tokens: list[str]) -> int | None:
    """Where the subject ends when an appositive stands between it and the verb
    ("the study, published in the journal on Tuesday, estimated"): the index just after
    the subject's last word, or None when the verb follows its subject directly."""
    if len(tokens) < 3 or not tokens[-1].endswith(","):
        return None
    for i in range(len(tokens) - 2, max(0, len(tokens) - 14), -1):
        if tokens[i].endswith(","):
            return i + 1
        if tokens[i].endswith((".", ";", ":")):
            return None
    return None


def _source_after(text: str, verb_end: int, end: int) -> Speaker | None:
    """A lowercase source after the verb: "according to local authorities", "said police".

    A document is its issuer's when the phrase names one: "according to the latest ministry
    figures", "according to data from the World Bank", "a report released by the agency".
    """
    phrase: list[str] = []
    after = verb_end
    matches = list(_TOKEN.finditer(text, verb_end, min(end, verb_end + 80)))[:6]
    for i, match in enumerate(matches):
        token = match.group()
        bare = token.rstrip(",.;:")
        lower = bare.lower()
        if (
            lower in lexicon.NOT_NOUNS
            and lower not in _DETERMINERS
            and lower not in _DEMONSTRATIVES
        ):
            break  # "says the figure is a conservative estimate": a clause, not a source
        phrase.append(bare)
        after = match.end()
        if bare != token:
            break
        if _is_source(bare):
            following = matches[i + 1].group().rstrip(",.;:") if i + 1 < len(matches) else ""
            if not (
                following.islower()
                and (following in lexicon.DOCUMENT_NOUNS or following in lexicon.ROLE_WORDS)
            ):
                break  # "the ministry figures", "a police spokesman": the phrase runs on
    while phrase and not _is_source(phrase[-1]):
        phrase.pop()
    source = _source(phrase, from_end=False)
    if source is None or phrase[-1].lower() not in lexicon.DOCUMENT_NOUNS:
        return source
    if text[after - 1] in ",.;:":
        return source
    issuer = _issuer_after(text, after, end)
    return issuer or source


def _issuer_after(text: str, position: int, end: int) -> Speaker | None:
    """Who issued a document, named right after it: "data from the World Bank", "figures
    released by the Interior Ministry", "a report by the agency". Not "of", which names
    what a document is about ("a survey of 1,000 adults")."""
    tokens = _TOKEN.findall(text, position, min(end, position + 30))[:2]
    if not tokens:
        return None
    skip = 0
    if tokens[0].lower() in _ISSUING_PARTICIPLES and len(tokens) > 1:
        skip = 1
    preposition = tokens[skip].lower()
    if preposition not in {"from", "by", "of"}:
        return None
    offset = text.index(tokens[skip], position) + len(tokens[skip])
    run = _run_after(text, offset, end, connectors=_ORG_CONNECTORS, reported_check=False)
    if preposition == "of" and not (run and _ORGANISATION_WORD.search(" ".join(run))):
        return None  # "a survey of 1,000 adults" is about them; "the report of the Ministry"
    for i, word in enumerate(run):
        if word.lower() in _NOT_SPEAKERS:  # "by the Interior Ministry on Sunday"
            run = run[:i]
            break
    while run and run[-1] in _ORG_CONNECTORS:
        run.pop()
    run = [t for t in run if not t.startswith("(")]  # "(NBS)"
    if run and run[0][:1].isupper():
        if any(t in _ORG_CONNECTORS or t.endswith(_POSSESSIVE) for t in run):
            return Speaker(" ".join(run), is_person=False)  # "Brown University's Costs of War"
        speaker = _clean_name(run)
        if speaker is not None:
            return speaker
    owner = _TOKEN.findall(text, offset, min(end, offset + 60))[:5]
    phrase: list[str] = []
    for token in owner:
        bare = token.rstrip(",.;:")
        phrase.append(bare)
        if bare != token or _is_source(bare):
            break
    while phrase and not _is_source(phrase[-1]):
        phrase.pop()
    return _source(phrase, from_end=False) if phrase else None


_ORGANISATION_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(w.capitalize() for w in lexicon.ORG_WORDS)) + r")s?\b"
)
# "figures released by the ministry", "a report published by".
_ISSUING_PARTICIPLES = frozenset(
    word_list("released published issued compiled provided collected gathered commissioned")
)


def _source(tokens: list[str], *, from_end: bool) -> Speaker | None:
    if not tokens or not _is_source(tokens[-1].rstrip(",.;:")):
        return None
    phrase: list[str] = []
    for token in reversed(tokens):
        bare = token.strip("\"'\u201c\u201d\u2018\u2022")
        if phrase and (not bare or bare[-1] in ",.;:"):
            break
        if not bare.replace("'", "").replace("\u2019", "").replace("-", "").isalpha():
            break
        if bare.lower() in _DETERMINERS or bare.lower() in lexicon.LEADING_NOISE:
            break
        if phrase and bare.lower() in lexicon.NOT_NOUNS:
            break
        phrase.append(bare)
        if len(phrase) >= 4 and not (bare[:1].isupper() and len(phrase) < 7):
            break  # "the United Nations humanitarian coordination office": the whole name
    if not phrase:
        return None
    phrase.reverse()
    if phrase[-1].lower() in lexicon.DOCUMENT_NOUNS:
        while len(phrase) > 1 and phrase[0].endswith("ed"):
            phrase = phrase[1:]  # "with half the votes counted, results show"
        named = _named_document(phrase)
        if named is not None:
            return named
    if not from_end and len(phrase) > 1 and phrase[0][:1].isupper() and not phrase[0].isupper():
        return None  # but "according to a UN spokesman"
    return Speaker(" ".join(phrase), is_person=False)


def _named_document(phrase: list[str]) -> Speaker | None:
    """A document named with its issuer, as the text names it: "the health ministry's
    weekly bulletin", "the UNICEF report", "a Gallup poll", "the latest ministry figures"
    (without "latest": the edition is not the source). None when no issuer is named
    ("the quarterly report")."""
    while phrase and phrase[0].lower() in lexicon.DOCUMENT_MODIFIERS:
        phrase = phrase[1:]
    if not any(
        w[:1].isupper()
        or w.endswith(_POSSESSIVE)
        or (_is_source(w) and w not in lexicon.DOCUMENT_NOUNS)
        for w in phrase[:-1]
    ):
        return None
    return Speaker(" ".join(phrase), is_person=False)


def _is_source(word: str) -> bool:
    lower = word.lower()
    return word.islower() and (
        lower in lexicon.SOURCE_NOUNS
        or lower in lexicon.ROLE_WORDS
        or lower in lexicon.DOCUMENT_NOUNS
    )


def _document_subject(text: str, verb_start: int) -> bool:
    """Whether the words before "showed"/"revealed" end in a document: "data from the
    central bank showed", "the ministry's figures show", "the figures, released on Monday,
    show" (not "the video showed")."""
    tokens = _TOKEN.findall(text, max(0, verb_start - 160), verb_start)
    subject = _before_appositive(tokens)
    if subject is not None:
        tokens = [*tokens[: subject - 1], tokens[subject - 1].rstrip(",")]
    for token in reversed(tokens[-9:]):
        bare = token.rstrip(",.;:)")
        if bare[1:].islower() and bare.lower() in lexicon.DOCUMENT_NOUNS:
            return True
        if bare != token.rstrip(")"):
            return False
    return False


def _source_subject(text: str, verb: re.Match[str]) -> bool:
    """Whether a source stands right before "recorded"/"projects"/"put": a pronoun, a
    source or organisation noun, or a capitalised name ("the IMF projects", "officials
    recorded", "he put the toll at 84"); "put" also needs its "at"."""
    if verb.group().lower() in {"put", "puts"} and " at " not in text[verb.end() : verb.end() + 80]:
        # "the poll puts Labour on 42%": a poll's share, said "on"
        return " on " in text[verb.end() : verb.end() + 40] and _document_subject(
            text, verb.start()
        )
    tokens = _drop_adverbs(_TOKEN.findall(text, max(0, verb.start() - 120), verb.start()))
    subject = _before_appositive(tokens)
    if subject is not None:  # "the ministry's figures, published on Monday, put ..."
        tokens = [*tokens[: subject - 1], tokens[subject - 1].rstrip(",")]
    if not tokens:
        return False
    word = _strip_possessive(tokens[-1].strip("\"'\u201c\u201d\u2018\u2019"))
    lower = word.lower()
    if lower in _SUBJECT_PRONOUNS or lower in lexicon.SOURCE_NOUNS or lower in lexicon.ORG_WORDS:
        return True
    if _ACRONYM.match(word):  # "P&G had forecast"
        return True
    return (
        word[:1].isupper()
        and word.isalpha()
        and lower not in _DETERMINERS
        and lower not in lexicon.NOT_NOUNS  # "As mentioned", "Then recorded"
    )


def _organisation_subject(text: str, verb_start: int) -> bool:
    """Whether an organisation stands right before the verb: "it"/"they", an acronym ("the
    UN indicated"), an organisation or source noun that is no person's role ("the company
    earned", "analysts expected"); not a person ("he earned", "the striker earned")."""
    tokens = _drop_adverbs(_TOKEN.findall(text, max(0, verb_start - 60), verb_start))
    if not tokens:
        return False
    if _surveyed(tokens) is not None:  # "analysts surveyed by Zacks expected"
        return True
    word = _strip_possessive(tokens[-1].strip("\"'\u201c\u201d\u2018\u2019,"))
    lower = word.lower()
    if lower in {"it", "they"} or _ACRONYM.match(word):
        return True
    return word[1:].islower() and (  # "Analysts expected" opening a sentence
        lower in lexicon.ORG_WORDS
        or (lower in lexicon.SOURCE_NOUNS and lower not in lexicon.ROLE_WORDS)
    )


def _pronoun_before(text: str, start: int, verb_start: int) -> str | None:
    tokens = _TOKEN.findall(text, max(start, verb_start - 24), verb_start)
    tokens = _drop_adverbs(tokens)
    if tokens:
        word = tokens[-1].lower().strip("\u2022,")
        if word in _SUBJECT_PRONOUNS:
            return word
    return None


def _clean_name(tokens: list[str]) -> Speaker | None:
    """Strip titles, possessives and acronyms in brackets from a name run; an organisation
    too long to read as a name ("the UN Office for the Coordination of Humanitarian Affairs
    (OCHA)") is its acronym."""
    bracketed = [t for t in tokens if t.startswith("(") and t.endswith(")")]
    name = _cleaned_name([t for t in tokens if t not in bracketed])
    if name is None and bracketed and _ACRONYM.match(bracketed[-1]) and len(tokens) > 2:
        return Speaker(bracketed[-1].strip("()"), is_person=False)
    return name


def _cleaned_name(tokens: list[str]) -> Speaker | None:
    while len(tokens) > 1 and tokens[0].lower() in _SENTENCE_OPENERS:
        tokens = tokens[1:]  # "But John Dye, the chief of ..."
    if len(tokens) > 2 and tokens[-2] == "on" and tokens[-1].lower() in _WEEKDAYS:
        tokens = tokens[:-2]  # "the Election Commission on Friday said"
    if not tokens or tokens[-1].lower() in _NOT_SPEAKERS:
        return None
    last_title = -1
    for i, token in enumerate(tokens):
        lower = token.lower().rstrip(".")
        if _is_title_word(lower) or (i < len(tokens) - 1 and lower in lexicon.ORG_WORDS):
            last_title = i  # "head of U.S. Agency for International Development Rajiv Shah"
    lower_last = tokens[-1].lower()
    body = tokens[1:] if tokens[0].lower() == "the" else tokens
    if (3 <= len(body) <= 5 or (len(body) <= 8 and "and" in body)) and _org_before_preposition(
        body
    ):
        # "the Ministry of Health", "Office for Road Safety", "National Bureau of
        # Statistics"; a longer run may end in a person's name ("Agency for Rural
        # Development Amal Farouk")
        return Speaker(" ".join(body), is_person=False)
    if lower_last in lexicon.ORG_WORDS and "of" in tokens:
        # "Dr. Maria Keller of the Central Statistics Office": a titled person before "of"
        head = tokens[: tokens.index("of")]
        if len(head) >= 2 and head[0].lower().rstrip(".") in _PERSONAL_TITLES:
            titled = _clean_name(head)
            if titled is not None and titled.is_person:
                return titled
    if lower_last in lexicon.ORG_WORDS or (len(tokens) == 1 and tokens[0].isupper()):
        while tokens and (tokens[0].endswith(_POSSESSIVE) or tokens[0].lower() == "the"):
            tokens = tokens[1:]
        return Speaker(" ".join(tokens), is_person=False) if tokens else None
    person = tokens[last_title + 1 :]
    while person and person[0].endswith(_POSSESSIVE):
        person = person[1:]
    while person and person[0] in lexicon.NAME_CONNECTORS:
        person = person[1:]
    person = [t for t in person if t not in lexicon.NAME_CONNECTORS or t in _PARTICLES][-4:]
    if not person:
        return None
    cut_at_org = last_title >= 0 and tokens[last_title].lower().rstrip(".") in lexicon.ORG_WORDS
    if cut_at_org and len(person) > 2:
        # the organisation's name runs on ("Agency for International Development X Y")
        keep = 3 if person[-3] in _PARTICLES else 2
        person = person[-keep:]
    return Speaker(" ".join(person), is_person=True)


def _unnamed_before(text: str, start: int, verb_start: int) -> Speaker | None:
    """ "the woman told him", "one man said": someone the copy does not name.

    The speaker is that noun, so that the quote is not given to the last person named.
    """
    tokens = _TOKEN.findall(text, max(start, verb_start - 60), verb_start)
    if len(tokens) > 2 and tokens[-1].lower() in {"also", "later"}:
        tokens = tokens[:-1]  # "the supermarket also said"
    if len(tokens) < 2 or tokens[-2].lower() not in _UNNAMED_DETERMINERS:
        return None
    noun = tokens[-1]
    if noun[:1].isupper() and noun.lower() in _TITLES_OR_ROLES and noun[1:].islower():
        return Speaker(noun, is_person=False)  # "the Mayor declared": a title as a name
    if not noun.isalpha() or not noun.islower() or len(noun) < 3:
        return None
    if noun in lexicon.NOT_NOUNS or noun in _ADVERBS or noun in _PRONOUNS:
        return None
    return Speaker(noun, is_person=False)


_UNNAMED_DETERMINERS = frozenset(word_list("the a an one another"))


def _ends_sentence(between: str, title: str) -> bool:
    """Whether the title ends its sentence: a period after a title that is not an
    abbreviation ("Mayor." but not "Col."), or a blank line."""
    if "." in between:
        last = title.split()[-1].lower() + "."
        return last not in lexicon.TITLE_WORDS and len(last) > 3
    return "\n\n" in between


def _appositive_head(words: str) -> str:
    """The head of an appositive, before its first preposition: "chief spokesman" of "the
    chief spokesman for the Secretary-General" (the Secretary-General is someone else)."""
    head: list[str] = []
    for word in words.lower().split():
        if word in _PREPOSITIONS or word in {"in", "at", "on"}:
            break
        head.append(word)
    return " ".join(head)


def _is_title_word(lower: str) -> bool:
    """A title or role, hyphenated ones too ("director-general", "secretary-general")."""
    if lower in _TITLES_OR_ROLES:
        return True
    return "-" in lower and all(part in _TITLES_OR_ROLES for part in lower.split("-"))


def _org_before_preposition(body: list[str]) -> bool:
    """ "Ministry of Health", "National Bureau of Statistics": an organisation word, with
    only capitalised words before it, right before "of" or "for"."""
    for i in range(1, min(3, len(body) - 1)):
        if body[i] in {"of", "for"}:
            head = body[:i]
            word = head[-1].lower()
            return (word in lexicon.ORG_WORDS or word[:-1] in lexicon.ORG_WORDS) and all(
                w[:1].isupper() for w in head
            )
    return False


def _strip_possessive(name: str) -> str:
    for suffix in _POSSESSIVE:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name
