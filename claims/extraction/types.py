"""The value object handed out by the extraction package.

``ClaimCandidate`` is frozen so that candidates can be cached, hashed and
shared between the management command, the API and source matching without
anyone mutating offsets that must keep slicing the original input.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

CASUALTY_COUNT = "casualty_count"
MONETARY_AMOUNT = "monetary_amount"
STATISTIC = "statistic"
QUOTE = "quote"

FIGURE_KINDS = frozenset({CASUALTY_COUNT, MONETARY_AMOUNT, STATISTIC})

#: The claim fields of the JSON contract (DESIGN §4), in contract order. The API's claim
#: representation is these plus the workflow fields.
CLAIM_JSON_FIELDS = (
    "kind",
    "text",
    "start",
    "end",
    "value",
    "qualifier",
    "unit",
    "currency",
    "quote",
    "speaker",
    "checkworthiness",
)

QUALIFIERS = frozenset(
    {"exact", "at_least", "more_than", "fewer_than", "up_to", "approximately", "nearly"}
)


@dataclass(frozen=True, slots=True)
class ClaimCandidate:
    """One check-worthy claim found in a text.

    ``start``/``end`` delimit the whole sentence (or sentences, for a quote
    that runs over several) so that ``source[start:end] == text`` always holds.
    ``figure_start``/``figure_end`` delimit the figure itself ("more than
    140", "$28 billion") or, for quotes, the quoted words including the marks,
    so a reviewer UI can highlight it.
    """

    kind: str
    text: str
    start: int
    end: int
    value: Decimal | None = None
    qualifier: str | None = None
    unit: str | None = None
    currency: str | None = None
    quote: str | None = None
    speaker: str | None = None
    checkworthiness: float = 0.0
    figure_start: int = -1
    figure_end: int = -1

    def to_dict(self) -> dict[str, Any]:
        """Serialise to the JSON contract, keys in contract order.

        ``value`` becomes an ``int`` when integral so "141" never prints as
        "141.0"; the score is rounded to two decimals for stable output.
        """
        fields = {name: getattr(self, name) for name in CLAIM_JSON_FIELDS}
        fields["value"] = _json_number(self.value)
        fields["checkworthiness"] = round(self.checkworthiness, 2)
        return fields


def _json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)
