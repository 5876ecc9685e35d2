"""Find figure claims (casualty counts, money, other statistics) in a sentence.

The recogniser is deliberately conservative: a number becomes a claim only
when it has something that says what is being counted -- a currency, a
percent sign, a unit of measure, a casualty word or a countable noun.
Everything that merely *looks* numeric is rejected first: years, dates,
times of day, ages, ordinals, references such as "Section 144" or "Boeing
737", tokens glued to letters or slashes ("COVID-19", "9/11", "G-20"),
durations ("the past 10 years") and anything inside quotation marks (a
quote is checked as a quote, not as a figure).

Casualty units are resolved for the clause, not the word after the number:
"killed 29 people" (verb before), "141 people (including 132 children) were
killed" (verb after, skipping parentheses, so both numbers are "killed"),
"the death toll rose to 141" (noun some way before).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from claims.extraction import lexicon
from claims.extraction.checkworthiness import figure_score
from claims.extraction.currency import (
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    RupeeContext,
    code_for_symbol,
    code_for_word,
)
from claims.extraction.lexicon import by_initial, trie_rests, word_list
from claims.extraction.numbers import (
    AMBIGUOUS_SCALES,
    NUMBER_WORD_START,
    SCALES,
    WORD_NUMBER,
    parse_digits,
    parse_number_words,
)
from claims.extraction.types import (
    CASUALTY_COUNT,
    MONETARY_AMOUNT,
    STATISTIC,
    ClaimCandidate,
)

# A digit run not glued to a word, slash, colon or hyphen on either side.
# Possessive quantifiers and the look-behind keep this linear on inputs such
# as 200k digits or a megabyte of commas. The pattern opens with ``\d`` and
# checks the character before it afterwards (``(?<!...\d)``), so ``re`` can
# skip ahead to the next digit instead of trying every position.
_DIGITS = re.compile(
    r"(?P<num>\d(?<![\w.,/:\-\u2010\u2013#@+]\d)"
    r"(?:\d{0,2}(?:,\d{3})++(?:\.\d+)?+|\d*+(?:\.\d+)?+))"
    r"(?P<glued>[A-Za-z]++|%)?"
    r"(?![\w/:\-\u2010\u2013]|[.,]\d)"
)
_SCALE_AFTER = re.compile(
    r"[ \u00a0]?(?P<scale>hundred|thousand|million|billion|trillion|lakhs?|crores?"
    r"|bn|mn|mln|tn|m|b|k)\b",
    re.IGNORECASE,
)
_PERCENT_AFTER = re.compile(
    r"[ \u00a0]?(?:%|per[ \u00a0]?cent\b|percent\b|percentage[ \u00a0]+points?\b|pc\b)",
    re.IGNORECASE,
)
# A sentence that attributes its content ("police said", "according to")
# makes its figures more checkable: \b(?:said|says|...)\b, case-insensitive.
_ATTRIBUTION_WORDS = [
    *word_list("said says told reported announced stated estimated confirmed"),
    "according to",
]
_ATTRIBUTION = re.compile(by_initial(trie_rests(_ATTRIBUTION_WORDS), r"\w") + r"\b")
_QUALIFIER_RIGHT = re.compile(r"(?:\+|\s+or\s+more\b|\s+or\s+so\b)", re.IGNORECASE)
# Qualifiers before a number, in the order the alternation tries them.
_QUALIFIER_PHRASES = [
    *("at least", "a minimum of", "no fewer than", "no less than", "not less than"),
    *("more than", "upwards of", "in excess of", "greater than", "exceeding", "over", "above"),
    *("fewer than", "less than", "just under", "just below", "just shy of", "under", "below"),
    *("up to", "as many as", "as much as", "no more than", "at most", "a maximum of"),
    *("about", "around", "roughly", "some", "an estimated", "estimated", "approximately"),
    *("approx.", "circa", "nearly", "almost", "close to", "~"),
]
_QUALIFIER_LEFT = re.compile(
    r"(?<![\w-])(?P<q>"
    + "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in _QUALIFIER_PHRASES)
    + r")\s*$",
    re.IGNORECASE,
)
# Cheap test before the search: an ASCII text can only end in a qualifier
# if it ends in one of these words.
_QUALIFIER_ENDINGS = tuple(sorted({phrase.split()[-1] for phrase in _QUALIFIER_PHRASES}))
_QUALIFIER_NAMES = {
    "at least": "at_least",
    "a minimum of": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "more than": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "greater than": "more_than",
    "exceeding": "more_than",
    "over": "more_than",
    "above": "more_than",
    "fewer than": "fewer_than",
    "less than": "fewer_than",
    "under": "fewer_than",
    "below": "fewer_than",
    "just under": "nearly",
    "just below": "nearly",
    "just shy of": "nearly",
    "up to": "up_to",
    "as many as": "up_to",
    "as much as": "up_to",
    "no more than": "up_to",
    "at most": "up_to",
    "a maximum of": "up_to",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
}
_WS = re.compile(r"\s+")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.'\u2019-]*)[^\w]*$")
_NEXT_WORD = re.compile(r"[ \t\u00a0]*\(?([A-Za-z][A-Za-z.'\u2019-]*)")
_WORDS = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_LEADING_JUNK = re.compile(r"[\s\"'\u201c\u2018(]*")
_PARENTHETICAL = re.compile(r"\([^()]*\)")
_ADJECTIVE_ENDINGS = ("al", "ian", "ese", "ish", "ive", "ous", "ic", "ful", "less", "ary")
_CLAUSE_BREAKS = frozenset(word_list("after before when while because since although but whereas"))
_TEMPORAL = frozenset(
    word_list("""in since by from until till of during before after between and to mid late early
    the this that last next spring summer autumn fall winter circa""")
)
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th", "s"})
_VAGUE_WORD_PREFIXES = frozenset({"no", "the", "this", "that", "every", "any", "each", "those"})
_LEFT_WINDOW = 80
_RIGHT_WORDS = 8
_RIGHT_CHARS = 240  # enough for eight words and a parenthesis


@dataclass(slots=True)
class _Token:
    """A number spotted in a sentence before it is judged to be a claim."""

    start: int  # local offsets of the numeral itself
    end: int
    value: Decimal | None
    glued: str
    is_word: bool
    depth: int


def find_figures(
    text: str,
    sentence_start: int,
    sentence_end: int,
    masked: Sequence[tuple[int, int]],
    mask_starts: Sequence[int],
    rupees: RupeeContext,
    word_starts: Sequence[int],
) -> list[ClaimCandidate]:
    """Figure claims in ``text[sentence_start:sentence_end]``.

    ``masked`` holds sorted, non-overlapping spans (quotations) whose figures
    are never claims, ``mask_starts`` their start offsets. ``word_starts``
    is ``number_word_starts(text)``: a sentence with none is not searched
    for written numbers. A sentence that attributes its content scores
    higher; it is only looked at once the sentence has a figure claim.
    """
    sentence = text[sentence_start:sentence_end]
    slot = bisect_left(word_starts, sentence_start)
    with_words = slot < len(word_starts) and word_starts[slot] < sentence_end
    tokens = _tokens(sentence, with_words=with_words)
    if not tokens:
        return []
    claims: list[ClaimCandidate] = []
    attributed: list[bool] = []  # filled by the first claim
    for index, token in enumerate(tokens):
        position = sentence_start + token.start
        slot = bisect_right(mask_starts, position) - 1
        if slot >= 0 and masked[slot][0] <= position < masked[slot][1]:
            continue
        claim = _judge(text, sentence, sentence_start, tokens, index, rupees, attributed)
        if claim is not None:
            claims.append(claim)
    return claims


def number_word_starts(text: str) -> list[int]:
    """Where a written number may start in ``text``, in order.

    Every ``WORD_NUMBER`` match contains a number word that starts at a word
    boundary, so a sentence without one of these positions has no written
    number and its (relatively slow) search can be skipped.
    """
    return [match.start() for match in NUMBER_WORD_START.finditer(text)]


def _tokens(sentence: str, *, with_words: bool = True) -> list[_Token]:
    found: list[_Token] = []
    for match in _DIGITS.finditer(sentence):
        digits = match.group("num")
        if len(digits) > 1 and digits[0] == "0" and digits[1] != ".":
            value = None  # phone numbers, codes: "020 7946"
        else:
            value = parse_digits(digits)
        found.append(
            _Token(
                match.start(),
                match.end("num"),
                value,
                match.group("glued") or "",
                is_word=False,
                depth=0,
            )
        )
    if not with_words:
        return _with_depths(sentence, found)
    digit_starts = [t.start for t in found]
    for match in WORD_NUMBER.finditer(sentence):
        slot = bisect_right(digit_starts, match.end()) - 1
        if slot >= 0 and found[slot].end > match.start():
            continue  # overlaps a digit token ("28 billion")
        found.append(
            _Token(
                match.start(),
                match.end(),
                parse_number_words(match.group()),
                "",
                is_word=True,
                depth=0,
            )
        )
    found.sort(key=lambda t: t.start)
    return _with_depths(sentence, found)


def _with_depths(sentence: str, found: list[_Token]) -> list[_Token]:
    """Set each token's parenthesis depth (all stay 0 without a bracket)."""
    if "(" not in sentence:
        return found
    depth = 0
    cursor = 0
    for token in found:
        segment = sentence[cursor : token.start]
        depth = max(0, depth + segment.count("(") - segment.count(")"))
        token.depth = depth
        cursor = token.start
    return found


