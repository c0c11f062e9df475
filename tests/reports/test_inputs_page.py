"""The public inputs page: public contributions by stakeholder type, confidential ones counted and nothing more."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pypdfium2
import pytest
import yaml
from lxml import html

from hrdmap.config import Settings
from hrdmap.domain.calls import Consent, StakeholderType
from hrdmap.reports.inputs_page import (
    InputsPage,
    PageEntry,
    PageError,
    PublishedFile,
    render_inputs_page,
    write_inputs_page,
)
from hrdmap.reports.published_copy import scrub
from hrdmap.services.calls import manage as calls
from hrdmap.services.calls.importing import import_call
from hrdmap.services.calls.page import inputs_page
from hrdmap.services.workspace import Workspace, open_workspace
from tests.actors import TESTER

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
KEY = "hrd-assessment-2026"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    settings = Settings(home=tmp_path_factory.mktemp("page") / "home")
    with open_workspace(settings) as ws:
        import_call(ws, TESTER, EXAMPLES / "call.yaml")
        yield ws


@pytest.fixture(scope="module")
def written(workspace: Workspace, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("site") / "inputs.html"
    built = inputs_page(workspace, TESTER, KEY)
    assert built.warnings == ()
    write_inputs_page(built.page, output)
    return output


def spec() -> dict:
    return yaml.safe_load((EXAMPLES / "call.yaml").read_text(encoding="utf-8"))


def test_public_contributions_are_grouped_by_stakeholder_type(written: Path) -> None:
    tree = html.fromstring(written.read_text(encoding="utf-8"))
    groups = {
        section.findtext("h2"): [li.findtext("span[@class='name']") for li in section.iter("li")]
        for section in tree.iter("section")
    }
    assert list(groups) == [
        "Member States",
        "National human rights institutions",
        "Regional organizations",
        "United Nations entities",
        "Civil society organizations",
    ]
    assert groups["Member States"] == ["Costa Rica", "Côte d'Ivoire", "Norway"]
    assert groups["Civil society organizations"] == ["East African Defenders Link (fictional)"]
    assert len(groups["United Nations entities"]) == 3


def _pdf_text(data: bytes) -> str:
    pdf = pypdfium2.PdfDocument(data)
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def test_every_link_points_at_a_scrubbed_copy_of_the_file_received(written: Path) -> None:
    tree = html.fromstring(written.read_text(encoding="utf-8"))
    links = [a.get("href") for a in tree.iter("a")]
    assert len(links) == 9
    received = [p.read_bytes() for p in (EXAMPLES / "corpus").iterdir() if p.suffix != ".eml"]
    received += [a.get_content() for a in _attachments()]
    copies = {hashlib.sha256(scrub(d, s)).hexdigest() for d in received for s in (".docx", ".odt", ".html", ".txt")
              if _suffix_of(d) == s}
    pdf_texts = {_pdf_text(d) for d in received if d.startswith(b"%PDF")}
    for href in links:
        target = written.parent / href
        assert href.startswith("inputs/") and target.is_file()
        data = target.read_bytes()
        if data.startswith(b"%PDF"):
            assert _pdf_text(data) in pdf_texts
        else:
            assert hashlib.sha256(data).hexdigest() in copies, href


def _suffix_of(data: bytes) -> str:
    if data.startswith(b"PK"):
        return ".odt" if b"opendocument" in data[:100] else ".docx"
    return ".html" if data.lstrip()[:15].lower().startswith((b"<!doctype", b"<html")) else ".txt"


def _attachments() -> list[EmailMessage]:
    raw = (EXAMPLES / "corpus" / "tierra-viva-contribucion.eml").read_bytes()
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return list(message.iter_attachments())  # type: ignore[arg-type]


def test_languages_are_named(written: Path) -> None:
    tree = html.fromstring(written.read_text(encoding="utf-8"))
    languages = {li.findtext("span[@class='name']"): li.findtext("span[@class='language']") for li in tree.iter("li")}
    assert languages["Regional Human Rights Forum (fictional)"] == "(Arabic)"
    assert languages["UN-Women Regional Office for Europe and Central Asia"] == "(Russian)"


def test_the_page_is_self_contained(written: Path) -> None:
    tree = html.fromstring(written.read_text(encoding="utf-8"))
    assert not tree.xpath("//script | //link | //img | //iframe")
    assert tree.find(".//style") is not None
    assert all(not a.get("href").startswith(("http", "/", "//")) for a in tree.iter("a"))


def test_confidential_contributions_are_counted(written: Path) -> None:
    tree = html.fromstring(written.read_text(encoding="utf-8"))
    note = tree.xpath("//p[@class='confidential']")[0].text_content()
    assert note == "In addition, two contributions are confidential and on file with the Secretariat."


def _confidential_strings(workspace: Workspace) -> list[str]:
    """Everything that identifies a confidential contribution: stakeholder, key, file names, titles, text."""
    view = calls.get_call(workspace, TESTER, KEY)
    public_text = " ".join(
        b.block.text
        for c in view.contributions
        if c.consent is Consent.PUBLIC
        for d in c.document_ids
        for b in workspace.store.documents.blocks(workspace.store.documents.get(d).version_id)  # type: ignore[union-attr]
    )
    found: list[str] = []
    for c in view.contributions:
        if c.consent is not Consent.CONFIDENTIAL:
            continue
        stakeholder = view.stakeholders[c.stakeholder]
        found += [stakeholder.name, stakeholder.name.removesuffix(" (fictional)"), stakeholder.key, c.file_name]
        for document_id in c.document_ids:
            document = workspace.store.documents.get(document_id)
            assert document is not None
            found += [document.source.rsplit("!", 1)[-1], document.title or ""]
            for block in workspace.store.documents.blocks(document.version_id):
                phrase = block.block.text[:50]
                if len(phrase) == 50 and phrase not in public_text:
                    found.append(phrase)
    return [s for s in found if s]


def test_nothing_identifies_a_confidential_contribution(workspace: Workspace, written: Path) -> None:
    secrets = _confidential_strings(workspace)
    assert "Digital Shield for Defenders (fictional)" in secrets
    assert "contribucion-tierra-viva.docx" in secrets
    assert len(secrets) > 20
    page = written.read_text(encoding="utf-8")
    files = [p for p in written.parent.rglob("*") if p.is_file()]
    names = " ".join(str(p.relative_to(written.parent)) for p in files)
    contents = [p.read_bytes().decode("utf-8", "replace") for p in files]
    for secret in secrets:
        escaped = html.tostring(html.fragment_fromstring(f"<p>{secret}</p>"), encoding="unicode")[3:-4]
        assert secret.casefold() not in page.casefold() and escaped not in page, secret
        assert secret.casefold() not in names.casefold(), secret
        assert not [p for p, text in zip(files, contents, strict=True) if secret in text], secret


def test_no_confidential_bytes_are_copied(written: Path) -> None:
    corpus = EXAMPLES / "corpus"
    secret_files = [corpus / "digital-shield-submission.md", corpus / "tierra-viva-contribucion.eml"]
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in secret_files}
    mail = message_from_bytes(secret_files[1].read_bytes(), policy=policy.default)
    for part in mail.walk():
        if part.get_filename():
            digests.add(hashlib.sha256(part.get_payload(decode=True)).hexdigest())  # type: ignore[arg-type]
    copied = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (written.parent / "inputs").iterdir()}
    assert len(digests) == 3
    assert not copied & digests


def test_no_contact_address_is_written(written: Path) -> None:
    everything = " ".join(p.read_bytes().decode("utf-8", "replace") for p in written.parent.rglob("*") if p.is_file())
    for stakeholder in spec()["stakeholders"]:
        assert stakeholder["contact"] not in everything


def test_a_public_e_mail_publishes_its_attachment_never_the_message(tmp_path: Path) -> None:
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLES, folder)
    path = folder / "call.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "consent: confidential\n    language: es", "consent: public\n    language: es"
    )
    path.write_text(text, encoding="utf-8")
    with open_workspace(Settings(home=tmp_path / "home")) as ws:
        import_call(ws, TESTER, path)
        built = inputs_page(ws, TESTER, KEY)
    (entry,) = [e for e in built.page.entries if e.slug == "tierra-viva"]
    (published,) = entry.files
    assert published.suffix == ".docx" and published.data.startswith(b"PK")
    assert built.page.confidential == 1


def page_with(*entries: PageEntry, confidential: int = 0) -> InputsPage:
    return InputsPage("A call", dt.date(2026, 4, 30), entries, confidential)


def test_a_re_written_page_drops_files_no_longer_published(tmp_path: Path) -> None:
    output = tmp_path / "site" / "inputs.html"
    one = PageEntry("ngo-a", "NGO A", StakeholderType.NGO, "en", (PublishedFile(".pdf", b"%PDF a"),))
    two = PageEntry("ngo-b", "NGO B", StakeholderType.NGO, "fr", (PublishedFile(".pdf", b"%PDF b"),))
    write_inputs_page(page_with(one, two), output)
    assert sorted(p.name for p in (output.parent / "inputs").iterdir()) == [
        ".hrdmap-inputs",
        "ngo-a-1.pdf",
        "ngo-b-1.pdf",
    ]
    write_inputs_page(page_with(one, confidential=1), output)
    assert sorted(p.name for p in (output.parent / "inputs").iterdir()) == [".hrdmap-inputs", "ngo-a-1.pdf"]
    assert "NGO B" not in output.read_text(encoding="utf-8")


def test_a_folder_holding_other_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(PageError, match="did not write"):
        write_inputs_page(page_with(), tmp_path / "inputs.html")
    assert (tmp_path / "inputs" / "mine.txt").exists()


def test_names_are_escaped_and_files_get_safe_names() -> None:
    entry = PageEntry(
        "../../etc/x", "<script>alert(1)</script>", StakeholderType.OTHER, None, (PublishedFile(".P/D F", b"x"),)
    )
    page = render_inputs_page(page_with(entry))
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert 'href="inputs/etc-x-1.pdf"' in page


def test_a_tampered_inputs_manifest_made_calls_page_delete_files_outside_its_folder_and_no_longer_does(
    tmp_path: Path,
) -> None:
    output = tmp_path / "site" / "inputs.html"
    one = PageEntry("ngo-a", "NGO A", StakeholderType.NGO, "en", (PublishedFile(".pdf", b"%PDF a"),))
    write_inputs_page(page_with(one), output)
    victim = tmp_path / "precious.txt"
    victim.write_text("not hrdmap's", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not hrdmap's either", encoding="utf-8")
    (output.parent / "inputs" / "link.pdf").symlink_to(elsewhere)
    manifest = output.parent / "inputs" / ".hrdmap-inputs"
    manifest.write_text(f"ngo-a-1.pdf\n../../precious.txt\n{victim}\nlink.pdf\n", encoding="utf-8")
    with pytest.raises(PageError, match="link.pdf"):  # a link is not a file the page wrote
        write_inputs_page(page_with(one), output)
    (output.parent / "inputs" / "link.pdf").unlink()
    write_inputs_page(page_with(), output)
    assert victim.read_text(encoding="utf-8") == "not hrdmap's"
    assert elsewhere.exists()
    assert sorted(p.name for p in (output.parent / "inputs").iterdir()) == [".hrdmap-inputs"]
