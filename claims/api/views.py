"""Claims API views: thin, each validates with a serializer and calls a service or selector."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpResponseBase
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import APIException
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api import selectors
from claims.api.claimreview import claim_review
from claims.api.filters import ArticleFilter, ClaimFilter
from claims.api.serializers import (
    ArticleCreateSerializer,
    ArticleDetailSerializer,
    ArticleImportSerializer,
    ArticleSerializer,
    ClaimSerializer,
    TokenRequestSerializer,
    TokenSerializer,
    TransitionSerializer,
)
from claims.models import Article, ArticleImport, Claim
from desk.api.conditional import conditional_response
from desk.api.docs import NOT_MODIFIED, errors
from desk.api.errors import PayloadTooLarge
from desk.api.pagination import KeysetPagination
from desk.api.permissions import DeskMember, DeskMemberOrReadOnly
from desk.api.throttling import AnonThrottle, TokenThrottle


class JSONLDRenderer(JSONRenderer):
    """Lets a client ask for ``application/ld+json``; the body is the same JSON-LD."""

    media_type = "application/ld+json"


class InvalidCredentials(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "Unable to log in with the provided credentials."
    default_code = "invalid_credentials"


class TokenView(APIView):
    """Exchange a username and password for the API token of that user."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    # Each request is a password guess: the stricter per-address limit on top of anon's.
    throttle_classes = [AnonThrottle, TokenThrottle]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: TokenSerializer, **errors(400)},
        auth=[],
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            username=serializer.validated_data["username"],
            password=serializer.validated_data["password"],
        )
        if user is None or not user.is_active:
            # 400 (not 401): the credentials in the body are wrong, not the request's auth.
            raise InvalidCredentials()
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class ArticleListCreateView(generics.GenericAPIView[Article]):
    """List articles with claim counts per status; ingest a new one."""

    permission_classes = [DeskMemberOrReadOnly]
    filterset_class = ArticleFilter
    ordering_fields = ("created_at", "published_at", "title", "id")
    ordering = ("-created_at", "-id")
    serializer_class = ArticleSerializer
    pagination_class = KeysetPagination

    def get_queryset(self) -> Any:
        return selectors.article_list(user=self.request.user)

    @extend_schema(responses={200: ArticleSerializer(many=True), **errors(400, 404)})
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(ArticleSerializer(page, many=True).data)

    @extend_schema(
        request=ArticleCreateSerializer,
        responses={
            201: OpenApiResponse(ArticleSerializer, description="Ingested; claims extracted."),
            200: OpenApiResponse(ArticleSerializer, description="The same text (or URL) exists."),
            202: OpenApiResponse(
                ArticleImportSerializer, description="URL alone: fetched in the background."
            ),
            **errors(400, 401, 403, 413),
        },
    )
    def post(self, request: Request) -> Response:
        from claims.article_imports import article_import_request
        from claims.services import article_ingest

        declared = request.META.get("CONTENT_LENGTH") or "0"
        if declared.isdigit() and int(declared) > settings.API_MAX_REQUEST_BYTES:
            raise PayloadTooLarge(
                f"The request body is {int(declared):,} bytes; "
                f"the limit is {settings.API_MAX_REQUEST_BYTES:,} bytes."
            )
        serializer = ArticleCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not data["text"].strip():
            queued = article_import_request(
                url=data["url"],
                actor=request.user,
                title=data["title"],
                publisher=data["publisher"],
                published_at=data["published_at"],
            )
            if queued.existing_article is not None:
                return self._article_response(queued.existing_article.pk, status.HTTP_200_OK)
            body = ArticleImportSerializer(queued.article_import).data
            return Response(
                body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["status_url"]}
            )
        # Text above INGEST_MAX_BYTES: the service's ValidationError carries the code
        # "too_large", which the exception handler answers with a 413.
        result = article_ingest(
            text=data["text"],
            title=data["title"],
            url=data["url"],
            publisher=data["publisher"],
            author=data["author"],
            published_at=data["published_at"],
            actor=request.user,
        )
        code = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        return self._article_response(result.article.pk, code)

    def _article_response(self, article_id: int, code: int) -> Response:
        article = selectors.article_list(user=self.request.user).filter(pk=article_id).first()
        if article is None:
            # Visible to desk members only; the caller is one (POST requires it).
            article = get_object_or_404(Article.objects.defer("text"), pk=article_id)
        return Response(
            ArticleSerializer(article).data,
            status=code,
            headers={"Location": f"/api/v1/articles/{article_id}/"},
        )


