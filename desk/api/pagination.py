"""Page-number pagination: ``?page=2&page_size=100``; page_size is capped at 200."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination


class ClaimdeskPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
