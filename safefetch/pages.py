"""Turning a fetched body into the text a reviewer quotes from.

Two steps, kept separate so each can be tested on its own:

* :func:`decode_body` picks the character set the way a browser would (byte-order mark,
  then the HTTP header, then ``<meta>``), and falls back to detection because many older
  news sites still serve windows-1252, Shift_JIS or KOI8-R without saying so;
* :func:`main_text` keeps the article and drops navigation, ads and footers with
  trafilatura, tuned for recall (losing a sentence that holds the figure is worse than
  keeping a stray caption), and falls back to plain tag stripping when trafilatura finds
  nothing. Paragraphs are separated by blank lines so quotes can be located by paragraph.
  The page is parsed once: the title and the publication date are read from the same
  tree before trafilatura prunes it, and trafilatura's slower paths (its own metadata
  pass, the readability/justext comparison) only run when the fast pass finds no text.

Neither function raises on garbage input: a broken page yields empty or best-effort text.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime

import charset_normalizer
import lxml.html
import trafilatura
from htmldate import find_date
from lxml import etree
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title

__all__ = ["PageText", "decode_body", "html_to_text", "main_text", "published_at"]

logger = logging.getLogger(__name__)

# WHATWG maps these labels to windows-1252, a strict superset that browsers actually use.
_LATIN1_ALIASES = frozenset({"iso8859-1", "latin-1", "ascii", "us-ascii", "iso-8859-1", "latin1"})

_HEADER_CHARSET_RE = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:+-]+)""", re.IGNORECASE)
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]+)""", re.IGNORECASE
)
_XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:+-]+)""")
_XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_DROPPED_TAGS = ("script", "style", "noscript", "template", "svg", "head", "iframe", "object")
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td",
        "th", "tr", "ul",
    }
)  # fmt: skip
_PARAGRAPH_MARK = "\u2029"
_HTML_PARSER = lxml.html.HTMLParser(huge_tree=True, remove_comments=True)
_CONTROL_CHARS_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class PageText:
    """Title and main text of a page; ``text`` paragraphs are separated by blank lines.

    ``published_at`` is the publication date the page states in its markup, if any.
    """

    title: str
    text: str
    published_at: datetime | None = None


