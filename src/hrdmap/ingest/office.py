"""Legacy Word (.doc) and RTF files, read by converting them to DOCX with LibreOffice.

Reading the Word 97–2003 binary format is a project of its own; LibreOffice does it well, so the file is
converted in a private temporary folder (its own LibreOffice profile, so conversions never share state or
lock each other) and the result goes through the DOCX extractor. LibreOffice runs headless and is stopped,
with everything it started, when it takes longer than ``Limits.timeout_s``.

Password-protected Word 2007+ files are OLE2 containers too (an ``EncryptedPackage`` stream); they are
recognised here and reported as encrypted rather than converted.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import ClassVar

from hrdmap.domain.raw import RawDocument
from hrdmap.ingest.base import Limits
from hrdmap.ingest.docx import DocxExtractor
from hrdmap.ingest.errors import CorruptFile, EmptyFile, EncryptedFile, MissingTool
from hrdmap.ingest.guards import check_input

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_IMPORT_FILTERS = {"doc": "MS Word 97", "rtf": "Rich Text Format"}
_INSTALL_HINT = "install it (for example `apt-get install libreoffice-writer-nogui`)"


def _is_rtf(data: bytes) -> bool:
    return data.lstrip()[:5] == b"{\\rtf"


def find_libreoffice() -> str | None:
    """The path of LibreOffice's ``soffice`` (or ``libreoffice``) program, or ``None``."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(
    data: bytes, suffix: str, target: str, timeout_s: float, import_filter: str | None = None
) -> bytes:
    """Convert a document with LibreOffice and return the converted file's bytes.

    Args:
        data: The document's bytes.
        suffix: The suffix LibreOffice should see (".doc", ".rtf", ".docx"); it picks the import filter.
        target: The output format ("docx", "odt", "doc", "rtf").
        timeout_s: Longest the conversion may run.
        import_filter: LibreOffice's import filter; without one LibreOffice guesses, and reads a file it
            cannot recognise as plain text rather than failing.

    Raises:
        MissingTool: LibreOffice is not installed.
        CorruptFile: The conversion failed or ran out of time.
    """
    program = find_libreoffice()
    if program is None:
        raise MissingTool(f"{suffix.lstrip('.')} files need LibreOffice to be converted: {_INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="hrdmap-office-") as folder:
        work = Path(folder)
        source = work / f"input{suffix}"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            *("--headless", "--invisible", "--norestore", "--nologo", "--nolockcheck", "--nodefault"),
            *((f"--infilter={import_filter}",) if import_filter else ()),
            *("--convert-to", target, "--outdir", str(work / "out"), str(source)),
        ]
        error = _run(command, work, timeout_s)
        result = work / "out" / f"input.{target.split(':')[0]}"
        if not result.is_file():
            reason = error.strip().splitlines()[-1] if error.strip() else "no output"
            raise CorruptFile(
                f"LibreOffice could not convert the file (damaged or password-protected?): {reason}"
            )
        return result.read_bytes()


def _run(command: list[str], home: Path, timeout_s: float) -> str:
    """Run LibreOffice in a session of its own, so a timeout can stop every process it started."""
    env = {**os.environ, "HOME": str(home), "SAL_USE_VCLPLUGIN": "svp"}
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
        text=True,
    )
    try:
        _, error = process.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired as exc:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise CorruptFile(f"LibreOffice did not finish converting within {timeout_s:.0f} s") from exc
    return error or ""


class LegacyOfficeExtractor:
    """Reads Word 97–2003 documents and RTF files through LibreOffice."""

    name: ClassVar[str] = "legacy_office"
    media_types: ClassVar[tuple[str, ...]] = ("application/msword", "application/rtf", "text/rtf")
    suffixes: ClassVar[tuple[str, ...]] = (".doc", ".dot", ".rtf")
    priority: ClassVar[int] = 20

    def sniff(self, data: bytes) -> bool:
        """An OLE2 file holding a Word document (or an encrypted Word 2007+ package), or RTF."""
        if _is_rtf(data):
            return True
        if not data.startswith(OLE2_MAGIC):
            return False
        return _WORD_STREAM in data or _ENCRYPTED_STREAM in data

    def extract(self, data: bytes, name: str, limits: Limits) -> RawDocument:
        """Convert to DOCX with LibreOffice and read the result; ``format`` stays "doc" or "rtf"."""
        check_input(data, limits)
        kind = "rtf" if _is_rtf(data) else "doc"
        if kind == "doc" and _ENCRYPTED_STREAM in data and _WORD_STREAM not in data:
            raise EncryptedFile("password-protected Office document (encrypted package)")
        converted = convert_with_libreoffice(
            data, f".{kind}", "docx", limits.timeout_s, _IMPORT_FILTERS[kind]
        )
        try:
            raw = DocxExtractor().extract(converted, name, limits)
        except EmptyFile as exc:
            raise EmptyFile(f"{kind.upper()} document has no text") from exc
        raw.format = kind
        return raw
