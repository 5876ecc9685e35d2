"""Find figure claims (casualty counts, money, other statistics) in a sentence.

The recogniser is deliberately conservative: a number becomes a claim only
when it has something that says what is being counted -- a currency, a
percent sign, a unit of measure, a casualty word or a countable noun.
Everything that merely *looks* numeric is rejected first: years, dates,
times of day, ages, ordinals, references such as "Section 144" or "Boeing
737", tokens glued to letters or slashes ("COVID-19", "9/11", "G-20"),
durations ("the past 10 years"), magnitudes and rates ("magnitude 7.8",
"per 100,000"). Figures inside quotation marks are claims like any other; the
pipeline gives them the quote's speaker.

Casualty units are resolved for the clause, not the word after the number:
"killed 29 people" (verb before), "141 people (including 132 children) were
killed" (verb after, skipping parentheses, so both numbers are "killed"),
"the death toll rose to 141" (noun some way before).

A number with no noun of its own takes its unit from its context, in a
second pass over the sentence (``_resolve``): from the figure it is
coordinated with ("three officers and 22 soldiers", "between 150 and 200
people", "from 5 to 8%", "142 of 300 seats"), from the figure before it
("rose to 52 from 37", "63 people, 21 of them children") or from the noun the
sentence is about ("the toll rose to at least 2,310", "infections reached
340,000"). Only killed, injured and casualties are casualty counts; missing,
displaced, kidnapped and arrested people are statistics with that unit.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter

from claims.extraction import lexicon
from claims.extraction.checkworthiness import figure_score
from claims.extraction.currency import (
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    GLUED_ALWAYS_MONEY,
    GLUED_PREFIX,
    GLUED_PREFIX_BEFORE,
    GLUED_RUPEE,
    MINOR_UNITS,
    RupeeContext,
    code_for_symbol,
    code_for_word,
    glued_code,
    is_glued_minor,
    minor_unit_code,
    needs_country,
)
from claims.extraction.lexicon import InitialScan, by_initial, trie_rests, word_list
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

# What a price or wage may be "per": "$15/hour", "$80 a barrel", "€3 per person".
_PER_UNITS = (
    "(?:hour|hr|day|week|month|year|yr|person|head|barrel|bbl|tonne|ton|kg|share|gallon|litre"
    "|liter|night|kWh|MWh|megawatt-hour|kilowatt-hour)"
)
# A digit run not glued to a word, slash, colon or hyphen on either side.
# Possessive quantifiers and the look-behind keep this linear on inputs such
# as 200k digits or a megabyte of commas. The pattern opens with ``\d`` and
# checks the character before it afterwards (``(?<!...\d)``), so ``re`` can
# skip ahead to the next digit instead of trying every position.
_DIGITS = re.compile(
    r"(?P<num>\d(?<![\w.,/:\u2010\u2013#@+]\d)(?<![\w)]-\d)(?<![\w)]\u2212\d)"
    r"(?:\d?(?:,\d\d(?=,))++,\d{3}(?!\d)(?:\.\d+)?+"  # Indian grouping: "3,59,849"
    r"|\d{0,2}(?:,\d{3})++(?:\.\d+)?+|\d{0,2}(?:[ \u00a0\u202f\u2009]\d{3}(?!\d))++"
    r"|\d*+(?:\.\d+)?+))"
    r"(?P<glued>[A-Za-z]++|%)?"
    r"(?![\w:\-\u2010\u2013]|/(?!" + _PER_UNITS + r"\b)|[.,]\d)"
)
# "passed 31 to 12", "on a 7-2 vote", "a 5-4 majority vote". Not "voted 2-1" alone: a court
# panel's or a committee's split is often given as colour, and looks like a score.
_VOTE_TALLY = re.compile(
    r"(?i)\b(?:voted|passed|approved|adopted|rejected)[ \u00a0]+(?:it[ \u00a0]+)?"
    r"(?:by[ \u00a0]+)?(?P<for>\d{1,3})[ \u00a0]+to[ \u00a0]+"
    r"(?P<against>\d{1,3})(?![\w\u2010\u2013-]|[.,]\d)(?![ \u00a0]+(?:votes?|against)\b)"
    r"|(?<![\w.,-])(?P<for_>\d{1,3})[-\u2010\u2013](?P<against_>\d{1,3})[ \u00a0]+"
    r"(?:(?:majority|party-line|split|council|committee|board)[ \u00a0]+)?votes?\b"
)
_TALLY_VERBS = ("voted", "passed", "pproved", "dopted", "ejected")  # cheap test first
# "+1.7%", "+12 per cent", "up +3 points": a rise written with its sign.
_PLUS_CHANGE = re.compile(
    r"(?<![\w+])\+(?P<num>\d{1,3}(?:\.\d+)?)(?:(?P<glued>%)|(?=[ \u00a0]?(?:per[ \u00a0]?cent"
    r"|percent|percentage[ \u00a0]+points?|points?|pts)\b))"
)
# "45-50 people", "3.0\u20133.25 percent", "$5-6 billion": two numbers joined by a
# hyphen or en dash with no space, which ``_DIGITS`` skips (it must, for "COVID-19",
# "2019-20" and "3-1"). ``_hyphen_ranges`` keeps only pairs that read as a range.
_HYPHEN_RANGE = re.compile(
    r"(?P<low>\d(?<![\w.,/:\u2010\u2013#@+\-]\d)(?:\d{0,2}(?:,\d{3})++|\d*+)(?:\.\d+)?+)"
    r"[-\u2010\u2013](?P<high>\d{1,3}(?:,\d{3})++(?:\.\d+)?+|\d++(?:\.\d+)?+)"
    r"(?P<glued>[A-Za-z]++|%)?(?![\w\-\u2010\u2013/:]|[.,]\d)"
)
# "two-thirds of", "half of the 300", "a quarter of", "three out of four": fractions of a
# whole, given as a ratio (0.6667, 0.5, 0.25). Found by the denominator word, which the
# whole-text scan of ``number_word_starts`` also looks for.
_FRACTION_WORDS = InitialScan(
    trie_rests(
        word_list("""half third thirds quarter quarters fifth fifths sixth sixths seventh
        sevenths eighth eighths ninth ninths tenth tenths""")
    ),
    r"[\w\u2019']",
    r"(?=[ \u00a0]+(?:[Oo]f|[Tt]he)\b)",
)
_FRACTION_WORD = _FRACTION_WORDS.pattern
# "two-thirds said", "three-quarters voted": joined to its numerator by a hyphen.
_HYPHEN_FRACTION = re.compile(
    r"(?i)(?<=[a-z][-\u2010])(?:thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?"
    r"|tenths?)\b(?![ \u00a0]+(?:of|the)\b)(?![-\u2010])"
)
# "nearly a quarter said", "a fifth gained", "half were children": a fraction with no "of",
# the subject of a verb.
_LOOSE_FRACTION = re.compile(
    r"(?i)(?<![\w\u2019'-])(?:halves|half|thirds?|quarters?|fifths?|tenths?)(?=[ \u00a0]+(?:said"
    r"|say|says|were|was|are|is|had|have|has|reported|agreed|disagreed|gained|lost|voted"
    r"|backed|opposed|supported|felt|believed|thought)\b)"
)
# "fell by a third", "rose by nearly half", "cut by a quarter": a fraction after the "by" of a
# change, with no "of" and no verb after it; ``_fractions`` checks the "by".
_CHANGE_FRACTION = re.compile(
    r"(?i)(?<![\w\u2019'-])(?:half|thirds?|quarters?|fifths?|tenths?)(?![\w\u2019'-])"
    r"(?![ \u00a0]+past\b)"  # "by half past nine": a time
)
_BY_BEFORE = re.compile(r"(?i)(?<![\w-])by[ \u00a0]+$")
# "twice as likely", "half as likely", "a fourfold rise", "a 2.5-fold increase".
# "as likely", "as many": a comparison, not "as he left" or "as City won".
_AS_COMPARISON = (
    r"[ \u00a0]+as[ \u00a0]+(?!(?:the|a|an|he|she|it|they|we|you|i|his|her|their|its|our|this"
    r"|that|if|well|part)\b)(?-i:[a-z])"
)
_MULTIPLE = re.compile(
    r"(?i)(?<![\w-])(?:(?P<word>twice)(?=" + _AS_COMPARISON + r"|[ \u00a0]+(?:the|that|than"
    r"|more)\b)"
    r"|(?<!in )(?P<word2>half)(?=" + _AS_COMPARISON + r")"
    r"|(?P<n>\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)"
    r"[-\u2010]?fold\b)"
)
_MULTIPLE_WORDS = {"twice": Decimal(2), "half": Decimal("0.5")}
# "a 1-in-4 chance", "one-in-five".
_HYPHEN_RATIO = re.compile(
    r"(?i)(?<![\w.,-])(?P<part>\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine)"
    r"[-\u2010]in[-\u2010](?P<whole>\d{1,3}(?:,\d{3})+|\d+|two|three|four|five|six|seven|eight"
    r"|nine|ten|twenty|hundred|thousand)(?![\w-])"
)
_FRACTION_NUMERATOR = re.compile(
    r"(?i)(?<![\w-])(?P<num>one|two|three|four|five|six|seven|eight|nine|an?)[ \u00a0\-]$"
)
_DENOMINATORS = {
    "half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}  # fmt: skip
_FRACTION_NUMERATORS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
# "the first half of the year", "the second quarter", "a quarter of an hour": no fraction.
_FRACTION_NOT = re.compile(
    r"(?i)(?:first|second|third|fourth|last|final|next|this|that|each|every|latter|former"
    r"|opening|closing)[ \u00a0]+$"
)
_FRACTION_OF_TIME = re.compile(
    r"(?i)[ \u00a0]+of[ \u00a0]+(?:an?|the)[ \u00a0]+(?:century|hour|mile|day|year|month"
    r"|week|season|game|match|decade|second|minute|inch|point|percentage)\b"
)
_HYPHENS = frozenset("-\u2010\u2013")
# Video resolutions, not pence: "1080p".
_VIDEO_LINES = frozenset(Decimal(n) for n in (240, 360, 480, 720, 1080, 1440, 2160, 4320))
# Scores are not ranges: "lost 1-3", "a 2-4 defeat".
_SCORE_WORDS = frozenset(
    word_list("""won win wins lost lose loses beat beats defeated drew draw draws victory
    defeat loss score scored scoreline thrashing lead led""")
)
_PER_AFTER = re.compile(
    r"(?:/|[ \u00a0]+per[ \u00a0]+|[ \u00a0]+an?[ \u00a0]+)(?P<per>" + _PER_UNITS + r")\b"
)
_SCALE_AFTER = re.compile(
    r"[ \u00a0]?(?P<scale>hundred|thousand|million|billion|trillion|lakhs?|crores?"
    r"|bn|mn|mln|trn|tr|tn|m|b|k)\b",
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
_QUALIFIER_RIGHT = re.compile(
    r"(?:\+|\s+or\s+(?:more|greater|higher|above|over)\b|\s+or\s+so\b)", re.IGNORECASE
)
# "12.8 per 100,000 residents", "9 per 1,000 live births", "2.1 per capita": a rate, never a count
# of the people or deaths the sentence names.
_RATE_AFTER = re.compile(
    r"[ \u00a0]+per[ \u00a0]+(?P<per>\d{1,3}(?:,\d{3})+|\d+(?![\d.])|capita|thousand|hundred"
    r"|million)\b"
)
# The same rate named before its number, with nothing but a linking verb between:
# "Cumulative deaths per 100k: 292", "deaths per 100,000 people stood at 8.1".
_RATE_BEFORE = re.compile(
    r"\bper[ \u00a0]+(?P<per>\d{1,3}(?:,\d{3})+|\d+k?|capita|thousand|hundred|million)"
    r"(?:[ \u00a0]+(?:people|population|residents|inhabitants|persons|live[ \u00a0]+births))?"
    r"[ \u00a0]*(?:[:=,][ \u00a0]*)?(?:(?:is|was|were|are|stood|stands|at|of|to|rose|fell"
    r"|reached|hit)[ \u00a0]+)*$",
    re.IGNORECASE,
)
_RATE_BASES = {"100k": "100,000", "1k": "1,000", "10k": "10,000"}
# Words that deny the casualty word after them: "with no deaths", "dodged death".
_NEGATIONS = frozenset(word_list("no without zero escaped dodged cheated avoided evaded"))
# A count's own short noun phrase, then a subset aside: "nine others, including ".
_HEAD_BEFORE_SUBSET = re.compile(
    r"(?:[ \u00a0]+[A-Za-z'\u2019-]+){0,3}[ \u00a0]*,[ \u00a0]*\(?"
    r"(?:[Ii]ncluding|[Aa]mong[ \u00a0]+(?:[Tt]hem|whom))[ \u00a0]+"
)
# Scales that "crore" may follow in Indian numbering: "Rs 1.7 lakh crore" is 1.7 x 10^12.
_BEFORE_CRORE = frozenset({"lakh", "lakhs", "thousand", "hundred"})
# A currency word joined to its amount by a hyphen, as a compound adjective.
_CURRENCY_AFTER_HYPHEN = re.compile("-" + CURRENCY_AFTER.pattern.removeprefix(r"\s+"))
# "measuring 6.1" is a magnitude where the sentence is about an earthquake.
_QUAKE = re.compile(r"(?i)quake|tremor|temblor|aftershock|seismic")
# Qualifiers before a number, in the order the alternation tries them.
_QUALIFIER_PHRASES = [
    *("at least", "a minimum of", "no fewer than", "no less than", "not less than"),
    *("more than", "upwards of", "in excess of", "greater than", "exceeding", "over", "above"),
    *("fewer than", "less than", "just under", "just below", "just shy of", "under", "below"),
    *("up to", "as many as", "as much as", "no more than", "at most", "a maximum of"),
    *("about", "around", "roughly", "some", "an estimated", "estimated at", "estimated"),
    *("approximately",),
    *("approx.", "circa", "c.", "ca.", "nearly", "almost", "close to", "~"),
    *("just over", "well over", "well above", "past", "passing", "topping", "topped", "tops"),
    *("top", "surpassing", "surpassed", "surpasses", "surpass", "exceeded", "exceeds"),
    *("exceed", "beyond", "a total of", "a further"),
    *("passed", "crossed", "crossing", "breached", "neared", "nearing", "approaching"),
    *("approached", "north of", "upward of", "shy of", "just short of", "in the region of"),
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
    "just over": "more_than",
    "well over": "more_than",
    "well above": "more_than",
    "past": "more_than",
    "passing": "more_than",
    "topping": "more_than",
    "topped": "more_than",
    "tops": "more_than",
    "top": "more_than",
    "surpassing": "more_than",
    "surpassed": "more_than",
    "exceeded": "more_than",
    "exceeds": "more_than",
    "exceed": "more_than",
    "surpass": "more_than",
    "surpasses": "more_than",
    "beyond": "more_than",
    "passed": "more_than",
    "crossed": "more_than",
    "crossing": "more_than",
    "breached": "more_than",
    "neared": "nearly",
    "nearing": "nearly",
    "approaching": "nearly",
    "approached": "nearly",
    "a total of": "exact",
    "north of": "more_than",
    "upward of": "more_than",
    "shy of": "nearly",
    "just short of": "nearly",
    "in the region of": "approximately",
    "a further": "exact",
}
_WS = re.compile(r"\s+")
_WORD_TAIL = re.compile(r"\w+")
# The last word of a text: the first match of ``([A-Za-z][A-Za-z.'\u2019-]*)[^\w]*$`` in its
# last 30 characters, found from the end (``_last_word``) rather than by a search that
# tries every start.
_NON_WORD_RUN = re.compile(r"[^\w]*")
_WORD_CHARS_RUN = re.compile(r"[A-Za-z.'\u2019-]*")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NEXT_WORD = re.compile(r"[ \t\u00a0]*\(?([A-Za-z][A-Za-z.'\u2019-]*)")
_WORDS = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_LEADING_JUNK = re.compile(r"[\s\"'\u201c\u2018(]*")
_PARENTHETICAL = re.compile(r"\([^()]*\)")
_MORE_WORDS = frozenset({"other", "more", "further", "additional"})
_ADJECTIVE_ENDINGS = ("al", "ian", "ese", "ish", "ive", "ous", "ic", "ful", "less", "ary")
_CLAUSE_BREAKS = frozenset(word_list("after before when while because since although but whereas"))
_TEMPORAL = frozenset(
    word_list("""in since by from until till of during before after between and to mid late early
    the this that last next spring summer autumn fall winter circa""")
)
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th", "s"})
_LIST_SLOTS = frozenset(
    word_list("""and or including of with among them said says say that told reported showed
    estimated""")
)
_PERIOD_BEFORE = re.compile(r"(?i)\bthe[ \u00a0]+(?:past|last|next|previous|coming)[ \u00a0]+$")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_VAGUE_WORD_PREFIXES = frozenset({"no", "the", "this", "every", "any", "each", "those"})
# "may number 10,000": "number" as a verb, not "Number 10".
_VERB_NUMBER = re.compile(r"(?:may|might|could|would|will|to|now|already)\s+number\s*$", re.I)
# "aged 5", "the age of 18", "ages 5 to 17" (both ends), "younger than 4".
_AGE_OF = re.compile(
    r"\b(?:age[ds]?\s+(?:of\s+|between\s+|from\s+)?(?:\d{1,3}\s*(?:to|and|-|\u2013)\s*)?"
    r"|(?:younger|older)\s+than\s+)$",
    re.I,
)
# People a casualty unit may spread to over a chain ("three officers and 22 soldiers").
_PERSON_NOUNS = frozenset(
    word_list("""people persons others civilians children adults men women girls boys babies
    infants soldiers troops police policemen personnel members victims patients pupils
    students villagers worshippers passengers miners fighters militants protesters tourists
    pilgrims refugees migrants staff crew residents journalists family families forces guards
    officials nationals citizens relatives guests fans rebels gunmen suspects hostages fishermen
    schoolchildren schoolgirls schoolboys toddlers youths marines commandos inmates nurses medics
    paramedics nuns priests monks clerics judges pilots cadets recruits convicts newborns twins
    teens juveniles veterans orphans widows athletes delegates diplomats servicemen militiamen
    sons wives husbands""")
)
_PERSON_SUFFIXES = ("ers", "ists", "ians", "ants", "ents", "ors", "ees")
_AGE_LIMIT = 21
# Qualifiers that make a small number an age bracket ("children under 5"); "fewer than 10,"
# counts.
_AGE_QUALIFIERS = frozenset({"under", "over", "below", "above"})
# A name then a comma right before a number: "Tomas Reyes, 41," (an age).
_AGE_APPOSITION = re.compile(r"\b[A-Z][a-z][\w'\u2019-]*,[ \u00a0]+\(?$")
_AGE_BRACKET = re.compile(r"\s*(?:[,;.)]|--|\u2014|\u2013|$|years?\s+old\b|\s+and\s+over\b)")
_ANY_DIGIT = re.compile(r"\d")
_GLUED_HINT = re.compile(r"[A-Zhpsrk¢]\d")
_GLUED_NUMBER = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?=(?:bn|tn|trn|tr|mn|m|b|k)?(?!\w|[.,]\d))"
)
_TIMES = re.compile(
    r"[ \u00a0]+(times)[ \u00a0]+(?:as|more|higher|lower|greater|larger|bigger|smaller|faster"
    r"|slower|likelier|the|than|over)\b"
)
_WEIGH = re.compile(r"\b[Ww]eigh")
_ASIDE = re.compile(r"[ \u00a0]*\([^()]{0,40}\)")
_METRIC_WEIGHT = re.compile(r"\d[\d,.]*[ \u00a0]*(?:kilo(?:gram)?s?|kgs?|grams?|tonnes?|tons?)\b")
# What may stand between two coordinated figures: up to two words (their noun), then
# a comma, "and", "or", "to", "of", "out of" or a dash.
_CHAIN_LINK = re.compile(
    r"(?:[ \u00a0]+[A-Za-z][\w'\u2019-]*){0,2}?"
    r"(?:[ \u00a0]*,[ \u00a0]*(?:and[ \u00a0]+|or[ \u00a0]+)?"
    r"|[ \u00a0]+(?:and|or|to|of|out[ \u00a0]+of)[ \u00a0]+|[ \u00a0]*[-\u2013][ \u00a0]*"
    r"|,?[ \u00a0]*\(?(?:[Ii]ncluding|[Aa]mong[ \u00a0]+[Tt]hem)[ \u00a0]+)"
)
_SUBSET = re.compile(r"[Ii]ncluding|[Aa]mong")
# "12 people were hurt on Monday in the town, including four children": a subset of the
# figure before it however the head is phrased (its verb may stand between).
_SUBSET_LINK = re.compile(
    r"[^;:()\d]{0,80}?,?[ \u00a0]*\(?(?:[Ii]ncluding|[Aa]mong[ \u00a0]+(?:[Tt]hem|whom))[ \u00a0]+"
)
# "Among the injured were 15 children": the head named before the count.
_AMONG_BEFORE = re.compile(
    r"(?i)\bamong[ \u00a0]+(?:the|those)[ \u00a0]+(?:\d[\d,]*[ \u00a0]+)?(?P<head>\w+)[ \u00a0]+"
    r"(?:were|are|was|is)[ \u00a0]+$"
)
# A bare number that is the subject of its own clause: "52 were on the bus", "another 40
# were taken to hospital", "53 others were treated".
_OWN_PREDICATE = re.compile(
    r"(?:[ \u00a0]+others?)?[ \u00a0]+(?:were|was|are|had|have|has|remain|remained|still)\b"
)
# After a verb of saying, a verb in the past (an adverb before it) makes a clause of its own:
# "said that nine later escaped", "officials said 30 fled".
_OWN_PAST_VERB = re.compile(
    r"[ \u00a0]+(?:(?:later|since|also|then|subsequently)[ \u00a0]+)?(?:[a-z]{2,}ed|fled)\b"
)
# "there are 224 in intensive care", "there were about 40": the number is the subject's count.
_THERE_BE = re.compile(r"(?<![\w-])[Tt]here\s+(?:are|were|remain|remained)\s+(?:\w+\s+){0,2}$")
_PLACED = re.compile(r"[ \u00a0]+(?:in|at|on|inside|aboard|among|under)\b")
_WHO_AFTER = re.compile(r"[ \u00a0]+who\b")
_OWN_CLAUSE_OPENERS = frozenset(word_list("another and while but whereas"))
_SPEECH_BEFORE = frozenset(
    word_list("""said say says told reported report reports estimated estimate estimates
    confirmed confirm announced that added stated""")
)
_RANGE_START = re.compile(r"(?<![\w-])[Bb]etween\s+$")
_FROM_BEFORE = re.compile(r"(?<![\w-])(?:[Ff]rom|(?P<by>by))\s+$")
_CHANGE_VERB = re.compile(
    r"(?i)\b(?:rose|rise[sn]?|rising|fell|falls?|falling|increas\w*|decreas\w*|climb\w*|dropp?\w*"
    r"|jump\w*|grew|grow\w*|declin\w*|slipp?\w*|up|down|rais\w*|cut|lower\w*|revis\w*|went"
    r"|moved?|chang\w*|shr[ai]nk\w*|soar\w*|surg\w*|plung\w*|eas\w*|slow\w*|accelerat\w*"
    r"|widen\w*|narrow\w*)(?:\s+\w+)?\s+$"
)
_PARTITIVE = re.compile(
    r"[ \u00a0]+[Oo]f[ \u00a0]+(?:them|whom|those|these"
    r"|[Tt]he[ \u00a0]+(?:\d[\d,]*[ \u00a0]+)?(?P<noun>[A-Za-z]+)\b)"
)
# "Of them, 14 were ...": a partitive fronted before the number it qualifies.
# Between a part and the counted whole: "four of the 11 crew", "eight of the country's 10".
_PARTITIVE_WHOLE = re.compile(
    r"[ \u00a0]+(?:[Oo]ut[ \u00a0]+)?[Oo]f[ \u00a0]+"
    r"(?:[Tt]he[ \u00a0]+|(?:its|their|our)[ \u00a0]+)?"
    r"(?:[\w-]+(?:'s|\u2019s)[ \u00a0]+)?"
)
_FRONTED_PARTITIVE = re.compile(
    r"(?<![\w-])[Oo]f[ \u00a0]+(?:them|those|these|whom)[ \u00a0]*,?[ \u00a0]*$"
)
# After a bare number that repeats the figure before it: "three in Tangipahoa Parish", "11;".
_ELLIPSIS = re.compile(
    r"[ \u00a0]+(?:in|at|on|across|from|for)[ \u00a0]+[A-Z]|[ \u00a0]*(?:[,;.)]|$)"
    r"|[ \u00a0]+(?:and|while|were|was)\b"
)
# Verbs of motion that qualify a level ("cases crossed 500", "the toll is nearing 10,000") but
# not a count of things of their own ("the convoy crossed 3 rivers").
# "passed the 1,000 mark", "neared the 10,000 milestone": the level of the subject.
_MILESTONES = frozenset(word_list("mark milestone threshold barrier"))
_MILESTONE_VERB = re.compile(
    r"(?i)\b(?P<verb>pass\w*|cross\w*|surpass\w*|top\w*|exceed\w*|br[eo]ak\w*|breach\w*|near\w*"
    r"|approach\w*|hit\w*|reach\w*)[ \u00a0]+the[ \u00a0]+$"
)
_MILESTONE_QUALIFIERS = {
    "pass": "more_than", "passe": "more_than", "passi": "more_than",
    "cross": "more_than", "surpa": "more_than", "top": "more_than", "toppe": "more_than",
    "toppi": "more_than", "tops": "more_than", "excee": "more_than", "break": "more_than",
    "broke": "more_than", "breac": "more_than", "near": "nearly", "neare": "nearly",
    "neari": "nearly", "nears": "nearly", "appro": "nearly",
}  # fmt: skip
_MOTION_QUALIFIERS = frozenset(
    {"crossed", "crossing", "nearing", "approaching", "neared", "approached", "passed", "breached"}
)
# "240,000 others", "30,000 more": more of what the figure before counted.
_MORE_OF_THE_SAME = re.compile(r"[ \u00a0]+(?:others|more)\b(?![ \u00a0]+than\b)")
# Words that make a bare number a new value of something already counted.
_CHANGE_CONTEXT = re.compile(
    r"(?i)\b(?:rose|risen|rises?|rising|increas\w*|decreas\w*|fell|fall(?:en|s|ing)?|dropp\w*"
    r"|climb\w*|jump\w*|revis\w*|gains?|total\w*|estimate[sd]?|reduc\w*|grew|grow\w*"
    r"|declin\w*|(?:up|down)[ \u00a0]+from)\b"
)
_NOT_CARRIED = frozenset({None, "ratio", "times", "magnitude"})
# Units a part ("one of those", "all four") never takes from the figure before it.
_NO_PART_OF = _NOT_CARRIED | {"percent"}
# A temperature glued to its scale ("a high of 48.2C", "1.5C of warming") or after a sign.
_TEMPERATURE_GLUED = {"C": "°C", "F": "°F"}
_DEGREES = re.compile(r"[ \u00a0]?[°º][ \u00a0]?([CcFf])?(?![A-Za-z])")
_MAGNITUDE_OF = re.compile(r"(?i)\bmagnitude[ \u00a0]+of[ \u00a0]*$")
_VERB_QUALIFIER = re.compile(
    r"(?i)\b(?:past|passing|passed|top|tops|topped|topping|surpass\w*|exceed\w*|beyond|crossed"
    r"|crossing|breached|neared|nearing|approach(?:ed|ing))\s"
)
# Words after which "N people" may still be the casualty named earlier ("the death toll
# rose to 141 people"); elsewhere a person noun keeps its own unit ("which had 38 passengers").
_LEFT_SLOTS = frozenset(
    word_list("""to at reached hit past topped surpassed exceeded of is was were are stood stands
    include includes included""")
)
# How far back a casualty noun may stand before a count in such a slot: "the death toll from
# a landslide that hit a mining village in the south has risen to 54 people".
_SLOT_WINDOW = 200
_SLOT_WORDS = 25
# "the deaths of the commanding officer, two majors and 12 soldiers", "claimed the lives of":
# the noun governs every count in the list after it.
_DEATH_OF = re.compile(
    r"(?i)\b(?P<noun>deaths?|killings?|lives|bodies|murders?|injur(?:y|ies)|wounding)"
    r"[ \u00a0]+of[ \u00a0]+"
)
_DEATH_OF_STOP = frozenset(
    word_list("""is are was were has have had said says told will would who which that when
    while after before because but""")
)
# "Twelve of the 40 passengers", "three out of 12": a part and its whole.
_PART_OF = re.compile(r"[ \u00a0]+(?:out[ \u00a0]+)?of[ \u00a0]+(?:the[ \u00a0]+|those[ \u00a0]+)?")
_NO_LIMIT = 1 << 62
# "The 26 dead included 4 soldiers": the count after these belongs to the one before.
_INCLUDING_VERBS = frozenset(word_list("include includes included were are was is"))
_LINK_WORDS = frozenset(word_list("and or but while with"))
_NEXT_COUNT_LINKS = frozenset(word_list("and or but while"))
# "in critical condition", "in a serious condition": people hurt, whatever the verb.
_GRAVE_CONDITIONS = frozenset(word_list("critical serious grave stable"))
# Killed and injured read together ("1,000 killed or injured") are casualties.
_HARM_UNITS = frozenset({"killed", "injured"})
_SLOT_VERBS = frozenset(
    word_list("""reached reach reaches reaching hit hits hitting topped surpassed exceeded
    climbed rose jumped fell stood totalled totaled numbered""")
)
# Plural words a bare number never counts ("officials said it reached 340,000").
_NOT_SUBJECTS = frozenset(
    word_list("""this its his has was is as us yes always perhaps news series species means
    officials authorities sources reports experts analysts says witnesses figures data
    statistics results whereas ages""")
)
# A verb that opens a new predicate with its own object ("buried 40 homes and killed 22
# people", "carrying 40 pilgrims crashed, killing 12"): a casualty word after it is not the
# unit of the number before it.
_NEW_PREDICATE = re.compile(
    r"(?:,|[ \u00a0]and)[ \u00a0]+(?:then[ \u00a0]+)?(?:killing|injuring|wounding|killed"
    r"|injured|wounded|leaving|left|kills?|injures?|wounds|leaves)\b"
)
# "a 17-year prison term", "a seven-year jail sentence", "10-year sentences", "a 30-month
# sentence": ``_DIGITS`` skips a number glued to a hyphen, so ``_hyphen_terms`` adds it. A
# bare "term" is a prison term only after "sentenced"/"jailed" ("a five-year term in office").
_HYPHEN_TERM = re.compile(
    r"(?<![\w.,\-\u2010])(?P<num>\d+(?:\.\d+)?|[A-Za-z]+(?:-[A-Za-z]+)?)[-\u2010]"
    r"(?P<unit>year|month)[ \u00a0]+(?:(?:suspended|custodial|mandatory|minimum)[ \u00a0]+)?"
    r"(?P<jail>(?:prison|jail)[ \u00a0]+)?(?P<noun>terms?|sentences?)\b",
    re.IGNORECASE,
)
_HYPHEN_MEASURE = re.compile(
    r"(?<![\w.,\-\u2010])(?P<num>\d{1,3}(?:,\d{3})++(?:\.\d+)?+|\d++(?:\.\d+)?+)[-\u2010]"
    r"(?P<unit>magnitude|acre|hectare|mile|kilometre|kilometer|km|metre|meter|tonne|ton|kg"
    r"|megawatt|gigawatt|strong)\b(?!-(?:old|long)\b)"
    r"|\b[Mm]agnitude[-\u2010](?P<num2>\d(?:\.\d+)?+)(?![\w.,\-])"
)
# "a 7-point lead", "a seven-point swing", "a 68-seat majority": a margin in points or seats,
# only before a noun that names a margin or a change ("a five-point plan" is no figure).
_HYPHEN_MARGIN = re.compile(
    r"(?i)(?<![\w.,\-\u2010])(?P<num>\d++(?:\.\d+)?+|one|two|three|four|five|six|seven|eight"
    r"|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|twenty|thirty|forty|fifty)[-\u2010](?P<unit>point|seat|vote)[ \u00a0]+"
    r"(?:(?:poll|opinion|overall|working|commanding|clear|comfortable|narrow|slim|healthy)"
    r"[ \u00a0]+)?"
    r"(?=(?:lead|leads|majority|gap|swing|margin|deficit|advantage|cushion|drop|fall|rise"
    r"|increase|decrease|decline|jump|gain|loss|slump|surge)\b)"
)
# A verb giving a term, right before the number (and its qualifier). Not "sought" or
# "demanded": a term asked for is not the one imposed, and reading both as the same unit
# would let a page's demand support a claim about the sentence.
_TERM_GIVEN = re.compile(
    r"(?i)\b(?:got|gets|given|gave|received|receives|handed|faces|facing|serve|serves|serving"
    r"|served)[ \u00a0]+"
    r"(?:(?:him|her|them|each)[ \u00a0]+)?"
    r"(?:[a-z]+[ \u00a0]+(?:of|than|to)[ \u00a0]+|[a-z]+[ \u00a0]+)?$"
)
_COURT_WORDS = frozenset(
    word_list("""court courts judge judges prosecutor prosecutors prosecution convicted conviction
    guilty trial tribunal verdict defendant""")
)
_DEADLINE_BEFORE = re.compile(r"(?i)\b(?:within|in[ \u00a0]+the[ \u00a0]+next)[ \u00a0]+$")
_SENTENCED_BEFORE = re.compile(r"\b(?:sentenced|jailed|imprisoned)\b", re.I)
_HALF_AFTER = re.compile(
    r"(?:[ \u00a0]+and[ \u00a0]+a[ \u00a0]+half|-and-a-half|[ \u00a0]+1/2)"
    r"(?![\w/\-])"
)
# "a crowd of", "an attendance of", "the hazard ratio was": a noun measured by the number after
# it (see ``_measured_noun``).
_MEASURED_NOUN = re.compile(
    r"(?<![\w-])(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir)[ \u00a0]+(?:[a-z-]+[ \u00a0]+){0,2}?"
    r"(?P<noun>[a-z]{3,})[ \u00a0]+(?:of|was|is|stood[ \u00a0]+at|came[ \u00a0]+in[ \u00a0]+at)"
    r"[ \u00a0]+$"
)
_NOT_MEASURED = frozenset(
    word_list("""age date address number one other rest part period span term space height top
    bottom end start beginning middle side half score scoreline result version chapter page
    section article size class type kind sort form""")
)
# Words after a time noun that make the number a duration, not a modifier of a counted noun
# ("a five year period", "started 45 minutes late", "a 10 year low").
_DURATION_HEADS = frozenset(
    word_list("""period periods span window stretch spell stint run plan plans programme program
    contract contracts deal lease ban low high late early behind ahead long old ago later
    earlier""")
)
_SINGULAR_PEOPLE = frozenset(
    word_list("""man woman boy girl child baby person victim suspect teenager youth patient
    driver officer soldier player striker defender goalkeeper captain pensioner mother father
    son daughter wife husband brother sister""")
)
_WEEKDAYS = frozenset(
    word_list("monday tuesday wednesday thursday friday saturday sunday weekend yesterday today")
)
_POSSESSIVE = ("'s", "\u2019s", "s'", "s\u2019")
_LEFT_WINDOW = 80
_START = attrgetter("start")  # the sort key of tokens and figures
_RIGHT_WORDS = 8
_RIGHT_WORDS_MAX = 12  # with the proper names that do not count against the eight
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
    negative: bool = False
    currency: str | None = None  # a currency glued before it ("R500 million")
    term: str = ""  # the unit of a hyphenated prison term ("a 17-year prison term": years)


@dataclass(slots=True)
class _Figure:
    """One number judged in its sentence: a claim, or a bare number awaiting context.

    ``kind`` is ``None`` for a bare number ("rose to 2,310") until ``_resolve``
    gives it the unit of the figure or noun it refers to, or drops it.
    """

    index: int
    value: Decimal
    raw: Decimal  # the value before a scale word ("2" of "2 million")
    scaled: bool
    qualifier: str
    kind: str | None
    unit: str | None
    currency: str | None
    start: int  # local offsets of the figure with its qualifier and currency
    end: int
    is_word: bool
    counted: bool = False  # the unit is a counted noun (people, soldiers), not a measure
    listed: bool = (
        True  # stands where a list item can ("Five women, two men ..."), not after a verb
    )


def find_figures(
    text: str,
    sentence_start: int,
    sentence_end: int,
    rupees: RupeeContext,
    word_starts: Sequence[int],
    previous: ClaimCandidate | None = None,
) -> list[ClaimCandidate]:
    """Figure claims in ``text[sentence_start:sentence_end]``.

    ``word_starts`` is ``number_word_starts(text)``: a sentence with none is
    not searched for written numbers. ``previous`` is the last figure claim of
    the sentence before, which "24 of them" at the start of a sentence refers
    to. A sentence that attributes its content scores higher; it is only
    looked at once the sentence has a figure claim.
    """
    slot = bisect_left(word_starts, sentence_start)
    with_words = slot < len(word_starts) and word_starts[slot] < sentence_end
    sentence = text[sentence_start:sentence_end]
    markers = _may_hold_word_ratio(sentence)
    if not with_words and not markers and _ANY_DIGIT.search(sentence) is None:
        return []  # no digit, no number word, no "twice" or "half": nothing to read
    tokens = _tokens(sentence, with_words=with_words)
    fractions = _fractions(sentence, markers=markers) if with_words or markers else []
    if fractions:
        tokens = [t for t in tokens if not any(f.start <= t.start < f.end for f in fractions)]
    if not tokens and not fractions:
        return []
    figures: list[_Figure] = []
    for index in range(len(tokens)):
        figure = _judge(text, sentence, sentence_start, tokens, index, rupees)
        if figure is not None:
            figures.append(figure)
    if fractions:
        figures = sorted([*figures, *fractions], key=_START)
    if not figures:
        return []
    _resolve(sentence, tokens, figures, previous)
    for figure in figures:
        if figure.kind == CASUALTY_COUNT and _counts_animals(sentence, figure.end):
            # "15 cows drowned": a loss, not a casualty; read after ``_resolve`` so that the
            # predicate still reaches the people ("Twelve people and 40 cattle were killed")
            figure.kind = STATISTIC
            figure.unit = _counted_noun(sentence, figure.end) or "animals"
    claims: list[ClaimCandidate] = []
    attributed: bool | None = None
    for figure in figures:
        if figure.kind is None or (figure.unit is None and figure.kind == STATISTIC):
            continue
        if attributed is None:
            attributed = _ATTRIBUTION.search(sentence) is not None
        score = figure_score(
            figure.kind,
            figure.value,
            figure.qualifier,
            named_source=attributed,
            is_word=figure.is_word,
        )
        claims.append(
            ClaimCandidate(
                kind=figure.kind,
                text=sentence,
                start=sentence_start,
                end=sentence_end,
                value=figure.value,
                qualifier=figure.qualifier,
                unit=figure.unit,
                currency=figure.currency,
                checkworthiness=score,
                figure_start=sentence_start + figure.start,
                figure_end=sentence_start + figure.end,
            )
        )
    return claims


def number_word_starts(text: str) -> list[int]:
    """Where a written number may start in ``text``, in order.

    Every ``WORD_NUMBER`` match contains a number word that starts at a word
    boundary, so a sentence without one of these positions has no written
    number and its (relatively slow) search can be skipped.
    """
    starts = NUMBER_WORD_START.starts(text)
    fractions = _FRACTION_WORDS.starts(text)
    return sorted(starts + fractions) if fractions else starts


def _fractions(sentence: str, *, markers: bool) -> list[_Figure]:
    """ "two-thirds of voters" (0.6667), "half of the 300", "nearly a quarter of".

    ``markers`` is ``_may_hold_word_ratio(sentence)``, computed once by the caller.
    """
    found: list[_Figure] = []
    if markers:
        found.extend(_word_ratios(sentence))
    matches = list(_FRACTION_WORD.finditer(sentence))
    if "-" in sentence or "\u2010" in sentence:
        # "two-thirds said ...": a hyphenated fraction needs no "of" to be one
        matches.extend(_HYPHEN_FRACTION.finditer(sentence))
    if markers:
        # "nearly a quarter said", "half were children": the subject of a verb
        matches.extend(_LOOSE_FRACTION.finditer(sentence))
        if "by " in sentence:  # "fell by a third", "rose by half": the size of a change
            matches.extend(_CHANGE_FRACTION.finditer(sentence))
    if len(matches) > 1:
        matches.sort(key=lambda m: m.start())
    seen: set[int] = set()
    for match in matches:
        if match.start() in seen:
            continue  # "by a third of the": found as a fraction "of" already
        seen.add(match.start())
        word = match.group().lower()
        singular = word[:-1] if word.endswith("s") and word != "halves" else word
        left = sentence[max(0, match.start() - 40) : match.start()]
        numerator = _FRACTION_NUMERATOR.search(left)
        ordinal_before = numerator is None and _FRACTION_NOT.search(left) is not None
        if numerator is not None:
            count = _FRACTION_NUMERATORS[numerator.group("num").lower()]
            start = match.start() - len(left) + numerator.start()
            left = left[: numerator.start()]
        elif singular == "half" and match.re is not _HYPHEN_FRACTION:
            count, start = 1, match.start()
        else:
            continue  # "the third of five children": an ordinal
        if (count == 1) != (singular == word) or ordinal_before:
            continue  # "two third", "the second half of" (but "that one-third of" is one)
        if _FRACTION_OF_TIME.match(sentence, match.end()):
            continue
        qualifier = "exact"
        qualifier_match = _qualifier_before(left)
        if qualifier_match is not None:
            qualifier = _QUALIFIER_NAMES.get(
                _WS.sub(" ", qualifier_match.group("q").lower()), "approximately"
            )
            start -= len(left) - qualifier_match.start()
            left = left[: qualifier_match.start()]
        if match.re is _CHANGE_FRACTION and _BY_BEFORE.search(left) is None:
            continue  # "the other half", "a third went": only "by a third" is a change
        value = (Decimal(count) / _DENOMINATORS[singular]).quantize(Decimal("0.0001")).normalize()
        found.append(
            _Figure(
                -1,
                value,
                value,
                False,
                qualifier,
                STATISTIC,
                "ratio",
                None,
                start,
                match.end(),
                True,
            )
        )
    return found


def _may_hold_word_ratio(sentence: str) -> bool:
    """Cheap substring tests before ``_word_ratios``'s and ``_LOOSE_FRACTION``'s patterns:
    the parts of "twice", "half as", "fourfold", "1-in-4" and "a quarter said" that hold
    no number word. Written out rather than as ``any()`` over a tuple: it runs on every
    sentence."""
    return (
        "wice " in sentence
        or "alf " in sentence
        or "fold" in sentence
        or "-in-" in sentence
        or "\u2010in\u2010" in sentence
        or "hird" in sentence
        or "uarter" in sentence
        or "ifth" in sentence
        or "enth" in sentence
        or "half" in sentence
    )


def _word_ratios(sentence: str) -> list[_Figure]:
    """Ratios and multiples written without a bare number token.

    "twice as likely" (2 times), "half as likely" (0.5 times), "a fourfold rise" and
    "a 2.5-fold rise" (times), "a 1-in-4 chance" and "one-in-five" (0.25, 0.2).
    """
    found: list[_Figure] = []
    for match in _MULTIPLE.finditer(sentence):
        word = (match.group("word") or match.group("word2") or "").lower()
        if word:
            value = _MULTIPLE_WORDS[word]
        else:
            number = match.group("n")
            parsed = parse_digits(number) if number[0].isdigit() else parse_number_words(number)
            if not parsed:
                continue
            value = parsed
        found.append(_word_ratio(sentence, match, value, "times"))
    if "-in-" in sentence or "\u2010in\u2010" in sentence:
        for match in _HYPHEN_RATIO.finditer(sentence):
            part, whole = (
                parse_digits(group) if group[0].isdigit() else parse_number_words(group)
                for group in match.group("part", "whole")
            )
            if not part or not whole or part >= whole:
                continue
            ratio = (part / whole).quantize(Decimal("0.0001")).normalize()
            found.append(_word_ratio(sentence, match, ratio, "ratio"))
    return found


def _word_ratio(sentence: str, match: re.Match[str], value: Decimal, unit: str) -> _Figure:
    start = match.start()
    qualifier = "exact"
    left = sentence[max(0, start - 40) : start]
    qualifier_match = _qualifier_before(left)
    if qualifier_match is not None:
        qualifier = _QUALIFIER_NAMES.get(
            _WS.sub(" ", qualifier_match.group("q").lower()), "approximately"
        )
        start -= len(left) - qualifier_match.start()
    return _Figure(
        -1, value, value, False, qualifier, STATISTIC, unit, None, start, match.end(), True
    )


def _tokens(sentence: str, *, with_words: bool = True) -> list[_Token]:
    found: list[_Token] = []
    for match in _DIGITS.finditer(sentence):
        digits = match.group("num")
        if len(digits) > 1 and digits[0] == "0" and digits[1] != ".":
            value = None  # phone numbers, codes: "020 7946"
        else:
            value = parse_digits(digits)
        start = match.start()
        found.append(
            _Token(
                start,
                match.end("num"),
                value,
                match.group("glued") or "",
                is_word=False,
                depth=0,
                negative=start > 0 and sentence[start - 1] in "-\u2212",
            )
        )
    if "+" in sentence:
        _signed_changes(sentence, found)
    if "vote" in sentence or (
        " to " in sentence and any(verb in sentence for verb in _TALLY_VERBS)
    ):
        _vote_tallies(sentence, found)
    if "-" in sentence or "\u2013" in sentence or "\u2010" in sentence:
        _hyphen_ranges(sentence, found)
        _hyphen_measures(sentence, found)
    if "-year " in sentence or "-month " in sentence:
        _hyphen_terms(sentence, found)
    if _GLUED_HINT.search(sentence) and GLUED_PREFIX.search(sentence):
        for match in GLUED_PREFIX.finditer(sentence):
            _glued_money(sentence, match, found)
        found.sort(key=_START)
    if not with_words:
        if "1/2" in sentence:
            found = _with_halves(sentence, found)
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
    found.sort(key=_START)
    if "half" in sentence or "1/2" in sentence:
        found = _with_halves(sentence, found)
    return _with_depths(sentence, found)


def _with_halves(sentence: str, found: list[_Token]) -> list[_Token]:
    """ "four and a half years" is 4.5, "3 1/2 years" 3.5: the half joins the whole number."""
    kept: list[_Token] = []
    covered = -1
    for token in found:
        if token.start < covered:
            continue  # the "a half" or "1/2" already read into the number before
        kept.append(token)
        if token.value is None or token.glued or token.term or token.value % 1:
            continue
        half = _HALF_AFTER.match(sentence, token.end)
        if half is not None:
            token.value += Decimal("0.5")
            token.end = covered = half.end()
    return kept


def _vote_tallies(sentence: str, found: list[_Token]) -> None:
    """Both sides of "passed 31 to 12" and "on a 7-2 vote" as votes.

    ``_DIGITS`` skips "7-2" (a score looks the same), and "31 to 12" after "passed" has no
    noun; a verb of voting before the pair, or "vote" after it, makes it a tally.
    """
    for match in _VOTE_TALLY.finditer(sentence):
        sides = [("for", "for_"), ("against", "against_")]
        for group, alternative in sides:
            name = group if match.group(group) else alternative
            number = match.group(name)
            value = parse_digits(number)
            if value is None:
                continue
            start, end = match.start(name), match.end(name)
            found[:] = [t for t in found if not (t.start < end and start < t.end)]
            found.append(_Token(start, end, value, "", False, 0, term="votes"))
    found.sort(key=lambda t: t.start)


def _signed_changes(sentence: str, found: list[_Token]) -> None:
    """Add the number of "+1.7%" and "+3 points": ``_DIGITS`` skips a number after a plus sign
    (phone numbers, "+44"), but a plus before a percentage or points marks a rise."""
    for match in _PLUS_CHANGE.finditer(sentence):
        value = parse_digits(match.group("num"))
        if value is None:
            continue
        glued = match.group("glued") or ""
        found.append(_Token(match.start("num"), match.end("num"), value, glued, False, 0))
    found.sort(key=lambda t: t.start)


def _hyphen_ranges(sentence: str, found: list[_Token]) -> None:
    """Add both ends of "45-50", "3.0\u20133.25" and "$5-6 billion" as tokens.

    Only a rising pair that is not two years ("2010-2015") and not a score
    ("lost 1-3", "a 2-4 defeat") is a range; ``_resolve`` then gives the low
    end ``at_least`` and the high end ``up_to``.
    """
    for match in _HYPHEN_RANGE.finditer(sentence):
        low, high = parse_digits(match.group("low")), parse_digits(match.group("high"))
        if low is None or high is None or not 0 < low < high:
            continue
        if 1800 <= low <= 2100 and 1800 <= high <= 2100 and "." not in match.group():
            continue
        before = _WORDS.findall(sentence, max(0, match.start() - 20), match.start())
        after = _WORDS.findall(sentence, match.end(), match.end() + 20)
        if (before and before[-1].lower() in _SCORE_WORDS) or (
            after and after[0].lower() in _SCORE_WORDS
        ):
            continue
        found.append(_Token(match.start("low"), match.end("low"), low, "", False, 0))
        glued = match.group("glued") or ""
        found.append(_Token(match.start("high"), match.end("high"), high, glued, False, 0))
    found.sort(key=_START)


def _hyphen_measures(sentence: str, found: list[_Token]) -> None:
    """Add "a 6.1-magnitude quake", "a magnitude-7.1 quake" and "the 36,000-acre fire".

    ``_DIGITS`` skips numbers glued to a hyphen; a unit of measure on the other side of
    the hyphen makes one a figure with that unit (carried as the token's ``term``).
    """
    if "-point" in sentence or "-seat" in sentence or "-vote" in sentence or "\u2010" in sentence:
        for match in _HYPHEN_MARGIN.finditer(sentence):
            number = match.group("num")
            value = parse_digits(number) if number[0].isdigit() else parse_number_words(number)
            if not value:
                continue
            unit = match.group("unit").lower() + "s"
            found.append(
                _Token(match.start("num"), match.end("unit"), value, "", False, 0, term=unit)
            )
    for match in _HYPHEN_MEASURE.finditer(sentence):
        number = match.group("num") or match.group("num2")
        value = parse_digits(number)
        if not value:
            continue
        unit = (match.group("unit") or "magnitude").lower()
        start = match.start("num") if match.group("num") else match.start()
        end = match.end()
        found.append(_Token(start, end, value, "", False, 0, term=_measure_unit(unit)))
    found.sort(key=_START)


def _measure_unit(word: str) -> str:
    """The unit's name in ``lexicon.MEASURE_UNITS`` ("acre" -> "acres", "km" -> "km"); "a
    5,000-strong crowd" counts people."""
    if word == "strong":
        return "people"
    return lexicon.MEASURE_UNITS.get(word, lexicon.MEASURE_UNITS.get(word + "s", word))


def _hyphen_terms(sentence: str, found: list[_Token]) -> None:
    """Add the number of "a 17-year prison term" or "a seven-year sentence" as a term token."""
    for match in _HYPHEN_TERM.finditer(sentence):
        number = match.group("num")
        value = parse_digits(number) if number[0].isdigit() else parse_number_words(number)
        if not value:
            continue
        if (
            match.group("noun").lower().startswith("term")
            and match.group("jail") is None
            and not _SENTENCED_BEFORE.search(sentence, max(0, match.start() - 40), match.start())
        ):
            continue  # "a five-year term in office"
        unit = match.group("unit").lower() + "s"
        found.append(_Token(match.start(), match.end("unit"), value, "", False, 0, term=unit))
    found.sort(key=_START)


def _glued_money(sentence: str, match: re.Match[str], found: list[_Token]) -> None:
    """Add "R500 million" / "N1.2 trillion" / "KSh40,000" as a money token.

    The letters and digits form one word, so ``_DIGITS`` skipped them; they
    are money only with a scale word or thousands separators after.
    """
    number = _GLUED_NUMBER.match(sentence, match.end())
    if number is None:
        return
    code = glued_code(match.group("code"), sentence)
    if code is None:
        return  # three capitals that are no currency ("COP28")
    digits = number.group("num")
    if (
        "," not in digits
        and match.group("code") not in GLUED_ALWAYS_MONEY
        and not _SCALE_AFTER.match(sentence, number.end())
    ):
        return
    found.append(
        _Token(
            match.end(),
            number.end(),
            parse_digits(digits),
            "",
            is_word=False,
            depth=0,
            currency=code,
        )
    )


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
) -> _Figure | None:
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
    negative = token.negative
    if negative:
        left = left[:-1]
        figure_start -= 1
    currency: str | None = token.currency
    if currency == GLUED_RUPEE:  # "Rs25,000": which rupee, as for "Rs 25,000"
        currency = code_for_symbol("Rs", None, sentence, rupees, offset + token.start)
    if currency is not None:
        glued_code = GLUED_PREFIX_BEFORE.search(left, max(0, len(left) - 4))
        if glued_code is not None:
            left = left[: glued_code.start()]
            figure_start = left_base + glued_code.start()
    currency_match = (
        None
        if token.is_word or currency is not None or not _may_end_in_currency(left)
        else CURRENCY_BEFORE.search(left, max(0, len(left) - 16))
    )
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
        if left.endswith(("-", "\u2212")) and not left[-2:-1].isalnum():
            negative = True  # "-$40 million"
            left = left[:-1]
            figure_start -= 1
    qualifier = "exact"
    motion = False
    qualifier_word = ""
    qualifier_match = _qualifier_before(left)
    if (
        qualifier_match is not None
        and qualifier_match.group("q").lower() == "past"
        and _THE_BEFORE.search(left, max(0, qualifier_match.start() - 5), qualifier_match.start())
    ):
        qualifier_match = None  # "for the past 12 years": a period, "past" is no qualifier
    if qualifier_match is not None:
        word = qualifier_word = _WS.sub(" ", qualifier_match.group("q").lower())
        qualifier = _QUALIFIER_NAMES.get(word, "approximately")
        motion = word in _MOTION_QUALIFIERS
        if word == "top" and _THE_BEFORE.search(
            left, max(0, qualifier_match.start() - 5), qualifier_match.start()
        ):
            qualifier = "up_to"  # "in the top 300": a rank within 300; "could top 300" exceeds it
        left = left[: qualifier_match.start()]
        figure_start = left_base + qualifier_match.start()
    if token.term == "votes":  # "passed 31 to 12": the verb of a tally is no qualifier
        qualifier, figure_start = "exact", token.start
    if token.term:
        value = token.value
        is_word = not sentence[token.start].isdigit()
        return _Figure(
            index,
            value,
            value,
            False,
            qualifier,
            STATISTIC,
            token.term,
            None,
            figure_start,
            token.end,
            is_word,
        )
    previous = _previous_word(left)
    tight = bool(previous) and left.rstrip(" \u00a0").endswith(previous)
    previous_lower = previous.lower().rstrip(".")
    # ------------------------------------------------------------ right side
    position = token.end + len(token.glued)
    value = token.value
    percent = glued in {"%", "pc"}
    scale = glued if glued in SCALES else ""
    temperature = _TEMPERATURE_GLUED.get(token.glued) or (
        _degrees_after(sentence, position)
        if sentence[position : position + 2].lstrip(" \u00a0")[:1] in {"°", "º"}
        else None
    )
    pence = (
        currency is None
        and is_glued_minor(token.glued)
        and value not in _VIDEO_LINES
        and not sentence.startswith(".m", position)
    )  # "an extra 38p a week"; not "1080p", "10p.m."
    if (
        token.glued
        and not percent
        and not scale
        and not pence
        and glued not in lexicon.MEASURE_UNITS
        and temperature is None
    ):
        return None  # "4G", "737MAX", "3D"
    scale_factor = Decimal(1)
    if not scale and not percent and not token.is_word:
        scale_match = _SCALE_AFTER.match(sentence, position)
        if scale_match is not None:
            scale = scale_match.group("scale").lower()
            position = scale_match.end()
            if scale in _BEFORE_CRORE:
                crore = _SCALE_AFTER.match(sentence, position)
                if crore is not None and crore.group("scale").lower().startswith("crore"):
                    scale_factor = SCALES["crore"]  # "Rs 1.7 lakh crore", "Rs 20 thousand crore"
                    position = crore.end()
    if not percent:  # "16 percent", and "Sixteen percent" too
        percent_match = _PERCENT_AFTER.match(sentence, position)
        if percent_match is not None:
            percent = True
            position = percent_match.end()
    unit_override: str | None = temperature  # "48.2C", "40°C"
    currency_after = _currency_after(sentence, position, currency, rupees, offset)
    if currency_after is not None:
        word_match, after_code = currency_after
        if word_match.group("word").lower().startswith("pound") and _is_weight(
            sentence, token.start, word_match.end(), scale
        ):
            unit_override = "lb"
        else:
            currency = after_code
        word_match_end = word_match.end()
    elif scale and sentence.startswith(" won", position) and currency is None:
        currency, word_match_end = "KRW", position + 4  # "3 trillion won"
    else:
        word_match_end = position
    minor = None
    if currency is None and not scale and not percent and unit_override is None:
        if pence:
            minor = "p"
        elif not token.is_word and not token.glued:
            minor_match = MINOR_UNITS.match(sentence, position)
            if minor_match is not None:  # "94 cents a share", "9 pence"
                minor, word_match_end = minor_match.group("minor"), minor_match.end()
        if minor is not None:
            currency = minor_unit_code(minor, sentence)
    if (
        scale in AMBIGUOUS_SCALES
        and currency is None
        and not _scale_counts(sentence, token, position)
    ):
        return None  # "100m" sprint, "5k" run
    raw = value
    if scale:
        value *= SCALES[scale] * scale_factor
    if minor is not None:
        value = raw = value / 100  # an amount is given in the main unit: 38p is £0.38
    if negative:
        value, raw = -value, -raw
    right_qualifier = _QUALIFIER_RIGHT.match(sentence, word_match_end)
    if right_qualifier is not None and qualifier == "exact":
        qualifier = (
            "approximately" if right_qualifier.group().strip().endswith("so") else "at_least"
        )
    figure_end = max(word_match_end, right_qualifier.end() if right_qualifier else 0)
    next_word = _next_word(sentence, word_match_end)
    next_lower = next_word.lower()
    # ------------------------------------------------------------ exclusions
    title_case = title_case_sentence(sentence)
    # A capitalised word right before a number may make it a label ("Boeing 737"), but not
    # in a Title Case headline, not before a percentage and not as a possessive ("America's
    # 52 largest cities", "the Federal Reserve's 2% target").
    label_word = (
        tight
        and not title_case
        and not percent
        and not previous.endswith(_POSSESSIVE)
        and previous_lower not in _WEEKDAYS  # "by Tuesday 400,000 were still without power"
        # nor a month before thousands ("by June 84,120 were waiting"): no day, no year
        and not (previous_lower in lexicon.MONTHS and "," in sentence[token.start : token.end])
    )
    if _is_reference(
        sentence,
        token,
        previous if label_word else "",
        previous_lower,
        next_word,
        currency,
        qualifier,
    ):
        return None
    if previous_lower == "per":
        return None  # the "100,000" of "12 per 100,000": a denominator
    if (
        not token.is_word
        and currency is None
        and not percent
        and not scale
        and value < 120
        and _AGE_APPOSITION.search(left, max(0, len(left) - 40))
        and sentence[figure_end : figure_end + 1] in {",", ")", ";"}
    ):
        return None  # "Deonte Murray, 36, was charged": an age in apposition to a name
    if currency is None and not percent and not scale and _looks_like_year(token, previous_lower):
        noun_after = next_lower
        if noun_after not in lexicon.CASUALTY_WORDS and not (
            noun_after.endswith("s") and noun_after not in lexicon.NOT_NOUNS
        ):
            return None
        if previous_lower in _TEMPORAL:
            return None
    figure = _Figure(
        index,
        value,
        raw,
        bool(scale),
        qualifier,
        None,
        None,
        currency,
        figure_start,
        figure_end,
        token.is_word,
        listed=not previous_lower
        or previous_lower in _LIST_SLOTS
        or previous_lower in lexicon.CASUALTY_VERBS_BEFORE
        or left.rstrip().endswith((",", "(")),
    )
    # ---------------------------------------------------------- classify
    if currency is not None:
        figure.kind = MONETARY_AMOUNT
        per = _PER_AFTER.match(sentence, figure_end)
        if per is not None:
            figure.unit = "per " + per.group("per").lower()
            figure.end = per.end()
        return figure
    if percent:
        figure.kind, figure.unit = STATISTIC, "percent"
        return figure
    if unit_override is not None:
        figure.kind, figure.unit = STATISTIC, unit_override
        return figure
    if (
        previous_lower == "magnitude"
        or next_lower == "magnitude"
        or (previous_lower == "of" and _MAGNITUDE_OF.search(left, max(0, len(left) - 16)))
        or (next_lower == "on" and sentence.startswith("the Richter", word_match_end + 4))
    ):
        figure.kind, figure.unit = STATISTIC, "magnitude"
        return figure
    if (
        previous_lower in {"measuring", "measured"}
        and value < 10
        and _QUAKE.search(sentence, max(0, token.start - 120), token.start)
    ):
        figure.kind, figure.unit = STATISTIC, "magnitude"  # "a quake measuring 6.1"
        return figure
    rate = _RATE_AFTER.match(sentence, figure_end)
    if rate is not None:
        figure.kind, figure.unit = STATISTIC, "per " + rate.group("per").lower()
        figure.end = rate.end()
        return figure
    if "per" in left:
        rate_before = _RATE_BEFORE.search(left)
        if rate_before is not None:  # "deaths per 100k: 292", "the rate per 100,000 was 8.1"
            base = rate_before.group("per").lower()
            figure.kind, figure.unit = STATISTIC, "per " + _RATE_BASES.get(base, base)
            return figure
    if (
        qualifier_word in _AGE_QUALIFIERS
        and value <= _AGE_LIMIT
        and _AGE_BRACKET.match(sentence, figure_end)
    ):
        return None  # "four under 18", "children under 5": an age bracket
    ratio = _ratio(sentence, tokens, index, word_match_end)
    if ratio is not None:
        if ratio is _NOT_A_CLAIM:
            return None
        ratio.qualifier, ratio.start = qualifier, figure_start  # "nearly one in five"
        return ratio
    noun = _counted_noun(sentence, word_match_end, title_case=title_case)
    if (
        motion
        and noun is not None
        and noun not in lexicon.CASUALTY_WORDS
        and not _is_person_noun(noun)
    ):
        figure.qualifier, figure.start = "exact", token.start  # "crossing 5 streets"
    if noun in _MILESTONES and _milestone(left, figure):
        return figure
    if noun in lexicon.TIME_NOUNS:
        if noun in _TERM_NOUNS and _is_prison_term(sentence, token.start, word_match_end):
            figure.kind, figure.unit = STATISTIC, noun if noun.endswith("s") else noun + "s"
            return figure
        return None
    among = _AMONG_BEFORE.search(left, max(0, len(left) - 40)) if "mong" in left else None
    if among is not None and among.group("head").lower() in lexicon.CASUALTY_WORDS:
        _set_unit(figure, lexicon.CASUALTY_WORDS[among.group("head").lower()])
        return figure
    casualty = _casualty(
        sentence,
        tokens,
        index,
        previous_lower,
        left,
        left_base,
        word_match_end,
        look_left=noun is None or (_is_person_noun(noun) and previous_lower in _LEFT_SLOTS),
        counts_people=noun is None
        or _is_person_noun(noun)
        or (noun.endswith("s") and noun not in lexicon.MEASURE_UNITS),
    )
    if casualty is not None:
        _set_unit(figure, casualty)
        return figure
    if glued in lexicon.MEASURE_UNITS:
        figure.kind, figure.unit = STATISTIC, lexicon.MEASURE_UNITS[glued]
        return figure
    if noun is None and next_lower in lexicon.COUNTED_PARTICIPLES:
        noun = next_lower
    if noun is not None:
        figure.kind = STATISTIC
        figure.unit = lexicon.MEASURE_UNITS.get(noun, noun)
        figure.counted = _is_person_noun(noun)
        if token.is_word and value == 1:
            return None  # "one day", "one of the"
        return figure
    # A bare number: kept for ``_resolve`` only where a quantity can stand.
    per = _PER_AFTER.match(sentence, figure_end)
    if per is None and sentence.startswith("per ", figure_end + 1):
        per_number = _DIGITS.match(sentence, figure_end + 5)
        if per_number is not None:
            figure.kind, figure.unit = STATISTIC, "per " + per_number.group("num")
            return figure
    return figure


