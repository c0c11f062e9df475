"""PostgreSQL twins of the numbered SQLite migrations (same file names; see hrdmap.storage.migrations)."""
