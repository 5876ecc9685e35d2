"""What a figure counts, beyond its unit: the marks that make two figures different
quantities even when their units agree.

A fact-checker only calls a source's figure a refutation when both figures count the same
thing over the same span. News copy often gives, beside the event's figure, a projection
("could reach 500"), one day's part of a running total ("40 on Sunday alone"), an
increment ("another 30 bodies"), a change in percentage points, a severity subset ("12
critically injured") or a currency conversion in parentheses ("(about $1.2 billion)").
Each is read here from the words around the figure, so matching can refuse to confirm or
refute across them. Pure functions on strings, no Django.
"""

from __future__ import annotations

import re
from decimal import Decimal

from claims.extraction.numbers import parse_number_words

__all__ = [
    "CERTAIN",
    "CLAIMED",
    "COMBINED",
    "CONVERSION",
    "FUTURE",
    "INCREMENT",
    "MARGIN",
    "PARTIAL",
    "POINTS",
    "PROJECTION",
    "PROPOSED",
    "RATE",
    "RECORDS",
    "RECOVERED",
    "SEVERITY",
    "claimed_by",
    "compound_remainder",
    "earlier_count",
    "estimate",
    "financial_measure",
    "provisional",
    "replaced_count",
    "scope_marks",
]

#: "could reach 500", "is expected to rise to 80", "forecast to hit $3 billion".
PROJECTION = "projection"
#: "will pay $4 million", "aims for 500 by 2030": a plan or pledge. It may confirm a
#: claim about the same plan, but never refutes a figure of what happened.
FUTURE = "future"
#: "calling for a 2 percent cut", "a proposed $40 million levy": what someone asked for,
#: which may not be what was decided. It confirms only a claim about the same proposal.
PROPOSED = "proposed"
_PROPOSED_BEFORE_RE = re.compile(
    r"\b(?:call(?:s|ed|ing)?\s+for|propos(?:e|es|ed|ing|al|als)|motion\s+for|"
    r"amendment\s+(?:for|to|seeking))\b[^.;:]{0,40}$",
    re.IGNORECASE,
)
#: "40 on Sunday alone", "12 in the past 24 hours", "overnight".
PARTIAL = "partial"
#: "a further 30", "30 more", "30 additional" ("30 new cases" is the usual way to give a
#: day's count, and "another 114 were hurt" after a death toll names another category, so
#: neither "new" nor "another" is read as an increment).
INCREMENT = "increment"
#: "found three bodies", "recovered the bodies of 12": bodies recovered in a search, a
#: part of a toll that grows as the search goes on, not the toll.
RECOVERED = "recovered"
#: "900 missing people reports", "40 missing-person cases": reports or files about
#: people, not people (one person may be reported many times).
RECORDS = "records"
#: "2 percentage points": a difference of two percentages, not a percentage.
POINTS = "points"
#: "lost by 422 votes", "a margin of 930 votes", "a lead of 12 seats": the difference
#: between two counts, not either count.
MARGIN = "margin"
#: "12 per 100,000", "$15 an hour", "40 a day", "daily": a rate, not a count.
RATE = "rate"
#: "12 critically injured", "30 suspected": a subset by severity or a looser count.
SEVERITY = "severity"
#: "16 confirmed dead": the count an authority stands behind. It is the figure a plain
#: claim is usually made from, so it may confirm one; it never refutes one (a claim may
#: add the unconfirmed).
CERTAIN = "certain"
#: "the combined death toll from the twin typhoons": a sum over several events, places
#: or groups. It confirms a claim of the same sum, but refutes no claim about one part.
COMBINED = "combined"
#: "(about $1.2 billion)" after a local amount: an exchange-rate conversion.
CONVERSION = "conversion"
#: "the group said it killed 40 soldiers", "the rebels claimed 30 were captured": a side's
#: own account of what it did or suffered. It confirms only a claim that also gives it as
#: that side's account, and refutes nothing (see ``claimed_by``).
CLAIMED = "claimed"