def _judge(
    text: str,
    sentence: str,
    offset: int,
    tokens: list[_Token],
    index: int,
    rupees: RupeeContext,
    attributed: list[bool],
) -> ClaimCandidate | None:
    token = tokens[index]
    if token.value is None:
        return None
    glued = token.glued.lower()
    if glued in _ORDINAL_SUFFIXES:
        return None
    # ------------------------------------------------------------- left side
    left_base = max(0, token.start - _LEFT_WINDOW)
    left = sentence[left_base : token.start]
    figure_start = token.start
    currency: str | None = None
    currency_match = None if token.is_word else CURRENCY_BEFORE.search(left, max(0, len(left) - 16))
    if currency_match is not None:
        currency = code_for_symbol(
            currency_match.group("symbol"),
            currency_match.group("dollar_prefix"),
            sentence,
            rupees,
            offset + token.start,
        )
        left = left[: currency_match.start()]
        figure_start = left_base + currency_match.start()
    qualifier = "exact"
    qualifier_match = _qualifier_before(left)
    if qualifier_match is not None:
        word = _WS.sub(" ", qualifier_match.group("q").lower())
        qualifier = _QUALIFIER_NAMES.get(word, "approximately")
        left = left[: qualifier_match.start()]
        figure_start = left_base + qualifier_match.start()
    previous = _previous_word(left)
    tight = bool(previous) and left.rstrip(" \u00a0").endswith(previous)
    previous_lower = previous.lower().rstrip(".")
    # ------------------------------------------------------------ right side
    position = token.end + len(token.glued)
    value = token.value
    percent = glued == "%"
    scale = glued if glued in SCALES else ""
    if token.glued and not percent and not scale and glued not in lexicon.MEASURE_UNITS:
        return None  # "4G", "737MAX", "3D"
    if not scale and not percent and not token.is_word:
        scale_match = _SCALE_AFTER.match(sentence, position)
        if scale_match is not None:
            scale = scale_match.group("scale").lower()
            position = scale_match.end()
    if not percent and not token.is_word:
        percent_match = _PERCENT_AFTER.match(sentence, position)
        if percent_match is not None:
            percent = True
            position = percent_match.end()
    currency_after = _currency_after(sentence, position, currency, rupees, offset)
    if currency_after is not None:
        word_match, currency = currency_after
        word_match_end = word_match.end()
    else:
        word_match_end = position
    if scale in AMBIGUOUS_SCALES and currency is None:
        return None  # "100m" sprint, "5k" run
    if scale:
        value *= SCALES[scale]
    right_qualifier = _QUALIFIER_RIGHT.match(sentence, word_match_end)
    if right_qualifier is not None and qualifier == "exact":
        qualifier = (
            "approximately" if right_qualifier.group().strip().endswith("so") else "at_least"
        )
    figure_end = max(word_match_end, right_qualifier.end() if right_qualifier else 0)
    next_word = _next_word(sentence, word_match_end)
    # ------------------------------------------------------------ exclusions
    if _is_reference(
        sentence, token, previous if tight else "", previous_lower, next_word, currency, qualifier
    ):
        return None
    if currency is None and not percent and not scale and _looks_like_year(token, previous_lower):
        noun_after = next_word.lower()
        if noun_after not in lexicon.CASUALTY_WORDS and not (
            noun_after.endswith("s") and noun_after not in lexicon.NOT_NOUNS
        ):
            return None
        if previous_lower in _TEMPORAL:
            return None
    # ---------------------------------------------------------- classify
    unit: str | None
    if currency is not None:
        kind, unit = MONETARY_AMOUNT, None
    elif percent:
        kind, unit = STATISTIC, "percent"
    else:
        noun = _counted_noun(sentence, word_match_end)
        if noun in lexicon.TIME_NOUNS:
            return None
        casualty = _casualty(
            sentence, tokens, index, previous_lower, left, left_base, word_match_end
        )
        if casualty is not None:
            kind, unit = CASUALTY_COUNT, casualty
        elif token.is_word and noun is None:
            return None
        elif glued in lexicon.MEASURE_UNITS:
            kind, unit = STATISTIC, lexicon.MEASURE_UNITS[glued]
        elif noun is not None:
            kind, unit = STATISTIC, lexicon.MEASURE_UNITS.get(noun, noun)
        else:
            return None
        if token.is_word and value == 1 and kind != CASUALTY_COUNT:
            return None  # "one day", "one of the"
    if not attributed:
        attributed.append(_ATTRIBUTION.search(sentence) is not None)
    score = figure_score(kind, value, qualifier, named_source=attributed[0], is_word=token.is_word)
    return ClaimCandidate(
        kind=kind,
        text=sentence,
        start=offset,
        end=offset + len(sentence),
        value=value,
        qualifier=qualifier,
        unit=unit,
        currency=currency,
        checkworthiness=score,
        figure_start=offset + figure_start,
        figure_end=offset + figure_end,
    )


