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
# Currency names after a number, longest first so that "kronor" wins over "krona".
_CURRENCY_WORDS = sorted(
    [
        "francs?",
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
    ],
    key=len,
    reverse=True,
)
_WORD_CODES = {
    "franc": "CHF",
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
    "RMB": "CNY",
}
# Letters glued to a number that name a currency ("R500 million", "N1.2 trillion", "KSh 40,000",
# "RM2 billion"). Only read as money when a scale word or thousands separators follow, so that
# "N95 masks" or an "R2" road never become amounts.
GLUED_PREFIX = re.compile(r"(?<![\w$])(?P<code>KSh|Ksh|Sh|Rp|RM|R|N)(?=\d)")
GLUED_CODES = {
    "KSh": "KES",
    "Ksh": "KES",
    "Sh": "KES",
    "Rp": "IDR",
    "RM": "MYR",
    "R": "ZAR",
    "N": "NGN",
}

# Symbol or code immediately before a number ("$", "US$", "Rs.", "EUR").
CURRENCY_BEFORE = re.compile(
    r"(?:(?P<dollar_prefix>US|U\.S\.|AU|A|CA|C|CAN|HK|Hong Kong|NZ|S|R|NT|Mex)\s?)?"
    r"(?P<symbol>\$|£|€|¥|₹|₨|₦|₩|₽|₺|₴|₱|₪|฿|\bRs\.?|\b(?:" + "|".join(ISO_CODES) + r")\b)"
    r"\s?$"
)
# Currency word after a number ("500 million dollars", "9 billion rupees").
CURRENCY_AFTER = re.compile(
    r"\s+(?:(?P<adj>US|U\.S\.|Australian|Canadian|Hong Kong|Singapore|New Zealand|Taiwan|"
    r"Egyptian|Pakistani|Indian|Sri Lankan|Nepali|Nepalese|Swiss|Danish|Norwegian|Swedish|"
    r"Mexican|Argentine|Argentinian|Chilean|Colombian|Philippine|Cuban|Ugandan|Tanzanian|Kenyan|"
    r"Somali|Moroccan|Emirati|UAE|Saudi|Qatari|Iranian|Yemeni|Omani|Jordanian|Lebanese|Syrian|"
    r"Iraqi|Kuwaiti|Bahraini|Tunisian|Libyan|Algerian|South African|Brazilian|Turkish|"
    r"South Korean|Korean|North Korean|Russian|Ukrainian|Nigerian|Ghanaian|CFA)\s+)?"
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
}
_DOLLAR_ADJ = {
    "Australian": "AUD",
    "Canadian": "CAD",
    "Hong Kong": "HKD",
    "Singapore": "SGD",
    "New Zealand": "NZD",
    "Taiwan": "TWD",
}
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
_JAPAN = re.compile(r"\b(?:Japan|Japanese|Tokyo|Osaka)\b")
_COUNTRY_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(RUPEE_COUNTRIES, key=len, reverse=True)) + r")\b", re.IGNORECASE
)


class RupeeContext:
    """Locates the rupee-using countries mentioned in one article, lazily."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._positions: list[int] | None = None
        self._codes: list[str] = []

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
    if symbol == "¥":
        return "JPY" if _JAPAN.search(sentence, 0, _CONTEXT_CHARS) else "CNY"
    if symbol in {"Rs", "₨"}:
        return rupees.code_near(sentence, position)
    return symbol


def code_for_word(
    word: str, adjective: str | None, sentence: str, rupees: RupeeContext, position: int
) -> str:
    """ISO code for a currency word after the number ("dollars", "rupees")."""
    word = word.lower()
    if word.startswith("dollar"):
        return _DOLLAR_ADJ.get(adjective or "", "USD")
    if word.startswith("pound"):
        return "EGP" if adjective == "Egyptian" else "GBP"
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
    if adjective in _ADJECTIVE_CODES:
        return _ADJECTIVE_CODES[adjective]
    for stem, code in _WORD_CODES.items():
        if word.startswith(stem):
            return code
    return "CNY" if word == "rmb" else word.upper()
