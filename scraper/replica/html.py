"""HTML helpers every replica family uses: escaping, paragraphs, paginated listings."""
from __future__ import annotations

from html import escape
from typing import Callable, Iterable

from scraper.replica.site import Page


def paragraphs(lines: Iterable[str]) -> str:
    """One <p> per text line, so HTML -> text gives back the same lines."""
    return "\n".join(f"<p>{escape(line)}</p>" for line in lines)


def page_key(path: str, number: int) -> str:
    """The route of page `number` of an index: page 1 is the bare path, later pages add ?page=N."""
    return path if number == 1 else f"{path}?page={number}"


def pagination_nav(path: str, number: int, count: int) -> str:
    if count <= 1:
        return ""
    links = []
    if number > 1:
        links.append(f'<a class="pagination__link" rel="prev" href="{page_key(path, number - 1)}">Previous</a>')
    for other in range(1, count + 1):
        current = ' aria-current="page"' if other == number else ""
        links.append(f'<a class="pagination__link" href="{page_key(path, other)}"{current}>{other}</a>')
    if number < count:
        links.append(f'<a class="pagination__link" rel="next" href="{page_key(path, number + 1)}">Next</a>')
    return '<nav class="pagination" aria-label="Pagination">' + " ".join(links) + "</nav>"


def paginated(path: str, entries: list[str], page_size: int, frame: Callable[[str, int], str],
              container: tuple[str, str] = ('<ul class="listing">', "</ul>")) -> dict[str, Page]:
    """Split listing entries (HTML fragments) into pages of `page_size`; `frame(listing_html, page_number)`
    wraps each page's listing (inside `container`, then its pagination links) into a whole document."""
    chunks = [entries[start:start + page_size] for start in range(0, len(entries), page_size)] or [[]]
    pages = {}
    opening, closing = container
    for number, chunk in enumerate(chunks, start=1):
        listing = f"{opening}\n" + "\n".join(chunk) + f"\n{closing}\n" + pagination_nav(path, number, len(chunks))
        pages[page_key(path, number)] = Page(frame(listing, number).encode("utf-8"))
    return pages


def link_entry(href: str, text: str, extra: str = "") -> str:
    return f'<li class="listing__item"><a href="{escape(href)}">{escape(text)}</a>{extra}</li>'
