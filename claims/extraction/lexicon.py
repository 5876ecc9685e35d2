"""Word lists the figure and quote recognisers share.

Kept apart from the matching code so that widening the vocabulary (a new
casualty verb, a new title) never touches the matching logic.
"""

from __future__ import annotations

import re


def word_list(text: str) -> list[str]:
    """Split a whitespace-separated vocabulary literal into its words."""
    return text.split()


def trie_pattern(words: list[str] | frozenset[str] | tuple[str, ...]) -> str:
    """A regex alternation of ``words`` factored into a prefix trie.

    Python's ``re`` tries every branch of a flat ``a|b|c`` alternation at
    every position; factoring common prefixes ("s(?:aid|ays|tated)") makes
    the vocabulary regexes several times faster on long articles. Longer
    words are preferred over their prefixes, as in a sorted alternation.
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_to_pattern(trie)


def trie_rests(words: list[str] | frozenset[str] | tuple[str, ...]) -> dict[str, str]:
    """``trie_pattern(words)`` split by initial: initial -> pattern for the rest of the word."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return {initial: _trie_to_pattern(child) for initial, child in trie.items() if initial}


def by_initial(rests: dict[str, str], not_after: str) -> str:
    """A case-insensitive alternation that ``re`` can scan for quickly.

    ``rests`` maps a lowercase initial letter to a pattern for what follows
    it; ``not_after`` is the character class that must not stand right
    before the initial (``\\w`` for a ``\\b``). The result matches what
    ``(?<!not_after)(?:i1(?:rest1)|i2(?:rest2)|...)`` matches under
    ``re.IGNORECASE``, but it is compiled without the flag and every branch
    opens with a literal initial, one branch per case form (including the
    Unicode forms ``re`` folds onto ASCII letters, such as the long s). That
    lets ``re`` jump from one possible initial to the next instead of trying
    the whole alternation at every position of the text.
    """
    branches = [
        rf"{re.escape(form)}(?<!{not_after}.)(?i:{rest})"
        for initial, rest in rests.items()
        for form in _case_forms(initial)
    ]
    return "(?:" + "|".join(branches) + ")"


class InitialScan:
    """Every match of a ``by_initial`` pattern in a long text, about twice as fast.

    ``by_initial`` puts its boundary check after the initial, so ``re`` stops at
    every occurrence of a candidate letter -- most of English text. This scan
    instead opens with the character that must stand before the word (any
    character outside ``not_after``), consumes it and captures the word after
    it, so ``re`` only stops after a space or a punctuation mark. The match at
    the very start of the text, which has no character before it, is tried
    apart. The positions found are exactly those of ``finditer`` with the
    plain pattern, provided every word ends in a word character (so that no
    match ends on the character a following word needs before it).
    """

    def __init__(self, rests: dict[str, str], not_after: str, tail: str = "") -> None:
        self.pattern = re.compile(by_initial(rests, not_after) + tail)
        branches = [
            rf"{re.escape(form)}(?i:{rest})"
            for initial, rest in rests.items()
            for form in _case_forms(initial)
        ]
        self._scan = re.compile(rf"{_preceding(not_after)}(?P<word>{'|'.join(branches)}){tail}")

    def starts(self, text: str) -> list[int]:
        """Where a match starts, in order."""
        starts = [match.start("word") for match in self._scan.finditer(text)]
        if self.pattern.match(text) is not None:
            starts.insert(0, 0)
        return starts

    def matches(self, text: str) -> list[re.Match[str]]:
        """The matches of ``pattern`` over ``text``, as ``pattern.finditer`` gives them."""
        match = self.pattern.match
        found = [match(text, start) for start in self.starts(text)]
        return [m for m in found if m is not None]


def _preceding(not_after: str) -> str:
    """A pattern for one character outside the class ``not_after``.

    Written as an ASCII set (a bitmap ``re`` tests quickly) plus any non-ASCII
    character that the look-behind then checks, rather than ``[^...]``, whose
    Unicode category test ``re`` would make at every character of the text.
    """
    outside = re.compile(not_after)
    ascii_outside = "".join(
        re.escape(char) for char in map(chr, range(128)) if not outside.fullmatch(char)
    )
    return rf"[{ascii_outside}\x80-\U0010ffff](?<!{not_after})"


def _case_forms(letter: str) -> list[str]:
    """Every character that ``re.IGNORECASE`` matches against ``letter``."""
    literal = re.compile(re.escape(letter), re.IGNORECASE)
    return [char for char in _CASE_FOLDING_CANDIDATES if literal.fullmatch(char)]


