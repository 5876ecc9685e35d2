"""factory-boy factories for the domain models."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from claims.models import Article, Claim, ClaimKind, ClaimStatus, Qualifier


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True
    password = factory.django.Password("pw-factory-12345")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    text = factory.Sequence(
        lambda n: f"At least {n + 3} people were killed in the flood, officials said. Story {n}."
    )
    content_sha256 = factory.LazyAttribute(
        lambda a: hashlib.sha256(a.text.encode("utf-8")).hexdigest()
    )


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    kind = ClaimKind.CASUALTY_COUNT
    text = factory.LazyAttribute(lambda c: c.article.text.split(". ")[0] + ".")
    start = 0
    end = factory.LazyAttribute(lambda c: len(c.text))
    span_start = factory.Sequence(lambda n: n)
    span_end = factory.LazyAttribute(lambda c: c.span_start + 2)
    value = Decimal(3)
    qualifier = Qualifier.AT_LEAST
    unit = "killed"
    checkworthiness = 0.9
    status = ClaimStatus.NEW
