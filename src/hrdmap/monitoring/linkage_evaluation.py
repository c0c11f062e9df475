"""Measure duplicate detection: inject known duplicates into a real list by a documented perturbation.

A copy of a record is what another source would write of the same incident (docs/monitoring.md):

* **name**: one or two of: accents dropped, word order turned ("Surname, Given" or reversed), a middle word
  dropped, a usual transliteration variant (Mohammed / Muhammad / Mohamed, Abdel / Abdul, Hussein / Husain …),
  a typo (a letter dropped or two swapped);
* **date**: shifted by 0 to 3 days, or, for a record dated by year only, a day inside that year (what a media
  report gives where the list gives the year);
* **place**: the admin area instead of the town when the record has one, else the town, or (one time in four)
  no place, the country only;
* the act type and the country are kept.

:func:`precision_recall` then compares the proposed pairs with the injected ones.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from hrdmap.monitoring.dedup import CandidatePair, LinkRecord
from hrdmap.monitoring.names import name_words

VARIANTS: tuple[tuple[str, ...], ...] = (
    ("mohammed", "muhammad", "mohamed", "mohammad", "muhammed"),
    ("ahmed", "ahmad"),
    ("abdel", "abdul", "abd el"),
    ("hussein", "husain", "hussain", "husein"),
    ("hassan", "hasan"),
    ("mahmoud", "mahmud"),
    ("youssef", "yusuf", "yousef"),
    ("khaled", "khalid"),
    ("ali", "aly"),
    ("josé", "jose"),
    ("sergei", "sergey"),
    ("aleksandr", "alexander", "aleksander"),
)


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision and recall of proposed pairs against the injected ones."""

    precision: float
    recall: float
    proposed: int
    true_pairs: int
    found: int


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _variant(words: list[str], rng: random.Random) -> list[str]:
    for i, word in enumerate(words):
        for group in VARIANTS:
            if word.casefold() in group:
                others = [v for v in group if v != word.casefold()]
                words[i] = rng.choice(others).title()
                return words
    return words


def _typo(words: list[str], rng: random.Random) -> list[str]:
    long = [i for i, w in enumerate(words) if len(w) >= 5]
    if not long:
        return words
    i = rng.choice(long)
    word = words[i]
    j = rng.randrange(1, len(word) - 1)
    words[i] = word[:j] + word[j + 1 :] if rng.random() < 0.5 else word[: j - 1] + word[j] + word[j - 1] + word[j + 1 :]
    return words


def perturb_name(name: str, rng: random.Random) -> str:
    """The name as another source might write it (see the module docstring)."""
    words = name.split()
    if len(words) == 0:
        return name
    operations = rng.sample(["accents", "order", "drop", "variant", "typo"], k=rng.choice((1, 2)))
    for operation in operations:
        if operation == "accents":
            words = [_strip_accents(w) for w in words]
        elif operation == "order" and len(words) >= 2:
            words = [f"{words[-1]},", *words[:-1]] if rng.random() < 0.5 else words[::-1]
        elif operation == "drop" and len(words) >= 3:
            del words[rng.randrange(1, len(words) - 1)]
        elif operation == "variant":
            words = _variant(words, rng)
        else:
            words = _typo(words, rng)
    return " ".join(words)


def _date(record: LinkRecord, rng: random.Random) -> tuple[dt.date | None, dt.date | None]:
    if record.date_start is None or record.date_end is None:
        return None, None
    span = (record.date_end - record.date_start).days
    if span > 31:
        day = record.date_start + dt.timedelta(days=rng.randrange(span + 1))
        return day, day
    shift = dt.timedelta(days=rng.randint(-3, 3))
    return record.date_start + shift, record.date_end + shift


def perturb(record: LinkRecord, new_id: int, rng: random.Random) -> LinkRecord:
    """A copy of ``record`` as another source would report the same incident."""
    start, end = _date(record, rng)
    if record.admin_area:
        admin, place = "", record.admin_area
    elif rng.random() < 0.25:
        admin, place = "", ""
    else:
        admin, place = "", record.place
    return replace(
        record,
        id=new_id,
        name=perturb_name(record.name, rng),
        date_start=start,
        date_end=end,
        admin_area=admin,
        place=place,
    )


def inject_duplicates(
    records: Sequence[LinkRecord], share: float, seed: int
) -> tuple[list[LinkRecord], set[tuple[int, int]]]:
    """Add perturbed copies of a share of the named records.

    Args:
        records: The real list's records (ids unique).
        share: Share of the named records that get a copy.
        seed: Random seed (the same seed gives the same copies).

    Returns:
        All records (originals then copies) and the injected pairs ``(original id, copy id)``.
    """
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    named = [r for r in records if name_words(r.name)]
    chosen = rng.sample(named, k=round(len(named) * share))
    next_id = max(r.id for r in records) + 1
    copies: list[LinkRecord] = []
    truth: set[tuple[int, int]] = set()
    for offset, record in enumerate(chosen):
        copy = perturb(record, next_id + offset, rng)
        copies.append(copy)
        truth.add((record.id, copy.id))
    return [*records, *copies], truth


def precision_recall(pairs: Iterable[CandidatePair], truth: set[tuple[int, int]], threshold: float) -> Scores:
    """Precision and recall of the pairs at or above ``threshold`` against the injected pairs."""
    proposed = {(p.left, p.right) for p in pairs if p.probability >= threshold}
    found = len(proposed & truth)
    return Scores(
        precision=found / len(proposed) if proposed else 1.0,
        recall=found / len(truth) if truth else 1.0,
        proposed=len(proposed),
        true_pairs=len(truth),
        found=found,
    )