# The characters that fold onto an ASCII letter under re.IGNORECASE: the
# letters themselves plus a few Unicode ones (dotted and dotless i, long s,
# Kelvin sign). Found once from the Basic Multilingual Plane.
_CASE_FOLDING_CANDIDATES = re.compile("[a-z]", re.IGNORECASE).findall(
    "".join(map(chr, range(0x10000)))
)


def _trie_to_pattern(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    ends_here = "" in node
    branches = [re.escape(char) + _trie_to_pattern(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?"
    return body


# Casualty vocabulary -> normalised unit.
CASUALTY_WORDS: dict[str, str] = {
    **dict.fromkeys(
        word_list("""killed kill kills killing dead died die dies dying death deaths fatalities
        fatality perished slain massacred murdered drowned lives bodies succumbed deceased"""),
        "killed",
    ),
    **dict.fromkeys(
        word_list("injured injuring injures injure injuries wounded wounding wounds hurt burns"),
        "injured",
    ),
    **dict.fromkeys(word_list("casualties"), "casualties"),
    "missing": "missing",
    "unaccounted": "missing",
    **dict.fromkeys(
        word_list("""kidnapped kidnapping abducted abducting hostage hostages kidnap kidnaps abduct
        abducts"""),
        "kidnapped",
    ),
    **dict.fromkeys(
        word_list("arrested arresting detained detaining arrest arrests detain detains"), "arrested"
    ),
    **dict.fromkeys(word_list("displaced displacing homeless evacuated evacuating"), "displaced"),
}
# Active verbs that take the count as their object: "killed 29", "injured over 140".
CASUALTY_VERBS_BEFORE = frozenset(
    word_list("""kill killed killing kills injure injured injuring injures wounded wounding wounds
    kidnapped kidnapping abducted abducting arrested arresting detained detaining displaced
    displacing kidnap kidnaps abduct abducts arrest arrests detain detains
    evacuated evacuating hurt""")
)
# Phrases after a count that mean displaced: "300,000 were forced from their
# homes", "driven out of their homes", "fled their homes", "forced to flee".
DISPLACEMENT_VERBS = frozenset({"forced", "driven", "fled"})
DISPLACEMENT_PHRASE = re.compile(
    r"(?:(?:forced|driven)\s+(?:from|out\s+of)\s+(?:their\s+|his\s+|her\s+)?homes?"
    r"|fled\s+(?:their\s+|his\s+|her\s+)?homes?|forced\s+to\s+flee)\b",
    re.IGNORECASE,
)
# The casualty units that make a figure a casualty count (DESIGN 4 lists the missing among
# them); the others in CASUALTY_WORDS (displaced, homeless, kidnapped, arrested) are statistics
# with that unit: nobody on a desk adds the evacuated or the arrested to a casualty count.
CASUALTY_UNITS = frozenset({"killed", "injured", "missing", "casualties"})
# Units of a person's status after a disaster or an arrest, not of harm done to them.
STATUS_UNITS = frozenset({"displaced", "kidnapped", "arrested"})
# Nouns that may stand some way before the count: "the death toll rose to 141",
# "resulted in the death of three officers", "claimed the lives of 67".
CASUALTY_NOUNS_BEFORE: dict[str, str] = {
    "toll": "killed",
    "death": "killed",
    "lives": "killed",
    "dead": "killed",
    "deaths": "killed",
    "fatalities": "killed",
    "casualties": "casualties",
    "injured": "injured",
    "wounded": "injured",
    "injuries": "injured",
    "missing": "missing",
}

# Nouns of events, not people: a count of them never takes the casualty word of its clause
# ("12 attacks killed 40 people", "78 mass killings, claiming the lives of 400").
EVENT_NOUNS = frozenset(
    word_list("""attacks incidents accidents crashes collisions shootings killings bombings
    explosions blasts strikes airstrikes raids ambushes clashes massacres stampedes fires
    landslides earthquakes floods outbreaks derailments""")
)
# Predicates of dying: after an injury word that only describes the people counted they
# are the main verb ("a dozen people severely injured in the blast have died", "were later
# confirmed dead").
DEATH_VERBS = frozenset(word_list("died die dies succumbed perished dead"))
BE_AUXILIARIES = frozenset(word_list("was were is are be been being"))
# Victims of an event are killed or hurt: "victims" alone says neither. Taken to hospital,
# treated or hospitalised, they are the injured ("four victims were taken to hospital").
VICTIM_NOUNS = frozenset(word_list("victims victim casualties"))
CARE_WORDS = frozenset(
    word_list("""taken rushed admitted treated hospitalised hospitalized shifted moved
    transported airlifted brought evacuated receiving undergoing""")
)

# Participles and adjectives that name the people counted when they follow or precede a
# bare number: "7,504 hospitalized", "the infected were 19,457".
COUNTED_PARTICIPLES = frozenset(
    word_list("""hospitalized hospitalised infected vaccinated evacuated unemployed employed
    recovered rescued registered enrolled displaced homeless missing arrested detained injured
    wounded dead buried trapped stranded""")
)
# Words after which a number with no noun of its own is a quantity, not a label: "rose to
# 2,310", "reached 340,000", "from 37", "stood at 11", "the infected were 19,457".
QUANTITY_SLOTS = frozenset(
    word_list("""to from at reached reach reaches reaching hit hits hitting past passing topped
    top tops topping surpassed surpassing exceeded exceeding is are was were be been stood stands
    totalled totaled totalling totaling total numbered numbering of by with than and or while
    only just rose fell climbed jumped against versus vs""")
)
# Words after a number that make it a term of imprisonment: "sentenced to 12 years in prison".
PRISON_WORDS = frozenset(
    word_list("""prison jail jailed jails jailing imprisonment imprisoned imprisons sentenced
    sentence sentences sentencing bars custody detention term penalty penalties
    punishment parole probation incarceration penitentiary confinement""")
)
# Animals counted in disaster and farm news: "15 cows drowned", "2,000 livestock died" are
# losses, not casualties (a casualty count counts people).
ANIMAL_NOUNS = frozenset(
    word_list("""animal animals livestock cattle cow cows calves goat goats sheep pig pigs hog hogs
    chicken chickens poultry bird birds hen hens duck ducks horse horses camel camels donkey
    donkeys buffalo buffaloes mule mules dog dogs cat cats fish ox oxen yak yaks""")
)
# Counted nouns that make a number a duration or a repetition, not a claim.
TIME_NOUNS = frozenset(
    word_list("""second seconds minute minutes hour hours day days week weeks month months
    year years
    decade decades century centuries time times point occasion occasions night nights
    morning mornings weekend weekends season seasons term terms""")
)
# Words after a number that mark a time of day or an era.
TIME_MARKERS = frozenset(
    word_list("am pm a.m. p.m. a.m p.m o'clock gmt utc bst est pst hrs bc ad bce ce")
)

MEASURE_UNITS: dict[str, str] = {
    **dict.fromkeys(["kg", "kgs", "kilograms", "kilogrammes", "kilogram"], "kg"),
    **dict.fromkeys(["km", "kms", "kilometres", "kilometers", "kilometre", "kilometer"], "km"),
    # "t" only as a word after a scale ("53.2bn t of CO2"): glued to digits it is a scale
    **dict.fromkeys(["tonnes", "tons", "tonne", "ton", "t"], "tonnes"),
    **dict.fromkeys(["mt", "megatonnes", "megatons"], "Mt"),
    **dict.fromkeys(["gt", "gigatonnes", "gigatons"], "Gt"),
    **dict.fromkeys(["mw", "megawatts"], "MW"),
    **dict.fromkeys(["gw", "gigawatts"], "GW"),
    **dict.fromkeys(["sq", "hectares", "ha"], "hectares"),
    **dict.fromkeys(["cm", "centimetres", "centimeters"], "cm"),
    **dict.fromkeys(["mm", "millimetres", "millimeters"], "mm"),
    **dict.fromkeys(["miles", "mile"], "miles"),
    **dict.fromkeys(["metres", "meters", "metre", "meter"], "metres"),
    **dict.fromkeys(["litres", "liters", "litre", "liter"], "litres"),
    **dict.fromkeys(["barrels", "bpd"], "barrels"),
    "mph": "mph",
    "kph": "kph",
    "acres": "acres",
    "feet": "feet",
    "ft": "feet",
    "lb": "lb",
    "lbs": "lb",
    "pounds-weight": "lb",
}

# Words that cannot be the counted noun straight after a number.
NOT_NOUNS = frozenset(
    word_list("""in on at of to for from by with into over under after before since during per
    than as
    about against between among across through via up down out off around near within behind
    without the a an this that these those his her their its our my your them they he she it
    we you who which whom whose what and or but nor so yet while when where if because
    although though is are was were be been being has have had will would can could may
    might must shall should do does did more less most least also only just still already
    again ago later earlier each apiece other others plus or another per cent percent
    percentage more than times such same last next first all both either neither not no
    here there then now today yesterday tomorrow said says say told""")
)
# Adverbs of time and extent that follow a count without being what it counts ("climbed to 47
# overnight", "rose to 120 nationwide").
NOT_NOUNS = NOT_NOUNS | frozenset(
    word_list("""overnight tonight nationwide worldwide countrywide statewide altogether
    respectively alone apiece so far aboard onboard abroad some several""")
)
# Verbs a crowd takes right after its size ("a crowd of 38,215 saw the hosts win").
NOT_NOUNS = NOT_NOUNS | frozenset(word_list("saw watched witnessed attended packed filled"))
# Lowercase modifiers that may stand between a number and its noun ("40 new schools").
MODIFIERS = frozenset(
    word_list("""new more other additional extra young small large big old former senior
    junior local
    foreign armed unarmed innocent civilian military police security suspected alleged
    confirmed registered unemployed displaced private public rural urban top""")
)

# Words before a number that make it a reference, not a quantity ("Section 144").
REFERENCE_WORDS = frozenset(
    word_list("""no no. nos number num section sections article articles clause chapter
    paragraph page
    pages room flight route gate platform level grade class version episode season vol
    volume channel phase stage category round resolution act rule bill item line row seat
    table figure fig exhibit bus highway road street floor apartment suite block unit
    aged age ages size model type code pin zone sector district ward term""")
)

MONTHS = frozenset(
    word_list("""january february march april may june july august september october november
    december
    jan feb mar apr jun jul aug sep sept oct nov dec""")
)
STREET_WORDS = frozenset(
    word_list("""street st road rd avenue ave lane ln boulevard blvd drive dr place square way court
    terrace crescent close parade highway""")
)

# Speaker handling ----------------------------------------------------------

SPEECH_VERBS = frozenset(
    word_list("""said says say told tells added adds stressed stresses noted notes explained
    explains
    warned warns predicted predicts insisted insists argued argues claimed claims declared
    declares stated states wrote writes asked asks replied replies continued continues
    announced announces confirmed confirms urged urges vowed vows pledged pledges recalled
    recalls admitted admits complained complains acknowledged acknowledges conceded concedes
    emphasised emphasized emphasises emphasizes suggested suggests maintained maintains
    remarked remarks observed observes tweeted tweets posted posts reported reports
    commented comments described describes cautioned cautions demanded demands
    promised promises estimated estimates concluded concludes called calls saying adding
    noting warning insisting stating writing telling explaining describing arguing
    reporting found finds""")
)
# Speech verbs whose subject stands before a main verb of its own ("X tweeted condolences,
# saying ..."): their speaker is the person the sentence is about.
PARTICIPLE_VERBS = frozenset(
    word_list("""saying adding noting warning insisting stating writing telling explaining
    describing arguing reporting""")
)
# Common nouns that name a source of a statement: "the ministry said in a statement",
# "police said", "the memo said", "according to local authorities".
SOURCE_NOUNS = frozenset(
    word_list("""police officials official authorities ministry agency office department memo
    report statement government army military spokesman spokeswoman spokesperson hospital
    court commission committee council company firm bank union party group organization
    organisation service services board coalition secretariat embassy newspaper website
    broadcaster survey study data figures document documents letter filing indictment
    complaint lawsuit ruling judgment verdict investigators prosecutors officers rescuers
    residents witnesses sources doctors medics activists analysts experts researchers
    scientists regulator watchdog charity presidency ministers officers observers monitors
    observatory media outlets authority directorate bureau institute centre center unit
    bulletin release tally census assessment estimate audit inquiry investigation review poll
    forecast projection budget association federation operator utility airline insurer
    lender charter spokesmen statistics numbers records analysis findings count polls surveys
    studies results fund papers sheet reports""")
)
# Source nouns that name a document or a set of numbers rather than who issued it: "the
# ministry's data", "a report by Amnesty International", "UNHCR figures". Their owner, when
# named in the same phrase, is the speaker.
DOCUMENT_NOUNS = frozenset(
    word_list("""memo report statement survey study data figures document documents letter
    filing bulletin release tally census assessment estimate estimates audit review poll
    forecast projection budget statistics numbers records analysis findings count polls surveys
    studies results papers sheet reports""")
)
# Verbs by which only a document speaks: "data from the central bank showed", "the audit
# revealed". They attribute a figure only when their subject is a document noun.
DOCUMENT_VERBS = frozenset(
    word_list("show shows showed reveal reveals revealed indicate indicates indicated uncovered")
)
# Verbs that give a figure on someone's authority only when a source stands right before
# them: "officials recorded 4,100 cases", "the IMF projects", "he put the toll at 84" (not
# "the highest recorded level", "the projected deficit").
SOURCE_VERBS = frozenset(
    word_list("""recorded registered counted logged tallied put puts forecast forecasts
    projected projects expects highlighted highlights mentioned mentions""")
)
# Verbs by which an organisation gives its own results or outlook: "the company earned
# $643 million", "it expects revenue of $3.5 billion", "analysts expected 97 cents". They
# attribute a figure only when their subject is an organisation, a source noun or "it"/
# "they", never a person ("he earned $50,000 a year" is the reporter's fact).
RESULTS_VERBS = frozenset(word_list("earned booked expected expect expects"))
# Words before a document noun that say which edition it is, not whose: "the latest ministry
# figures" are the ministry figures.
DOCUMENT_MODIFIERS = frozenset(word_list("latest new recent fresh updated revised most"))
# Titles and role words that tell a person's gender (for "he" and "she").
MALE_TITLES = frozenset(
    word_list("mr mr. sir lord king prince spokesman chairman father brother son husband")
)
FEMALE_TITLES = frozenset(
    word_list("""mrs mrs. ms ms. miss madam lady dame queen princess spokeswoman chairwoman
    mother sister daughter wife""")
)
# Lowercase role words that stand before a name: "spokesman Bill Sadler", "farmer Joseph Banda".
ROLE_WORDS = frozenset(
    word_list("""spokesman spokeswoman spokesperson minister director chief commissioner pastor
    official lawyer attorney judge analyst economist professor governor mayor president
    secretary chairman chairwoman leader coach officer captain commander deputy adviser
    advisor editor reporter founder candidate lawmaker senator farmer resident witness
    activist doctor nurse teacher student researcher scientist survivor engineer executive
    prosecutor inspector superintendent sheriff auditor coroner ombudsman envoy negotiator
    mediator investigator physician surgeon correspondent strategist""")
)
# Capitalised words that start places and organisations, never a person's name.
NOT_NAME_STARTS = frozenset(
    word_list("""north south east west new san santa los las el saint st port fort mount lake
    cape united central northern southern eastern western greater upper lower the in on at
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december hurricane typhoon cyclone storm
    tropical operation""")
)
TITLE_WORDS = frozenset(
    word_list("""president premier prime minister secretary spokesperson spokesman spokeswoman
    advisor
    adviser chief director general gen gen. governor senator sen sen. rep rep.
    representative mayor ambassador chairman chairwoman chair ceo commissioner inspector
    superintendent officer captain colonel col col. major lieutenant lt lt. sergeant sgt judge
    justice dr dr. mr mr. mrs mrs. ms ms. prof prof. professor king queen prince princess
    pope sheikh head leader speaker deputy vice councillor councilor cllr clr commander marshal
    admiral attorney coach manager founder editor analyst economist researcher
    affairs security defence defense interior finance health education trade commerce
    energy information home foreign national state army staff senior junior acting
    former lord lady sir dame maj maj. brig brig. cpl cpl. capt capt. det det. rev rev. hon hon.
    gov gov. amb amb. supt supt. insp insp. cmdr cmdr. adm adm. fr fr. pres pres.""")
)
ORG_WORDS = frozenset(
    word_list("""ministry relations office department police army agency council committee
    commission
    bank institute organization organisation association union party government court
    service services corporation authority board forces force group fund foundation
    center centre university network press times post news bureau administration
    company inc ltd coalition alliance federation secretariat embassy consulate parliament
    assembly senate congress cabinet regiment command fund programme program""")
)
NAME_CONNECTORS = frozenset(word_list("of and the for on to de del al el bin van von da di la le"))
LEADING_NOISE = frozenset(
    word_list("""later meanwhile earlier then but and however also yesterday today separately
    additionally afterwards in on at a an the""")
)

# Rupee disambiguation ------------------------------------------------------

RUPEE_COUNTRIES: dict[str, str] = {
    **dict.fromkeys(
        word_list("""pakistan pakistani pakistanis islamabad karachi lahore peshawar
        rawalpindi quetta
        faisalabad multan sindh balochistan khyber"""),
        "PKR",
    ),
    **dict.fromkeys(
        word_list("""india indian indians delhi mumbai bengaluru bangalore kolkata chennai pune
        maharashtra kerala gujarat"""),
        "INR",
    ),
    **dict.fromkeys(word_list("sri lanka lankan colombo"), "LKR"),
    **dict.fromkeys(word_list("nepal nepali nepalese kathmandu"), "NPR"),
}