class ArticleDetailView(generics.RetrieveAPIView[Article]):
    """One article with its text and claim counts per status."""

    permission_classes = [DeskMemberOrReadOnly]
    serializer_class = ArticleDetailSerializer

    def get_queryset(self) -> Any:
        return selectors.article_list(user=self.request.user).defer(None)

    @extend_schema(responses={200: ArticleDetailSerializer, **errors(404)})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class ArticleClaimReviewView(APIView):
    """ClaimReview JSON-LD for every published claim of one article."""

    permission_classes = [DeskMemberOrReadOnly]
    renderer_classes = [JSONRenderer, JSONLDRenderer]

    @extend_schema(
        responses={
            200: OpenApiResponse(description="A JSON array of ClaimReview objects."),
            **errors(404),
        },
        tags=["claimreview"],
    )
    def get(self, request: Request, pk: int) -> Response:
        get_object_or_404(selectors.article_list(user=request.user), pk=pk)
        claims = selectors.published_claims(article_id=pk).order_by("start", "id")
        return Response([claim_review(claim) for claim in claims])


class ArticleImportDetailView(generics.RetrieveAPIView[ArticleImport]):
    """The state of a URL-only article import: poll until succeeded or failed."""

    permission_classes = [DeskMember]
    serializer_class = ArticleImportSerializer
    queryset = ArticleImport.objects.all()

    @extend_schema(responses={200: ArticleImportSerializer, **errors(401, 403, 404)})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class ClaimListView(generics.ListAPIView[Claim]):
    """Claims, filtered and paginated; the public sees published claims only."""

    permission_classes = [DeskMemberOrReadOnly]
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilter
    ordering_fields = ("id", "created_at", "updated_at", "checkworthiness", "start", "status")
    pagination_class = KeysetPagination

    def get_queryset(self) -> Any:
        # Visibility by role is applied by the selector: the public sees published only.
        return selectors.claim_api_list(user=self.request.user)

    @extend_schema(responses={200: ClaimSerializer(many=True), **errors(400, 404)})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


def _visible_claim(request: Request, pk: int) -> Claim:
    return get_object_or_404(
        selectors.visible_claims(user=request.user).select_related("assignee"), pk=pk
    )


CLAIM_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="Claim id.")


class ClaimDetailView(APIView):
    """One claim; answers 304 to a conditional GET when it has not changed."""

    permission_classes = [DeskMemberOrReadOnly]

    @extend_schema(responses={200: ClaimSerializer, 304: NOT_MODIFIED, **errors(404)})
    def get(self, request: Request, pk: int) -> HttpResponseBase:
        claim = _visible_claim(request, pk)
        data = ClaimSerializer(claim, context={"request": request}).data
        return conditional_response(request, data, last_modified=claim.updated_at)


class ClaimTransitionView(APIView):
    """Take one workflow action on a claim, carrying the version the caller read."""

    permission_classes = [DeskMemberOrReadOnly]

    @extend_schema(
        request=TransitionSerializer,
        responses={200: ClaimSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        from claims.services import claim_transition

        claim = _visible_claim(request, pk)
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        updated = claim_transition(
            claim=claim,
            action=data["action"],
            actor=request.user,
            version=data["version"],
            verdict=data.get("verdict") or None,
            note=data.get("note", ""),
            assignee=data.get("assignee"),
        )
        return Response(ClaimSerializer(updated, context={"request": request}).data)


class ClaimReviewView(APIView):
    """schema.org ClaimReview JSON-LD of a published claim (404 for any other status)."""

    permission_classes = [DeskMemberOrReadOnly]
    renderer_classes = [JSONRenderer, JSONLDRenderer]

    @extend_schema(
        responses={
            200: OpenApiResponse(description="A ClaimReview JSON-LD object."),
            **errors(404),
        },
        tags=["claimreview"],
    )
    def get(self, request: Request, pk: int) -> Response:
        claim = get_object_or_404(selectors.published_claims(), pk=pk)
        return Response(claim_review(claim))