def _qualifier_before(left: str) -> re.Match[str] | None:
    """The qualifier ("at least", "about") ending ``left``, if any."""
    tail = left[-30:].rstrip()[-16:]
    if tail.isascii() and not tail.lower().endswith(_QUALIFIER_ENDINGS):
        return None
    return _QUALIFIER_LEFT.search(left, max(0, len(left) - 30))


def _currency_after(
    sentence: str, position: int, currency: str | None, rupees: RupeeContext, offset: int
) -> tuple[re.Match[str], str] | None:
    match = CURRENCY_AFTER.match(sentence, position)
    if match is None:
        return None
    if currency is not None:
        return match, currency
    code = code_for_word(
        match.group("word"), match.group("adj"), sentence, rupees, offset + position
    )
    return match, code


def _previous_word(left: str) -> str:
    match = _LAST_WORD.search(left, max(0, len(left) - 30))
    if match is None:
        return ""
    # only a word that is directly adjacent (spaces, a comma or a period between)
    tail = left[match.end(1) :]
    if tail.strip(" \u00a0.,") and tail.strip() not in {"("}:
        return ""
    return match.group(1)


def _next_word(sentence: str, position: int) -> str:
    match = _NEXT_WORD.match(sentence, position)
    return match.group(1).rstrip(".'\u2019") if match else ""


