"""Latency of the web app's main pages and API calls under a bounded local load, over a large corpus.

Builds a data folder of ``--paragraphs`` paragraphs (documents of 50 paragraphs, sentences drawn from a Zipfian
synthetic vocabulary of UN words, every 20th paragraph given machine tags in the map's frameworks), indexes it,
adds a reviewer (password) and an API token, then starts ``hrdmap serve`` on a free loopback port in its own
process and runs ``--clients`` concurrent clients for ``--seconds`` seconds, each looping over the pages and API
calls below in turn. Every request goes to 127.0.0.1 only; the loop stops by itself. Prints p50/p95/p99 per
route and the ratio of each p50 to ``/health`` (the app's floor: routing, middleware, no store) measured in the
same run, and the load average, since the figures mean little on a busy machine without it.

Run::

    .venv/bin/python bench/bench_web.py --paragraphs 100000 --clients 50 --seconds 60

``--compare REV`` first loads the server of git revision ``REV`` (checked out in a temporary worktree and run by
this interpreter with that tree's package first on the path) over a copy of the same data folder, then this
tree's, and prints the ratio of each route's p50 and p99 (old / new). ``--home DIR`` keeps the built folder for
the next run.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx2 as httpx

from hrdmap.config import Settings
from hrdmap.domain.actor import Actor, FixedClock, Role, SystemClock
from hrdmap.domain.document import Block, BlockKind, Document
from hrdmap.domain.tags import Evidence, EvidenceKind, Tag
from hrdmap.services import signin
from hrdmap.services.indexing import sync_index
from hrdmap.services.workspace import open_workspace
from hrdmap.storage.tags import NewTag

AT = dt.datetime(2026, 5, 4, tzinfo=dt.UTC)
PASSWORD = "benchmark passphrase of some length"  # noqa: S105 - a benchmark's own account
WORDS = (
    "human rights defenders protection state government civil society journalists reprisals council "
    "special rapporteur mechanism law policy training network women indigenous land environment threats "
    "detention killing investigation support dialogue recognition security office country regional national "
    "institution programme assistance monitoring accountability freedom expression association assembly"
).split()
AREAS = "ABCDEFGH"
QUERIES = ["defenders", "reprisals", "protection mechanism", "journalists", "indigenous land", "training"]


def _sentence(rng: random.Random) -> str:
    weights = [1 / (i + 1) for i in range(len(WORDS))]
    return " ".join(rng.choices(WORDS, weights, k=rng.randint(12, 25))).capitalize() + "."


def build(home: Path, paragraphs: int, seed: int = 7) -> int:
    """Fill ``home`` with ``paragraphs`` paragraphs, tags and users; returns the number of documents."""
    rng = random.Random(seed)
    actor = Actor("bench", frozenset({Role.ADMINISTRATOR}), clock=FixedClock(AT))
    documents = max(1, paragraphs // 50)
    with open_workspace(Settings(home=home, argon2_memory_kib=8192), create=True) as ws:
        store = ws.store
        for d in range(documents):
            blocks = [Block(0, BlockKind.HEADING, f"Contribution {d}", level=1)]
            blocks += [
                Block(i, BlockKind.PARAGRAPH, " ".join(_sentence(rng) for _ in range(3)), f"{i}.", str(i))
                for i in range(1, 50)
            ]
            document = Document(f"/bench/doc-{d:06d}.txt", f"{d:064x}", "text", blocks, title=f"Contribution {d}",
                                symbol=f"A/HRC/BENCH/{d}", languages=("en",))
            with store.transaction():
                version = store.documents.add_version(document, at=AT)
                ids = [b.id for b in store.documents.blocks(version.version_id)]
                run = store.tags.start_run({"bench": "1"}, actor="bench", at=AT)
                tags = [
                    NewTag(i, Tag("hrd-areas", rng.choice(AREAS), rng.random(), "bench",
                                  (Evidence(EvidenceKind.RULE, "bench"),)), 0.5)
                    for i in ids[::20]
                ]
                store.tags.replace("bench", ids, tags, run_id=run.id, at=AT)
                store.tags.finish_run(run.id, at=AT)
        sync_index(store, ws.search_backend())
        from hrdmap.services import accounts

        accounts.add_user(ws, actor, "rev", PASSWORD, ["reviewer", "analyst"])
        user = store.accounts.user_by_name("rev")
        assert user is not None
        token, _ = signin.create_token(ws, signin.actor_for(user, SystemClock()), "bench")  # valid from now
    (home / "bench-token").write_text(token)
    return documents


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _routes(documents: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(label, kind, path) of the requests each client makes in turn."""
    doc = rng.randint(1, documents)
    q = rng.choice(QUERIES)
    return [
        ("GET /health", "none", "/health"),
        ("page /", "page", "/"),
        ("page /documents/{id}", "page", f"/documents/{doc}"),
        ("page /search", "page", f"/search?q={q}"),
        ("page /review", "page", "/review"),
        ("page /map", "page", "/map"),
        ("api /api/search", "api", f"/api/search?q={q}&limit=20"),
        ("api /api/documents/{id}", "api", f"/api/documents/{doc}"),
        ("api /api/review/queue", "api", "/api/review/queue?limit=50"),
    ]


async def _sign_in(client: httpx.AsyncClient) -> None:
    page = await client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    answer = await client.post("/login", data={"name": "rev", "password": PASSWORD, "csrf_token": token.group(1)})
    assert answer.status_code == 303, answer.status_code


