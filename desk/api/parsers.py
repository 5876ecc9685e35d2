"""JSON parsing that answers 400 ``parse_error`` for any malformed body, never a 500.

``json.loads`` raises ``RecursionError`` (not ``ValueError``) on very deep nesting such as
``[[[[...]]]]`` 100,000 levels down, which DRF's parser lets escape as a 500 with a
traceback. No Claimdesk request needs more than a few levels, so anything deeper than
``MAX_DEPTH`` is refused too, before serializers walk it.
"""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32


def _depth_exceeds(value: Any, limit: int) -> bool:
    """Iterative (no recursion of our own) check of the nesting depth of parsed JSON."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


class SafeJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(f"JSON parse error - nested deeper than {MAX_DEPTH} levels") from None
        if _depth_exceeds(data, MAX_DEPTH):
            raise ParseError(f"JSON parse error - nested deeper than {MAX_DEPTH} levels")
        return data
