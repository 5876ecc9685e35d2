"""Turn article text into claim candidates a fact-checking desk can verify.

Pure Python with no Django imports, so it runs in management commands,
Celery workers and source matching alike.

Public API::

    extract_claims(text) -> list[ClaimCandidate]   # figures and quotes
    extract_figures(text) -> list[ClaimCandidate]  # figures only

Sentence segmentation is a compiled-regex segmenter (``sentences.py``)
chosen after measuring the libraries on news text; see that module.
"""

from claims.extraction.pipeline import extract_claims, extract_figures
from claims.extraction.types import CLAIM_JSON_FIELDS, ClaimCandidate

__all__ = ["CLAIM_JSON_FIELDS", "ClaimCandidate", "extract_claims", "extract_figures"]
