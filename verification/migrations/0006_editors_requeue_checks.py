"""Editors may view and re-enqueue check runs; reviewers may view them (claims/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "reviewers": ["view_checkrun"],
    "editors": ["view_checkrun", "requeue_checkrun"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("verification")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for codename in codenames:
            perm = Permission.objects.filter(
                content_type__app_label="verification", codename=codename
            ).first()
            if perm is not None:
                group.permissions.add(perm)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="verification", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("verification", "0005_check_run_requeue_permission"),
        ("claims", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
