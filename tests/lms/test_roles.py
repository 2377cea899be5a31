"""Role groups and the command that grants and removes them."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from lms import roles, services
from tests import factories

pytestmark = pytest.mark.django_db


def test_role_groups_exist_with_their_permissions(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert set(roles.ROLE_PERMISSIONS) <= names
    trainer = Group.objects.get(name=roles.TRAINER)
    codenames = set(trainer.permissions.values_list("codename", flat=True))
    assert {"access_admin", "add_image", "add_document", "submit_translation"} <= codenames
    assert not Group.objects.get(name=roles.LEARNER).permissions.exists()


def test_roles_command_grants_and_revokes(db, capsys):
    user = factories.make_user(email="promote@example.org")
    call_command("roles", "grant", "coordinator", "promote@example.org")
    assert user.groups.filter(name=roles.COORDINATOR).exists()
    call_command("roles", "revoke", "coordinator", "promote@example.org")
    assert not user.groups.filter(name=roles.COORDINATOR).exists()
    assert "revoked coordinator" in capsys.readouterr().out


def test_roles_command_with_an_unknown_email_changes_nothing(db):
    user = factories.make_user(email="known@example.org")
    with pytest.raises(CommandError, match="nobody@example.org"):
        call_command("roles", "grant", "trainer", "known@example.org", "nobody@example.org")
    assert not user.groups.filter(name=roles.TRAINER).exists()


def test_roles_command_lists_roles(db, capsys):
    factories.make_user(email="listed@example.org", role=roles.LEAD_TRAINER)
    call_command("roles", "list", "listed@example.org")
    assert capsys.readouterr().out.strip() == "listed@example.org: Lead trainer"


def test_granting_twice_is_harmless(db):
    user = factories.make_user(role=roles.TRAINER)
    call_command("roles", "grant", "trainer", user.email)
    assert user.groups.filter(name=roles.TRAINER).count() == 1


def test_role_predicates_read_the_groups_once_per_user_object(db, django_assert_num_queries):
    user = factories.make_user(role=roles.COORDINATOR)
    with django_assert_num_queries(1):
        for _ in range(5):
            assert roles.is_coordinator(user)
            assert not roles.is_programme_manager(user)
            assert roles.has_staff_role(user)


def test_a_change_of_groups_is_seen_by_the_same_user_object(db):
    user = factories.make_user(role=roles.COORDINATOR)
    assert not roles.is_programme_manager(user)
    services.role_grant(user=user, role=roles.PROGRAMME_MANAGER)
    assert roles.is_programme_manager(user)
    # Any other change of the user's groups (the Wagtail user editor) is seen too.
    user.groups.remove(Group.objects.get(name=roles.PROGRAMME_MANAGER))
    assert not roles.is_programme_manager(user)
    user.groups.clear()
    assert not roles.is_coordinator(user)
