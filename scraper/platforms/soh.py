"""police.uk "Single Online Home" (SOH) disclosure logs, whatever their path shape.

Real SOH forces publish under many shapes (../shared/registry/README.md): a tree of index pages under the log's
root, with year and/or month levels or none (`disclosure-log/2025/august/<item>/`, `disclosure2/2022/09---september/
<ref>---<title>/`, `foi/2025/<item>/`, `disclosure-logs/2025-disclosures/<item>/`, `other-information/
previous-foi-requests/<item>/`), per-year sections with no common root (`disclosure-2025/december/<item>/`,
`foi-disclosure-2025/march-2025/<item>/`), and the shared search listing
`/foi-ai/af/accessing-information/published-items/?q=...&page=N` whose results link to items elsewhere under
`/foi-ai/`. The adapter assumes none of them: from the start URL it takes the log's folder, and a folder named
after a year (`disclosure-2025`, `foi-disclosure-2021-22`) makes its sibling years part of the log too. Below
that, a link is an index page when its last segment is a year, month or section level, else an item; a log whose
levels are named freely (category pages) says how deep its items sit with `item_depth`.
Only links inside `<main>` count, so site navigation, the cookie banner and the footer are never followed.
Registry options: `path_prefix` (or `prefixes`) to widen/narrow the crawl boundary, `start_urls` for more roots
(older year sections nothing links to), `item_depth`, `item_prefixes` for where a search listing's items live,
`listing: search` to force the search shape.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from scraper.platforms.base import Discovery, Platform, SelectorError, absolute, html_tree, select_one, site_host

MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}
_YEAR = r"(?:19|20)\d\d"
_MONTH = "(?:" + "|".join(sorted(MONTHS)) + ")"
# Index levels of a log tree: "2023", "2023-24", "2025-disclosures", "january", "october-2023", "09---september",
# "disclosure-log", "disclosure-2023", "foi-disclosure-2021-22".
_INDEX_SEGMENT = re.compile(
    rf"^(?:{_YEAR}(?:-\d\d(?:\d\d)?)?(?:-disclosures)?|(?:foi-)?disclosures?(?:-logs?)?(?:-{_YEAR}(?:-\d\d)?)?"
    rf"|(?:\d\d---)?{_MONTH}(?:-{_YEAR})?)$"
)
# A log folder named after its year ("disclosure-2025", "foi-disclosure-2021-22"): its siblings are other years.
_YEAR_IN_SECTION = re.compile(rf"{_YEAR}(?:-\d\d)?")
MAIN = "main#main-content, main"
NEXT_LINK = "a[rel~=next]"


def path_prefix(path: str) -> str:
    """The folder a start page sits in: '/a/b/' stays, '/a/b/index.html' gives '/a/b/'."""
    return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"


def _query_without_page(url: str) -> list[tuple[str, str]]:
    return sorted((k, v) for k, v in parse_qsl(urlsplit(url).query) if k != "page")


def is_index_segment(segment: str) -> bool:
    """Year, month and 'disclosure-…' folders are index levels of the log tree; anything else is an item."""
    return bool(_INDEX_SEGMENT.match(segment.lower()))


def year_sections(path: str) -> tuple[str, re.Pattern] | None:
    """For a log root named after a year ('/foi-ai/f/disclosure-2025/'): its parent folder and the pattern its
    sibling year sections match. None for any other root."""
    parent, _, last = path.rstrip("/").rpartition("/")
    if not _YEAR_IN_SECTION.search(last):
        return None
    pattern = re.escape(last)
    pattern = re.sub(r"(?:19|20)\d\d(?:\\-\d\d)?", lambda _: _YEAR_IN_SECTION.pattern, pattern, count=1)
    return parent + "/", re.compile(f"^{pattern}$", re.IGNORECASE)


def canonical_item(url: str) -> str:
    """One URL per item however a page links it: no query, and the trailing slash SOH item folders have."""
    parts = urlsplit(url)
    path = parts.path
    if not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        path += "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


class SOH(Platform):
    name = "soh"

    def __init__(self, source):
        super().__init__(source)
        start = urlsplit(source.url)
        self.host = site_host(source.url)
        self.search = "published-items" in start.path or self.options.get("listing") == "search"
        self.listing_path = start.path
        self.listing_query = _query_without_page(source.url)
        prefix = self.options.get("path_prefix") or self.options.get("prefix")
        # A root named after its year widens to its sibling years: (their folder, the pattern they match).
        self.sections = (None if prefix or self.options.get("prefixes") or self.search
                         else year_sections(start.path))
        self.prefixes = list(self.options.get("prefixes")
                             or [self.sections[0] if self.sections else prefix or path_prefix(start.path)])
        default_item_prefixes = ["/foi-ai/"] if self.search else self.prefixes
        self.item_prefixes = list(self.options.get("item_prefixes") or default_item_prefixes)
        self.item_depth = int(self.options["item_depth"]) if self.options.get("item_depth") else None

    def start_urls(self) -> list[str]:
        return [self.source.url, *[u for u in self.options.get("start_urls") or [] if u != self.source.url]]

    def in_scope(self, url: str) -> bool:
        parts = urlsplit(url)
        return site_host(url) == self.host and parts.path.startswith(tuple(self.prefixes + self.item_prefixes))

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
        if self.sections:
            if not segments or not self.sections[1].match(segments[0]):
                return None  # another part of the force's site, not one of the log's year sections
            segments = segments[1:]
        if not segments or "page" in dict(parse_qsl(parts.query)):
            return "index"
        if self.item_depth:
            return "index" if len(segments) < self.item_depth else "item" if len(segments) == self.item_depth else None
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
                found.add_item(canonical_item(target))
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
