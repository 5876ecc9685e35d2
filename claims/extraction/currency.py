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

from claims.extraction.lexicon import RUPEE_COUNTRIES

# Symbol or code immediately before a number ("$", "US$", "Rs.", "EUR").
CURRENCY_BEFORE = re.compile(
    r"(?:(?P<dollar_prefix>US|U\.S\.|AU|A|CA|C|CAN|HK|Hong Kong|NZ|S|R|NT|Mex)\s?)?"
    r"(?P<symbol>\$|£|€|¥|₹|₨|\bRs\.?|\b(?:INR|PKR|USD|EUR|GBP|CNY|RMB|JPY|AUD|CAD|HKD|CHF)\b)"
    r"\s?$"
)
# Currency word after a number ("500 million dollars", "9 billion rupees").
CURRENCY_AFTER = re.compile(
    r"\s+(?:(?P<adj>US|U\.S\.|Australian|Canadian|Hong Kong|Singapore|New Zealand|Taiwan|"
    r"Egyptian|Pakistani|Indian|Sri Lankan|Nepali|Nepalese)\s+)?"
    r"(?P<word>dollars?|pounds?(?:\s+sterling)?|euros?|yuan|renminbi|rupees?|yen|"
    r"USD|EUR|GBP|CNY|RMB|JPY|INR|PKR|AUD|CAD|HKD|CHF)\b"
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
    if symbol == "£":
        return "GBP"
    if symbol == "€":
        return "EUR"
    if symbol == "¥":
        return "JPY" if _JAPAN.search(sentence, 0, _CONTEXT_CHARS) else "CNY"
    if symbol == "₹":
        return "INR"
    if symbol in {"Rs", "₨"}:
        return rupees.code_near(sentence, position)
    if symbol == "RMB":
        return "CNY"
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
    return word.upper()