def _counts_animals(sentence: str, position: int) -> bool:
    """The number counts animals: its next word or the one after ("cattle heads")."""
    for _ in range(2):
        match = _NEXT_WORD.match(sentence, position)
        if match is None:
            return False
        if match.group(1).lower() in lexicon.ANIMAL_NOUNS:
            return True
        position = match.end()
    return False


def _scale_counts(sentence: str, token: _Token, position: int) -> bool:
    """ "6.4m offences", "2.3k employees", "40k people": "m" or "k" glued to a number that
    counts a plural noun is a scale. A whole number before a noun that is no person stays a
    distance ("400m hurdles"), as does one before a singular ("100m sprint", "5k run")."""
    if token.glued.lower() not in {"m", "k"}:
        return False
    noun = _next_word(sentence, position).lower()
    if not (_plural_noun(noun) or _is_person_noun(noun)) or noun in lexicon.MEASURE_UNITS:
        return False
    decimal = "." in sentence[token.start : token.end]
    return decimal or _is_person_noun(noun) or noun in lexicon.CASUALTY_WORDS


def _milestone(left: str, figure: _Figure) -> bool:
    """ "the toll passed the 1,000 mark": the verb's qualifier and the unit of the subject."""
    milestone = _MILESTONE_VERB.search(left, max(0, len(left) - 30))
    if milestone is None:
        return False
    figure.qualifier = _MILESTONE_QUALIFIERS.get(milestone.group("verb").lower()[:5], "exact")
    unit = _subject_unit(left[: milestone.start()], singular=True)
    if unit is None:
        return False
    if unit in lexicon.CASUALTY_WORDS.values():
        _set_unit(figure, unit)
    else:
        figure.kind, figure.unit = STATISTIC, unit
    return True