def _is_reference(
    sentence: str,
    token: _Token,
    previous: str,
    previous_lower: str,
    next_word: str,
    currency: str | None,
    qualifier: str,
) -> bool:
    """Dates, times, ages, section numbers, model names and addresses."""
    next_lower = next_word.lower()
    if previous_lower in lexicon.MONTHS and previous[:1].isupper():
        return True
    if next_lower in lexicon.MONTHS and next_word[:1].isupper():
        return True
    if next_lower in lexicon.TIME_MARKERS or sentence.startswith(("a.m", "p.m"), token.end + 1):
        return True
    if previous_lower in lexicon.REFERENCE_WORDS:
        return True
    if next_lower in {"year-old", "years-old"}:
        return True
    if token.is_word and previous_lower in _VAGUE_WORD_PREFIXES:
        return True
    if (
        currency is None
        and qualifier == "exact"
        and previous[:1].isupper()
        and previous_lower not in lexicon.CASUALTY_VERBS_BEFORE
        and not _is_sentence_start(sentence, token.start, previous)
    ):
        return True  # "Boeing 737", "Article 370", "Flight 370"
    if next_word[:1].isupper() and not token.is_word:
        following = _WORDS.findall(sentence, token.end, token.end + 60)[:4]
        if any(w.lower() in lexicon.STREET_WORDS and w[:1].isupper() for w in following[1:]):
            return True  # "10 Downing Street"
    return False


