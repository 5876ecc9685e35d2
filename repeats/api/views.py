"""Matches API: list the earlier claims a claim repeats; a reviewer confirms or rejects.

Visibility follows the claim's: the public sees a published claim's matches to other
published claims (public verdicts), never rejected ones and never the desk's unpublished
work; desk members see every match.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.access import visible_claims
from claims.models import Claim
from desk.api.docs import errors
from desk.api.permissions import DeskMemberOrReadOnly
from desk.roles import is_desk_member
from repeats.api.serializers import ClaimMatchSerializer, MatchDecisionSerializer
from repeats.models import ClaimMatch
from repeats.selectors import claim_matches
from repeats.services import match_decide


def _visible_claim(request: Request, pk: int) -> Claim:
    return get_object_or_404(visible_claims(user=request.user), pk=pk)


class ClaimMatchListView(APIView):
    """Earlier claims this claim repeats, best score first."""

    permission_classes = [DeskMemberOrReadOnly]

    @extend_schema(responses={200: ClaimMatchSerializer(many=True), **errors(404)})
    def get(self, request: Request, pk: int) -> Response:
        claim = _visible_claim(request, pk)
        matches = claim_matches(claim=claim, public=not is_desk_member(request.user))
        return Response(ClaimMatchSerializer(matches, many=True).data)


class ClaimMatchDecisionView(APIView):
    """Confirm or reject one suggested match (reviewer)."""

    permission_classes = [DeskMemberOrReadOnly]

    @extend_schema(
        request=MatchDecisionSerializer,
        responses={200: ClaimMatchSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, pk: int, match_id: int) -> Response:
        claim = _visible_claim(request, pk)
        match = get_object_or_404(
            ClaimMatch.objects.select_related("claim"), pk=match_id, claim=claim
        )
        serializer = MatchDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        decided = match_decide(
            match=match, state=serializer.validated_data["state"], actor=request.user
        )
        return Response(ClaimMatchSerializer(decided).data)