_PROJECTION_BEFORE_RE = re.compile(
    r"\b(?:could|may|might|likely\s+to|expected\s+to|projected\s+to|"
    r"forecast\s+to|predicted\s+to|estimated\s+to|feared\s+to|poised\s+to|on\s+track\s+to|"
    r"threatens?\s+to|risks?)\b(?:\s+\w+){0,4}\s*$"
    r"|\b(?:projected|forecast|predicted|projection|forecasts?)\b[^.;:]{0,30}$",
    re.IGNORECASE,
)
_FUTURE_BEFORE_RE = re.compile(
    r"\b(?:would|will|shall|set\s+to|plans?\s+to|aims?\s+(?:for|to)|pledged?\s+to|"
    r"promised?\s+to)\b(?:\s+\w+){0,4}\s*$"
    r"|\b(?:target(?:s|ed)?|goal|by\s+(?:19|20)\d\d)\b[^.;:]{0,30}$",
    re.IGNORECASE,
)
_PROJECTION_AFTER_RE = re.compile(
    r"^[^.;:]{0,30}?\b(?:by\s+(?:19|20)\d\d|by\s+the\s+end\s+of|next\s+(?:year|month|week)|"
    r"in\s+the\s+coming)\b"
    r"|^[^.;:,]{0,25}?\b(?:may|might|could|are\s+feared|were\s+feared|feared)\b",
    re.IGNORECASE,
)
_DAY_NAMES = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday)"
_PARTIAL_AFTER_RE = re.compile(
    r"^[^.;:]{0,40}?(?:\balone\b|\b(?:in|over|during)\s+the\s+(?:past|last|previous)\s+"
    r"(?:\d+|twenty-four|24|48|seven)?\s*(?:hours?|days?|weeks?)\b|\bovernight\b|\bon\s+"
    + _DAY_NAMES
    + r"\s+alone\b)",
    re.IGNORECASE,
)
_PARTIAL_BEFORE_RE = re.compile(
    r"\b(?:overnight|alone|(?:in|over)\s+the\s+(?:past|last)\s+(?:\d+\s+)?"
    r"(?:hours?|days?)|(?:on|over)\s+" + _DAY_NAMES + r"\s+alone)\b[^.;:]{0,30}$",
    re.IGNORECASE,
)
_RECOVERY_VERB = (
    r"\b(?:found|recovered|retrieved|pulled|pulled\s+out|dug\s+out|exhumed|discovered|"
    r"located|brought\s+out)"
)
_RECOVERED_BEFORE_RE = re.compile(
    _RECOVERY_VERB + r"\s+(?:the\s+|a\s+further\s+|another\s+)?(?:bod(?:y|ies)|remains|corpses)"
    r"\s+of\s*$",
    re.IGNORECASE,
)
_RECOVERED_AROUND_RE = re.compile(_RECOVERY_VERB + r"\s+(?:the\s+)?$", re.IGNORECASE)
_BODIES_AFTER_RE = re.compile(r"^\s*(?:more\s+)?(?:bod(?:y|ies)|corpses)\b", re.IGNORECASE)
_COMBINED_BEFORE_RE = re.compile(r"\b(?:combined|cumulative|joint)\b[^.;]{0,160}$", re.IGNORECASE)
_COMBINED_AFTER_RE = re.compile(
    r"^[^.;:]{0,40}?\b(?:combined|between\s+them|taken\s+together)\b", re.IGNORECASE
)
_INCREMENT_BEFORE_RE = re.compile(
    r"\b(?:a\s+further|an\s+additional|further|additional|extra)\s*$",
    re.IGNORECASE,
)
_INCREMENT_AFTER_RE = re.compile(
    r"^\s*(?:more|additional|further|extra)\b(?!\s+than)",
    re.IGNORECASE,
)
_MARGIN_BEFORE_RE = re.compile(
    r"\b(?:(?:margin|difference|lead|edge|gap|deficit)\s+of|"
    r"(?:won|win|wins|winning|lost|lose|loses|losing|beat|beats|beaten|beating|defeated|"
    r"defeating|trail(?:s|ed|ing)?|led|leads?|leading|ahead|behind|edged|edging|prevailed)"
    r"\b(?:\s+[\w'\u2019-]+){0,8}?\s+by)\s+(?:just|only|some|about|nearly|almost|roughly|"
    r"around|more\s+than|fewer\s+than|less\s+than|a\s+mere|over|under)?\s*$",
    re.IGNORECASE,
)
_RECORDS_AFTER_RE = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:[\w]+-)?(?:people|persons?|victims?)(?:'s|s'|\u2019s)?\s+"
    r"(?:reports?|cases|calls|complaints|inquiries|enquiries|requests|claims|files|tips|"
    r"records|notices)\b",
    re.IGNORECASE,
)
#: "six more than the governing party", "12 seats ahead of Labour": a difference between
#: two counts, not a count ("40 more" alone is an increment).
_MARGIN_AFTER_RE = re.compile(
    r"^\s*(?:[^\W\d_]+\s+)?(?:(?:more|fewer|less)\s+than|ahead\s+of|behind)\s+(?!\d)"
    r"(?!(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand|"
    r"million|billion)\b)",
    re.IGNORECASE,
)
#: "by 62 votes to 38": a tally, not a margin.
_TALLY_AFTER_RE = re.compile(r"^\s*(?:[^\W\d_]+\s+)?(?:to|-|\u2013)\s*\d", re.IGNORECASE)
_POINTS_AFTER_RE = re.compile(r"^\s*(?:%\s*)?(?:percentage|basis)[\s-]+points?\b", re.IGNORECASE)
_RATE_AFTER_RE = re.compile(
    r"^[^.;:,]{0,25}?\b(?:per|for\s+every|out\s+of\s+every|in\s+every)\s+(?:\d[\d,.]*|"
    r"one|a|capita|head|person|hour|day|week|month|year|cent\s+of)"
    r"|^\s*[%\w$-]*\s*(?:an|a|each|every)\s+(?:hour|day|week|month|year)\b"
    r"|^\s*[\w-]*\s*(?:daily|weekly|monthly|annually|a\s+year|per\s+year)\b",
    re.IGNORECASE,
)
_RATE_BEFORE_RE = re.compile(
    r"\b(?:rate|incidence|prevalence|ratio|average|daily|weekly|per\s+capita)\b"
    r"(?:\s+[\w-]+){0,2}\s+(?:of|at|was|is|stood\s+at|reached|hit)?\s*$",
    re.IGNORECASE,
)
_SEVERITY_RE = re.compile(
    r"\b(?:critically|seriously|severely|gravely|badly|lightly|slightly|suspected|"
    r"probable|presumed|serious|critical|minor)\b",
    re.IGNORECASE,
)
_CERTAIN_RE = re.compile(r"\b(?:confirmed|verified)\b", re.IGNORECASE)
_OPEN_PAREN_RE = re.compile(
    r"[(\[]\s*(?:about|around|approximately|roughly|some|nearly|almost|or|equivalent\s+to|"
    r"worth|approx\.?|c\.|~)?\s*$",
    re.IGNORECASE,
)
_OR_ABOUT_RE = re.compile(
    r",?\s*\bor\s+(?:about|around|roughly|some|nearly|almost|approximately)?\s*$", re.IGNORECASE
)
_PROVISIONAL_RE = re.compile(
    r"\b(?:so\s+far|to\s+date|at\s+least|preliminary|provisional|initial(?:ly)?|"
    r"(?:expected|likely|feared|could|may|might|set)\s+to\s+(?:rise|climb|increase|grow|go\s+up)|"
    r"(?:could|may|might|will)\s+(?:rise|climb|increase|grow)|still\s+(?:missing|rising|"
    r"climbing)|has\s+risen\s+to|rose\s+to|climbed\s+to|as\s+of)\b",
    re.IGNORECASE,
)


