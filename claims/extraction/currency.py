"""Currency symbols and words -> ISO 4217 codes.

``$`` is USD unless a prefix says otherwise ("A$", "HK$", "Hong Kong $").
``¥`` is CNY unless the sentence is about Japan. Rupees are ambiguous: the
sentence is searched for a Pakistani, Indian, Sri Lankan or Nepali place or
demonym first, then the nearest such mention anywhere in the article
(before the figure, then after it); with no mention at all, INR is used
because the Indian rupee is the one most often reported in English news.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from claims.extraction.lexicon import RUPEE_COUNTRIES, word_list

# Less common ISO 4217 codes, leaving out those whose letters are also a word or a common
# acronym in capitals (ALL, TOP, CUP, SOS, AMD, SDG, BOB, MOP, BAM).
_LESS_COMMON_CODES = word_list(
    """MVR JOD BHD OMR LBP SYP YER AFN MMK KHR LAK MNT KZT UZS KGS TJS TMT GEL AZN BYN RSD MKD
    MDL HRK DZD LYD ZMW MWK MZN AOA RWF BIF CDF DJF ERN NAD BWP SZL LSL MUR SCR MGA GMD GNF
    LRD SLE SLL CVE JMD TTD BBD BSD DOP GTQ HNL NIO CRC PAB PYG UYU VES XCD FJD PGK SBD VUV
    WST BTN BND"""
)

#: ISO 4217 codes read before or after a number ("CHF 300 million", "2 billion SEK").
ISO_CODES = tuple(
    [
        "USD",
        "EUR",
        "GBP",
        "CNY",
        "RMB",
        "JPY",
        "INR",
        "PKR",
        "AUD",
        "CAD",
        "HKD",
        "CHF",
        "DKK",
        "SEK",
        "NOK",
        "ISK",
        "PLN",
        "CZK",
        "HUF",
        "RON",
        "BGN",
        "ZAR",
        "BRL",
        "MXN",
        "ARS",
        "CLP",
        "COP",
        "PEN",
        "TRY",
        "KRW",
        "RUB",
        "UAH",
        "NGN",
        "KES",
        "GHS",
        "EGP",
        "SAR",
        "AED",
        "QAR",
        "KWD",
        "ILS",
        "THB",
        "IDR",
        "MYR",
        "PHP",
        "VND",
        "SGD",
        "NZD",
        "TWD",
        "BDT",
        "LKR",
        "NPR",
        "MAD",
        "TND",
        "XOF",
        "XAF",
        "ETB",
        "UGX",
        "TZS",
        "IRR",
        "IQD",
        *_LESS_COMMON_CODES,
    ]
)
_ISO_SET = frozenset(ISO_CODES)
# Currency names after a number, longest first so that "kronor" wins over "krona".
_CURRENCY_WORDS = sorted(
    [
        "francs?",
        "FCFA",
        "crowns?",
        "kronor",
        "krona",
        "kronur",
        "kroner",
        "krone",
        "zlotys?",
        "zloty",
        "zł",
        "rand",
        "reais",
        "real",
        "pesos?",
        "lira",
        "liras",
        "lire",
        "roubles?",
        "rubles?",
        "hryvnias?",
        "hryvnia",
        "naira",
        "shillings?",
        "cedis?",
        "riyals?",
        "rials?",
        "dirhams?",
        "shekels?",
        "baht",
        "rupiah",
        "ringgit",
        "dong",
        "taka",
        "dinars?",
        "birr",
        "forints?",
        "korunas?",
        "lei",
        "leu",
        "levs?",
        "leva",
        "kwacha",
        "leones?",
        "dalasis?",
        "ariary",
        "meticais",
        "metical",
        "kwanzas?",
        "pula",
        "rufiyaa",
        "kip",
        "riels?",
        "kyats?",
        "tenge",
        "manats?",
        "drams?",
        "lari",
        "guaranis?",
        "bolivares",
        "bolivars?",
        "bolivianos?",
        "soles",
        "quetzal(?:es|s)?",
        "lempiras?",
        "colones",
        "gourdes?",
        "afghanis?",
        "kuna",
    ],
    key=len,
    reverse=True,
)
_WORD_CODES = {
    "franc": "CHF",
    "crown": "SEK",
    "kronor": "SEK",
    "krona": "SEK",
    "kronur": "ISK",
    "kroner": "DKK",
    "krone": "DKK",
    "zlot": "PLN",
    "zł": "PLN",
    "rand": "ZAR",
    "reais": "BRL",
    "real": "BRL",
    "peso": "MXN",
    "lira": "TRY",
    "lire": "TRY",
    "roubl": "RUB",
    "rubl": "RUB",
    "hryvni": "UAH",
    "naira": "NGN",
    "shilling": "KES",
    "cedi": "GHS",
    "riyal": "SAR",
    "rial": "IRR",
    "dirham": "AED",
    "shekel": "ILS",
    "baht": "THB",
    "rupiah": "IDR",
    "ringgit": "MYR",
    "dong": "VND",
    "taka": "BDT",
    "dinar": "IQD",
    "birr": "ETB",
    "forint": "HUF",
    "korun": "CZK",
    "lei": "RON",
    "leu": "RON",
    "lev": "BGN",
    "kwacha": "ZMW",
    "leone": "SLE",
    "dalasi": "GMD",
    "ariary": "MGA",
    "metica": "MZN",
    "kwanza": "AOA",
    "pula": "BWP",
    "rufiyaa": "MVR",
    "kip": "LAK",
    "riel": "KHR",
    "kyat": "MMK",
    "tenge": "KZT",
    "manat": "AZN",
    "dram": "AMD",
    "lari": "GEL",
    "guaran": "PYG",
    "bolivia": "BOB",
    "boliv": "VES",
    "sol": "PEN",
    "quetzal": "GTQ",
    "lempira": "HNL",
    "colon": "CRC",
    "gourde": "HTG",
    "afghani": "AFN",
    "kuna": "HRK",
}
# The adjective that picks one currency among those sharing a name.
_ADJECTIVE_CODES = {
    "Swiss": "CHF",
    "CFA": "XOF",
    "Danish": "DKK",
    "Norwegian": "NOK",
    "Swedish": "SEK",
    "Mexican": "MXN",
    "Argentine": "ARS",
    "Argentinian": "ARS",
    "Chilean": "CLP",
    "Colombian": "COP",
    "Philippine": "PHP",
    "Cuban": "CUP",
    "Ugandan": "UGX",
    "Tanzanian": "TZS",
    "Kenyan": "KES",
    "Somali": "SOS",
    "Moroccan": "MAD",
    "Emirati": "AED",
    "UAE": "AED",
    "Saudi": "SAR",
    "Qatari": "QAR",
    "Iranian": "IRR",
    "Yemeni": "YER",
    "Omani": "OMR",
    "Jordanian": "JOD",
    "Lebanese": "LBP",
    "Syrian": "SYP",
    "Iraqi": "IQD",
    "Kuwaiti": "KWD",
    "Bahraini": "BHD",
    "Tunisian": "TND",
    "Libyan": "LYD",
    "Algerian": "DZD",
    "South African": "ZAR",
    "Brazilian": "BRL",
    "Turkish": "TRY",
    "South Korean": "KRW",
    "Korean": "KRW",
    "North Korean": "KPW",
    "Russian": "RUB",
    "Ukrainian": "UAH",
    "Nigerian": "NGN",
    "Ghanaian": "GHS",
    "Rwandan": "RWF",
    "Burundian": "BIF",
    "Congolese": "CDF",
    "Guinean": "GNF",
    "Icelandic": "ISK",
    "Uruguayan": "UYU",
    "Dominican": "DOP",
    "Serbian": "RSD",
    "Czech": "CZK",
    "Hungarian": "HUF",
    "Polish": "PLN",
    "Malawian": "MWK",
    "Zambian": "ZMW",
    "Peruvian": "PEN",
    "Venezuelan": "VES",
    "Afghan": "AFN",
    "Turkmen": "TMT",
    "Azerbaijani": "AZN",
}
# The CFA franc's two zones, named both as "francs" and as "CFA": one list for each.
_WEST_AFRICAN_CFA = {
    "Senegal": "XOF",
    "Ivor": "XOF",
    "Mali": "XOF",
    "Burkina": "XOF",
    "Benin": "XOF",
    "Togo": "XOF",
    "Niger": "XOF",
}
_CENTRAL_AFRICAN_CFA = {"Cameroon": "XAF", "Gabon": "XAF", "Chad": "XAF"}
# Currency names several countries share ("kroner", "francs", "pesos", "dinars"): with no
# adjective before the amount, a country named in the same sentence says whose it is
# ("Norway's central bank lost two billion kroner"). The word's own default stands otherwise.
_SHARED_NAMES = {
    "crown": {
        "Norw": "NOK",
        "Den": "DKK",
        "Danish": "DKK",
        "Swe": "SEK",
        "Icel": "ISK",
        "Czech": "CZK",
    },
    "kron": {
        "Norw": "NOK",
        "Den": "DKK",
        "Danish": "DKK",
        "Swe": "SEK",
        "Icel": "ISK",
    },
    "franc": {
        "Swi": "CHF",
        "Rwand": "RWF",
        "Burundi": "BIF",
        "Congo": "CDF",
        "Guinea": "GNF",
        **_WEST_AFRICAN_CFA,
        **_CENTRAL_AFRICAN_CFA,
    },
    "peso": {
        "Mexic": "MXN",
        "Philippin": "PHP",
        "Filipino": "PHP",
        "Argentin": "ARS",
        "Chile": "CLP",
        "Colombia": "COP",
        "Urugua": "UYU",
        "Dominican": "DOP",
        "Cuba": "CUP",
    },
    "dinar": {
        "Kuwait": "KWD",
        "Jordan": "JOD",
        "Liby": "LYD",
        "Tunisia": "TND",
        "Algeria": "DZD",
        "Bahrain": "BHD",
        "Serbia": "RSD",
        "Iraq": "IQD",
    },
    "shilling": {"Uganda": "UGX", "Tanzania": "TZS", "Somali": "SOS", "Kenya": "KES"},
    "kwacha": {"Malawi": "MWK", "Zambia": "ZMW"},
    "manat": {"Turkmen": "TMT", "Azerbaijan": "AZN"},
    "cfa": {
        **_CENTRAL_AFRICAN_CFA,
        "Congo": "XAF",
        "Central African": "XAF",
        "Equatorial Guinea": "XAF",
        **_WEST_AFRICAN_CFA,
    },
    "riyal": {"Qatar": "QAR", "Saudi": "SAR"},
    "rial": {"Oman": "OMR", "Yemen": "YER", "Iran": "IRR"},
}
_SHARED_COUNTRY = {
    stem: re.compile(r"\b(?:" + "|".join(countries) + r")")
    for stem, countries in _SHARED_NAMES.items()
}
_SYMBOL_CODES = {
    "£": "GBP",
    "€": "EUR",
    "₹": "INR",
    "₦": "NGN",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₴": "UAH",
    "₱": "PHP",
    "₪": "ILS",
    "฿": "THB",
    "₫": "VND",
    "₭": "LAK",
    "៛": "KHR",
    "₮": "MNT",
    "₸": "KZT",
    "₼": "AZN",
    "₾": "GEL",
    "৳": "BDT",
    "₵": "GHS",
    "₲": "PYG",
    "₡": "CRC",
    "RMB": "CNY",
    "SFr": "CHF",
    "DKr": "DKK",
    "SKr": "SEK",
    "NKr": "NOK",
    "Dh": "AED",
    "Dhs": "AED",
    "QR": "QAR",
    "SR": "SAR",
    "Tk": "BDT",
    "GH¢": "GHS",
    "TL": "TRY",
    "E£": "EGP",
    "NIS": "ILS",
    "Rp": "IDR",
    "RM": "MYR",
    "KSh": "KES",
    "Ksh": "KES",
}
# Letters glued to a number that name a currency ("R500 million", "N1.2 trillion", "KSh 40,000",
# "RM2 billion"). Only read as money when a scale word or thousands separators follow, so that
# "N95 masks" or an "R2" road never become amounts.
# "Rs1 million" and "P2.7 billion" (the Philippine peso) too, and an ISO code glued to the
# number ("PHP12 billion", "USD5 million"); three capitals that are no code are dropped later.
GLUED_PREFIX = re.compile(
    r"(?<![\w$])(?P<code>KSh|Ksh|USh|TSh|Shs|Sh|Rs|Rp|RM|R|N|P|SFr|DKr|SKr|NKr|Dhs|Dh|QR|SR|Tk"
    r"|[A-Z]{3})(?=\d)"
)
# The same prefixes ending the text before a number ("about N650 billion": the qualifier
# stands before the prefix).
GLUED_PREFIX_BEFORE = re.compile(
    r"(?<![\w$])(?:KSh|Ksh|USh|TSh|Shs|Sh|Rs|Rp|RM|R|N|P|SFr|DKr|SKr|NKr|Dhs|Dh|QR|SR|Tk"
    r"|[A-Z]{3})$"
)
GLUED_CODES = {
    "USh": "UGX",
    "TSh": "TZS",
    "Shs": "UGX",
    "Dhs": "AED",
    "Dh": "AED",
    "QR": "QAR",
    "SR": "SAR",
    "Tk": "BDT",
    "SFr": "CHF",
    "DKr": "DKK",
    "SKr": "SEK",
    "NKr": "NOK",
    "KSh": "KES",
    "Ksh": "KES",
    "Sh": "KES",
    "Rp": "IDR",
    "RM": "MYR",
    "R": "ZAR",
    "N": "NGN",
    "P": "PHP",
}
#: A rupee prefix glued to the number ("Rs25,000"): which rupee is read from the context, as
#: for "Rs 25,000", once the figure is judged.
GLUED_RUPEE = "Rs"
# Prefixes that name a currency and nothing else, so any number glued to them is money
# ("SFr122 a share"), not only one with a scale word or thousands separators.
GLUED_ALWAYS_MONEY = frozenset({"SFr", "DKr", "SKr", "NKr", "KSh", "Ksh", "Dh", "Dhs"})

# Symbol or code immediately before a number ("$", "US$", "Rs.", "EUR").
CURRENCY_BEFORE = re.compile(
    r"(?:(?<![A-Za-z.])(?P<dollar_prefix>US|U\.S\.|AU|Aus|A|CA|Can|C|CAN|HK|Hong Kong|NZ|S|RD|R|NT"
    r"|Mex|Z|J|TT|EC|N|L)\s?)?"
    r"(?P<symbol>\$|E£|£|€|¥|₹|₨|₦|₩|₽|₺|₴|₱|₪|฿|₫|₭|៛|₮|₸|₼|₾|৳|₵|₲|₡|GH¢|\bRs\.?|\b(?:SFr|DKr|SKr|NKr|Dhs?|Tk)\.?"
    r"|\b(?:QR|SR|TL|NIS|Rp|RM)|\b[Kk][Ss][Hh]s?\b\.?"
    r"|\b(?:" + "|".join(ISO_CODES) + r")\b)"
    r"\s?$"
)
# Currency word after a number ("500 million dollars", "9 billion rupees").
CURRENCY_AFTER = re.compile(
    r"\s+(?:(?P<adj>US|U\.S\.|Australian|Canadian|Hong Kong|Singapore|New Zealand|Taiwanese|Taiwan|"
    r"Zimbabwean|Zimbabwe|Jamaican|Namibian|Liberian|Fijian|Bahamian|Barbados|Guyanese|Belize|"
    r"Brunei|East Caribbean|"
    r"Egyptian|Pakistani|Indian|Sri Lankan|Nepali|Nepalese|Swiss|Danish|Norwegian|Swedish|"
    r"Mexican|Argentine|Argentinian|Chilean|Colombian|Philippine|Cuban|Ugandan|Tanzanian|Kenyan|"
    r"Somali|Moroccan|Emirati|UAE|Saudi|Qatari|Iranian|Yemeni|Omani|Jordanian|Lebanese|Syrian|"
    r"Iraqi|Kuwaiti|Bahraini|Tunisian|Libyan|Algerian|South African|Brazilian|Turkish|"
    r"South Korean|Korean|North Korean|Russian|Ukrainian|Nigerian|Ghanaian|CFA|Sudanese|Rwandan|"
    r"Burundian|Congolese|Guinean|Icelandic|Uruguayan|Dominican|Serbian|Czech|Hungarian|Polish|Malawian|Zambian|Peruvian|"
    r"Venezuelan|Afghan|Turkmen|Azerbaijani)"
    r"\s+)?"
    r"(?P<word>dollars?|pounds?(?:\s+sterling)?|euros?|yuan|renminbi|rupees?|yen|"
    + "|".join(_CURRENCY_WORDS)
    + "|"
    + "|".join(ISO_CODES)
    + r")\b"
)

_DOLLAR_PREFIX = {
    "US": "USD",
    "U.S.": "USD",
    "AU": "AUD",
    "A": "AUD",
    "CA": "CAD",
    "C": "CAD",
    "CAN": "CAD",
    "HK": "HKD",
    "Hong Kong": "HKD",
    "NZ": "NZD",
    "S": "SGD",
    "R": "BRL",
    "NT": "TWD",
    "Mex": "MXN",
    "Aus": "AUD",
    "Can": "CAD",
    "RD": "DOP",
    "Z": "ZWL",
    "J": "JMD",
    "TT": "TTD",
    "EC": "XCD",
    "N": "NAD",
    "L": "LRD",
}
_DOLLAR_ADJ = {
    "Australian": "AUD",
    "Canadian": "CAD",
    "Hong Kong": "HKD",
    "Singapore": "SGD",
    "New Zealand": "NZD",
    "Taiwan": "TWD",
    "Taiwanese": "TWD",
    "Zimbabwean": "ZWL",
    "Zimbabwe": "ZWL",
    "Jamaican": "JMD",
    "Namibian": "NAD",
    "Liberian": "LRD",
    "Fijian": "FJD",
    "Bahamian": "BSD",
    "Barbados": "BBD",
    "Guyanese": "GYD",
    "Belize": "BZD",
    "Brunei": "BND",
    "East Caribbean": "XCD",
}
_POUND_ADJ = {"Egyptian": "EGP", "Lebanese": "LBP", "Syrian": "SYP", "Sudanese": "SDG"}
_RUPEE_ADJ = {
    "Pakistani": "PKR",
    "Indian": "INR",
    "Sri Lankan": "LKR",
    "Nepali": "NPR",
    "Nepalese": "NPR",
}
# Only this much of a sentence is searched for a country, so that a
# megabyte-long "sentence" full of figures stays linear.
_CONTEXT_CHARS = 600
_YEN_COUNTRY = re.compile(
    r"\b(?:Japan|Japanese|Tokyo|Osaka|Nikkei|China|Chinese|Beijing|Shanghai|Shenzhen)\b"
)
_COUNTRY_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(RUPEE_COUNTRIES, key=len, reverse=True)) + r")\b", re.IGNORECASE
)


class RupeeContext:
    """Locates the rupee-using countries mentioned in one article, lazily."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._positions: list[int] | None = None
        self._codes: list[str] = []
        self._yen_mentions: list[tuple[int, str]] | None = None

    def yen_or_yuan(self, sentence: str, position: int) -> str:
        """JPY or CNY for "¥": Japan or China named in the sentence, else the nearest mention
        before it in the article (a story about a Japanese bank buying a Thai one), else CNY."""
        match = _YEN_COUNTRY.search(sentence, 0, _CONTEXT_CHARS)
        if match is None:
            if self._yen_mentions is None:
                self._yen_mentions = [
                    (found.start(), found.group()) for found in _YEN_COUNTRY.finditer(self._text)
                ]
            earlier = [word for start, word in self._yen_mentions if start < position]
            if not earlier and not self._yen_mentions:
                return "CNY"
            word = earlier[-1] if earlier else self._yen_mentions[0][1]
        else:
            word = match.group()
        return "JPY" if word.startswith(("Jap", "Tok", "Osa", "Nik")) else "CNY"

    def code_near(self, sentence: str, position: int) -> str:
        """ISO code for a rupee figure at ``position`` in a ``sentence``."""
        match = _COUNTRY_WORD.search(sentence, 0, _CONTEXT_CHARS)
        if match:
            return RUPEE_COUNTRIES[match.group().lower()]
        if self._positions is None:
            self._positions = []
            for found in _COUNTRY_WORD.finditer(self._text):
                self._positions.append(found.start())
                self._codes.append(RUPEE_COUNTRIES[found.group().lower()])
        if not self._positions:
            return "INR"
        index = bisect_right(self._positions, position)
        return self._codes[index - 1] if index > 0 else self._codes[0]


