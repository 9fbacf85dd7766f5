"""What a replica site is made of: plain data, no HTTP.

A Site is one publishing body on one platform family; its items are the responses it publishes. The family
module (soh, index_page, wdtk) turns a Site into pages; the server only serves those pages.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]


@dataclass(frozen=True)
class Attachment:
    name: str               # file name as linked, e.g. "stop-search-2023.xlsx"
    content_type: str
    data: bytes


@dataclass
class Item:
    """One published response."""
    slug: str                          # last URL segment
    title: str
    published: dt.date
    text: str                          # the response text, one line per block, no page chrome
    reference: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    source_file: Path | None = None    # the text file it came from (samples or ../shared)
    document: str | None = None        # index_page family: "pdf" | "pdf-table" | "docx" | None (an HTML page)
    status: str | None = None          # wdtk family: the requester's classification (described_state)

    @property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]


@dataclass
class Site:
    """One replica site. `prefix` is the path every log page and item lives under (the crawl boundary)."""
    slug: str
    name: str
    kind: str                          # force | pcc | ...
    platform: str                      # soh | index_page | wdtk
    prefix: str
    items: list[Item]
    start_path: str                    # the log's start page (the registry's url)
    layout: dict = field(default_factory=dict)     # family-specific URL templates and switches
    options: dict = field(default_factory=dict)    # registry options handed to the crawler's adapter
    page_size: int = 10
    registry_extra: dict = field(default_factory=dict)  # top-level registry keys, e.g. wdtk_body

    def items_newest_first(self) -> list[Item]:
        return sorted(self.items, key=lambda item: (item.published, item.slug), reverse=True)


# Category pages some logs file their responses under (the SOH "category" shape, a force's own site).
CATEGORIES = ("crime-and-operations", "finance-and-contracts", "people-and-workforce")


def category_of(item: Item) -> str:
    """Which category page lists an item (stable across runs)."""
    return CATEGORIES[sum(map(ord, item.slug)) % len(CATEGORIES)]


def slugify(text: str, limit: int = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "item"


def long_date(day: dt.date) -> str:
    """'12 March 2024', the style SOH prints after 'Published:'."""
    return f"{day.day} {day.strftime('%B %Y')}"


@dataclass(frozen=True)
class Page:
    """One response the server can give: body bytes plus the headers that describe them."""
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
