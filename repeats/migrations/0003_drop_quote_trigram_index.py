"""The GIN trigram index on quotes is dropped: lookups read a B-tree slice first (see
repeats/selectors.py), which keeps their cost bounded on an archive of like-worded quotes,
and the index only cost writes. pg_trgm itself stays (its similarity() is used)."""

from django.db import migrations


def _drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS fingerprint_quote_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [("repeats", "0002_speaker_index")]

    operations = [migrations.RunPython(_drop, migrations.RunPython.noop)]