def _is_sentence_start(sentence: str, start: int, previous: str) -> bool:
    word_start = sentence.rfind(previous, max(0, start - len(previous) - 8), start)
    leading = _LEADING_JUNK.match(sentence)
    return word_start >= 0 and leading is not None and leading.end() >= word_start


def _looks_like_year(token: _Token, previous_lower: str) -> bool:
    if token.is_word or token.glued:
        return False
    return token.value is not None and token.end - token.start == 4 and 1800 <= token.value <= 2100


def _counted_noun(sentence: str, position: int) -> str | None:
    """The noun naming what is counted, lowercased, or ``None``."""
    words: list[str] = []
    cursor = position
    for _ in range(3):
        match = _NEXT_WORD.match(sentence, cursor)
        if match is None:
            break
        words.append(match.group(1).rstrip(".'\u2019"))
        cursor = match.end()
    for i, word in enumerate(words):
        lower = word.lower()
        if lower in lexicon.NOT_NOUNS:
            return None
        if lower in lexicon.TIME_NOUNS and i + 1 < len(words):
            following = words[i + 1].lower()
            if following not in lexicon.NOT_NOUNS and _plausible_noun(following):
                continue  # "season tickets": the time word is a modifier
        if lower in lexicon.TIME_NOUNS or lower in lexicon.MEASURE_UNITS:
            return lower
        modifier = (
            lower in lexicon.MODIFIERS or word[:1].isupper() or lower.endswith(_ADJECTIVE_ENDINGS)
        )
        if modifier and i + 1 < len(words):
            continue
        return lower if _plausible_noun(lower) else None
    return None


def _plausible_noun(word: str) -> bool:
    if len(word) < 2 or not word.replace("-", "").isalpha():
        return False
    if word.endswith("ly") or word.endswith("ed"):
        return False
    return not (word.endswith("ing") and word not in lexicon.CASUALTY_WORDS)


def _casualty(
    sentence: str,
    tokens: list[_Token],
    index: int,
    previous_lower: str,
    left: str,
    left_base: int,
    position: int,
) -> str | None:
    """The casualty unit for the number at ``tokens[index]``, if any."""
    if previous_lower in lexicon.CASUALTY_VERBS_BEFORE:
        return lexicon.CASUALTY_WORDS[previous_lower]
    token = tokens[index]
    limit = len(sentence)
    for later_index in range(index + 1, len(tokens)):
        if tokens[later_index].depth <= token.depth:
            limit = tokens[later_index].start
            break
    right = _PARENTHETICAL.sub(" ", sentence[position : min(limit, position + _RIGHT_CHARS)])
    right = right.replace("(", " ").replace(")", " ")
    right_words = _WORDS.findall(right)
    for i, word in enumerate(right_words[:_RIGHT_WORDS]):
        lower = word.lower()
        if lower in _CLAUSE_BREAKS:
            break
        if lower in lexicon.CASUALTY_WORDS:
            return lexicon.CASUALTY_WORDS[lower]
        if lower in lexicon.DISPLACEMENT_VERBS and lexicon.DISPLACEMENT_PHRASE.match(
            " ".join(right_words[i : i + 5])
        ):
            return "displaced"  # "forced from their homes", "fled their homes"
    floor = 0
    for earlier_index in range(index - 1, -1, -1):
        if tokens[earlier_index].depth <= token.depth:
            floor = tokens[earlier_index].end
            break
    start_in_left = max(0, floor - left_base)
    before = _WORDS.findall(left, start_in_left)[-_RIGHT_WORDS:]
    for word in reversed(before):
        lower = word.lower()
        if lower in lexicon.CASUALTY_NOUNS_BEFORE:
            return lexicon.CASUALTY_NOUNS_BEFORE[lower]
    return None
