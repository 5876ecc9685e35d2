"""The systems under evaluation, each turned into a list of ``Prediction``.

``claimdesk`` is the project's own extractor through its public API. ``quantulum3`` is a
package from the registry that finds quantities (no quotes, no speakers, no kinds), run
side by side on the same corpus so a dependency is chosen on figures, not on faith.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from claims.extraction import extract_claims
from eval.scoring import Prediction

System = Callable[[str], list[Prediction]]


def claimdesk(text: str) -> list[Prediction]:
    """Claimdesk's extractor: every claim it finds, figures and quotes."""
    return [
        Prediction(
            kind=c.kind,
            start=c.start,
            end=c.end,
            value=c.value,
            qualifier=c.qualifier,
            unit=c.unit,
            currency=c.currency,
            speaker=c.speaker,
            quote=c.quote,
            figure_start=c.figure_start,
            figure_end=c.figure_end,
        )
        for c in extract_claims(text)
    ]


def load_quantulum() -> System | None:
    """quantulum3's parser as a system, or None when the package is not installed."""
    try:
        with warnings.catch_warnings():
            # It warns once that its optional unit classifier (scikit-learn) is absent.
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except ImportError:
        return None

    def quantulum(text: str) -> list[Prediction]:
        predictions = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            quantities = parser.parse(text)
        for quantity in quantities:
            try:
                value = Decimal(str(quantity.value))
            except (InvalidOperation, ValueError):
                continue
            start, end = quantity.span
            predictions.append(
                Prediction(
                    kind=None,
                    start=start,
                    end=end,
                    value=value,
                    unit=quantity.unit.name,
                    figure_start=start,
                    figure_end=end,
                )
            )
        return predictions

    return quantulum
