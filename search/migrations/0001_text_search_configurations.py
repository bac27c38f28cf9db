"""PostgreSQL: unaccented full-text configurations, so "cafe" finds "Café" in every language
the search knows (search/engine.py CONFIGURATIONS). Nothing happens on SQLite."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

DICTIONARIES = ["dutch", "english", "french", "german", "simple"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in DICTIONARIES:
        stem = "simple" if name == "simple" else f"{name}_stem"
        schema_editor.execute(
            f"DROP TEXT SEARCH CONFIGURATION IF EXISTS regenboog_{name};"
            f"CREATE TEXT SEARCH CONFIGURATION regenboog_{name} (COPY = pg_catalog.{name});"
            f"ALTER TEXT SEARCH CONFIGURATION regenboog_{name} ALTER MAPPING FOR "
            f"hword, hword_part, word WITH unaccent, {stem};"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in DICTIONARIES:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS regenboog_{name};")


class Migration(migrations.Migration):
    dependencies = []
    operations = [UnaccentExtension(), migrations.RunPython(create, drop)]
