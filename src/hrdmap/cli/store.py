"""``hrdmap migrate-store FROM TO``: copy a store into another (SQLite into PostgreSQL and back), verified."""

from __future__ import annotations

import click

from hrdmap.cli.output import echo_json, local_actor, print_table, stderr
from hrdmap.services import views
from hrdmap.services.store_copy import migrate_store as copy_store


@click.command("migrate-store")
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("--replace", is_flag=True, help="Empty TO first when it holds data (everything in it is lost).")
@click.option("--json", "as_json", is_flag=True, help="Print the tables copied, their rows and checksums as JSON.")
def migrate_store(source: str, target: str, replace: bool, as_json: bool) -> None:
    """Copy the store at database URL FROM into the one at TO, every table with its ids, verified by counts and
    checksums (e.g. ``sqlite:///.hrdmap/hrdmap.sqlite3`` to ``postgresql://ana@db/hrdmap?schema=team_a``)."""
    done = copy_store(local_actor(), source, target, replace=replace)
    if as_json:
        echo_json(views.store_copy_view(done))
        return
    rows = [(t.name, str(t.rows), t.checksum) for t in done.tables]
    print_table(("table", "rows", "sha256"), rows, right=("rows",))
    stderr().print(
        f"{done.rows} rows in {len(done.tables)} tables copied from {done.source} to {done.target}"
        f"{' (emptied first)' if done.replaced else ''}; counts and checksums match. The search index is not "
        "copied: run hrdmap reindex with the new store.",
        markup=False,
    )
