"""The token lookup: one statement gives the user, the token and the roles, read afresh."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from rest_framework import exceptions
from rest_framework.authtoken.models import Token

from desk.api.authentication import TokenAuthentication
from desk.roles import EDITOR, REVIEWER, user_roles

pytestmark = pytest.mark.django_db


def authenticate(user, django_assert_num_queries):
    key = Token.objects.get_or_create(user=user)[0].key
    with django_assert_num_queries(1):
        found, token = TokenAuthentication().authenticate_credentials(key)
        roles = user_roles(found)  # read with the token: no query of its own
    return found, token, roles


def test_a_reviewer_is_a_reviewer(reviewer, django_assert_num_queries):
    found, token, roles = authenticate(reviewer, django_assert_num_queries)
    assert roles == {REVIEWER}
    assert found == reviewer and token.user == reviewer and token.user_id == reviewer.pk


def test_an_editor_is_both_and_so_is_a_member_of_both_groups(
    editor, reviewer, django_assert_num_queries
):
    assert authenticate(editor, django_assert_num_queries)[2] == {REVIEWER, EDITOR}
    reviewer.groups.add(Group.objects.get(name="editors"))
    assert authenticate(reviewer, django_assert_num_queries)[2] == {REVIEWER, EDITOR}


def test_other_groups_and_no_group_give_no_role(outsider, django_assert_num_queries):
    assert authenticate(outsider, django_assert_num_queries)[2] == set()
    outsider.groups.add(Group.objects.create(name="subscribers"))
    assert authenticate(outsider, django_assert_num_queries)[2] == set()


def test_a_role_given_counts_at_the_next_request(outsider, django_assert_num_queries):
    assert authenticate(outsider, django_assert_num_queries)[2] == set()
    outsider.groups.add(Group.objects.get(name="reviewers"))
    assert authenticate(outsider, django_assert_num_queries)[2] == {REVIEWER}


def test_the_user_and_token_are_whole_model_instances(reviewer, django_assert_num_queries):
    stored = Token.objects.get_or_create(user=reviewer)[0]
    found, token, _ = authenticate(reviewer, django_assert_num_queries)
    with django_assert_num_queries(0):
        assert (found.username, found.email, found.is_staff) == (
            reviewer.username,
            reviewer.email,
            reviewer.is_staff,
        )
        assert found.date_joined == reviewer.date_joined and found.date_joined.tzinfo
        assert found.password == reviewer.password
        assert token.created == stored.created
    assert not found._state.adding and found._state.db == "default"


def test_an_unknown_key_and_an_inactive_user_are_refused(reviewer):
    with pytest.raises(exceptions.AuthenticationFailed, match="Invalid token"):
        TokenAuthentication().authenticate_credentials("0" * 40)
    key = Token.objects.create(user=reviewer).key
    reviewer.is_active = False
    reviewer.save()
    with pytest.raises(exceptions.AuthenticationFailed, match="inactive"):
        TokenAuthentication().authenticate_credentials(key)
