"""The SQLite adapter: one database file, numbered migrations, one class per repository protocol."""
