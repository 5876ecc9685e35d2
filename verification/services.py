"""The verification app's writes, by job; import from the module that does the job.

- ``verification.check_runs``: request, publish, take, close and sweep check runs;
- ``verification.sources``: the source cache (fetch a URL into a ``Source`` row);
- ``verification.pipeline``: the fetch and analyze stages, and archiving evidence;
- ``verification.verdicts``: the suggested verdict.

This module only gathers their public names for callers that want one import.
"""

from verification.check_runs import (
    BROKER_ERRORS,
    SweepReport,
    check_enqueue,
    check_request,
    check_requeue,
    check_run_fail,
    check_run_finish,
    check_run_retry_pending,
    check_run_start,
    checks_request_for_article,
    checks_sweep,
)
from verification.pipeline import (
    CheckStageResult,
    check_stage_analyze,
    check_stage_fetch,
    evidence_archive,
)
from verification.sources import SourceFetch, source_fetch
from verification.verdicts import SuggestedVerdict, suggested_verdict

__all__ = [
    "BROKER_ERRORS",
    "CheckStageResult",
    "SourceFetch",
    "SuggestedVerdict",
    "SweepReport",
    "check_enqueue",
    "check_request",
    "check_requeue",
    "check_run_fail",
    "check_run_finish",
    "check_run_retry_pending",
    "check_run_start",
    "check_stage_analyze",
    "check_stage_fetch",
    "checks_request_for_article",
    "checks_sweep",
    "evidence_archive",
    "source_fetch",
    "suggested_verdict",
]
