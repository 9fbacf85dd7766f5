"""`foilog sources --check`: is each registry entry's log still where sources.yml says?

For every source the adapter's first start URL is fetched through the one HTTP client (robots.txt and per-host
delays respected, nothing archived or stored), then read as the crawl would read it: a few index pages are
followed until one item turns up. Each source gets one verdict:
    reachable    the start URL answers and leads to items
    redirected   it answers from another URL (say where): update sources.yml; a failure if that is no log
    not found    404 or 410
    not a log    it answers but no item is discovered (the page changed, or the URL was never the log)
    unreachable  no answer, an HTTP error, or robots.txt forbids it
    skipped      nothing to fetch (platform none, or a contradicted URL)
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace

from scraper.http import Client, FetchResult
from scraper.platforms.base import platform_for

# Index pages read per source before giving up on finding an item: a log tree is root -> year -> month -> items.
MAX_INDEX_PAGES = 4
FAILED = ("not found", "not a log", "unreachable")


@dataclass(frozen=True)
class CheckResult:
    slug: str
    url: str
    verdict: str
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.verdict in FAILED or (self.verdict == "redirected" and "not a log" in self.detail)


def _first_item(adapter, result: FetchResult, client: Client, delay: float) -> tuple[str | None, str]:
    """The first item the log leads to from an already fetched start page, and why none when there is none."""
    queue, pages, problem = deque([result]), 0, "no item links"
    seen = {result.final_url}
    while queue and pages < MAX_INDEX_PAGES:
        page = queue.popleft()
        pages += 1
        try:
            found = adapter.discover(page.final_url, page.content)
        except Exception as exc:  # a changed page: the adapter names the selector that found nothing
            problem = str(exc)
            continue
        items = [url for url in found.items if client.allowed(url)]  # a search page robots.txt forbids is no item
        if items:
            return items[0], ""
        for url in found.indexes:
            if url not in seen and len(seen) < MAX_INDEX_PAGES:
                seen.add(url)
                next_page = client.fetch(url, delay=delay)
                if next_page.ok:
                    queue.append(next_page)
    return None, f"{problem} (read {pages} index page{'s' if pages != 1 else ''})"


def check_source(source, client: Client) -> CheckResult:
    if not source.crawlable:
        why = "contradicted URL, not crawled" if source.url_status == "contradicted" else f"platform {source.platform}"
        return CheckResult(source.slug, source.url or "-", "skipped", why)
    adapter = platform_for(source)
    url = adapter.start_urls()[0]
    result = client.fetch(url, delay=source.delay)
    if result.status in (404, 410):
        return CheckResult(source.slug, url, "not found", f"HTTP {result.status}")
    if not result.ok:
        return CheckResult(source.slug, url, "unreachable", result.error or f"HTTP {result.status}")
    redirected = result.final_url != url
    if redirected:  # read the page where it now lives, as if the registry said so
        adapter = platform_for(replace(source, url=result.final_url))
    item, problem = _first_item(adapter, result, client, source.delay)
    if redirected:
        found = f"a log (first item {item})" if item else f"not a log: {problem}"
        return CheckResult(source.slug, url, "redirected", f"to {result.final_url}, {found}")
    if item is None:
        return CheckResult(source.slug, url, "not a log", problem)
    return CheckResult(source.slug, url, "reachable", f"first item {item}")


def check_sources(sources, client: Client, on_result=None) -> list[CheckResult]:
    results = []
    for source in sources:
        result = check_source(source, client)
        if on_result:
            on_result(result)
        results.append(result)
    return results
