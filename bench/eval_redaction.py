"""How well personal data is redacted from quotes: recall of what must go, and what is removed that should stay.

Sentences are FICTIONAL (names made up; real cities used only as place names), in English, French, Spanish,
Russian, Arabic and Chinese. Each lists the strings that must disappear (people, towns and cities, phone numbers,
e-mail addresses) and the strings that must stay (countries, UN bodies, figures, symbols, ordinary words).

    python bench/eval_redaction.py              # hrdmap.analyse.personal_data
    python bench/eval_redaction.py --spacy M    # a spaCy pipeline M (PERSON, GPE, LOC) plus the same patterns for
                                                # phones and e-mails, for comparison (needs spacy and the model)

Prints recall (share of must-go strings gone), kept (share of must-stay strings kept), and the time per sentence
after loading, with the load time apart.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable

CASES: list[tuple[str, list[str], list[str]]] = [
    (
        "The witness Tobias Okafor-Lindqvist was threatened in Quetzaltenango after meeting the Special Rapporteur.",
        ["Tobias", "Okafor-Lindqvist", "Quetzaltenango"],
        ["The witness", "Special Rapporteur"],
    ),
    (
        "Marisol Quintero-Vance, coordinator of the network, can be reached at +502 5555 0142 or "
        "m.quintero@voces.example.",
        ["Marisol", "Quintero-Vance", "5555 0142", "m.quintero@voces.example"],
        ["coordinator of the network"],
    ),
    ("Ms. Quintero met officials of OHCHR in Guatemala in 2025.", ["Quintero"], ["OHCHR", "Guatemala", "2025"]),
    (
        "Journalist Amina Diallo-Traoré was detained in Bamako on 3 May 2024; her lawyer, Ousmane Keita, was beaten.",
        ["Amina", "Diallo-Traoré", "Bamako", "Ousmane", "Keita"],
        ["was detained in", "3 May 2024"],
    ),
    (
        "Le témoin Jean-Baptiste Moreau a été menacé à Lyon après avoir parlé au Conseil des droits de l'homme.",
        ["Jean-Baptiste", "Moreau", "Lyon"],
        ["Le témoin", "Conseil des droits de l'homme"],
    ),
    (
        "La defensora María José Pérez de la Cruz fue amenazada en Tegucigalpa; llame al 504 2233 4455.",
        ["María José", "Pérez", "Tegucigalpa", "2233 4455"],
        ["La defensora", "fue amenazada en"],
    ),
    (
        "Свидетель Иван Петрович Сидоров сообщил об угрозах в Новосибирске.",
        ["Иван", "Сидоров", "Новосибирске"],
        ["сообщил об угрозах"],
    ),
    ("قال الشاهد أحمد محمود إن الشرطة اعتقلته في حلب.", ["أحمد", "محمود", "حلب"], ["قال الشاهد", "الشرطة"]),
    ("律师王丽华女士在成都被拘留。", ["王丽华", "成都"], ["律师", "被拘留"]),
    (
        "The Human Rights Council and the National Human Rights Commission of Kenya met UNDP in Nairobi in 2018-2019.",
        ["Nairobi"],
        ["Human Rights Council", "National Human Rights Commission of Kenya", "UNDP", "2018-2019"],
    ),
    (
        "Norway funded 12 projects in Colombia; see A/HRC/38/18 and resolution 72/247 (1,019 defenders killed).",
        [],
        ["Norway", "Colombia", "A/HRC/38/18", "72/247", "1,019"],
    ),
    (
        "In 2025, the Special Rapporteur on the situation of human rights defenders visited Brazil and Mexico.",
        [],
        ["Special Rapporteur", "Brazil", "Mexico", "human rights defenders"],
    ),
]


def evaluate(redact: Callable[[str], str]) -> tuple[float, float, float]:
    """Recall of must-go strings, share of must-stay strings kept, and seconds per sentence."""
    gone = total_gone = kept = total_kept = 0
    start = time.perf_counter()
    for text, must_go, must_stay in CASES:
        out = redact(text)
        gone += sum(1 for s in must_go if s not in out)
        total_gone += len(must_go)
        kept += sum(1 for s in must_stay if s in out)
        total_kept += len(must_stay)
    per = (time.perf_counter() - start) / len(CASES)
    return gone / total_gone, kept / total_kept, per


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+|00)?\(?\d[\d\s().\-]{5,}\d")


def _spacy(model: str) -> Callable[[str], str]:
    import spacy  # type: ignore[import-not-found,unused-ignore]  # noqa: PLC0415 - only for the comparison

    nlp = spacy.load(model)

    def redact(text: str) -> str:
        spans = [(e.start_char, e.end_char) for e in nlp(text).ents if e.label_ in ("PERSON", "GPE", "LOC")]
        spans += [(m.start(), m.end()) for p in (_EMAIL, _PHONE) for m in p.finditer(text)]
        for start, end in sorted(spans, reverse=True):
            text = text[:start] + "[…]" + text[end:]
        return text

    return redact


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--spacy", help="compare with this spaCy pipeline")
    args = parser.parse_args()
    start = time.perf_counter()
    if args.spacy:
        redact = _spacy(args.spacy)
        name = f"spaCy {args.spacy} + patterns"
    else:
        from hrdmap.analyse.personal_data import redact as ours  # noqa: PLC0415

        ours("warm up: load the gazetteers")
        redact, name = ours, "hrdmap.analyse.personal_data"
    loaded = time.perf_counter() - start
    recall, kept, per = evaluate(redact)
    print(f"{name}: recall {recall:.2f}, kept {kept:.2f}, load {loaded:.1f} s, {per * 1000:.1f} ms per sentence")


if __name__ == "__main__":
    main()
