"""Areas and statement kinds in the six UN languages, on the same sentences in each.

Gold set: ``tests/fixtures/analyse/languages_gold.jsonl``, 14 sentences written for this measure in the style of
UN reports, contributions and recommendations (practices, challenges, recommendations across the eight areas of
the 2018 assessment), each translated by hand into French, Spanish, Russian, Arabic and Chinese (84 lines: ``id``
``p01-ru`` …, ``lang``, ``text``, the expected ``areas`` (``hrd-areas`` labels) and ``kinds`` (statement kinds)).
``tests/fixtures/analyse/languages_heldout.jsonl``: 8 further sentences in English, Russian, Arabic and Chinese
(32 lines), written after the keywords and cues were extended and measured once before any further change.

The translations are ours, written to read as a UN translator would write them, not word for word: so a
language's score says how well its keywords and cues cover ordinary UN wording, not how well they match an
English original.

For each language: micro precision, recall and F1 of the areas given by the ``framework-keywords`` tagger, and of
the statement kinds given by the ``statement-kind`` tagger.

Run: ``.venv/bin/python bench/eval_languages.py [--verbose]``.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from hrdmap.analyse.frameworks.loader import load_frameworks
from hrdmap.analyse.taggers.keywords import KeywordTagger
from hrdmap.analyse.taggers.statements import StatementKindTagger

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "analyse"
GOLD_SETS = ("languages_gold.jsonl", "languages_heldout.jsonl")
LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")


def gold(name: str = GOLD_SETS[0]) -> list[dict[str, object]]:
    """The gold lines of one set."""
    return [json.loads(line) for line in (FIXTURES / name).read_text("utf-8").splitlines() if line.strip()]


def scores(name: str = GOLD_SETS[0], verbose: bool = False) -> dict[str, dict[str, tuple[float, float, float]]]:
    """Per language, per task ("areas", "kinds"): micro precision, recall, F1."""
    areas = KeywordTagger({"hrd-areas": load_frameworks(())["hrd-areas"]})
    kinds = StatementKindTagger()
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for item in gold(name):
        text, lang = str(item["text"]), str(item["lang"])
        found = {"areas": {t.label for t in areas.tag_text(text)}, "kinds": {t.label for t in kinds.tag_text(text)}}
        for task in ("areas", "kinds"):
            expected = set(item[task])  # type: ignore[call-overload]
            tally = counts[(lang, task)]
            tally[0] += len(expected & found[task])
            tally[1] += len(found[task] - expected)
            tally[2] += len(expected - found[task])
            if verbose and expected != found[task]:
                print(f"{item['id']} {task}: missed {sorted(expected - found[task])} extra "
                      f"{sorted(found[task] - expected)}: {text[:90]}")
    out: dict[str, dict[str, tuple[float, float, float]]] = defaultdict(dict)
    for (lang, task), (tp, fp, fn) in counts.items():
        precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[lang][task] = (precision, recall, f1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    verbose = parser.parse_args().verbose
    for name in GOLD_SETS:
        found = scores(name, verbose)
        print(f"\n{name}\n| language | areas P / R / F1 | statement kinds P / R / F1 |\n|---|---|---|")
        for lang in (lang for lang in LANGUAGES if lang in found):
            a, k = found[lang]["areas"], found[lang]["kinds"]
            print(f"| {lang} | {a[0]:.3f} / {a[1]:.3f} / {a[2]:.3f} | {k[0]:.3f} / {k[1]:.3f} / {k[2]:.3f} |")


if __name__ == "__main__":
    main()