#: "would give the party 188 seats" in a poll, "estimated turnout would be 57 percent":
#: a hypothetical outcome (a poll's projection, a model's scenario), not what happened. "He said it
#: would cost $4 million" is reported future instead: a verb of saying before the
#: "would" leaves it to ``FUTURE``.
_CONDITIONAL_BEFORE_RE = re.compile(r"\bwould\b(?:\s+[\w'\u2019-]+){0,4}\s*$", re.IGNORECASE)
_CONDITIONAL_IF_RE = re.compile(r"\bif\b[^.;:]{0,60}?\b(?:were|had\s+been)\b", re.IGNORECASE)
_CONDITIONAL_AFTER_RE = re.compile(
    r"^[^.;:]{0,40}?\bif\b[^.;:]{0,50}?\b(?:were|was|had\s+been)\b", re.IGNORECASE
)
#: What makes a "would" hypothetical rather than a bill's or a plan's future ("a bill
#: that would provide $8 billion"): a poll, survey or model in the same sentence.
_SCENARIO_RE = re.compile(
    r"\b(?:polls?|polling|surveys?|respondents|projections?|projected|models?|modell?ing|"
    r"scenarios?|estimated|forecasts?|simulations?)\b",
    re.IGNORECASE,
)
_REPORTING_RE = re.compile(
    r"\b(?:said|says|say|told|tells|announced|added|stated|warned|promised|pledged|"
    r"insisted|argued|claimed|predicted|expects?|expected|hopes?|hoped|believes?|"
    r"believed|thinks?|thought)\b",
    re.IGNORECASE,
)
#: The financial measures a company's figure may be: takings before costs, or what is
#: left after them (or lost). "Sales rose to $5.6 billion" is no profit of $5.6 billion.
_MEASURE_RE = re.compile(
    r"\b(?:(?P<revenue>revenues?|sales|turnover|takings)|"
    r"(?P<profit>profits?|earnings|(?:net\s+|operating\s+)?income|loss(?:es)?|ebitda))\b",
    re.IGNORECASE,
)


