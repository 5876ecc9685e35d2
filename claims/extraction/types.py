"""The value object handed out by the extraction package.

``ClaimCandidate`` is frozen so that candidates can be cached, hashed and
shared between the management command, the API and source matching without
anyone mutating offsets that must keep slicing the original input.
"""

from __future__ import annotations

import inspect
from dataclasses import MISSING, dataclass, fields
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


@dataclass(frozen=True, slots=True, init=False)
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

    def __init__(
        self,
        kind: str,
        text: str,
        start: int,
        end: int,
        value: Decimal | None = None,
        qualifier: str | None = None,
        unit: str | None = None,
        currency: str | None = None,
        quote: str | None = None,
        speaker: str | None = None,
        checkworthiness: float = 0.0,
        figure_start: int = -1,
        figure_end: int = -1,
    ) -> None:
        """The dataclass ``__init__``, writing each slot through its descriptor.

        A frozen dataclass's own ``__init__`` calls ``object.__setattr__`` once per field;
        this takes about a third fewer instructions per candidate (a candidate is built
        once per figure and again when its speaker is added). The parameters are checked
        against the fields when the module loads.
        """
        _set_kind(self, kind)
        _set_text(self, text)
        _set_start(self, start)
        _set_end(self, end)
        _set_value(self, value)
        _set_qualifier(self, qualifier)
        _set_unit(self, unit)
        _set_currency(self, currency)
        _set_quote(self, quote)
        _set_speaker(self, speaker)
        _set_checkworthiness(self, checkworthiness)
        _set_figure_start(self, figure_start)
        _set_figure_end(self, figure_end)

    def to_dict(self) -> dict[str, Any]:
        """Serialise to the JSON contract, keys in contract order.

        ``value`` becomes an ``int`` when integral so "141" never prints as
        "141.0"; the score is rounded to two decimals for stable output.
        """
        fields = {name: getattr(self, name) for name in CLAIM_JSON_FIELDS}
        fields["value"] = _json_number(self.value)
        fields["checkworthiness"] = round(self.checkworthiness, 2)
        return fields


(
    _set_kind,
    _set_text,
    _set_start,
    _set_end,
    _set_value,
    _set_qualifier,
    _set_unit,
    _set_currency,
    _set_quote,
    _set_speaker,
    _set_checkworthiness,
    _set_figure_start,
    _set_figure_end,
) = (getattr(ClaimCandidate, field.name).__set__ for field in fields(ClaimCandidate))


def _check_init_matches_fields() -> None:
    """``ClaimCandidate.__init__`` takes the fields in order, with their defaults."""
    parameters = list(inspect.signature(ClaimCandidate.__init__).parameters.values())[1:]
    expected = [(f.name, f.default) for f in fields(ClaimCandidate)]
    actual = [(p.name, p.default if p.default is not p.empty else MISSING) for p in parameters]
    if actual != expected:
        raise TypeError(f"ClaimCandidate.__init__ {actual} does not match its fields {expected}")


_check_init_matches_fields()


def _json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)