def _is_person_noun(noun: str) -> bool:
    return noun in _PERSON_NOUNS or noun.endswith(_PERSON_SUFFIXES)


def _set_unit(figure: _Figure, unit: str) -> None:
    """A casualty unit: killed/injured/casualties count as casualties, the rest not."""
    figure.kind = CASUALTY_COUNT if unit in lexicon.CASUALTY_UNITS else STATISTIC
    figure.unit = unit


_NOT_A_CLAIM = _Figure(-1, Decimal(0), Decimal(0), False, "exact", None, None, None, 0, 0, False)
_RATIO_LINKS = frozenset(
    {" in ", " out of ", " in every ", " out of every ", " of every ", " for every "}
)
_NOUN_RATIO_LINK = re.compile(
    r"[ \u00a0]+(?P<noun>[a-z]+)[ \u00a0]+(?:in|out[ \u00a0]+of)(?:[ \u00a0]+every)?[ \u00a0]+"
)
_TERM_NOUNS = frozenset({"year", "years", "month", "months", "week", "weeks", "day", "days"})
# What an election or a vote tallies: "68 out of 150 seats" is 68 seats won, not a share, and
# "gave the Green Alliance 68 seats" is a tally, not a model number like "Boeing 737".
_TALLY_NOUNS = frozenset(
    word_list("seats seat votes ballots delegates constituencies districts wards mandates")
)
# "68 of the 150", "40 out of its 41": a part followed by its whole.
_PART_OF_WHOLE = re.compile(
    r"[ \u00a0]+(?:out[ \u00a0]+)?of[ \u00a0]+(?:(?:the|its|their|his|her)[ \u00a0]+)?\d"
)