def financial_measure(before: str) -> str:
    """Which financial measure a figure gives, from the nearest measure word before it in
    its clause: "revenue" ("Revenue rose 45% to $3.21 billion", "a loss on sales of
    $5.1 million") or "profit" (profit, earnings, income, loss); "" when none is named.
    """
    found = ""
    for match in _MEASURE_RE.finditer(_clause_before(before)[-120:]):
        found = "revenue" if match.group("revenue") else "profit"
    return found


_COMPOUND_RE = re.compile(
    r"^[\w.,-]*?\s*(?P<unit>year|week|day|hour|minute)s?\s*,?\s*and\s+"
    r"(?P<count>\d{1,2}|[a-z]+)\s+(?P<part>month|week|day|hour|minute|second)s?\b",
    re.IGNORECASE,
)
#: How many of the smaller unit make one of the larger.
_PARTS_PER_UNIT = {
    ("year", "month"): 12,
    ("year", "week"): 52,
    ("week", "day"): 7,
    ("day", "hour"): 24,
    ("hour", "minute"): 60,
    ("minute", "second"): 60,
}


def compound_remainder(written: str, after: str) -> Decimal:
    """The rest of a compound duration after its first figure, in that figure's unit:
    "six years" followed by "and six months" gives 0.5 (so "six years and six months" is
    the six and a half years a claim may write); 0 when the figure stands alone.
    """
    match = _COMPOUND_RE.match(written + after)
    if not match:
        return Decimal(0)
    unit = match.group("unit").lower()
    per = _PARTS_PER_UNIT.get((unit, match.group("part").lower()))
    word = match.group("count").lower()
    count = Decimal(1) if word in {"a", "an"} else parse_number_words(word)
    if word.isdigit():
        count = Decimal(word)
    if not per or count is None or count >= per:
        return Decimal(0)
    return Decimal(count) / Decimal(per)


