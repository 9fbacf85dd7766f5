"""Replica sites built at test time from the real texts in ../shared (read in place, never copied).

The texts are page text as the real site showed it; the chrome lines at the top are stripped here and the
replica adds its own chrome as HTML, so a crawl sees the real response inside a real-shaped page.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from scraper.replica.site import MONTHS, Item, Site, slugify
from scraper.replica.soh import CHROME_LINES, soh_site

# Lines that are page furniture when they head a real text (some pages show only part of the chrome).
_CHROME_PREFIXES = frozenset(CHROME_LINES) | {"Leave this site", "Skip to content"}
_URL_DATE = re.compile(r"/(?:disclosure-\d{4}/)?(" + "|".join(MONTHS) + r")-(\d{4})/|/(\d{4})/(" + "|".join(MONTHS) + r")/")


def strip_chrome(text: str) -> str:
    lines = text.splitlines()
    while lines and (not lines[0].strip() or lines[0].strip() in _CHROME_PREFIXES):
        lines.pop(0)
    return "\n".join(lines)


def has_soh_chrome(path: Path) -> bool:
    """True when a text file starts with the SOH cookie banner (so it was an SOH page)."""
    head = path.read_text(encoding="utf-8").splitlines()[:8]
    return CHROME_LINES[1] in head


def files_with_soh_chrome(directory: Path) -> list[Path]:
    return sorted(path for path in directory.glob("*.txt") if has_soh_chrome(path))


def _source_urls(directory: Path) -> dict[str, str]:
    sources = directory / "SOURCES.tsv"
    if not sources.exists():
        return {}
    with sources.open(encoding="utf-8") as handle:
        return {row["file"]: row["url"] for row in csv.DictReader(handle, delimiter="\t")}


def _date_from_url(url: str) -> dt.date | None:
    match = _URL_DATE.search(url)
    if not match:
        return None
    month, year = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    return dt.date(int(year), MONTHS.index(month) + 1, 1)


def shared_item(path: Path, position: int, url: str | None = None) -> Item:
    """One real text as an item. Title and date come from its real URL when SOURCES.tsv gives one;
    otherwise the title is its first line and the dates are spread over months so the tree has branches."""
    text = strip_chrome(path.read_text(encoding="utf-8"))
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), path.stem)
    url_slug = url.rstrip("/").rsplit("/", 1)[-1] if url else ""
    title = url_slug.replace("-", " ").strip().capitalize() if url_slug and "?" not in url_slug else first_line[:90]
    published = (url and _date_from_url(url)) or dt.date(2023, 1, 16) + dt.timedelta(days=37 * position)
    return Item(slug=slugify(path.stem), title=title, published=published, text=text, source_file=path)


def shared_items(paths: list[Path]) -> list[Item]:
    """The given real texts as items; item.source_file maps each back to its labels."""
    return [shared_item(path, position, _source_urls(path.parent).get(path.name))
            for position, path in enumerate(sorted(paths))]


def shared_corpus_site(paths: list[Path], *, slug: str = "shared-soh", name: str = "Shared corpus replica",
                       family: str = "soh", pattern: str = "year-month", page_size: int = 10) -> Site:
    """A replica site whose items are the given real texts, rendered at test time. `family`:
    "soh" (pages in SOH chrome, URL `pattern`), "pdf" / "docx" (a PCC log of documents; "pdf-table" turns the
    text into a two-column table where lines alternate), "aspx" (an .aspx force log) or "wdtk"."""
    from scraper.replica.index_page import index_page_site
    from scraper.replica.wdtk import wdtk_site

    items = shared_items(paths)
    if family == "soh":
        return soh_site(slug, name, items, pattern=pattern, page_size=page_size)
    if family in ("pdf", "docx"):
        for item in items:
            item.document = family
        return index_page_site(slug, name, items, shape="wordpress", page_size=page_size)
    if family == "aspx":
        return index_page_site(slug, name, items, shape="aspx", kind="force", page_size=page_size)
    if family == "wdtk":
        return wdtk_site(slug, name, slug.replace("-", "_"), items, page_size=page_size)
    raise ValueError(f"unknown family {family!r}")