def _ratio(sentence: str, tokens: list[_Token], index: int, position: int) -> _Figure | None:
    """ "one in five" (0.2), "1.4 times as likely"; the "five" of "one in five" is no claim."""
    token = tokens[index]
    if (
        index > 0
        and _is_ratio_link(sentence[tokens[index - 1].end : token.start], tokens[index - 1])
        and not _is_year_token(token)
        and not _tallied(sentence, token.end)
    ):
        earlier = tokens[index - 1]
        if earlier.value is not None and earlier.value <= token.value:  # type: ignore[operator]
            return _NOT_A_CLAIM
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if (
        following is not None
        and not _is_year_token(following)  # "killed 1,400 in 1974"
        and following.value
        and token.value is not None
        and token.value < following.value
        and _is_ratio_link(sentence[token.end : following.start], token)
        and not _tallied(sentence, following.end)
    ):
        figure = _Figure(
            index,
            (token.value / following.value).quantize(Decimal("0.0001")).normalize(),
            token.value,
            False,
            "exact",
            STATISTIC,
            "ratio",
            None,
            token.start,
            following.end,
            token.is_word,
        )
        return figure
    times = _TIMES.match(sentence, position)
    if times is not None and token.value is not None:
        return _Figure(
            index,
            token.value,
            token.value,
            False,
            "exact",
            STATISTIC,
            "times",
            None,
            token.start,
            times.end(1),
            token.is_word,
        )
    return None