def _clause_before(before: str) -> str:
    """The words of the figure's own clause before it (after the last ; : or sentence end)."""
    return re.split(r"[.;:!?]\s", before[-160:])[-1]


def scope_marks(before: str, written: str, after: str, *, money: bool = False) -> frozenset[str]:
    """The scope marks of one figure: ``before`` is its sentence up to the figure,
    ``written`` the figure as written, ``after`` the rest of its sentence.

    "The toll could reach 500" gives {projection}; "will pay $4 million" {future};
    "40 died on Sunday alone" {partial}; "a further 30 bodies" {increment}; "rose 2
    percentage points" {points}; "lost by 422 votes" {margin}; "900 missing people
    reports" {records}; "12 per 100,000" {rate}; "12 critically injured"
    {severity}; "16 confirmed dead" {certain}; "found three bodies" {recovered}; "the
    combined toll" {combined}; "(about $1.2 billion)" beside a local amount
    {conversion}; "the group said it killed 40" {claimed}. A plain "141 people were
    killed" gives none.
    """
    # The extractor may take qualifier words into the figure ("A further 9"): they belong
    # to the words before its number.
    words = re.match(r"[^\W\d_][^\d$\u20ac\u00a3\u00a5]*", written)
    clause = _clause_before(before + (words.group() if words else ""))
    near_before = clause[-60:]
    near_after = after[:60]
    marks: set[str] = set()
    if _PROJECTION_BEFORE_RE.search(near_before) or _PROJECTION_AFTER_RE.match(near_after):
        marks.add(PROJECTION)
    conditional = _CONDITIONAL_BEFORE_RE.search(clause)
    if (
        conditional
        and not _REPORTING_RE.search(clause[: conditional.start()])
        and (_SCENARIO_RE.search(before) or _SCENARIO_RE.search(after))
    ) or _CONDITIONAL_AFTER_RE.match(after):
        marks.add(PROJECTION)
    # "If an election were held on Sunday, 31 percent would back ..., 27 percent ...":
    # every figure of a sentence with a hypothetical condition and its "would".
    if _CONDITIONAL_IF_RE.search(before) and re.search(r"\bwould\b", before + after, re.I):
        marks.add(PROJECTION)
    if _FUTURE_BEFORE_RE.search(near_before) or re.match(
        r"^[^.;:,]{0,25}?\b(?:will|would)\b", near_after, re.IGNORECASE
    ):
        marks.add(FUTURE)
    if _PROPOSED_BEFORE_RE.search(near_before):
        marks.add(PROPOSED)
    if _PARTIAL_AFTER_RE.match(near_after) or _PARTIAL_BEFORE_RE.search(near_before):
        marks.add(PARTIAL)
    if _INCREMENT_BEFORE_RE.search(near_before[-25:]) or _INCREMENT_AFTER_RE.match(after):
        marks.add(INCREMENT)
    if _POINTS_AFTER_RE.match(after) or re.search(r"\bpoints?\b", written, re.IGNORECASE):
        marks.add(POINTS)
    if (
        _MARGIN_BEFORE_RE.search(near_before) and not _TALLY_AFTER_RE.match(after)
    ) or _MARGIN_AFTER_RE.match(after):
        marks.add(MARGIN)
    if _RECORDS_AFTER_RE.match(after):
        marks.add(RECORDS)
    if _RATE_AFTER_RE.match(after) or _RATE_BEFORE_RE.search(near_before[-30:]):
        marks.add(RATE)
    # Severity words qualify the figure when they stand right beside it; after it, only up
    # to the next number ("45 of the 60 suspected cases": "suspected" is the 60's).
    own_after = re.split(r"[,\d]", after[:30], maxsplit=1)[0]
    if _SEVERITY_RE.search(near_before[-25:]) or _SEVERITY_RE.search(own_after):
        marks.add(SEVERITY)
    # A number in words ("three") is all letters: read the words before it without it.
    plain_before = _clause_before(before)
    if _RECOVERED_BEFORE_RE.search(plain_before[-45:]) or (
        _RECOVERED_AROUND_RE.search(plain_before[-25:]) and _BODIES_AFTER_RE.match(after)
    ):
        marks.add(RECOVERED)
    if _COMBINED_BEFORE_RE.search(before[-200:]) or _COMBINED_AFTER_RE.match(after):
        marks.add(COMBINED)
    if _CERTAIN_RE.search(near_before[-25:]) or _CERTAIN_RE.search(own_after):
        marks.add(CERTAIN)
    if money and (_OPEN_PAREN_RE.search(before[-25:]) or _OR_ABOUT_RE.search(before[-25:])):
        marks.add(CONVERSION)
    if claimed_by(before, after):
        marks.add(CLAIMED)
    return frozenset(marks)