def _codec(label: str | bytes | None) -> str | None:
    """Normalise a charset label to a Python codec name, or None if unknown."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    label = label.strip().strip("\"'").lower()
    if label in _LATIN1_ALIASES:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A page cannot really be UTF-16 if it declared so in an ASCII-readable <meta>.
    return "cp1252" if name == "latin-1" else name


def _try_decode(body: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_body(body: bytes, content_type_header: str) -> str:
    """Decode ``body`` to text, trying in order: BOM, header charset, ``<meta>``/XML
    declaration, strict UTF-8, charset-normalizer detection, and finally windows-1252
    with replacement characters (which always succeeds).

    A declared charset is only trusted when the bytes decode under it without errors;
    mislabelled pages are common and a wrong guess would corrupt every quote.
    """
    if not body:
        return ""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            decoded = _try_decode(body, codec)
            if decoded is not None:
                return decoded.lstrip("\ufeff")
    head = body[:4096]
    candidates: list[str | None] = []
    header_match = _HEADER_CHARSET_RE.search(content_type_header or "")
    if header_match:
        candidates.append(_codec(header_match.group(1)))
    meta_match = _META_CHARSET_RE.search(head) or _XML_ENCODING_RE.search(head)
    if meta_match:
        meta_codec = _codec(meta_match.group(1))
        # An ASCII-compatible <meta> cannot truthfully declare UTF-16/32.
        if meta_codec and not meta_codec.startswith(("utf-16", "utf-32")):
            candidates.append(meta_codec)
    candidates.append("utf-8")
    for candidate in candidates:
        decoded = _try_decode(body, candidate)
        if decoded is not None:
            return decoded
    detected = _detect(body)
    if detected is not None:
        return detected
    return body.decode("cp1252", errors="replace")


def _detect(body: bytes) -> str | None:
    """Decode with charset-normalizer's best guess.

    Short Western texts often score the same under cp1250, cp1252 and cp1257; browsers
    assume windows-1252 for unlabelled legacy pages, so it wins such ties.
    """
    results = charset_normalizer.from_bytes(body)
    best = results.best()
    if best is None or not best.encoding:
        return None
    choice = best.encoding
    for match in results:
        tied = abs(match.chaos - best.chaos) < 0.01 and match.coherence >= best.coherence - 0.05
        if tied and "cp1252" in match.could_be_from_charset:
            choice = "cp1252"
            break
    return _try_decode(body, choice) or _try_decode(body, best.encoding)


def _paragraphs(lines: list[str]) -> str:
    """Join extracted lines into paragraphs separated by blank lines.

    Consecutive list items stay together in one block so a list reads as one unit.
    """
    blocks: list[str] = []
    for raw in lines:
        line = re.sub(r"[ \t\u00a0]+", " ", _CONTROL_CHARS_RE.sub(" ", raw)).strip()
        if not line:
            continue
        if blocks and line.startswith("- ") and blocks[-1].split("\n")[-1].startswith("- "):
            blocks[-1] += "\n" + line
        else:
            blocks.append(line)
    return "\n\n".join(blocks)


def _parse_html(html: str) -> lxml.html.HtmlElement | None:
    cleaned = _XML_DECLARATION_RE.sub("", html, count=1).replace("\x00", "")
    if not cleaned.strip():
        return None
    try:
        return lxml.html.document_fromstring(cleaned, parser=_HTML_PARSER)
    except (etree.ParserError, ValueError, TypeError):
        return None


def _title_of(tree: lxml.html.HtmlElement | None) -> str:
    if tree is None:
        return ""
    for element in tree.iter("title"):
        return " ".join((element.text_content() or "").split())
    return ""


def html_to_text(html: str) -> PageText:
    """Plain tag stripping: every block element becomes its own paragraph.

    Used when trafilatura finds no main content (very short pages, odd layouts); it keeps
    everything visible, boilerplate included.
    """
    tree = _parse_html(html)
    if tree is None:
        return PageText(title="", text="")
    title = _title_of(tree)
    for element in list(tree.iter(*_DROPPED_TAGS)):
        parent = element.getparent()
        if parent is not None:
            element.drop_tree()
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = _PARAGRAPH_MARK + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = _PARAGRAPH_MARK + (element.text or "")
    text = tree.text_content()
    return PageText(title=title, text=_paragraphs(text.replace("\n", " ").split(_PARAGRAPH_MARK)))


_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_EXTRACTION_OPTIONS = {
    "favor_recall": True,
    "include_comments": False,
    "include_tables": True,
    "with_metadata": False,
}


def published_at(tree: lxml.html.HtmlElement) -> datetime | None:
    """The publication date a page states in its markup, or None.

    htmldate without its extensive search reads what the page declares (JSON-LD
    ``datePublished``, ``article:published_time`` and similar ``<meta>``, ``<time
    datetime>``, ``<abbr>`` dates), preferring the original date to a later update; it
    never guesses from the text. A date without a time zone is read as UTC.
    """
    try:
        found = find_date(
            tree, extensive_search=False, original_date=True, outputformat=_DATE_FORMAT
        )
    except Exception:  # htmldate on odd markup: no date is the honest answer
        logger.debug("date detection failed", exc_info=True)
        return None
    if not found:
        return None
    for layout in (_DATE_FORMAT, "%Y-%m-%dT%H:%M:%S"):
        try:
            value = datetime.strptime(found, layout)
        except ValueError:
            continue
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return None


def _metadata_title(tree: lxml.html.HtmlElement) -> str:
    """The title trafilatura's metadata pass would give (og/meta, JSON-LD, then <title>)."""
    try:
        metadata = examine_meta(tree)
        if not metadata.title:
            metadata = extract_meta_json(tree, metadata)
        title = metadata.title or extract_title(tree) or ""
    except Exception:  # a metadata quirk must not cost the page its text
        logger.debug("title detection failed", exc_info=True)
        title = _title_of(tree)
    return " ".join(title.split())


def _trafilatura_text(source: str | lxml.html.HtmlElement, url: str | None, fast: bool) -> str:
    try:
        document = trafilatura.bare_extraction(source, url=url, fast=fast, **_EXTRACTION_OPTIONS)  # type: ignore[arg-type]
    except Exception:  # trafilatura can fail on pathological markup; fall back, never crash
        logger.debug("trafilatura failed on %s", url or "a page", exc_info=True)
        return ""
    return getattr(document, "text", None) or ""


def main_text(html: str, *, url: str | None = None) -> PageText:
    """Extract the title, main text and publication date of an HTML page. Never raises.

    One lxml parse serves the title, the date and trafilatura's fast pass (which prunes
    the tree, so it runs last). Only when that finds no text does trafilatura run again
    with its fallback extractors, and after that plain tag stripping.
    """
    if not html or not html.strip():
        return PageText(title="", text="")
    tree = _parse_html(html)
    if tree is None:
        return PageText(title="", text="")
    title = _metadata_title(tree)
    date = published_at(tree)
    text = _trafilatura_text(tree, url, fast=True)
    if not text.strip():
        text = _trafilatura_text(html, url, fast=False)
    if text.strip():
        return PageText(title=title, text=_paragraphs(text.splitlines()), published_at=date)
    try:
        fallback = html_to_text(html)
    except Exception:  # lxml on hostile input: an empty text is the honest answer
        logger.debug("tag stripping failed on %s", url or "a page", exc_info=True)
        return PageText(title=title, text="", published_at=date)
    return PageText(title=title or fallback.title, text=fallback.text, published_at=date)
