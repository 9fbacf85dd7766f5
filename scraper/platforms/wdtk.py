"""WhatDoTheyKnow (Alaveteli): a public body's FOI requests, each stored as the authority's response.

Listing: the body's Atom feed `/feed/body/<wdtk_body>` (its entries link to `/request/<url_title>#incoming-N`),
following a rel="next" link if the feed has one; with option `listing: body` the body's request pages
`/body/<wdtk_body>?page=N` are walked too (a backfill: the feed only holds recent events).
Item: the request page `/request/<url_title>` (the correspondence) plus its JSON `/request/<url_title>.json`
(title, described_state, events). The record is the latest incoming message; when that message only covers an
attached letter ("please find attached..."), the letter (PDF/DOCX) is parsed instead. The request's
described_state is kept as `wdtk_state`. Real WDTK asks for polite crawling: robots.txt and the source's delay
apply as for every source (registry entries for WDTK should keep delay >= 1).
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from urllib.parse import urlsplit

from scraper.platforms.base import Discovery, Platform, SelectorError, absolute, html_tree

WDTK = "https://www.whatdotheyknow.com"
ATOM = "{http://www.w3.org/2005/Atom}"
_REQUEST_PATH = re.compile(r"^/request/([A-Za-z0-9_\-]+)$")
# A message that is only a covering note for the attached letter.
_COVERING_NOTE = re.compile(r"\b(?:please (?:find|see)(?: the)? attached|attached (?:is|please find|you will find)|"
                            r"see (?:the )?attach(?:ed|ment))", re.IGNORECASE)
_DOCUMENT = re.compile(r"\.(?:pdf|docx)$", re.IGNORECASE)
COVERING_NOTE_MAX_CHARS = 800


def request_url(url: str) -> str | None:
    """The request page a feed or listing link points at (anchors and sub-pages dropped), or None."""
    parts = urlsplit(url)
    path = re.sub(r"/(?:response|followups|new).*$", "", parts.path)
    if not _REQUEST_PATH.match(path):
        return None
    return f"{parts.scheme}://{parts.netloc}{path}"


class WhatDoTheyKnow(Platform):
    name = "wdtk"

    def __init__(self, source):
        super().__init__(source)
        start = urlsplit(source.url or WDTK)
        self.base = self.options.get("base_url") or f"{start.scheme}://{start.netloc}"
        body_from_url = re.match(r"^/body/([^/?#]+)", start.path) if source.url else None
        self.body = source.wdtk_body or self.options.get("body_slug") or (body_from_url and body_from_url.group(1))
        if not self.body:
            raise ValueError(f"{source.slug}: a wdtk source needs wdtk_body")
        self.host = urlsplit(self.base).netloc.lower()

    def start_urls(self) -> list[str]:
        urls = [f"{self.base}/feed/body/{self.body}"]
        if self.options.get("listing") == "body":
            urls.append(f"{self.base}/body/{self.body}")
        return urls

    def in_scope(self, url: str) -> bool:
        return urlsplit(url).netloc.lower() == self.host

    def discover(self, url: str, content: bytes) -> Discovery:
        found = Discovery()
        if content.lstrip()[:5] == b"<?xml" or b"<feed" in content[:500]:
            self._read_feed(url, content, found)
        else:
            self._read_body_page(url, content, found)
        if not found.items and not found.indexes:
            raise SelectorError("request links", "/request/<url_title>", url)
        return found

    def _read_feed(self, url: str, content: bytes, found: Discovery) -> None:
        feed = ElementTree.fromstring(content)
        for entry in feed.iter(f"{ATOM}entry"):
            for link in entry.iter(f"{ATOM}link"):
                target = absolute(url, link.get("href"))
                request = target and self.in_scope(target) and request_url(target)
                if request:
                    found.add_item(request)
        for link in feed.findall(f"{ATOM}link"):
            target = absolute(url, link.get("href"))
            if link.get("rel") == "next" and target and self.in_scope(target):
                found.add_index(target)

    def _read_body_page(self, url: str, content: bytes, found: Discovery) -> None:
        tree = html_tree(content)
        for link in tree.css(".request_listing a[href], .request-listing a[href]"):
            target = absolute(url, link.attributes.get("href"))
            request = target and self.in_scope(target) and request_url(target)
            if request:
                found.add_item(request)
        for link in tree.css("a[rel~=next]"):
            target = absolute(url, link.attributes.get("href"))
            if target and self.in_scope(target):
                found.add_index(target)


def _latest_response(request: dict) -> dict | None:
    responses = [e for e in request.get("info_request_events") or [] if e.get("event_type") == "response"
                 and e.get("incoming_message_id")]
    return max(responses, key=lambda e: e.get("created_at") or "", default=None)


def _message_text(node) -> str:
    from parsers.html import html_to_page

    text_node = node.css_first(".correspondence_text") or node
    return html_to_page(text_node.html or "").text.strip()


def _attachments(node, page_url: str) -> list[dict]:
    found = []
    for link in node.css("a[href*='/attach/']"):
        url = absolute(page_url, link.attributes.get("href"))
        if url and "/attach/html/" not in url and url not in {a["url"] for a in found}:  # skip "view as HTML"
            name = " ".join(link.text().split()) or url.rsplit("/", 1)[-1]
            found.append({"url": url, "name": name})
    return found


def item_record(url: str, content: bytes, headers: dict[str, str], fetch) -> dict:
    """The authority's latest response to one request, from its page, its JSON and (when the message only
    covers it) the attached letter."""
    from parsers import UnreadableDocument, parse_bytes, parse_text

    problems = []
    meta = fetch(f"{url}.json", "metadata")
    request = json.loads(meta.content) if not meta.error else {}
    if meta.error:
        problems.append(f"request JSON: {meta.error}")
    tree = html_tree(content)
    event = _latest_response(request)
    messages = tree.css("[id^='incoming-']")
    message = tree.css_first(f"#incoming-{event['incoming_message_id']}") if event else None
    message = message or (messages[-1] if messages else None)
    heading = tree.css_first("h1")
    title = request.get("title") or (" ".join(heading.text().split()) if heading else None)
    if message is None:
        raise SelectorError("incoming message", "[id^='incoming-']", url)
    text = _message_text(message)
    attachments = _attachments(message, url)
    letters = [a for a in attachments if _DOCUMENT.search(a["url"]) or _DOCUMENT.search(a["name"])]
    record = None
    if letters and (len(text) < COVERING_NOTE_MAX_CHARS or _COVERING_NOTE.search(text)):
        letter = fetch(letters[0]["url"], "attachment")
        try:
            if letter.error:
                raise UnreadableDocument(letter.error)
            record = parse_bytes(letter.content, filename=letters[0]["url"].rsplit("/", 1)[-1],
                                 content_type=letter.headers.get("content-type")).to_dict()
        except UnreadableDocument as exc:
            problems.append(f"attached letter unreadable ({exc.reason}); the covering message is stored")
    if record is None:
        record = parse_text(text, title=title).to_dict()
    outgoing = tree.css_first("[id^='outgoing-']")
    record["title"] = title or record.get("title")
    record["request_text"] = record.get("request_text") or (_message_text(outgoing) if outgoing else None)
    record["request_date"] = record.get("request_date") or (request.get("created_at") or "")[:10] or None
    responded = (event or {}).get("created_at", "")[:10] or None
    record["response_date"] = record.get("response_date") or responded
    record["published"] = responded
    record["wdtk_state"] = request.get("described_state")
    record["attachments"] = attachments
    record["problems"] = list(record.get("problems") or []) + problems
    return record


ADAPTER = WhatDoTheyKnow