#: A side in a fight or a protest, as the one who says something: "the militants said",
#: "the rebel group claimed", "according to the insurgents", "protest organisers said".
#: Organisers' crowd sizes and injured counts are their account, as police's are theirs.
_SIDE = (
    r"(?:(?:militant|armed|rebel|jihadist|insurgent|extremist|separatist|terrorist|islamist|"
    r"guerrilla)\s+(?:group|outfit|movement|faction)|militants?|insurgents?|rebels?|"
    r"jihadists?|guerrill?as?|separatists?|attackers|organi[sz]ers|protesters|demonstrators)"
)
_SAY = r"(?:said|says|say|saying|claimed|claims|claim|claiming|stated|announced|reported)"
_DEED = (
    r"(?:killed|kill|wounded|injured|captured|kidnapped|abducted|beheaded|executed|"
    r"shot\s+down|downed|destroyed|seized|taken)"
)
#: "claimed to have killed", "He claims around 30 ...", "claimed responsibility ...,
#: saying 12 ...". Not "claimed the lives of" or "Taliban-claimed".
_CLAIM_VERB_RE = re.compile(r"(?<![\w-])claim(?:s|ed|ing)?\b", re.IGNORECASE)
_CLAIMED_LIVES_RE = re.compile(r"^\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?lives\b", re.IGNORECASE)
#: "claimed responsibility", "claimed the attack that killed 22": who did it, not how many.
_RESPONSIBILITY_RE = re.compile(
    r"^\s+(?:responsibility|credit|(?:the|an?|this|that|last|[\w-]+'s)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:attacks?|bombings?|blasts?|raids?|assaults?|ambush(?:es)?|killings?|strikes?|"
    r"explosions?|shootings?))\b(?![^.;]*\b(?:saying|said|adding|and\s+says)\b)",
    re.IGNORECASE,
)
#: "the claims", "filed claims", "the group's claim", "insurance claims": the noun.
_CLAIM_NOUN_BEFORE_RE = re.compile(
    r"(?:\b(?:the|a|an|its|their|his|her|our|these|those|such|any|no|of|filed|file|files|"
    r"received|receive|rejected|denied|dismissed|made|insurance|compensation|false|new)|'s|"
    r"s'|\u2019s)\s+$",
    re.IGNORECASE,
)
#: Another verb of saying between the claim and the figure gives the figure to its sayer.
_OTHER_SAYER_RE = re.compile(
    r"\b(?:said|says|say|told|according\s+to|reported|confirmed|announced)\b", re.IGNORECASE
)
_LIVES_AFTER_RE = re.compile(r"^\s*(?:[\w-]+\s+)?(?:lives|victims)\b", re.IGNORECASE)
#: "said via its news agency that it killed 14", "said its fighters had killed 18": the
#: one who says it is the one who did it.
_OWN_DEED_RE = re.compile(
    r"\b" + _SAY + r"\b[^.;]{0,100}?\b(?:it|they|we|its|their|our)\b(?:\s+[\w-]+){0,2}?\s+"
    r"(?:had\s+|have\s+|has\s+)?" + _DEED + r"\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_FIRST_PERSON_DEED_RE = re.compile(
    r"\b(?:we|our\s+[\w-]+)\s+(?:have\s+|had\s+)?" + _DEED + r"\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_SIDE_SAYS_BEFORE_RE = re.compile(
    r"\b(?:" + _SIDE + r"|the\s+group)"
    r"(?:'s?|\u2019s?)?\s+(?:[\w-]+\s+){0,2}?" + _SAY + r"\b(?!\s+to\b)",
    re.IGNORECASE,
)
_SIDE_SAYS_AFTER_RE = re.compile(
    r"^[^.;]{0,100}?(?:\b" + _SAY + r"\s+|\baccording\s+to\s+)"
    r"(?P<who>(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}?" + _SIDE + r")\b"
    # "..., rebel media reported"
    r"|^[^.;]{0,100}?,\s*(?P<side>(?:the\s+)?(?:[\w-]+\s+){0,2}?" + _SIDE + r")"
    r"(?:'s?|\u2019s?)?\s+(?:[\w-]+\s+){0,2}?" + _SAY + r"\b",
    re.IGNORECASE,
)
#: "..., a figure the ministry disputed", "which could not be independently verified": the
#: page itself says the figure is one account, not an established count.
_DISPUTED_AFTER_RE = re.compile(
    r"^[^.;]{0,80}?(?:\b(?:a\s+)?(?:figure|number|count|toll|claim|estimate)\s+(?:that\s+|which\s+)?"
    r"(?:[\w'\u2019-]+\s+){0,4}?(?:disputed|denied|rejected|contested|questioned|dismissed)\b"
    r"|\b(?:could|can|cannot|has\s+not\s+been|have\s+not\s+been)\s*(?:not\s+)?(?:be\s+)?"
    r"(?:independently\s+)?(?:verified|confirmed)\b|\b(?:unverified|unconfirmed)\b)",
    re.IGNORECASE,
)
_NOT_SUBJECT_RE = re.compile(r"\s+(?:in|via|on|through|during|to|at)\s+[^,]*$")


