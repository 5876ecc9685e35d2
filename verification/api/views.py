"""Verification API views: a claim's evidence, requesting checks, and check runs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api import selectors as claim_selectors
from claims.api.docs import errors
from claims.api.permissions import DeskMember, DeskMemberOrReadOnly
from claims.api.serializers import (
    CheckQueuedSerializer,
    CheckRequestSerializer,
    SourceRequestSerializer,
)
from claims.models import Claim
from verification.api.serializers import CheckRunSerializer, EvidenceSerializer
from verification.models import CheckRun


def _visible_claim(request: Request, pk: int) -> Claim:
    return get_object_or_404(claim_selectors.visible_claims(user=request.user), pk=pk)


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


class ClaimEvidenceView(APIView):
    """What each source says about the claim, best-scoring first."""

    permission_classes = [DeskMemberOrReadOnly]

    @extend_schema(responses={200: EvidenceSerializer(many=True), **errors(404)})
    def get(self, request: Request, pk: int) -> Response:
        from verification.selectors import claim_evidence

        claim = _visible_claim(request, pk)
        return Response(EvidenceSerializer(claim_evidence(claim=claim), many=True).data)


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
