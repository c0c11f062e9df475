"""Files people upload: kept in the data folder under a random folder, with a safe name and a size cap.

The file is written by streaming with a byte cap (nothing over the limit is kept); its name keeps only its last
path part, without control characters or leading dots. It is then read by the ingest service like any other
file, with the same guards (type sniffed from the bytes, archive and XML guards). Uploaded files are never served
back as they came: downloads go out as attachments of a safe type.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from fastapi import UploadFile

from hrdmap.domain.errors import InvalidInput

UPLOADS = "uploads"
CHUNK = 1 << 20
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:]")


class TooLargeUpload(InvalidInput):
    """An upload over the size limit."""


def safe_name(name: str | None) -> str:
    """The last part of an uploaded file's name, without control characters, separators or leading dots."""
    last = re.split(r"[/\\]", name or "")[-1]
    cleaned = _UNSAFE.sub("_", last).lstrip(".").strip()[:200]
    return cleaned or "upload"


def save_upload(home: Path, upload: UploadFile, limit: int) -> Path:
    """Write ``upload`` into ``home/uploads/<random>/<name>``, refusing it past ``limit`` bytes.

    Raises:
        TooLargeUpload: The file is larger than ``limit`` (nothing is kept).
    """
    folder = home / UPLOADS / secrets.token_hex(8)
    folder.mkdir(parents=True, mode=0o700)
    path = folder / safe_name(upload.filename)
    written = 0
    with path.open("xb") as out:
        while chunk := upload.file.read(CHUNK):
            written += len(chunk)
            if written > limit:
                out.close()
                path.unlink()
                folder.rmdir()
                raise TooLargeUpload(f"{safe_name(upload.filename)}: larger than {limit // (1 << 20)} MiB")
            out.write(chunk)
    path.chmod(0o600)
    return path