def _subject(text: str) -> str:
    """The few words before a verb of saying: who says it ("Taliban spokesman Abdul
    Rahim", "the rebels"); a trailing "in a statement" is not part of it."""
    text = re.sub(r"\([^()]*\)", "", text)
    text = _NOT_SUBJECT_RE.sub("", text.rstrip(" ,"))
    words = re.findall(r"[\w'\u2019.-]+", text)[-4:]
    while len(words) > 1 and words[0].islower() and words[0].lower() != "the":
        words = words[1:]
    return " ".join(words)


def claimed_by(before: str, after: str) -> str:
    """Who gives the figure as their own claim, or "" when the page states it itself.

    ``before`` is the figure's sentence up to it, ``after`` the rest. A figure is a claim
    when a verb of claiming governs it ("He claims around 30 soldiers were taken"; not
    "the blast claimed 40 lives"), when whoever says it is the one who did it ("the group
    said it killed 14"; "We have killed 12"), or when a side in a fight says it ("the
    militants said", "according to the rebels"). Such a figure is that side's account,
    not the page's: when the page gives another count for the same thing (usually the
    officials'), the claim is in dispute, and even alone it is only what one side says.
    So is a figure the page itself calls disputed or unverified ("..., a figure the
    ministry disputed", "which could not be independently verified").
    """
    sentence = re.split(r"[.;!?]\s", before[-240:])[-1]
    for verb in reversed(list(_CLAIM_VERB_RE.finditer(sentence))):
        rest = sentence[verb.end() :]
        if _CLAIMED_LIVES_RE.match(rest) or _RESPONSIBILITY_RE.match(rest):
            continue
        if not rest.strip() and _LIVES_AFTER_RE.match(after):
            continue  # "the attack claimed 40 lives"
        if _CLAIM_NOUN_BEFORE_RE.search(sentence[: verb.start()]):
            continue  # "filed claims", "the group's claim": a noun, not a verb of saying
        if _OTHER_SAYER_RE.search(rest):
            continue  # "Rebels claimed victory, but police said 12 died": police's figure
        return _subject(sentence[: verb.start()]) or "one side"
    own = _OWN_DEED_RE.search(sentence)
    if own:
        return _subject(sentence[: own.start()]) or "one side"
    if _FIRST_PERSON_DEED_RE.search(sentence):
        return "the side that did it"
    sides = list(_SIDE_SAYS_BEFORE_RE.finditer(sentence))
    if sides and not _OTHER_SAYER_RE.search(sentence[sides[-1].end() :]):
        last = sides[-1]
        return _subject(sentence[: last.start()] + last.group().split(None, 1)[0])
    side = _SIDE_SAYS_AFTER_RE.match(after[:160])
    if side:
        return side.group("who") or side.group("side")
    if _DISPUTED_AFTER_RE.match(after):
        sayer = _OTHER_SAYER_RE.search(sentence)
        return (_subject(sentence[: sayer.start()]) if sayer else "") or "one side"
    return ""


