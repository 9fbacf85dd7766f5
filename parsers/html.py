"""HTML in, page text out (selectolax's lexbor backend: several times faster than BeautifulSoup).

The content region is chosen by the selectors real disclosure-log pages use (`main`, `[role=main]`,
`article`...); chrome inside it is left to parsers.text, which removes it by wording. Block elements become
lines, table rows become "cell | cell" lines, so the text matches what a person sees on the page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

CONTENT_SELECTORS = ("main", "[role=main]", "#main-content", "#content", "article", ".rich-text", "#main")
_DROP = "script, style, noscript, template, svg, iframe, nav, header, footer, form, button, [hidden], [aria-hidden=true]"
_BLOCKS = (
    "p, div, li, h1, h2, h3, h4, h5, h6, tr, br, table, ul, ol, section, article, dd, dt, blockquote, pre, "
    "address, hr, caption, figcaption, details, summary, main"
)
_DOCUMENT_EXT = re.compile(r"\.(?:pdf|docx?|xlsx?|csv|odt|ods|pptx?|zip|rtf|txt)(?:$|[?#])", re.IGNORECASE)


@dataclass
class HtmlPage:
    text: str
    title: str | None = None
    published: str | None = None  # as printed, e.g. "12 March 2024"
    attachments: list[dict] = field(default_factory=list)


def decode_html(data: bytes, declared_charset: str | None = None) -> str:
    """Bytes to str: the declared charset, else a <meta charset>, else UTF-8, else Windows-1252 (old sites)."""
    candidates = []
    if declared_charset:
        candidates.append(declared_charset)
    m = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", data[:4096], re.IGNORECASE)
    if m:
        candidates.append(m.group(1).decode("ascii", "ignore"))
    candidates += ["utf-8", "cp1252"]
    for enc in candidates:
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


def html_to_page(html: str | bytes, url: str | None = None) -> HtmlPage:
    if isinstance(html, bytes):
        html = decode_html(html)
    tree = LexborHTMLParser(html)
    root = None
    for selector in CONTENT_SELECTORS:
        root = tree.css_first(selector)
        if root is not None:
            break
    if root is None:
        root = tree.body or tree.root
    if root is None:
        return HtmlPage(text="")
    h1 = root.css_first("h1") or tree.css_first("h1")
    title = " ".join(h1.text().split()) if h1 is not None else None
    if not title:
        t = tree.css_first("title")
        title = " ".join(t.text().split()) if t is not None else None
    attachments = []
    seen = set()
    for a in root.css("a[href]"):
        href = a.attributes.get("href") or ""
        if _DOCUMENT_EXT.search(href) or "/attach/" in href:
            full = urljoin(url, href) if url else href
            if full not in seen:
                seen.add(full)
                attachments.append({"url": full, "name": " ".join(a.text().split()) or full.rsplit("/", 1)[-1]})
    published = None
    time_el = root.css_first("time[datetime]")
    if time_el is not None:
        published = time_el.attributes.get("datetime")
    for node in root.css(_DROP):
        node.decompose()
    for node in root.css("td, th"):
        node.insert_after(" | ")
    for node in root.css(_BLOCKS):
        node.insert_before("\n")
        node.insert_after("\n")
    text = root.text(deep=True, separator="")
    text = re.sub(r"[ \t\u00a0]*\|[ \t\u00a0]*\n", " |\n", text)
    return HtmlPage(text=text, title=title, published=published, attachments=attachments)