def _tallied(sentence: str, position: int) -> bool:
    """The word after ``position`` names what an election tallies ("seats", "votes")."""
    return _next_word(sentence, position).lower() in _TALLY_NOUNS


def _degrees_after(sentence: str, position: int) -> str | None:
    match = _DEGREES.match(sentence, position)
    if match is None:
        return None
    return "°" + match.group(1).upper() if match.group(1) else "degrees"


def _is_ratio_link(between: str, part: _Token) -> bool:
    """ "in", "out of every" between the two numbers of a ratio; or, after "one", a noun
    and "in" ("one person in five")."""
    if between.lower() in _RATIO_LINKS:
        return True
    if part.value != 1:
        return False
    match = _NOUN_RATIO_LINK.fullmatch(between)
    return match is not None and _plausible_noun(match.group("noun").lower())


def _is_year_token(token: _Token) -> bool:
    return _looks_like_year(token, "")


def _is_weight(sentence: str, start: int, end: int, scale: str) -> bool:
    """ "40 pounds" of weight rather than money: weighing, "pounds of cocaine", "a 40-pound"."""
    if scale:
        return False
    if _WEIGH.search(sentence, max(0, start - 80), start):
        return True
    aside = _ASIDE.match(sentence, end)
    if aside is not None:
        if _METRIC_WEIGHT.search(aside.group()):
            return True  # "37 pounds (17 kilograms)"
        end = aside.end()
    after = _NEXT_WORD.match(sentence, end)
    return after is not None and after.group(1).lower() == "of"


