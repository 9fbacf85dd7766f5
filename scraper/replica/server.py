"""One threaded HTTP server on 127.0.0.1 that serves any number of replica sites, with injectable faults.

    with ReplicaServer(sites, faults={"retry_after_503", "not_found"}) as server:
        server.base_url            # "http://127.0.0.1:PORT"
        server.sources()           # registry dicts, one per site
        server.request_log         # [(method, path_with_query, status), ...]
        server.fault_paths         # {"not_found": ["/foi-ai/.../item/"], ...}: which item each fault hit
"""
from __future__ import annotations

import datetime as dt
import hashlib
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import ModuleType
from urllib.parse import parse_qs, urlsplit

from scraper.replica import index_page, soh, wdtk
from scraper.replica.html import page_key
from scraper.replica.site import Item, Page, Site, slugify

# One switch per fault. Each picks one item per site (in this order, never the same item twice).
FAULTS = ("retry_after_503", "not_found", "cp1252", "broken_markup", "server_error")
_CP1252_FLAVOUR = set("‘’“”£–")


# Each family module offers item_path(site, item), render(site, base_url, variants), supported_variants(site).
FAMILIES: dict[str, ModuleType] = {"soh": soh, "index_page": index_page, "wdtk": wdtk}


class ReplicaServer:
    def __init__(self, sites: list[Site], faults: frozenset[str] | set[str] = frozenset(),
                 crawl_delay: float | None = None):
        unknown = set(faults) - set(FAULTS)
        if unknown:
            raise ValueError(f"unknown faults {sorted(unknown)}; known: {FAULTS}")
        slugs = [site.slug for site in sites]
        if len(set(slugs)) != len(slugs):
            raise ValueError(f"duplicate site slugs in {slugs}")
        self.sites = {site.slug: site for site in sites}
        self.faults = frozenset(faults)
        self.crawl_delay = crawl_delay
        self.request_log: list[tuple[str, str, int]] = []
        self._lock = threading.Lock()
        self._routes: dict[str, Page] = {}
        self._targets = self._choose_fault_targets()   # {fault: [(site slug, item slug)]}
        self._hits: dict[str, int] = {}
        self._httpd: ThreadingHTTPServer | None = None

    # lifecycle -------------------------------------------------------------------------------------------
    def start(self) -> "ReplicaServer":
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._rebuild()
        threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="replica-server",
                         daemon=True).start()
        return self

    def stop(self) -> None:
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> "ReplicaServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # what callers ask --------------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        if not self._httpd:
            raise RuntimeError("replica server not started")
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def sources(self) -> list[dict]:
        """Registry entries for every site, as sources.yml would list them."""
        return [{"slug": site.slug, "name": site.name, "kind": site.kind, "platform": site.platform,
                 "url": self.base_url + site.start_path, "delay": 0, "options": dict(site.options), **site.registry_extra}
                for site in self.sites.values()]

    def item_url(self, site_slug: str, item_slug: str) -> str:
        site = self.sites[site_slug]
        item = next(item for item in site.items if item.slug == item_slug)
        return self.base_url + self._family(site).item_path(site, item)

    def item_urls(self, site_slug: str) -> dict[str, str]:
        """{item slug: item URL} for one site: how tests map crawled URLs back to source files."""
        return {item.slug: self.item_url(site_slug, item.slug) for item in self.sites[site_slug].items}

    @property
    def fault_paths(self) -> dict[str, list[str]]:
        paths: dict[str, list[str]] = {}
        for fault, targets in self._targets.items():
            for site_slug, item_slug in targets:
                site = self.sites[site_slug]
                item = next(item for item in site.items if item.slug == item_slug)
                paths.setdefault(fault, []).append(self._family(site).item_path(site, item))
        return paths

    def add_item(self, site_slug: str, *, title: str, text: str, published: dt.date | str,
                 reference: str | None = None, slug: str | None = None, document: str | None = None) -> str:
        """Publish a new response on a running site (for "the second crawl finds it"); returns its URL."""
        if isinstance(published, str):
            published = dt.date.fromisoformat(published)
        item = Item(slug=slug or slugify(title), title=title, published=published, text=text,
                    reference=reference, document=document)
        self.sites[site_slug].items.append(item)
        self._rebuild()
        return self.item_url(site_slug, item.slug)

    def revise_item(self, site_slug: str, item_slug: str, text: str) -> None:
        """Publish a new version of a response at the same URL (for "revalidation finds a new body")."""
        next(item for item in self.sites[site_slug].items if item.slug == item_slug).text = text
        self._rebuild()

    def take_down(self, site_slug: str, item_slug: str) -> None:
        """The response's page answers 404 from now on, while the listing still links it."""
        self._targets.setdefault("not_found", []).append((site_slug, item_slug))
        self._rebuild()

    # internals ---------------------------------------------------------------------------------------------
    def _family(self, site: Site) -> ModuleType:
        return FAMILIES[site.platform]

    def _choose_fault_targets(self) -> dict[str, list[tuple[str, str]]]:
        targets: dict[str, list[tuple[str, str]]] = {}
        for site in self.sites.values():
            free = site.items_newest_first()
            supported = self._family(site).supported_variants(site) | {"retry_after_503", "not_found", "server_error"}
            for fault in FAULTS:
                if fault not in self.faults or fault not in supported or not free:
                    continue
                if fault == "cp1252":  # the item that shows most of what cp1252 changes: £, curly quotes
                    pick = max(free, key=lambda item: len(_CP1252_FLAVOUR & set(item.text)))
                else:  # not the newest item, so the first listing entry stays healthy
                    pick = free[min(1, len(free) - 1)]
                free.remove(pick)
                targets.setdefault(fault, []).append((site.slug, pick.slug))
        return targets

    def _rebuild(self) -> None:
        variants: dict[str, dict[str, frozenset[str]]] = {}
        for fault in ("cp1252", "broken_markup"):
            for site_slug, item_slug in self._targets.get(fault, []):
                per_site = variants.setdefault(site_slug, {})
                per_site[item_slug] = per_site.get(item_slug, frozenset()) | {fault}
        routes: dict[str, Page] = {}
        for site in self.sites.values():
            routes |= self._family(site).render(site, self.base_url, variants.get(site.slug, {}))
        status_faults = {}
        for fault, paths in self.fault_paths.items():
            for path in paths:
                status_faults.setdefault(path, fault)
        with self._lock:
            self._routes = routes
            self._status_faults = status_faults

    def _robots(self) -> Page:
        lines = ["User-agent: *", "Disallow: /search/", "Disallow: /*/search/"]
        if self.crawl_delay is not None:
            lines.append(f"Crawl-delay: {self.crawl_delay:g}")
        return Page("\n".join(lines).encode() + b"\n", "text/plain; charset=utf-8")

    def respond(self, raw_path: str, headers) -> Page:
        """The page for one request, faults applied. Called by the handler threads."""
        parts = urlsplit(raw_path)
        if parts.path == "/robots.txt":
            return self._robots()
        page_number = parse_qs(parts.query).get("page", ["1"])[0]
        key = page_key(parts.path, int(page_number)) if page_number.isdigit() and int(page_number) > 0 else parts.path
        with self._lock:
            fault = self._status_faults.get(parts.path)
            page = self._routes.get(key)
            if fault == "retry_after_503":
                self._hits[parts.path] = self._hits.get(parts.path, 0) + 1
                if self._hits[parts.path] == 1:
                    return Page(b"Service temporarily unavailable\n", "text/plain", 503, (("Retry-After", "1"),))
        if fault == "server_error":
            return Page(b"Internal server error\n", "text/plain", 500)
        if fault == "not_found" or page is None:
            return Page(b"<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>", status=404)
        etag = '"' + hashlib.sha1(page.body).hexdigest()[:16] + '"'
        if headers.get("If-None-Match") == etag:
            return Page(b"", page.content_type, 304, (("ETag", etag),))
        return Page(page.body, page.content_type, page.status, page.headers + (("ETag", etag),))


def _handler_for(server: ReplicaServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "ReplicaServer/1"

        def setup(self) -> None:
            super().setup()
            # headers and body go out in two writes; without this, Nagle + delayed ACK add 40 ms per request
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def _serve(self, with_body: bool) -> None:
            page = server.respond(self.path, self.headers)
            server.request_log.append((self.command, self.path, page.status))
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            self.send_header("Content-Length", str(len(page.body)))
            for name, value in page.headers:
                self.send_header(name, value)
            self.end_headers()
            if with_body and page.status != 304:
                self.wfile.write(page.body)

        def do_GET(self) -> None:
            self._serve(with_body=True)

        def do_HEAD(self) -> None:
            self._serve(with_body=False)

        def log_message(self, format, *args) -> None:  # keep test output quiet
            pass

    return Handler