def provisional(text: str) -> bool:
    """True when a count is given as provisional or still moving ("at least", "so far",
    "expected to rise", "has risen to"): a higher claim may simply be a later count."""
    return bool(_PROVISIONAL_RE.search(text))


_EARLIER_COUNT_RE = re.compile(
    r"\b(?:earlier|initially|previously|at\s+first|first\s+reported|initial|previous|"
    r"(?:increase|rise|jump|up)\s+(?:on|from))\b",
    re.IGNORECASE,
)


def earlier_count(before: str, after: str) -> bool:
    """True when the figure's own clause gives it as an earlier count ("the 26 people
    reported killed earlier", "a steep increase on the 26"): it may have been right then,
    so it refutes nothing now."""
    clause_after = re.split(r"[.;:!?,(]", after, maxsplit=1)[0]
    return bool(_EARLIER_COUNT_RE.search(before[-40:] + " " + clause_after))


_REPLACED_RE = re.compile(
    r"\b(?:earlier|initially|previously|at\s+first|first\s+reported|previous|"
    r"compared\s+(?:with|to)|(?:increase|rise|jump|up|down)\s+(?:on|from))\b",
    re.IGNORECASE,
)
#: After the figure only words that date the figure itself count: in "48 seats, compared
#: with 50" or "71, up from 45" the words after the figure date the other one.
_REPLACED_AFTER_RE = re.compile(
    r"\b(?:earlier|initially|previously|at\s+first|first\s+reported)\b", re.IGNORECASE
)


def replaced_count(before: str, after: str) -> bool:
    """True when the figure's own clause gives it as a count the page has since replaced:
    "up from a previous toll of 11", "compared with 50 on election night", "initially
    sought $2 billion". Narrower than ``earlier_count`` ("an initial estimate of $4
    billion" is the page's current figure): such a figure neither confirms nor refutes."""
    clause_after = re.split(r"[.;:!?,(]", after, maxsplit=1)[0]
    return bool(_REPLACED_RE.search(before[-40:]) or _REPLACED_AFTER_RE.search(clause_after))


_ESTIMATE_RE = re.compile(
    r"\b(?:estimat(?:e|es|ed|ing|ion)|preliminary|projections?|modell?ed|extrapolat\w*|"
    r"initial\s+(?:assessment|figures?)|rough\s+(?:count|figure))\b",
    re.IGNORECASE,
)


def estimate(text: str) -> bool:
    """True when a sentence gives its figure as an estimate ("early estimates put the
    damage at", "an estimated 4,000"). Estimates by different bodies, methods or dates
    differ without either being wrong, so one never refutes another figure."""
    return bool(_ESTIMATE_RE.search(text))
