"""The fixed contracts of DESIGN.md written out once for the tests that pin them.

Written here by hand, not imported from the code, so a change to the code's field lists
fails the tests instead of silently changing the contract.
"""

#: DESIGN §4: the keys of every object ``extract_claims --format json`` prints, in order.
CLAIM_JSON_KEYS = [
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
]

#: DESIGN §7: ``GET claims/{id}/`` — the §4 fields plus the workflow fields.
API_CLAIM_FIELDS = {
    "id",
    "article",
    *CLAIM_JSON_KEYS,
    "status",
    "verdict",
    "verdict_note",
    "assignee",
    "assignee_username",
    "version",
    "created_at",
    "updated_at",
}
