"""SQL that both adapters run: one statement, written once, for SQLite and PostgreSQL alike.

A repository whose statements are the same in both databases (most of them: SQLite and PostgreSQL share the SQL
the adapters use) is written once here, over a :class:`~hrdmap.storage.sql.session.SqlSession`; each adapter
subclasses it and keeps only what truly differs (PostgreSQL's ``COPY`` and arrays, SQLite's chunked ``IN`` lists),
or, where nothing does, the store hands out the shared class itself (a
:class:`~hrdmap.storage.sql.repository.SqlRepository`).
No module here imports a database driver: the sessions that run the statements live in the adapters
(:mod:`hrdmap.storage.sqlite.session`, :mod:`hrdmap.storage.postgresql.session`).
"""
