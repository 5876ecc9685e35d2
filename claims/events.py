"""What the claims app publishes, so the apps built on it never need claims to call them.

``claims`` imports neither ``verification`` nor ``webhooks``: they subscribe here, in
their ``AppConfig.ready``. Plain Django signals, sent synchronously inside the writer's
transaction, so a subscriber that writes (a check run) commits or rolls back with it and
one that talks to the outside (a webhook) defers that to ``transaction.on_commit``.

Events:

- ``claim_written``: ingest wrote an article's claims (``article``, ``claims``, ``actor``);
- ``claim_status_changed``: a workflow action ran (``claim``, ``action``, ``from_status``,
  ``to_status``, ``actor``); sent for every action, same status included;
- ``check_finished``: a check run reached its final state (``run``); sent by verification.

Questions the claims admin asks of whoever can answer (the first receiver's answer wins,
``None`` when nobody subscribed):

- ``check_requested``: request a check of ``claim`` by ``actor`` for ``urls`` -> the run;
  with ``recheck=True``, of every source the claim was checked against, and the providers;
- ``evidence_requested``: the evidence rows of ``claim``, most telling first;
- ``evidence_panel_requested``: the claim page's evidence panel of ``claim`` (checks in
  flight, the last one's outcome, each source's result).

Questions other apps ask of claim matching (answered by ``repeats``, which lies above
both; the asker never imports it):

- ``later_figure_requested``: the newest later claim (its article published after that of
  ``claim``) giving a different figure about the same event as ``claim``, from an
  ``updated_figure`` match no reviewer rejected; ``None`` when there is none. It feeds the
  suggested verdict's ``outdated``.
- ``match_count_requested``: how many matches (not rejected) claim ``claim_id`` has, as a
  caller sees them: with ``public=True``, only matches to published claims.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import Signal

claim_written = Signal()
claim_status_changed = Signal()
check_finished = Signal()

check_requested = Signal()
evidence_requested = Signal()
evidence_panel_requested = Signal()

later_figure_requested = Signal()
match_count_requested = Signal()


def ask(question: Signal, **kwargs: Any) -> Any:
    """The first subscriber's answer to ``question``; exceptions reach the caller."""
    for _receiver, answer in question.send(sender=None, **kwargs):
        return answer
    return None