def code_for_symbol(
    symbol: str, prefix: str | None, sentence: str, rupees: RupeeContext, position: int
) -> str:
    """ISO code for a symbol/code standing before the number."""
    symbol = symbol.rstrip(".")
    if symbol == "$":
        return _DOLLAR_PREFIX.get(prefix or "US", "USD")
    if symbol in _SYMBOL_CODES:
        return _SYMBOL_CODES[symbol]
    if symbol.lower().startswith("ksh"):  # "ksh. 2,500", "KShs 1,400"
        return "KES"
    if symbol == "¥":
        return rupees.yen_or_yuan(sentence, position)
    if symbol in {"Rs", "₨"}:
        return rupees.code_near(sentence, position)
    return symbol


def needs_country(word: str, adjective: str | None, sentence: str) -> bool:
    """ "crowns" is money only with a country: "Swedish crowns", or Sweden in the sentence."""
    if not word.lower().startswith("crown") or adjective is not None:
        return False
    return _SHARED_COUNTRY["crown"].search(sentence, 0, _CONTEXT_CHARS) is None


def code_for_word(
    word: str, adjective: str | None, sentence: str, rupees: RupeeContext, position: int
) -> str:
    """ISO code for a currency word after the number ("dollars", "rupees")."""
    word = word.lower()
    if word.startswith("dollar"):
        return _DOLLAR_ADJ.get(adjective or "", "USD")
    if word.startswith("pound"):
        return _POUND_ADJ.get(adjective or "", "GBP")
    if word.startswith("euro"):
        return "EUR"
    if word in {"yuan", "renminbi", "rmb", "cny"}:
        return "CNY"
    if word in {"yen", "jpy"}:
        return "JPY"
    if word.startswith("rupee"):
        if adjective in _RUPEE_ADJ:
            return _RUPEE_ADJ[adjective]
        return rupees.code_near(sentence, position)
    if adjective == "CFA" or word == "fcfa":  # "45 billion CFA francs", "312 billion FCFA"
        return _shared_name_code("cfa", sentence) or "XOF"
    if adjective in _ADJECTIVE_CODES:
        return _ADJECTIVE_CODES[adjective]
    for stem, code in _WORD_CODES.items():
        if word.startswith(stem):
            return _shared_name_code(word, sentence) or code
    return "CNY" if word == "rmb" else word.upper()


