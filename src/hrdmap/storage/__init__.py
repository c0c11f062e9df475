"""Storage: repository protocols and their SQLite adapter (PostgreSQL later, behind the same protocols)."""
