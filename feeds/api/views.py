"""Feeds API: desk members list the monitored feeds; editors add them."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from desk.api.docs import errors
from desk.api.permissions import DeskMember
from feeds.api.serializers import FeedSerializer
from feeds.models import Feed
from feeds.selectors import feed_list
from feeds.services import feed_create


class FeedListCreateView(generics.GenericAPIView[Feed]):
    """Monitored RSS/Atom feeds (desk members read, editors add)."""

    permission_classes = [DeskMember]
    serializer_class = FeedSerializer

    def get_queryset(self) -> Any:
        return feed_list()

    @extend_schema(responses={200: FeedSerializer(many=True), **errors(401, 403, 404)})
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(FeedSerializer(page, many=True).data)

    @extend_schema(request=FeedSerializer, responses={201: FeedSerializer, **errors(400, 401, 403)})
    def post(self, request: Request) -> Response:
        serializer = FeedSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        feed = feed_create(
            url=data["url"],
            title=data["title"],
            poll_interval=data["poll_interval"],
            active=data["active"],
            actor=request.user,
        )
        body = FeedSerializer(feed_list().get(pk=feed.pk)).data
        return Response(body, status=status.HTTP_201_CREATED)