def _is_prison_term(sentence: str, start: int, end: int) -> bool:
    """ "sentenced to 12 years in prison", "jailed for six months", "a 20-year term"."""
    if _DEADLINE_BEFORE.search(sentence, max(0, start - 12), start):
        return False  # "must pay within three months or face prison": a deadline
    window = sentence[max(0, start - 60) : end + 40].lower()
    if any(word in lexicon.PRISON_WORDS for word in _WORDS.findall(window)):
        return True
    # "the former mayor got eight years for embezzlement", "prosecutors sought 30 years"
    verb = _TERM_GIVEN.search(sentence, max(0, start - 40), start)
    if verb is None:
        return False
    # "will serve 14 years" is a term only after a conviction was named ("who was convicted
    # in March"); "served five years in the army before the trial" is a career
    serving = verb.group().lower().startswith("serv")
    court_text = sentence[:start] if serving else sentence
    return (not serving and sentence.find(" for ", end, end + 14) >= 0) or any(
        word.lower() in _COURT_WORDS for word in _WORDS.findall(court_text)
    )


# Words a Title Case headline leaves in lower case ("Workers Strike in 270 Cities to ...").
_HEADLINE_SMALL_WORDS = frozenset(
    word_list("a an the and or but nor of in on at to for by as from with into per vs via")
)


@lru_cache(maxsize=64)
def title_case_sentence(sentence: str) -> bool:
    """A headline in Title Case ("Floods Kill 45 In Northern Province")."""
    if len(sentence) > 160 or sentence.rstrip().endswith("."):
        return False
    words = [word for word in _WORDS.findall(sentence) if word not in _HEADLINE_SMALL_WORDS]
    if len(words) < 4:
        return False
    capitalised = sum(1 for word in words if word[0].isupper())
    return capitalised >= 0.8 * len(words)


def _resolve(
    sentence: str,
    tokens: list[_Token],
    figures: list[_Figure],
    previous: ClaimCandidate | None,
) -> None:
    """Give coordinated and bare numbers their unit; set range qualifiers.

    Works on the sentence's figures in order. A chain is a run of figures
    joined by "and", "or", commas, "to" or "of" with at most two words
    between them ("three officers and 22 soldiers", "between 150 and 200
    people", "142 of 300 seats"). Bare members take the unit of the nearest
    member with one (the right first: "45 and 50 cases"); a casualty unit
    spreads over members that count people. A bare number outside a chain
    takes the unit of the figure before it ("rose to 52 from 37", "21 of
    them") or of the noun the sentence is about ("the toll rose to 2,310").
    """
    chains: list[list[_Figure]] = [[figures[0]]]  # coordinated: units shared
    families: list[list[_Figure]] = [[figures[0]]]  # and subsets ("including"): casualties
    for earlier, later in itertools.pairwise(figures):
        between = sentence[earlier.end : later.start]
        if (
            later.kind != MONETARY_AMOUNT
            and earlier.kind is not None
            and _SUBSET_LINK.fullmatch(between) is not None
        ):
            chains.append([later])
            families[-1].append(later)
            continue
        linked = (
            _CHAIN_LINK.fullmatch(between) is not None
            and not (
                later.currency is None and earlier.currency is not None and later.kind is not None
            )
            and not any(_is_predicate(word) for word in _WORDS.findall(between))
        )
        if (
            linked
            and later.kind is None
            and earlier.unit == "percent"
            and between.strip() == "to"
            and _is_change(sentence, earlier)
        ):
            linked = False  # "the index fell 2.4% to 9,870": the level is no percentage
        if linked and _SUBSET.search(between):
            chains.append([later])
            families[-1].append(later)
            continue
        if not linked:
            chains.append([later])
            families.append([later])
            continue
        chains[-1].append(later)
        families[-1].append(later)
        if (
            (
                (
                    _RANGE_START.search(sentence, max(0, earlier.start - 9), earlier.start)
                    and (between.rstrip().endswith("and"))
                )
                or (
                    (
                        between.strip() == "to"
                        and earlier.value < later.value  # "leads by 40.8% to 35.5%": no range
                        and not _is_change(sentence, earlier)
                    )
                    or (between.strip() in _HYPHENS and earlier.value < later.value)
                )
            )
            and _same_measure(earlier, later)
            and (earlier.index < 0 or tokens[earlier.index].term != "votes")
        ):
            _range(earlier, later)  # not "passed 31 to 12": a tally
    for chain in chains:
        if len(chain) > 1:
            _fill_bare(chain)
    last: _Figure | None = None
    for position, figure in enumerate(figures):
        if figure.kind is None:
            following = figures[position + 1] if position + 1 < len(figures) else None
            if (
                following is not None
                and following.kind is not None
                and not (figure.is_word and figure.value == 1)  # "one of the 19 factors"
                and _PARTITIVE_WHOLE.fullmatch(sentence, figure.end, following.start)
            ):
                _inherit(figure, following)  # "four of the 11 crew members": a part of a whole
            else:
                _bare(sentence, tokens, figure, last, previous)
        if figure.kind is not None:
            last = figure
    for family in families:
        if len(family) > 1:
            _spread_casualty(family)


def _is_tally(tokens: list[_Token], figure: _Figure) -> bool:
    """ "passed 31 to 12" is a tally of votes, not a range."""
    return figure.index >= 0 and tokens[figure.index].term == "votes"


def _same_measure(low: _Figure, high: _Figure) -> bool:
    """A range joins two figures of one measure: "3.5% to CHF 45.5 billion" is no range."""
    if low.kind is None or high.kind is None:
        return True
    if low.currency != high.currency:
        return False
    return (low.unit == "percent") == (high.unit == "percent")


def _is_change(sentence: str, earlier: _Figure) -> bool:
    """ "rose from 5 to 8%" is a change (two exact figures), "from 5 to 8%" alone a range.

    So is "the index fell 2.4% to 9,870": a change verb right before a figure with a unit
    of its own ("could rise 3 to 5 percent", with a bare first number, stays a range); and
    "by 3 to 116" always: the amount and the level it reached.
    """
    start = earlier.start
    if (
        earlier.kind is not None
        and _CHANGE_VERB.search(sentence, max(0, start - 40), start) is not None
    ):
        return True
    from_match = _FROM_BEFORE.search(sentence, max(0, start - 6), start)
    if from_match is None:
        return False
    if from_match.group("by"):
        return True
    return (
        _CHANGE_VERB.search(sentence, max(0, from_match.start() - 40), from_match.start())
        is not None
    )


def _is_predicate(word: str) -> bool:
    """A word that makes the text between two figures a clause, not a noun ("were wounded")."""
    lower = word.lower()
    if lower in {"and", "or", "to", "of", "out", "including", "among", "them"}:
        return False
    return lower in lexicon.NOT_NOUNS or lower in lexicon.CASUALTY_WORDS or lower.endswith("ed")


def _range(low: _Figure, high: _Figure) -> None:
    """The ends of a range: A `at_least`, B `up_to` (DESIGN 4).

    A qualifier before the range is the low end's and keeps it ("an estimated 500 to 800":
    500 `approximately`); the high end is still the most the range allows (800 `up_to`).
    Both ends count the same people: a casualty unit read at one end is the other's
    ("killed 500 to 800 people").
    """
    if high.qualifier == "exact":
        high.qualifier = "up_to"
        if low.qualifier == "exact":
            low.qualifier = "at_least"
    for end, other in ((low, high), (high, low)):
        if (
            end.kind == STATISTIC
            and other.kind == CASUALTY_COUNT
            and end.unit is not None
            and _is_person_noun(end.unit)
        ):
            end.kind, end.unit = CASUALTY_COUNT, other.unit
    if high.scaled and not low.scaled and low.raw and abs(low.raw) < abs(high.raw):
        low.value = low.raw * (high.value / high.raw)  # "$5-6 billion", "$2 to 3 million"
        low.scaled = True


def _fill_bare(chain: list[_Figure]) -> None:
    for position, member in enumerate(chain):
        if member.kind is not None:
            continue
        donors = [*chain[position + 1 :], *reversed(chain[:position])]
        donor = next((d for d in donors if d.kind is not None), None)
        if donor is None:
            continue
        _inherit(member, donor)


def _spread_casualty(chain: list[_Figure]) -> None:
    """ "Five women, two men and three children were killed": all three are killed."""
    casualties = {m.unit for m in chain if m.kind == CASUALTY_COUNT}
    if len(casualties) == 1:
        (unit,) = casualties
        for member in chain:
            if (
                member.kind == STATISTIC
                and member.counted
                and member.listed
                and member.unit not in lexicon.STATUS_UNITS
            ):
                member.kind, member.unit = CASUALTY_COUNT, unit


