"""No tables: similar items are found from the other apps' own rows (and the search index)."""
