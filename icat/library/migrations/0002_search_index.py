"""The search index: on PostgreSQL a GIN index over public products only (the filter every public search
has, so the planner picks it over the state index), on SQLite an FTS5 table (kept in sync by
search.reindex)."""

from django.db import migrations

FTS_CREATE = (
    "CREATE VIRTUAL TABLE library_product_fts USING fts5("
    "titles, summaries, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX library_product_search_gin ON library_product USING gin (search_vector) "
            "WHERE state IN ('published', 'superseded')"
        )
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(FTS_CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS library_product_search_gin")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS library_product_fts")


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