def _inherit(member: _Figure, donor: _Figure) -> None:
    """Copy the donor's kind, unit and currency; and its scale ("between 2 and 3 million").

    A percentage passes on only to a plain number: "38.9% of the vote, compared with 3.31
    million" and "1.1%, to 33,104" are counts and levels, not shares.
    """
    if donor.unit == "percent" and (member.scaled or abs(member.raw) >= 1000):
        member.kind, member.unit, member.counted = STATISTIC, None, False
        return
    member.kind, member.unit, member.counted = donor.kind, donor.unit, donor.counted
    if member.currency is None:
        member.currency = donor.currency
    if donor.scaled and not member.scaled and donor.raw and abs(member.raw) < abs(donor.raw):
        member.value = member.raw * (donor.value / donor.raw)


def _bare(
    sentence: str,
    tokens: list[_Token],
    figure: _Figure,
    last: _Figure | None,
    previous: ClaimCandidate | None,
) -> None:
    token = tokens[figure.index]
    after = sentence[figure.end : figure.end + 40]
    partitive = _PARTITIVE.match(after) or _FRONTED_PARTITIVE.search(
        sentence, max(0, figure.start - 20), figure.start
    )
    if partitive is not None:
        noun = partitive.groupdict().get("noun")
        if noun:
            lower = noun.lower()
            if lower in lexicon.CASUALTY_WORDS:
                _set_unit(figure, lexicon.CASUALTY_WORDS[lower])
            elif lower in lexicon.COUNTED_PARTICIPLES:  # "18 of the infected individuals"
                figure.kind, figure.unit, figure.counted = STATISTIC, lower, True
            elif (
                figure.value != 1
                and lower.endswith("s")
                and _plausible_noun(lower)
                and lower not in lexicon.NOT_NOUNS
            ):
                figure.kind, figure.unit = STATISTIC, lower
                figure.counted = _is_person_noun(lower)
            return
        if last is not None and last.unit != "percent":
            _inherit(figure, last)
        elif last is None and previous is not None and previous.kind != MONETARY_AMOUNT:
            figure.kind, figure.unit = previous.kind, previous.unit
        return  # not "78% less likely to develop one of those diseases": one is no percentage
    left = sentence[max(0, figure.start - 300) : figure.start]
    previous_word = _previous_word(left).lower()
    if _PERIOD_BEFORE.search(left, max(0, len(left) - 24)):
        return  # "for the past 12, or 13 years", "the next 10": a period, not a count
    if previous_word == "all" and last is not None and last.unit in _NO_PART_OF:
        return  # "four times as likely as those who kept all four": a set, no percentage
    if _WHO_AFTER.match(after) and not (figure.is_word and figure.value == 1):
        # "up from the 197,067 who were waiting", "the 1,200 who fled": "who" counts people,
        # those counted just before when they were people too
        if last is not None and last.counted:
            _inherit(figure, last)
        else:
            figure.kind, figure.unit, figure.counted = STATISTIC, "people", True
        return
    in_slot = (
        previous_word in lexicon.QUANTITY_SLOTS
        or left.rstrip().endswith(("(", ",", ";", ":"))
        or (not previous_word and not left.strip())
    )
    own_predicate = _OWN_PREDICATE.match(after)
    if (
        own_predicate is None
        and previous_word in _SPEECH_BEFORE
        and (
            last is None
            or last.counted
            or last.kind == CASUALTY_COUNT
            or (last.unit or "").endswith("ed")  # people counted by a status: "kidnapped"
        )
        and (last is not None or not figure.is_word)  # a written number refers back
    ):
        own_predicate = _OWN_PAST_VERB.match(after)
    if previous_word in lexicon.COUNTED_PARTICIPLES and previous_word.endswith("ed"):
        # "infected 45,000", "vaccinated 2.1 million": the verb names who is counted
        _set_unit(figure, lexicon.CASUALTY_WORDS.get(previous_word, previous_word))
        return
    if own_predicate is not None and (
        previous_word in _SPEECH_BEFORE
        or previous_word == "another"  # "another 40 were taken to hospital"
        or (
            last is not None
            and (previous_word in _OWN_CLAUSE_OPENERS or "other" in own_predicate[0])
        )
    ):
        # "police said 52 were on the bus", "another 40 were taken to hospital", "seven died
        # and 200 were taken to hospital": a clause of its own whose verb names no casualty
        # (one that does was read in ``_judge``)
        figure.kind, figure.unit, figure.counted = STATISTIC, "people", True
        return
    if last is not None and _MORE_OF_THE_SAME.match(after):
        _inherit(figure, last)  # "destroyed 51,800 homes and damaged 240,000 others"
        return
    if own_predicate is not None and last is not None and last.counted and not figure.is_word:
        # "cut power to 1.2 million customers; by Tuesday 400,000 were still without": the
        # subject of its own clause, counting the people counted just before
        _inherit(figure, last)
        return
    if figure.is_word and last is None:
        return  # a written number needs a figure to refer to ("three in Tangipahoa")
    level = (  # "the index fell 2.4% to 9,870": the level reached is no percentage
        last is not None
        and last.unit == "percent"
        and previous_word == "to"
        and _is_change(sentence, last)
    )
    if last is not None and not level and (in_slot or _ELLIPSIS.match(after)):
        _inherit(figure, last)
        return
    verb_qualifier = _VERB_QUALIFIER.search(sentence, max(0, figure.start - 12), figure.end)
    if verb_qualifier is not None:
        in_slot = True  # "climbed past 9,400", "in the top 300"
    headline = title_case_sentence(sentence)
    if headline and not in_slot and _previous_word(left)[:1].isupper():
        # "Police Arrest 23 After Protest": the headline's verb names who is counted
        participle = _participle(previous_word.lower())
        if participle is not None:
            _set_unit(figure, lexicon.CASUALTY_WORDS.get(participle, participle))
        return
    if not in_slot or (token.depth and not left.rstrip().endswith("(")):
        return
    if _THERE_BE.search(left, max(0, len(left) - 40)) and _PLACED.match(after):
        # "there are 224 in intensive care": people, placed somewhere, their noun unsaid
        figure.kind, figure.unit, figure.counted = STATISTIC, "people", True
        return
    unit = _subject_unit(
        left,
        singular=verb_qualifier is not None or previous_word in _SLOT_VERBS,
        headline=headline,
    )
    if unit is None and not _continues_previous(left, previous):
        unit = _measured_noun(left)  # "a crowd of 68,828", "the hazard ratio was 0.82"
    if unit is None and _continues_previous(left, previous):
        # "August was revised from 130,000 to 168,000": a change in what the sentence
        # before counted ("The economy added 136,000 jobs")
        figure.kind, figure.unit = previous.kind, previous.unit  # type: ignore[union-attr]
        return
    if unit is not None:
        if unit in lexicon.CASUALTY_WORDS.values():
            _set_unit(figure, unit)
        else:
            figure.kind, figure.unit = STATISTIC, unit
            figure.counted = _is_person_noun(unit)
    elif level:  # "the index fell 2.4% to 9,870": the level reached, in the subject's unit
        figure.kind = STATISTIC
        unit = _subject_unit(left, singular=True)
        figure.unit = "level" if unit is None or unit in lexicon.TIME_NOUNS else unit


def _measured_noun(left: str) -> str | None:
    """The singular noun a bare number gives the size of: "a crowd of 68,828", "a further fall
    of 924", "the attendance was 52,300", "the hazard ratio was 0.82".

    Only a lowercase noun after a determiner, and never a person ("a man of 45", "the victim
    was 19": an age) nor a time ("the age of 70", "a period of 12").
    """
    match = _MEASURED_NOUN.search(left, max(0, len(left) - 60))
    if match is None:
        return None
    noun = match.group("noun")
    if (
        noun in lexicon.NOT_NOUNS
        or noun in lexicon.TIME_NOUNS
        or noun in _NOT_MEASURED
        or _is_person_noun(noun)
        or _is_person_noun(noun + "s")
        or noun in _SINGULAR_PEOPLE
        or noun in lexicon.CASUALTY_WORDS
        or not _plausible_noun(noun)
    ):
        return None
    return noun


def _continues_previous(left: str, previous: ClaimCandidate | None) -> bool:
    """A change or total with no noun in its sentence, after a counted figure."""
    if previous is None or previous.kind == MONETARY_AMOUNT or previous.unit in _NOT_CARRIED:
        return False
    return _CHANGE_CONTEXT.search(left, max(0, len(left) - 80)) is not None


def _participle(verb: str) -> str | None:
    """The counted participle of a headline verb: "arrest" -> "arrested", "evacuate" ->
    "evacuated", or ``None``."""
    for form in (verb + "ed", verb + "d", verb[:-1] + "ed" if verb.endswith("s") else ""):
        if form in lexicon.COUNTED_PARTICIPLES:
            return form
    return None


def _subject_unit(left: str, *, singular: bool = False, headline: bool = False) -> str | None:
    """The unit of the noun a bare number refers to, searching back through ``left``.

    A casualty word within 30 words wins ("the death toll from ... climbed to
    84"); otherwise the nearest lowercase plural noun ("infections reached
    340,000"), or with ``singular`` (after a verb such as "climbed past") the
    nearest noun at all ("the index climbed past 9,400").
    """
    words = _WORDS.findall(left, max(0, len(left) - 300))
    for word in reversed(words[-30:]):
        lower = word.lower()
        if lower in lexicon.CASUALTY_NOUNS_BEFORE:
            return lexicon.CASUALTY_NOUNS_BEFORE[lower]
        if lower in lexicon.CASUALTY_WORDS and lower.endswith(("ed", "ead", "ing")):
            return lexicon.CASUALTY_WORDS[lower]
    first = len(words) - 12
    for position in range(len(words) - 1, max(-1, first - 1), -1):
        word = words[position]
        lower = word.lower()
        if (
            word[0].isupper()
            and position > 0
            and not headline
            and not _ACRONYM_PLURAL.match(word)  # "the number of MPs rose from 12 to 13"
        ):
            continue
        if lower in lexicon.COUNTED_PARTICIPLES:
            return lexicon.CASUALTY_WORDS.get(lower, lower)
        if singular and (
            len(lower) > 2
            and lower not in lexicon.NOT_NOUNS
            and lower not in _NOT_SUBJECTS
            and lower not in lexicon.QUANTITY_SLOTS
            and lower not in _QUALIFIER_NAMES
            and _plausible_noun(lower)
        ):
            return lower
        if (
            lower.endswith("s")
            and not lower.endswith(("ss", "us", "is", "'s", "\u2019s"))
            and lower not in lexicon.NOT_NOUNS
            and lower not in lexicon.TIME_NOUNS
            and _plausible_noun(lower)
            and lower not in _NOT_SUBJECTS
        ):
            return lexicon.MEASURE_UNITS.get(lower, lower)
    return None


_CURRENCY_SYMBOLS = frozenset(
    "$\u00a3\u20ac\u00a5\u20b9\u20a8\u20a6\u20a9\u20bd\u20ba\u20b4\u20b1\u20aa\u0e3f"
    "\u20ab\u20ad\u17db\u20ae\u20b8\u20bc\u20be\u09f3\u20b5\u20b2\u20a1"
)