async def _client(base: str, token: str, cookies: httpx.Cookies, documents: int, until: float, seed: int,
                  timings: dict[str, list[float]], errors: list[str]) -> None:
    rng = random.Random(seed)
    limits = httpx.Limits(max_connections=2)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits, cookies=cookies) as browser, \
            httpx.AsyncClient(base_url=base, timeout=30, headers={"authorization": f"Bearer {token}"},
                              limits=limits) as api:
        while time.monotonic() < until:
            for label, kind, path in _routes(documents, rng):
                client = api if kind == "api" else browser
                started = time.perf_counter()
                try:
                    answer = await client.get(path)
                except httpx.HTTPError as error:
                    errors.append(f"{label}: {type(error).__name__}")
                    continue
                timings.setdefault(label, []).append((time.perf_counter() - started) * 1000)
                if answer.status_code != 200:
                    errors.append(f"{label}: {answer.status_code}")
                if time.monotonic() >= until:
                    return


async def load(base: str, token: str, documents: int, clients: int, seconds: float) -> dict[str, list[float]]:
    """Run the clients; latencies in milliseconds by route."""
    timings: dict[str, list[float]] = {}
    errors: list[str] = []
    async with httpx.AsyncClient(base_url=base, timeout=30) as first:
        await _sign_in(first)  # one session shared by the clients: sign-in is rate-limited per address
        cookies = first.cookies
    until = time.monotonic() + seconds
    await asyncio.gather(
        *(_client(base, token, cookies, documents, until, i, timings, errors) for i in range(clients))
    )
    if errors:
        print(f"{len(errors)} failed requests: {dict(Counter(errors))}")
    return timings


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def _serve(home: Path, workers: int, source: Path | None) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``hrdmap serve`` over ``home`` on a free loopback port: this tree's, or the one under ``source``."""
    port = _port()
    env = {**os.environ, "HRDMAP_ARGON2_MEMORY_KIB": "8192"}
    command = [str(Path(sys.executable).parent / "hrdmap")]
    if source is not None:  # the other tree's package first on the path, run by this interpreter
        env["PYTHONPATH"] = str(source / "src")
        command = [sys.executable, "-c", "import sys; from hrdmap.cli.main import main; sys.argv[0] = 'hrdmap'; main()"]
    command += ["--home", str(home), "serve", "--port", str(port), "--workers", str(workers), "--dev"]
    server = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return server, base
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            raise SystemExit("the server did not start")
        time.sleep(0.2)


def run(home: Path, label: str, args: argparse.Namespace, source: Path | None = None) -> dict[str, list[float]]:
    """Serve a copy of ``home`` (so every run starts from the same store), load it, print the figures."""
    copy = home.parent / ("run-" + re.sub(r"[^A-Za-z0-9]+", "-", label))
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(home, copy)
    documents = max(1, args.paragraphs // 50)
    token = (copy / "bench-token").read_text()
    server, base = _serve(copy, args.workers, source)
    try:
        before = os.getloadavg()[0]
        timings = asyncio.run(load(base, token, documents, args.clients, args.seconds))
        after = os.getloadavg()[0]
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(copy, ignore_errors=True)
    print(f"\n{label}: load average {before:.1f} before, {after:.1f} after; {args.clients} clients for "
          f"{args.seconds:.0f} s, {args.workers} workers, {os.cpu_count()} CPUs")
    floor = statistics.median(timings["GET /health"])
    print(f"{'route':28} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'p50/health':>11}")
    for route, values in timings.items():
        p50 = statistics.median(values)
        print(f"{route:28} {len(values):6d} {p50:8.1f} {_pct(values, 0.95):8.1f} {_pct(values, 0.99):8.1f} "
              f"{p50 / floor:11.1f}")
    return timings


def _worktree(revision: str, folder: Path) -> Path:
    """A checkout of ``revision`` of this repository under ``folder`` (a detached git worktree)."""
    repo = Path(__file__).resolve().parent.parent
    tree = folder / "compare"
    subprocess.run(["git", "-C", str(repo), "worktree", "add", "--detach", str(tree), revision], check=True,
                   stdout=subprocess.DEVNULL)
    return tree


def main() -> None:
    """Build, serve, load, print; with ``--compare REV``, the same load on REV's server first, then ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--home", type=Path, help="reuse (or build into) this data folder")
    parser.add_argument("--compare", metavar="REV", help="also load the server of git revision REV (run first)")
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="hrdmap-bench-web-")) / "home"
    started = time.perf_counter()
    if not (home / "hrdmap.sqlite3").exists():
        documents = build(home, args.paragraphs)
        print(f"built {documents} documents ({documents * 50} paragraphs) in {time.perf_counter() - started:.0f} s")
    if args.compare is None:
        run(home, "this tree", args)
        return
    folder = Path(tempfile.mkdtemp(prefix="hrdmap-bench-web-compare-"))
    tree = _worktree(args.compare, folder)
    try:
        old = run(home, args.compare, args, source=tree)
        new = run(home, "this tree", args)
    finally:
        repo = Path(__file__).resolve().parent.parent
        subprocess.run(["git", "-C", str(repo), "worktree", "remove", "--force", str(tree)], check=False)
        shutil.rmtree(folder, ignore_errors=True)
    print(f"\nthis tree against {args.compare} (ratio old / new: above 1, faster now)")
    print(f"{'route':28} {'n old':>6} {'n new':>6} {'p50 ratio':>10} {'p99 ratio':>10}")
    for route in new:
        if route in old:
            p50 = statistics.median(old[route]) / statistics.median(new[route])
            p99 = _pct(old[route], 0.99) / _pct(new[route], 0.99)
            print(f"{route:28} {len(old[route]):6d} {len(new[route]):6d} {p50:10.1f} {p99:10.1f}")


if __name__ == "__main__":
    main()
