"""Random positions in the revocation list for the certificates already issued.

Their credentials were signed naming their primary key as the position, so that position is
kept as ``legacy_status_index`` (the list sets both bits when such a certificate is revoked)
and new positions are drawn to avoid it.
"""

import secrets

from django.db import migrations, models

MIN_BITS = 131_072  # status_list.MIN_BITS, copied: a migration must not change with the code


def assign_random_positions(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    pks = list(Certificate.objects.order_by("pk").values_list("pk", flat=True))
    if not pks:
        return
    legacy = set(pks)
    capacity = MIN_BITS * ((2 * 2 * len(pks)) // MIN_BITS + 1)
    capacity = max(capacity, max(pks) + 1 + 2 * len(pks))
    free = (index for index in secrets.SystemRandom().sample(range(capacity), capacity))
    positions = [index for index in free if index not in legacy][: len(pks)]
    for pk, position in zip(pks, positions, strict=True):
        Certificate.objects.filter(pk=pk).update(status_index=position, legacy_status_index=pk)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0005_certificate_expires_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="legacy_status_index",
            field=models.PositiveIntegerField(
                blank=True,
                editable=False,
                help_text=(
                    "The position that credentials signed before positions were random "
                    "still name."
                ),
                null=True,
                unique=True,
                verbose_name="former position in the revocation list",
            ),
        ),
        migrations.AddField(
            model_name="certificate",
            name="status_index",
            field=models.PositiveIntegerField(
                editable=False, null=True, verbose_name="position in the revocation list"
            ),
        ),
        migrations.RunPython(assign_random_positions, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="certificate",
            name="status_index",
            field=models.PositiveIntegerField(
                editable=False, unique=True, verbose_name="position in the revocation list"
            ),
        ),
    ]
