"""What every platform adapter answers about a log, and the loud selector helper they share.

An adapter knows one publishing platform's page shapes: where a log starts, which URLs belong to it, and,
given a fetched index page, which links are items, which are further index pages and where the next page
is. It never fetches anything itself: the pipeline fetches, archives and parses; the adapter only reads.
"""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode


class SelectorError(Exception):
    """A page no longer matches the shape the adapter expects; the message names the selector."""

    def __init__(self, name: str, css: str, url: str | None):
        super().__init__(f"selector {name!r} ({css}) matched nothing on {url or 'the page'}")
        self.selector = name
        self.url = url


def select(tree: LexborHTMLParser | LexborNode, name: str, css: str, url: str | None = None) -> list[LexborNode]:
    """All matches for css; raises SelectorError naming the selector when there are none."""
    found = tree.css(css)
    if not found:
        raise SelectorError(name, css, url)
    return found


def select_one(tree: LexborHTMLParser | LexborNode, name: str, css: str, url: str | None = None) -> LexborNode:
    return select(tree, name, css, url)[0]


def absolute(base_url: str, href: str | None) -> str | None:
    """href resolved against the page, fragment dropped; None for mailto:, javascript: and the like."""
    if not href:
        return None
    url, _ = urldefrag(urljoin(base_url, href.strip()))
    return url if urlsplit(url).scheme in ("http", "https") else None


def site_host(url: str) -> str:
    """A URL's host as a site is known: lower case, without "www." (logs link both, e.g. spa.police.uk)."""
    return urlsplit(url).netloc.lower().removeprefix("www.")


def html_tree(content: bytes | str) -> LexborHTMLParser:
    if isinstance(content, bytes):
        # The same decoding as item pages: listing titles beside the links are stored, so a cp1252 log
        # page must not turn its curly quotes and pound signs into replacement characters.
        from parsers.html import decode_html

        content = decode_html(content)
    return LexborHTMLParser(content)


@dataclass
class Discovery:
    """What one index page leads to, in page order, without duplicates."""

    items: list[str] = field(default_factory=list)
    indexes: list[str] = field(default_factory=list)
    # What the log page says beside an item's link ({"title", "date", "reference"}), for fields the item lacks.
    listings: dict[str, dict] = field(default_factory=dict)

    def add_item(self, url: str, listing: dict | None = None) -> None:
        if url not in self.items:
            self.items.append(url)
        if listing and url not in self.listings:
            self.listings[url] = {key: value for key, value in listing.items() if value}

    def add_index(self, url: str) -> None:
        if url not in self.indexes:
            self.indexes.append(url)


class Platform:
    """Base adapter. Subclasses set `name` and implement discover()."""

    name = "base"

    def __init__(self, source):
        self.source = source
        self.options = dict(source.options or {})

    def start_urls(self) -> list[str]:
        return [self.source.url]

    def in_scope(self, url: str) -> bool:
        """Whether a URL belongs to this source's log at all (host and path prefix)."""
        raise NotImplementedError

    def discover(self, url: str, content: bytes) -> Discovery:
        """Read an index page: the item pages it lists and the index pages (incl. next page) it leads to."""
        raise NotImplementedError


def platform_for(source) -> Platform:
    """The adapter for a source's platform: module scraper/platforms/<platform>.py exposes `ADAPTER`.

    A force is data, a platform is code: adding a platform is adding a module, with no registry to edit.
    """
    try:
        module = importlib.import_module(f"scraper.platforms.{source.platform}")
    except ModuleNotFoundError:
        raise ValueError(f"{source.slug}: no crawler for platform {source.platform!r} yet") from None
    return module.ADAPTER(source)


_MONTH_NUMBERS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"], start=1)}
# Matched on the raw markup rather than a parsed tree: reparse calls this for every page and a second HTML
# parse would cost as much as the rest of the crawler's share. Tags between label and date are skipped.
_PUBLISHED = re.compile(r"Published:?\s*(?:<[^>]*>\s*)*(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})")
_TIME_DATETIME = re.compile(r"<time[^>]*\sdatetime=[\"']?(\d{4}-\d\d-\d\d)")


def published_on(content: bytes | str) -> str | None:
    """The ISO date a page says it was published: a <time datetime>, else a 'Published: 12 March 2024' line.
    None when the page does not say (the record's response date is the fallback)."""
    text = content.decode("latin-1") if isinstance(content, bytes) else content  # dates are ASCII either way
    stamp = _TIME_DATETIME.search(text)
    if stamp:
        return stamp.group(1)
    found = _PUBLISHED.search(text)
    if found and found.group(2).lower() in _MONTH_NUMBERS:
        day, month, year = int(found.group(1)), _MONTH_NUMBERS[found.group(2).lower()], int(found.group(3))
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None
