"""PostgreSQL only: each product's theme ids in a bigint array beside its search vector, GIN-indexed for
all products (not partial: the planner would take a partial index as a cheap way to list every public
product), so a search filtered by theme combines two index bitmaps instead of testing the large vector
row by row (search.reindex keeps the column in step with the themes)."""

from django.db import migrations


def add_theme_ids(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE library_product ADD COLUMN search_theme_ids bigint[] NOT NULL DEFAULT '{}'")
    schema_editor.execute(
        "UPDATE library_product p SET search_theme_ids = t.ids FROM ("
        "SELECT product_id, array_agg(theme_id ORDER BY theme_id) AS ids FROM library_product_themes "
        "GROUP BY product_id) t WHERE t.product_id = p.id"
    )
    schema_editor.execute(
        "CREATE INDEX library_product_search_themes ON library_product USING gin (search_theme_ids)"
    )


def drop_theme_ids(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE library_product DROP COLUMN IF EXISTS search_theme_ids")


class Migration(migrations.Migration):
    dependencies = [("library", "0005_index_products_in_preparation")]

    operations = [migrations.RunPython(add_theme_ids, drop_theme_ids, elidable=False)]
