"""Turning a file or fetched body into article text: size cap, binary and encoding checks, HTML.

Shared by the ``ingest_article`` and ``extract_claims`` commands so both refuse bad input
with the same clear message instead of a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_HTML_SNIFF = re.compile(rb"<!doctype html|<html[\s>]|<body[\s>]|<article[\s>]|<p[\s>]", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class DocumentError(ValueError):
    """Input that cannot become article text; the message is shown to the user as is."""


@dataclass(frozen=True)
class Document:
    title: str
    text: str
    is_html: bool


def read_document(path: Path | str, *, max_bytes: int) -> Document:
    """Read a UTF-8 text or HTML file, refusing what is empty, binary, not UTF-8 or too big."""
    path = Path(path)
    if not path.exists():
        raise DocumentError(f"{path}: no such file")
    if not path.is_file():
        raise DocumentError(f"{path}: not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise DocumentError(f"{path}: file is {size:,} bytes; the limit is {max_bytes:,} bytes")
    with path.open("rb") as handle:
        body = handle.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise DocumentError(f"{path}: file is larger than the limit of {max_bytes:,} bytes")
    return document_from_bytes(body, name=str(path))


def document_from_bytes(body: bytes, *, name: str, content_type: str = "") -> Document:
    """Decode and classify a body; HTML goes through main-text extraction."""
    if not body.strip():
        raise DocumentError(f"{name}: the file is empty")
    if b"\x00" in body[:8192]:
        raise DocumentError(f"{name}: looks like a binary file, not text or HTML")
    try:
        decoded = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{name}: not valid UTF-8 (byte {exc.start}); convert it to UTF-8 first"
        ) from exc
    is_html = "html" in content_type or bool(_HTML_SNIFF.search(body[:4096]))
    if is_html:
        from safefetch.pages import main_text

        page = main_text(decoded)
        text, title = page.text, page.title
    else:
        text, title = decoded, ""
    text = normalise_text(text)
    if not text:
        raise DocumentError(f"{name}: no readable text found")
    return Document(title=title, text=text, is_html=is_html)


def normalise_text(text: str) -> str:
    """Unify line endings and drop control characters, so offsets and hashes are stable."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def title_from_text(text: str, *, limit: int = 200) -> str:
    """A fallback title: the first non-empty line, shortened at a word boundary."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            if len(line) <= limit:
                return line
            return line[:limit].rsplit(" ", 1)[0] + "…"
    return "Untitled article"
