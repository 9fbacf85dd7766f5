"""police.uk "Single Online Home" (SOH) disclosure logs.

Two shapes exist:
* a tree of index pages under the log's path prefix, log -> year -> month -> items, each index page possibly
  paginated (`?page=2`, a "Next" link), e.g. `/foi-ai/<force>/disclosure-log/2023/january/<item>/` or
  `/foi-ai/<force>/disclosure-2023/january/<item>/`;
* the Met's search listing, `/foi-ai/af/accessing-information/published-items/?q=...&page=N`, whose
  results link to items elsewhere under `/foi-ai/`.
Only links inside `<main>` count, so site navigation, the cookie banner and the footer are never followed.
Registry options: `path_prefix` (or `prefixes`) to widen/narrow the crawl boundary, `item_prefixes` for where a
search listing's items live, `listing: search` to force the search shape.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from scraper.platforms.base import Discovery, Platform, SelectorError, absolute, html_tree, select_one

MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}
# Index levels of a log tree: "2023", "2023-24", "january", "october-2023", "disclosure-log", "disclosure-2023",
# "foi-disclosure-2023".
_YEAR = r"(?:19|20)\d\d"
_INDEX_SEGMENT = re.compile(
    rf"^(?:{_YEAR}(?:-\d\d(?:\d\d)?)?|(?:foi-)?disclosures?(?:-log)?(?:-{_YEAR})?|(?:{'|'.join(MONTHS)})(?:-{_YEAR})?)$"
)
MAIN = "main#main-content, main"
NEXT_LINK = "a[rel~=next]"


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower().removeprefix("www.")


def path_prefix(path: str) -> str:
    """The folder a start page sits in: '/a/b/' stays, '/a/b/index.html' gives '/a/b/'."""
    return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"


def _query_without_page(url: str) -> list[tuple[str, str]]:
    return sorted((k, v) for k, v in parse_qsl(urlsplit(url).query) if k != "page")


def is_index_segment(segment: str) -> bool:
    """Year, month and 'disclosure-…' folders are index levels of the log tree; anything else is an item."""
    return bool(_INDEX_SEGMENT.match(segment.lower()))


class SOH(Platform):
    name = "soh"

    def __init__(self, source):
        super().__init__(source)
        start = urlsplit(source.url)
        self.host = _host(source.url)
        self.search = "published-items" in start.path or self.options.get("listing") == "search"
        self.listing_path = start.path
        self.listing_query = _query_without_page(source.url)
        prefix = self.options.get("path_prefix") or self.options.get("prefix") or path_prefix(start.path)
        self.prefixes = list(self.options.get("prefixes") or [prefix])
        default_item_prefixes = ["/foi-ai/"] if self.search else self.prefixes
        self.item_prefixes = list(self.options.get("item_prefixes") or default_item_prefixes)

    def in_scope(self, url: str) -> bool:
        parts = urlsplit(url)
        return _host(url) == self.host and parts.path.startswith(tuple(self.prefixes + self.item_prefixes))

    def page_kind(self, url: str) -> str | None:
        """'index', 'item', or None for a link this log does not own (or a listing we must not widen)."""
        if not self.in_scope(url):
            return None
        parts = urlsplit(url)
        if self.search:
            if parts.path == self.listing_path:
                # Only paginate the configured query: facet and filter links would widen the crawl endlessly.
                return "index" if _query_without_page(url) == self.listing_query else None
            return "item" if parts.path.startswith(tuple(self.item_prefixes)) else None
        prefix = max((p for p in self.prefixes if parts.path.startswith(p)), key=len, default=None)
        if prefix is None:
            return "item"
        segments = [s for s in parts.path[len(prefix):].split("/") if s]
        if not segments or "page" in dict(parse_qsl(parts.query)):
            return "index"
        return "index" if is_index_segment(segments[-1]) else "item"

    def discover(self, url: str, content: bytes) -> Discovery:
        tree = html_tree(content)
        main = select_one(tree, "main content", MAIN, url)
        found = Discovery()
        for link in main.css("a[href]"):
            target = absolute(url, link.attributes.get("href"))
            if target is None or target == url:
                continue
            kind = self.page_kind(target)
            if kind == "item":
                found.add_item(target)
            elif kind == "index":
                found.add_index(target)
        next_page = self.next_page(url, tree)
        if next_page:
            found.add_index(next_page)
        if not found.items and not found.indexes:
            # An index page that leads nowhere means the listing markup changed: say which selector broke.
            raise SelectorError("log listing links", f"{MAIN} a[href] inside {self.prefixes}", url)
        return found

    def next_page(self, url: str, tree) -> str | None:
        labelled_next = [a for a in tree.css("a[href]") if a.text(strip=True).lower().startswith("next")]
        for link in tree.css(NEXT_LINK) + labelled_next:
            target = absolute(url, link.attributes.get("href"))
            if target and target != url and self.page_kind(target) == "index":
                return target
        return None


ADAPTER = SOH
