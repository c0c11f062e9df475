"""A FICTIONAL corpus with a confidential contribution full of canary strings, and the checks that find them.

Every name, number and address here is made up for the hrdmap tests (the city is a real one, used only as a
place name). The confidential contribution is a Word file whose name, title, metadata (author, "last modified
by", comments, keywords, subject) and paragraphs carry the canaries: its author's name in several forms, a
witness's name, a city, a phone number, e-mail addresses; its contributor's contact is a canary address. A
public contribution beside it gives the outputs something to show.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import docx
import pypdfium2

CALL = "canary-call"
#: The canaries, by what they are. PERSONAL ones must never leave an internal view unmarked, nor any public one.
PERSONAL = (
    "Marisol",
    "Quintero",
    "Okafor",
    "Lindqvist",
    "Quetzaltenango",
    "5555 0142",
    "5555-0142",
    "55550142",
    "tobias.okafor",
    "m.quintero",
    "Kestrelorchid",
)
CONTRIBUTOR = ("Voces Seguras",)
DOCUMENT = ("Testimonio reservado", "testimonio-reservado")
EVERY = PERSONAL + CONTRIBUTOR + DOCUMENT
#: How internal outputs mark what comes from a confidential contribution.
MARKERS = ("[confidential]", '"confidential": true', "confidential")

CONFIDENTIAL_PARAGRAPHS = (
    "1. Marisol Quintero-Vance, coordinator of Voces Seguras, reports that OHCHR supported a protection "
    "programme for human rights defenders in Guatemala in 2025, in answer to General Assembly resolution "
    "A/RES/EX/1, paragraph 16.",
    "2. The witness Tobias Okafor-Lindqvist was threatened in Quetzaltenango after meeting the Special "
    "Rapporteur; he can be reached at +502 5555 0142 or tobias.okafor@voces-seguras.example.",
    "3. Ms. Quintero recommends that States establish national protection mechanisms for defenders at risk.",
    "4. QUINTERO-VANCE documented 37 arbitrary detentions of land defenders, a challenge that the United "
    "Nations did not address.",
    "116. The following recommendations will be examined by Guatemala, which will provide responses in due time:",
    "116.1 Protect the witness Tobias Okafor-Lindqvist in Quetzaltenango and human rights defenders at risk "
    "(Norway);",
    "116.2 Investigate the threats against Marisol Quintero-Vance (Kenya);",
)
PUBLIC_TEXT = (
    "Contribution of Norway (fictional)\n\n"
    "1. Norway funded the protection of human rights defenders through OHCHR in Kenya in 2025.\n\n"
    "2. Defenders in Kenya face reprisals for cooperating with the United Nations, a challenge that remains.\n\n"
    "3. Norway recommends that States adopt laws recognising defenders.\n"
)


def confidential_docx() -> bytes:
    """The confidential contribution: canaries in its text and in every metadata field Word keeps."""
    document = docx.Document()
    document.add_paragraph("Testimonio reservado de Marisol Quintero-Vance", style="Title")
    for paragraph in CONFIDENTIAL_PARAGRAPHS:
        document.add_paragraph(paragraph)
    props = document.core_properties
    props.author = "Marisol Quintero-Vance"
    props.last_modified_by = "M. Quintero"
    props.title = "Testimonio reservado de Marisol Quintero-Vance"
    props.comments = "Kestrelorchid: witness list attached"
    props.keywords = "Okafor-Lindqvist; Quetzaltenango"
    props.subject = "Testimonio reservado"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_corpus(folder: Path) -> Path:
    """Write the corpus and its ``call.yaml`` (fictional, and marked so) into ``folder``; returns the call file."""
    (folder / "corpus").mkdir(parents=True, exist_ok=True)
    (folder / "corpus" / "quintero-testimonio-reservado.docx").write_bytes(confidential_docx())
    (folder / "corpus" / "norway-input.txt").write_text(PUBLIC_TEXT, encoding="utf-8")
    call = folder / "call.yaml"
    call.write_text(
        f"""# FICTIONAL canary corpus written for the hrdmap tests, not real submissions.
version: 1
call:
  id: {CALL}
  title: "Call for inputs: canary test (fictional)"
  fictional: true
  issued_by: Office of the United Nations High Commissioner for Human Rights (OHCHR)
  deadline: 2026-04-30
stakeholders:
  - id: norway
    name: Norway
    type: member_state
    country: Norway
    contact: norway-mission@example.org
  - id: voces-seguras
    name: Voces Seguras (fictional)
    type: ngo
    country: Guatemala
    contact: m.quintero@voces-seguras.example
contributions:
  - file: corpus/norway-input.txt
    stakeholder: norway
    received: 2026-04-15
    consent: public
    language: en
  - file: corpus/quintero-testimonio-reservado.docx
    stakeholder: voces-seguras
    received: 2026-04-20
    consent: confidential
    language: en
""",
        encoding="utf-8",
    )
    return call


def fold(text: str) -> str:
    """Lower case, no accents, one space for any run of white space (canaries are found in any form)."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", stripped.casefold())


def found(text: str, canaries: Iterable[str] = EVERY) -> list[str]:
    """The canaries ``text`` holds."""
    folded = fold(text)
    return [c for c in canaries if fold(c) in folded]


def readable(path: Path) -> str:
    """Everything a reader of the file could see: text, XML parts of zip packages (metadata included), PDF text
    and the PDF's bytes (its metadata)."""
    data = path.read_bytes()
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    if data.startswith(b"%PDF"):
        pdf = pypdfium2.PdfDocument(data)
        pages = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        return pages + "\n" + data.decode("latin-1")
    return data.decode("utf-8", "replace")


def files_under(folder: Path) -> Iterator[Path]:
    """Every file under ``folder`` (hidden ones included)."""
    yield from (p for p in sorted(folder.rglob("*")) if p.is_file())


def unmarked_records(value: object) -> Iterator[object]:
    """The JSON objects that say ``"confidential": false`` (they must hold no canary)."""
    if isinstance(value, dict):
        if value.get("confidential") is False:
            yield value
        for item in value.values():
            yield from unmarked_records(item)
    elif isinstance(value, list):
        for item in value:
            yield from unmarked_records(item)


def json_values(text: str) -> list[object]:
    """The JSON documents in ``text`` (one document, or JSON Lines); none when it is not JSON."""
    try:
        return [json.loads(text)]
    except ValueError:
        pass
    try:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    except ValueError:
        return []
