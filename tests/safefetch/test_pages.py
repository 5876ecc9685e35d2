"""Main-text extraction and charset decoding, without any network."""

from __future__ import annotations

import codecs
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safefetch.pages import PageText, decode_body, html_to_text, main_text

NEWS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rates held at 5.25% - The Daily Example</title>
<script>var tracking = {"id": 12345};</script><style>body {font-family: serif}</style></head>
<body>
<header><a href="/">The Daily Example</a><nav><a href="/politics">Politics</a>
<a href="/business">Business</a><a href="/subscribe">Subscribe now</a></nav></header>
<main><article>
<h1>Rates held at 5.25%</h1>
<p class="byline">By A. Reporter, 2 August 2024</p>
<p>The Bank of England kept its main interest rate at 5.25 percent on Thursday, the
sixteenth-year high it first reached last August.</p>
<p>Governor Andrew Bailey said inflation had fallen to 2 percent in May but warned that
"we need to be sure it stays low".</p>
<p>Markets had priced in a 60 percent chance of a cut.</p>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity wedding</a></li>
<li><a href="/b">Football results</a></li></ul></aside>
<footer><p>&copy; 2024 The Daily Example. Cookie settings. Terms.</p></footer>
</body></html>"""


def test_main_text_keeps_the_article_and_drops_boilerplate() -> None:
    page = main_text(NEWS_PAGE, url="https://daily.example/rates")
    assert page.title == "Rates held at 5.25%"
    assert "kept its main interest rate at 5.25 percent" in page.text
    assert '"we need to be sure it stays low"' in page.text
    assert "60 percent chance" in page.text
    for boilerplate in (
        "tracking",
        "font-family",
        "Subscribe now",
        "Celebrity wedding",
        "Cookie settings",
    ):
        assert boilerplate not in page.text


def test_paragraphs_are_separated_by_blank_lines() -> None:
    paragraphs = main_text(NEWS_PAGE).text.split("\n\n")
    assert len(paragraphs) >= 3
    assert any(p.startswith("The Bank of England kept") for p in paragraphs)
    assert all(p == p.strip() and p for p in paragraphs)
    # Line breaks inside a source paragraph are folded into spaces.
    assert any("on Thursday, the sixteenth-year high" in p for p in paragraphs)


def test_short_page_falls_back_to_tag_stripping() -> None:
    page = main_text(
        "<html><head><title>Stub</title></head>"
        "<body><p>Only 3 words</p><div>a<br>b</div></body></html>"
    )
    assert page.title == "Stub"
    assert page.text.split("\n\n")[0] == "Only 3 words"
    assert "a" in page.text and "b" in page.text


def test_html_to_text_drops_scripts_and_keeps_blocks() -> None:
    page = html_to_text(
        "<html><head><title> Spaced   title </title><style>p{}</style></head>"
        "<body><script>alert(1)</script><h2>Head</h2><p>One &amp; two</p>"
        "<ul><li>x</li><li>y</li></ul>"
        "<!-- hidden comment --></body></html>"
    )
    assert page == PageText(title="Spaced title", text="Head\n\nOne & two\n\nx\n\ny")


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "   \n\t ",
        "<<<>>>",
        "\x00\x01\x02 binary-ish",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>xml declared</p></body></html>",
        "<html>" + "<div>" * 3000 + "deep" + "</div>" * 3000 + "</html>",
        "<p>unclosed <b>tags <i>everywhere",
        "plain text with no markup at all",
        "<html><body></body></html>",
        "\ud800 lone surrogate",
    ],
    ids=lambda garbage: repr(garbage[:20]),
)
def test_main_text_never_raises(garbage: str) -> None:
    page = main_text(garbage)
    assert isinstance(page.title, str) and isinstance(page.text, str)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.characters(codec="utf-8") | st.sampled_from(list("<>/=\"' pbdivhtml&;")),
        max_size=400,
    )
)
def test_main_text_never_raises_on_arbitrary_text(markup: str) -> None:
    main_text(markup)


@settings(max_examples=60, deadline=None)
@given(
    st.binary(max_size=400),
    st.sampled_from(["text/html", "text/html; charset=utf-8", "text/plain; charset=koi8-r", ""]),
)
def test_decode_body_never_raises(body: bytes, header: str) -> None:
    assert isinstance(decode_body(body, header), str)


# ------------------------------------------------------------------ decoding

RUSSIAN = "Безработица снизилась до 3,9 процента, заявил министр труда в понедельник."
FRENCH = "Le café coûte 3,9 € à Paris, déclare le ministre — « c\u2019est énorme ». " * 3
JAPANESE = "東京都の失業率は三・九パーセントに低下したと大臣が述べた。"


def test_header_charset() -> None:
    assert decode_body(RUSSIAN.encode("koi8-r"), "text/html; charset=KOI8-R") == RUSSIAN
    assert decode_body(RUSSIAN.encode("koi8-r"), 'text/html; charset="koi8-r"') == RUSSIAN


def test_meta_charset() -> None:
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">'
    html = f"<html><head>{meta}</head><p>{JAPANESE}</p>"
    assert JAPANESE in decode_body(html.encode("shift_jis"), "text/html")
    html5 = f"<meta charset=windows-1251><p>{RUSSIAN}</p>"
    assert RUSSIAN in decode_body(html5.encode("cp1251"), "text/html")


def test_xml_declaration_encoding() -> None:
    xhtml = f'<?xml version="1.0" encoding="ISO-8859-5"?><html><p>{RUSSIAN}</p></html>'
    assert RUSSIAN in decode_body(xhtml.encode("iso-8859-5"), "application/xhtml+xml")


def test_latin1_label_means_windows_1252() -> None:
    assert decode_body(FRENCH.encode("cp1252"), "text/html; charset=ISO-8859-1") == FRENCH


def test_bom_wins_over_a_wrong_header() -> None:
    assert (
        decode_body(codecs.BOM_UTF8 + FRENCH.encode("utf-8"), "text/html; charset=koi8-r") == FRENCH
    )
    assert (
        decode_body(codecs.BOM_UTF16_LE + "ünïcode".encode("utf-16-le"), "text/plain") == "ünïcode"
    )


def test_wrong_header_falls_back_to_what_decodes() -> None:
    assert decode_body(RUSSIAN.encode("utf-8"), "text/html; charset=us-ascii") == RUSSIAN
    assert decode_body(FRENCH.encode("utf-8"), "text/html; charset=no-such-charset") == FRENCH


def test_undeclared_legacy_encodings_are_detected() -> None:
    assert decode_body(f"<p>{FRENCH}</p>".encode("cp1252"), "text/html") == f"<p>{FRENCH}</p>"
    long_russian = f"<p>{RUSSIAN} {RUSSIAN}</p>"
    assert decode_body(long_russian.encode("koi8-r"), "text/html") == long_russian
    japanese = f"<p>{JAPANESE}{JAPANESE}</p>"
    assert decode_body(japanese.encode("shift_jis"), "text/html") == japanese


def test_utf8_is_the_default() -> None:
    assert decode_body("naïve café".encode(), "text/html") == "naïve café"
    assert decode_body(b"", "text/html") == ""


# --- publication dates ------------------------------------------------------------------

_STORY = "<p>" + "The council approved the budget after a long debate on Tuesday. " * 8 + "</p>"


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        (
            "<meta property='article:published_time' content='2014-12-16T18:00:00+05:00'>",
            "",
            datetime(2014, 12, 16, 13, 0, tzinfo=UTC),
        ),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", '
            '"@type": "NewsArticle", "datePublished": "2023-06-09T20:00:00+05:00"}</script>',
            "",
            datetime(2023, 6, 9, 15, 0, tzinfo=UTC),
        ),
        (
            "",
            "<time datetime='2020-10-26T10:00:00Z' class='published'>26 October</time>",
            datetime(2020, 10, 26, 10, 0, tzinfo=UTC),
        ),
        ("", "<p>Published on a day nobody wrote down.</p>", None),
    ],
)
def test_published_at_comes_from_the_markup(head, body, expected):
    html = (
        f"<html><head><title>Budget</title>{head}</head><body><article>{body}{_STORY}"
        "</article></body></html>"
    )
    page = main_text(html)
    assert "council approved the budget" in page.text
    assert page.published_at == expected


def test_a_date_without_a_time_zone_is_read_as_utc():
    html = (
        "<html><head><meta name='date' content='2019-03-04'></head><body><article>"
        f"{_STORY}</article></body></html>"
    )
    published = main_text(html).published_at
    assert published is not None and published.tzinfo is not None
    assert published.date().isoformat() == "2019-03-04"