def _shared_name_code(word: str, sentence: str) -> str | None:
    """The code of the country named in ``sentence`` for a shared currency name, if any."""
    for stem, pattern in _SHARED_COUNTRY.items():
        if word.startswith(stem):
            found = pattern.search(sentence, 0, _CONTEXT_CHARS)
            if found is None:
                return None
            countries = _SHARED_NAMES[stem]
            return next(
                code for prefix, code in countries.items() if found.group().startswith(prefix)
            )
    return None


def glued_code(prefix: str, sentence: str) -> str | None:
    """ISO code for a prefix glued to a number: "Sh" is the shilling of the country named;
    three capitals are a code only when ISO 4217 has them ("PHP12 billion", not "COP28")."""
    if prefix == "Sh":
        return _shared_name_code("shilling", sentence) or GLUED_CODES[prefix]
    if prefix == GLUED_RUPEE:
        return GLUED_RUPEE
    if prefix in GLUED_CODES:
        return GLUED_CODES[prefix]
    return prefix if prefix in _ISO_SET else None


# Hundredth parts of a currency after a number: "94 cents a share", "an extra 38p a week",
# "9 pence". The value is given in the main unit (0.94, 0.38), as every amount is.
MINOR_UNITS = re.compile(r"[ \u00a0]?(?P<minor>cents?|pence|penny)\b")
_EURO_NAMED = re.compile(r"€|\beuros?\b|\bEUR\b")
_MINOR_GLUED = "p"


def minor_unit_code(word: str, sentence: str) -> str:
    """ISO code for a minor unit: pence are sterling; cents are euro cents in a sentence
    that names the euro, otherwise dollar cents."""
    if word.lower() in {"p", "pence", "penny"}:
        return "GBP"
    return "EUR" if _EURO_NAMED.search(sentence) else "USD"


def is_glued_minor(glued: str) -> bool:
    """ "38p": a number glued to "p" is pence."""
    return glued == _MINOR_GLUED
