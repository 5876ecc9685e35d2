"""Verification API views: a claim's evidence, requesting checks, and check runs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.access import can_see_status, public_fields, visible_claims
from claims.models import Claim
from desk.api.docs import NOT_MODIFIED, errors
from desk.api.permissions import DeskMember, DeskMemberOrReadOnly
from desk.roles import is_desk_member
from verification import selectors
from verification.api.serializers import (
    CheckQueuedSerializer,
    CheckRequestSerializer,
    CheckRunSerializer,
    ClaimStatusSerializer,
    EvidenceSerializer,
    SourceRequestSerializer,
)
from verification.models import CheckRun


def _visible_claim(request: Request, pk: int) -> Claim:
    return get_object_or_404(visible_claims(user=request.user), pk=pk)


def _queued(run: CheckRun) -> Response:
    body: dict[str, Any] = {
        "check": run.pk,
        "state": run.state,
        "status_url": f"/api/v1/checks/{run.pk}/",
    }
    return Response(
        CheckQueuedSerializer(body).data,
        status=status.HTTP_202_ACCEPTED,
        headers={"Location": body["status_url"]},
    )


def status_etag(claim_id: int, activity: int) -> str:
    """The status ETag: the claim's activity counter changes with everything status shows."""
    return f'"{claim_id}.{activity}"'


class ClaimStatusView(APIView):
    """The polling view of a claim: status, evidence counts, pending checks.

    A poll carrying ``If-None-Match`` is first compared with the claim's activity counter
    (one primary-key lookup): unchanged, it is a 304 without the status query. Everything
    else is the status query (one statement), with ``If-Modified-Since`` honoured too.
    """

    permission_classes = [DeskMemberOrReadOnly]

    @extend_schema(responses={200: ClaimStatusSerializer, 304: NOT_MODIFIED, **errors(404)})
    def get(self, request: Request, pk: int) -> Response:
        django_request = request._request
        if "HTTP_IF_NONE_MATCH" in request.META:
            head = selectors.claim_activity(claim_id=pk)
            if head is None or not can_see_status(head[0], request.user):
                raise Http404
            etag = status_etag(pk, head[1])
            not_modified = get_conditional_response(django_request, etag=etag)
            if not_modified is not None:
                return self._validators(Response(status=not_modified.status_code), etag, None)
        row = selectors.claim_status_row(claim_id=pk, public=not is_desk_member(request.user))
        if row is None or not can_see_status(row["status"], request.user):
            raise Http404
        etag = status_etag(pk, row["activity"])
        last_modified = int(row["last_modified"].timestamp())
        answer = get_conditional_response(django_request, etag=etag, last_modified=last_modified)
        if answer is not None:
            return self._validators(Response(status=answer.status_code), etag, last_modified)
        body = public_fields(ClaimStatusSerializer.render(row), request.user)
        return self._validators(Response(body), etag, last_modified)

    @staticmethod
    def _validators(response: Response, etag: str, last_modified: int | None) -> Response:
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        # Caches may keep it but must ask again each time: status changes without warning.
        response["Cache-Control"] = "private, no-cache"
        response["Vary"] = "Authorization, Cookie"
        return response


class ClaimEvidenceView(APIView):
    """What each source says about the claim, best-scoring first."""

    permission_classes = [DeskMemberOrReadOnly]

    @extend_schema(responses={200: EvidenceSerializer(many=True), **errors(404)})
    def get(self, request: Request, pk: int) -> Response:
        claim = _visible_claim(request, pk)
        return Response(EvidenceSerializer(selectors.claim_evidence(claim=claim), many=True).data)


class ClaimSourceView(APIView):
    """Fetch one URL and match it against the claim, in the background."""

    permission_classes = [DeskMemberOrReadOnly]

    @extend_schema(
        request=SourceRequestSerializer,
        responses={202: CheckQueuedSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, pk: int) -> Response:
        from verification.services import check_request

        claim = _visible_claim(request, pk)
        serializer = SourceRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            run = check_request(
                claim=claim, actor=request.user, urls=[serializer.validated_data["url"]]
            )
        except DjangoValidationError as exc:
            # The service validates too (its host rules are stricter); report it on the field.
            raise ValidationError({"url": exc.messages}) from None
        return _queued(run)


class ClaimCheckView(APIView):
    """Run the configured providers for the claim, in the background."""

    permission_classes = [DeskMemberOrReadOnly]

    @extend_schema(
        request=CheckRequestSerializer,
        responses={202: CheckQueuedSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, pk: int) -> Response:
        from verification.services import check_request

        claim = _visible_claim(request, pk)
        # The body is declared ({}): read it, so a malformed one is a 400, not ignored.
        CheckRequestSerializer(data=request.data or {}).is_valid(raise_exception=True)
        run = check_request(claim=claim, actor=request.user, urls=None)
        return _queued(run)


class CheckRunDetailView(generics.RetrieveAPIView[CheckRun]):
    """One check run; desk members only (runs are the desk's working state)."""

    permission_classes = [DeskMember]
    serializer_class = CheckRunSerializer
    queryset = CheckRun.objects.all()

    @extend_schema(responses={200: CheckRunSerializer, **errors(401, 403, 404)})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