def _may_end_in_currency(left: str) -> bool:
    """Cheap test before ``CURRENCY_BEFORE``: a symbol, "Rs" or a three-letter code last."""
    tail = left[-6:].rstrip(" \u00a0")
    if not tail:
        return False
    if tail[-1] in _CURRENCY_SYMBOLS:
        return True
    return (
        tail.endswith(("Rs", "Rs.", "Fr", "Fr.", "Kr", "Kr.", "Dh", "Dhs", "Tk", "¢", "Rp"))
        or tail.lower().endswith(("ksh", "ksh.", "kshs", "kshs."))
        or (len(tail) >= 3 and tail[-3:].isupper())
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
    if match is None and sentence.startswith("-", position):
        match = _CURRENCY_AFTER_HYPHEN.match(sentence, position)  # "an 8.6 trillion-naira budget"
    if match is None:
        return None
    if currency is not None:
        return match, currency
    if needs_country(match.group("word"), match.group("adj"), sentence):
        return None  # "four crowns" of a king, not kroner
    code = code_for_word(
        match.group("word"), match.group("adj"), sentence, rupees, offset + position
    )
    return match, code


def _previous_word(left: str) -> str:
    span = _last_word(left)
    if span is None:
        return ""
    # only a word that is directly adjacent (spaces, a comma or a period between)
    tail = left[span[1] :]
    if tail.strip(" \u00a0.,") and tail.strip() not in {"("}:
        return ""
    return left[span[0] : span[1]]


def _last_word(left: str) -> tuple[int, int] | None:
    """Where the last word of ``left`` is: a letter, then letters, periods, apostrophes or
    hyphens, with no word character (letter, digit, underscore) after it; looked for among
    the last 30 characters. The word starts at the first letter of that run in reach and
    runs on over any periods or hyphens after its last letter ("U.S.", "said.")."""
    window = max(0, len(left) - 30)
    reversed_window = left[: window - 1 if window else None : -1]
    last = len(left) - 1 - _run_end(_NON_WORD_RUN, reversed_window, 0)
    if last < window or not ("a" <= left[last] <= "z" or "A" <= left[last] <= "Z"):
        return None  # no word character in reach, or the last is a digit or not ASCII
    from_end = len(left) - 1 - last  # where ``left[last]`` is in ``reversed_window``
    run = _run_end(_WORD_CHARS_RUN, reversed_window, from_end) - from_end
    first = _ASCII_LETTER.search(left, last - run + 1, last + 1)
    assert first is not None  # ``left[last]`` is a letter
    return first.start(), _run_end(_WORD_CHARS_RUN, left, last)


def _run_end(pattern: re.Pattern[str], text: str, position: int) -> int:
    """Where ``pattern`` (which matches the empty string too) stops matching from ``position``."""
    match = pattern.match(text, position)
    return match.end() if match is not None else position


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
    if previous_lower in lexicon.REFERENCE_WORDS and not sentence[: token.start].rstrip().endswith(
        "("
    ):
        head = sentence[max(0, token.start - 40) : token.start]
        if previous_lower != "number" or not _VERB_NUMBER.search(head):
            return True
    before = sentence[max(0, token.start - 20) : token.start]
    if ("age" in before or "er than" in before) and _AGE_OF.search(before):
        return True  # "his age of 67"
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
        and next_lower not in _TALLY_NOUNS
        and not _PART_OF_WHOLE.match(sentence, token.end)
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


# The plural of an acronym is a counted noun, not a name before one: "13,076 FIRs", "40 MPs".
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s$")


def _counted_noun(sentence: str, position: int, *, title_case: bool = False) -> str | None:
    """The noun naming what is counted, lowercased, or ``None``.

    In a Title Case headline a capital says nothing about a modifier: "40 Homes In" counts
    homes, so a capitalised word followed by a function word is the noun.
    """
    words: list[str] = []
    cursor = position
    for _ in range(3):
        match = _NEXT_WORD.match(sentence, cursor)
        if match is None:
            break
        word = match.group(1)
        cursor = match.end()
        if word.endswith("-"):
            glued = _WORD_TAIL.match(sentence, cursor)  # "COVID-19 cases": a name, a modifier
            if glued is not None:
                word, cursor = word + glued.group(), glued.end()
        words.append(word.rstrip(".'\u2019"))
    for i, word in enumerate(words):
        lower = word.lower()
        following = words[i + 1].lower() if i + 1 < len(words) else ""
        if lower in _MORE_WORDS and _plural_noun(following):
            continue  # "four other cases", "three more suspects"
        if lower in lexicon.NOT_NOUNS:
            return None
        if lower in lexicon.TIME_NOUNS and i + 1 < len(words):
            following = words[i + 1].lower()
            if (
                following not in lexicon.NOT_NOUNS
                and following not in _DURATION_HEADS  # "a five year period", "45 minutes late"
                and following not in lexicon.PRISON_WORDS  # "three years' imprisonment"
                and _plausible_noun(following)
            ):
                continue  # "season tickets": the time word is a modifier
        if lower in lexicon.TIME_NOUNS or lower in lexicon.MEASURE_UNITS:
            return lower
        modifier = (
            lower in lexicon.MODIFIERS
            or (word[:1].isupper() and not _ACRONYM_PLURAL.match(word))  # not "FIRs", "MPs"
            or lower.endswith(_ADJECTIVE_ENDINGS)
            or not lower.replace("-", "").isalpha()  # "COVID-19 cases": a name, a modifier
            # "309 outbreak-associated cases", "33,000 striking union members": a participle
            # or compound before a plural noun; "40 school buses": a noun modifying one
            or (
                (lower.endswith(("ed", "ing")) or "-" in lower)
                and following not in lexicon.NOT_NOUNS
                and _plausible_noun(following)
            )
            or (not lower.endswith("s") and _plural_noun(following))
            or _heads_plural(lower, words[i + 1 :])  # "flood insurance claims"
        )
        if (
            modifier
            and i + 1 < len(words)
            and not (title_case and words[i + 1].lower() in lexicon.NOT_NOUNS)
        ):
            continue
        return lower if _plausible_noun(lower) else None
    return None


def _heads_plural(word: str, following: list[str]) -> bool:
    """ "flood insurance claims", "school buses": a singular noun before the plural it modifies."""
    if word.endswith("s") or word in lexicon.CASUALTY_WORDS or not following:
        return False
    for position, later in enumerate(following[:2]):
        lower = later.lower()
        if lower in lexicon.NOT_NOUNS or not _plausible_noun(lower):
            return False
        if lower.endswith("s") and not lower.endswith("ss"):
            return True
        if position == 0 and len(following) < 2:
            return False
    return False


def _plural_noun(word: str) -> bool:
    """A lowercased word that may be a counted plural noun ("cases", "members")."""
    return (
        len(word) > 2
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and word not in lexicon.NOT_NOUNS
        and _plausible_noun(word)
    )


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
    *,
    look_left: bool = True,
    counts_people: bool = True,
) -> str | None:
    """The casualty unit for the number at ``tokens[index]``, if any.

    A casualty noun before the number ("the toll rose to 141 people") counts
    only when the number counts people or nothing at all (``look_left``).
    """
    verb_unit: str | None = None
    if previous_lower in lexicon.CASUALTY_VERBS_BEFORE:
        verb_unit = lexicon.CASUALTY_WORDS[previous_lower]
        if not left.rstrip().endswith(","):
            return verb_unit
        # "Three Killed, 12 Injured In ...": after a comma the number's own word wins.
    token = tokens[index]
    later_index, limit = _next_count(tokens, index, position)
    if index and _PART_OF.fullmatch(sentence, tokens[index - 1].end, token.start):
        # The whole of a partitive ("Twelve of the 40 passengers were hurt"): only its own word
        # says what it counts; the predicate after it is the part's.
        own = _NEXT_WORD.match(sentence, position)
        return lexicon.CASUALTY_WORDS.get(own.group(1).lower()) if own is not None else None
    if later_index is not None and _PART_OF.fullmatch(sentence, position, limit):
        # The part: its predicate follows the whole ("Twelve of the 40 passengers were hurt").
        position = tokens[later_index].end
        later_index, limit = _next_count(tokens, later_index, position)
    right = sentence[position : min(limit, position + _RIGHT_CHARS)]
    # The scan stops at the next count: "risen to 33 and injuries to 120" gives "injuries" to
    # the 120, so a link word then ends the 33's own words.
    next_count_follows = later_index is not None and limit <= position + _RIGHT_CHARS
    new_predicate = _NEW_PREDICATE.search(right) if ("," in right or " and" in right) else None
    if new_predicate is not None:
        right = right[: new_predicate.start()]
    right = _PARENTHETICAL.sub(" ", right)
    right = right.replace("(", " ").replace(")", " ")
    right_words = _WORDS.findall(right)
    budget = _RIGHT_WORDS
    for i, word in enumerate(right_words[:_RIGHT_WORDS_MAX]):
        if i and word[0].isupper():
            budget += 1  # "16 officers of the Nigerian Army were confirmed dead"
        if i >= budget:
            break
        lower = word.lower()
        if lower in _CLAUSE_BREAKS or (next_count_follows and lower in _NEXT_COUNT_LINKS):
            break
        if i < 3 and lower in lexicon.EVENT_NOUNS:
            return None  # "78 mass killings, claiming the lives of 400": it counts events
        if lower in lexicon.CASUALTY_WORDS:
            if i and right_words[i - 1].lower() in _NEGATIONS:
                continue  # "435 cholera cases, with no death": no one counted died
            unit = lexicon.CASUALTY_WORDS[lower]
            if (
                unit in _HARM_UNITS
                and i + 2 < len(right_words)
                and right_words[i + 1].lower() in {"or", "and"}
                and lexicon.CASUALTY_WORDS.get(right_words[i + 2].lower(), unit)
                in _HARM_UNITS - {unit}
            ):
                return "casualties"  # "1,000 killed or injured": the two together
            if unit == "injured" and _died_later(right_words, i, budget):
                return "killed"  # "a dozen people severely injured in the blast have died"
            return unit
        if (
            lower in lexicon.CARE_WORDS
            and right_words[0].lower() in lexicon.VICTIM_NOUNS
            and _hospital_care(right_words, i)
        ):
            return "injured"  # "four victims were taken to hospital"
        if lower == "condition" and i and right_words[i - 1].lower() in _GRAVE_CONDITIONS:
            return "injured"  # "32 people are in critical condition"
        if lower in lexicon.DISPLACEMENT_VERBS and lexicon.DISPLACEMENT_PHRASE.match(
            " ".join(right_words[i : i + 5])
        ):
            return "displaced"  # "forced from their homes", "fled their homes"
    aside = (
        _HEAD_BEFORE_SUBSET.match(sentence, position, limit) if later_index is not None else None
    )
    if aside is not None:
        aside_unit = _unit_after_aside(sentence, limit)
        if aside_unit is not None:
            return aside_unit  # "nine others, including two children, were missing"
    if verb_unit is not None:
        return verb_unit
    if counts_people:
        death_of = _death_of(sentence, token.start)
        if death_of is not None:
            return death_of
    if not look_left:
        return None
    floor = 0
    for earlier_index in range(index - 1, -1, -1):
        if tokens[earlier_index].depth <= token.depth:
            floor = tokens[earlier_index].end
            break
    wide = previous_lower in _LEFT_SLOTS
    reach = max(floor, token.start - (_SLOT_WINDOW if wide else len(left)))
    before = list(_WORDS.finditer(sentence, reach, token.start))
    if (
        floor
        and len(before) > 1
        and not sentence[floor : before[0].start()].strip()
        and before[1].group().lower() not in _INCLUDING_VERBS
    ):
        before = before[1:]  # "182 injured, ... says 95": the word is the earlier count's own
    window = before[-(_SLOT_WORDS if wide else _RIGHT_WORDS) :]
    for position in range(len(window) - 1, -1, -1):
        lower = window[position].group().lower()
        if lower == "victims":
            victims = _victims_unit(sentence)
            if victims is not None:
                return victims  # "the attack killed 25; the victims include 12 women"
            continue
        if lower in lexicon.CASUALTY_NOUNS_BEFORE:
            if floor and all(w.group().lower() in _LINK_WORDS for w in window[position + 1 :]):
                return None  # "102 were injured and 12 buried": the earlier count's predicate
            return lexicon.CASUALTY_NOUNS_BEFORE[lower]
    return None


def _victims_unit(sentence: str) -> str | None:
    """What "the victims" were in a sentence that says it: killed when it names deaths only,
    injured when it names injuries only; "victims" alone says neither."""
    harms = {
        lexicon.CASUALTY_WORDS[word.lower()]
        for word in _WORDS.findall(sentence)
        if lexicon.CASUALTY_WORDS.get(word.lower()) in _HARM_UNITS
    }
    return harms.pop() if len(harms) == 1 else None


def _unit_after_aside(sentence: str, start: int) -> str | None:
    """The casualty word of the predicate after a subset aside that starts at ``start``.

    "nine others, including two children, were missing": the head's own predicate comes
    after the aside's closing comma, which the scan of the head's words stopped before.
    """
    close = sentence.find(",", start, start + _SLOT_WINDOW)
    if close == -1:
        return None
    for word in _WORDS.findall(sentence, close + 1, close + 1 + _RIGHT_CHARS)[:_RIGHT_WORDS]:
        lower = word.lower()
        if lower in _CLAUSE_BREAKS or lower in _LINK_WORDS:
            return None
        if lower in lexicon.CASUALTY_WORDS:
            return lexicon.CASUALTY_WORDS[lower]
    return None


def _died_later(words: list[str], index: int, budget: int) -> bool:
    """An injury word that only modifies the counted people, then a death verb of their own.

    "More than a dozen people severely injured in the blast have died": "injured" has no
    auxiliary before it (a reduced relative clause), so the main verb "died" says what
    became of them. "12 were injured and later died" joins two verbs: the first stays.
    """
    if index and words[index - 1].lower() in lexicon.BE_AUXILIARIES:
        return False
    following = words[index + 1 : max(budget, index + 1) + 4]
    for position, word in enumerate(following):
        lower = word.lower()
        if lower in lexicon.DEATH_VERBS:
            return True
        if lower == "since" and following[position + 1 : position + 2] in (["died"], ["Died"]):
            continue  # "have since died"
        if lower in _CLAUSE_BREAKS or lower in _LINK_WORDS:
            return False
    return False


def _hospital_care(words: list[str], index: int) -> bool:
    """ "taken to hospital", "admitted to a hospital", "treated in hospital", "hospitalised"."""
    following = [word.lower() for word in words[index + 1 : index + 6]]
    if any(word.startswith(("morgue", "mortuar")) for word in following):
        return False  # "the victims were taken to the hospital mortuary": the dead
    if words[index].lower().startswith("hospitali"):
        return True
    return any(word.startswith("hospital") for word in following[:4])


def _next_count(tokens: list[_Token], index: int, position: int) -> tuple[int | None, int]:
    """The next token at the same bracket depth after ``position``, and where it starts."""
    depth = tokens[index].depth
    for later_index in range(index + 1, len(tokens)):
        later = tokens[later_index]
        if later.start >= position and later.depth <= depth:
            return later_index, later.start  # not the scale word read with it ("2 million")
    return None, _NO_LIMIT


def _death_of(sentence: str, start: int) -> str | None:
    """ "the deaths of four officers and 12 soldiers": the unit of the noun the list follows.

    Only a list stands between the noun and the count (no verb, no clause word), so
    "the bodies of the victims were taken to 3 hospitals" gives nothing.
    """
    window = sentence[max(0, start - 100) : start]
    if " of " not in window:
        return None
    match = None
    for found in _DEATH_OF.finditer(window):
        match = found  # the nearest noun before the count
    if match is None:
        return None
    between = _WORDS.findall(window, match.end())
    if any(w.lower() in _DEATH_OF_STOP or w.lower().endswith("ed") for w in between):
        return None
    return lexicon.CASUALTY_WORDS.get(match.group("noun").lower().rstrip("s"), None) or (
        "injured" if match.group("noun").lower().startswith(("injur", "wound")) else "killed"
    )
