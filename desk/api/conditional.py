"""Conditional GET for polled resources: ETag + Last-Modified, answering 304 when unchanged.

The ETag is a digest of the representation itself, so it changes exactly when the body
would; Last-Modified is the latest change behind it (claim, evidence or check) and serves
clients that only speak If-Modified-Since. If-None-Match wins when both are sent.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from rest_framework.request import Request
from rest_framework.response import Response


def representation_etag(data: Any) -> str:
    encoded = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder).encode("utf-8")
    return '"' + hashlib.sha256(encoded).hexdigest()[:32] + '"'


def conditional_response(
    request: Request, data: Any, *, last_modified: datetime
) -> HttpResponseBase:
    """A 200 with validators, or a 304 when the client's copy is current."""
    timestamp = int(last_modified.timestamp())
    response = Response(data)
    response["ETag"] = representation_etag(data)
    response["Last-Modified"] = http_date(timestamp)
    # Caches may keep it but must ask again each time: status changes without warning.
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Authorization, Cookie"
    not_modified = get_conditional_response(
        request._request if hasattr(request, "_request") else request,
        etag=response["ETag"],
        last_modified=timestamp,
        response=response,
    )
    return not_modified if not_modified is not None else response
