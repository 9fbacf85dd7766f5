"""Index-page logs: a log page (paginated, or one page per year) listing responses as links to HTML pages or to
PDF/DOCX files, often with a title, date and reference beside each link (PCC WordPress/Umbraco sites, the
.aspx logs of forces not on police.uk).

Everything site-specific is registry `options`, so a new log of a known shape is a registry entry:
    path_prefix          index pages live under this path (default: the start page's folder)
    content_selector     where the listing sits (default: main, [role=main], #content, body)
    entry_selector       one element per listed response (e.g. "article.foi-entry", "table.log tbody tr")
    item_link_selector   the response's link inside an entry, or on the page when there are no entries
    item_url_pattern     regex an item URL must match (alone: every matching link is an item, e.g. "\\.pdf$")
    title_selector, date_selector, reference_selector   metadata inside an entry (date: datetime= or text)
    date_format          strptime format of the date text when it is not one parsers.dates reads
    index_link_selector  links to further index pages (year pages); index_url_pattern: the same by regex
    next_selector        the next-page link (default: a[rel~=next])
"""
from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

from scraper.platforms.base import Discovery, Platform, SelectorError, absolute, html_tree, site_host
from scraper.platforms.soh import path_prefix

DEFAULT_CONTENT = "main, [role=main], #content, body"
DEFAULT_NEXT = "a[rel~=next]"


def _text(node) -> str | None:
    text = " ".join(node.text(deep=True).split()) if node is not None else ""
    return text or None


def listing_date(node, date_format: str | None = None) -> str | None:
    """ISO date of a listing's date element: its datetime= attribute, else its text."""
    if node is None:
        return None
    stamp = node.attributes.get("datetime")
    if stamp and re.match(r"\d{4}-\d\d-\d\d", stamp):
        return stamp[:10]
    text = _text(node)
    if not text:
        return None
    if date_format:
        try:
            return datetime.strptime(text, date_format).date().isoformat()
        except ValueError:
            pass
    from parsers.dates import to_iso

    return to_iso(text)


class IndexPage(Platform):
    name = "index_page"

    def __init__(self, source):
        super().__init__(source)
        start = urlsplit(source.url)
        self.host = site_host(source.url)
        self.prefix = self.options.get("path_prefix") or path_prefix(start.path)
        self.item_pattern = re.compile(self.options["item_url_pattern"]) if self.options.get("item_url_pattern") else None
        self.index_pattern = (re.compile(self.options["index_url_pattern"]) if self.options.get("index_url_pattern")
                              else None)
        if not (self.options.get("item_link_selector") or self.options.get("entry_selector") or self.item_pattern):
            raise ValueError(f"{source.slug}: index_page needs item_link_selector, entry_selector or "
                             "item_url_pattern in its options")

    def in_scope(self, url: str) -> bool:
        parts = urlsplit(url)
        return site_host(url) == self.host and parts.path.startswith(self.prefix)

    def _is_item(self, url: str) -> bool:
        return self.item_pattern is None or bool(self.item_pattern.search(url))

    def discover(self, url: str, content: bytes) -> Discovery:
        tree = html_tree(content)
        region = tree.css_first(self.options.get("content_selector") or DEFAULT_CONTENT) or tree.root
        found = Discovery()
        for link, listing in self._item_links(region):
            target = absolute(url, link.attributes.get("href"))
            if target and target != url and self._is_item(target):
                found.add_item(target, listing)
        for target in self._index_links(url, tree, region):
            if target != url and self.in_scope(target) and target not in found.items:
                found.add_index(target)
        if not found.items and not found.indexes:
            wanted = self.options.get("entry_selector") or self.options.get("item_link_selector") or self.item_pattern.pattern
            raise SelectorError("log listing links", wanted, url)
        return found

    def _item_links(self, region):
        """(link node, listing metadata) for every listed response, in page order."""
        options = self.options
        link_css = options.get("item_link_selector") or "a[href]"
        if options.get("entry_selector"):
            for entry in region.css(options["entry_selector"]):
                for link in entry.css(link_css)[:1]:
                    yield link, self._metadata(entry, link)
            return
        for link in region.css(link_css):
            yield link, self._metadata(link.parent, link)

    def _metadata(self, entry, link) -> dict:
        options = self.options

        def inside(css_key: str):
            return entry.css_first(options[css_key]) if options.get(css_key) and entry is not None else None

        title = _text(inside("title_selector")) or _text(link)
        return {"title": title, "date": listing_date(inside("date_selector"), options.get("date_format")),
                "reference": _text(inside("reference_selector"))}

    def _index_links(self, url: str, tree, region) -> list[str]:
        links = list(tree.css(self.options.get("next_selector") or DEFAULT_NEXT))
        if self.options.get("index_link_selector"):
            links += tree.css(self.options["index_link_selector"])
        targets = [absolute(url, link.attributes.get("href")) for link in links]
        if self.index_pattern:
            targets += [t for t in (absolute(url, a.attributes.get("href")) for a in region.css("a[href]"))
                        if t and self.index_pattern.search(t)]
        return [t for t in targets if t]


ADAPTER = IndexPage
