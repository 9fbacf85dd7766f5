"""The WhatDoTheyKnow (Alaveteli) family: one public body's requests, as Alaveteli serves them.

    /body/<body_slug>                    the body's page: request listing, ?page=N with a rel="next" link
    /feed/body/<body_slug>               Atom feed of the body's request events (absolute links)
    /request/<url_title>                 the correspondence: the request, then the authority's response
    /request/<url_title>.json            Alaveteli's JSON: url_title, title, described_state, display_status,
                                         created_at, public_body{url_name,name}, info_request_events[...]
    /request/<id>/response/<msg_id>/attach/<n>/<file>   an attachment of a response (the letter as a PDF)

Every other response (by position) comes as a PDF attachment with a one-line covering message, as many real
police replies on WhatDoTheyKnow do; the rest carry the letter in the message body.
"""
from __future__ import annotations

import datetime as dt
import json
from html import escape
from urllib.parse import quote

from scraper.replica.documents import PDF, pdf_bytes
from scraper.replica.html import paginated, paragraphs
from scraper.replica.site import Item, Page, Site, long_date

DISPLAY_STATUS = {"successful": "Successful.", "partially_successful": "Partially successful.",
                  "rejected": "Refused.", "not_held": "Information not held.",
                  "waiting_response": "Awaiting response."}
FIRST_REQUEST_ID = 700_001
_pdfs: dict[tuple, bytes] = {}


def wdtk_site(slug: str, name: str, body_slug: str, items: list[Item], *, kind: str = "force",
              page_size: int = 10) -> Site:
    return Site(slug=slug, name=name, kind=kind, platform="wdtk", prefix="/request/", items=items,
                start_path=f"/body/{body_slug}", layout={"body_slug": body_slug},
                options={"body_slug": body_slug}, page_size=page_size, registry_extra={"wdtk_body": body_slug})


def supported_variants(site: Site) -> frozenset[str]:
    return frozenset()


def url_title(item: Item) -> str:
    return item.slug.replace("-", "_")


def item_path(site: Site, item: Item) -> str:
    return f"/request/{url_title(item)}"


def _numbers(site: Site, item: Item) -> tuple[int, int, int]:
    """(request id, outgoing message id, incoming message id): stable per item, by order of publication."""
    position = sorted(site.items, key=lambda i: (i.published, i.slug)).index(item)
    request_id = FIRST_REQUEST_ID + position
    return request_id, 2_000_000 + position, 3_000_000 + position


def _attached(site: Site, item: Item) -> bool:
    return sorted(site.items, key=lambda i: (i.published, i.slug)).index(item) % 2 == 1


def _attachment_name(site: Site, item: Item) -> str:
    return f"FOI {_numbers(site, item)[0]} Response.pdf"


def _attachment_path(site: Site, item: Item) -> str:
    request_id, _, incoming = _numbers(site, item)
    return f"/request/{request_id}/response/{incoming}/attach/2/{quote(_attachment_name(site, item))}"


def _request_lines(item: Item) -> list[str]:
    """What the requester asked: the lines between "You asked:" and "In Response:", else the title."""
    lines = item.lines
    start = next((i + 1 for i, line in enumerate(lines) if line.rstrip().endswith("asked:")), None)
    end = next((i for i, line in enumerate(lines) if line.startswith("In Response")), None)
    return lines[start:end] if start is not None and end is not None else [item.title]


def _sent_at(item: Item) -> dt.datetime:
    return dt.datetime.combine(item.published - dt.timedelta(days=20), dt.time(9, 14))


def _responded_at(item: Item) -> dt.datetime:
    return dt.datetime.combine(item.published, dt.time(15, 2))


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000+00:00")


def request_json(site: Site, item: Item) -> dict:
    request_id, outgoing, incoming = _numbers(site, item)
    state = item.status or "successful"
    body = {"id": 40_001, "url_name": site.layout["body_slug"], "name": site.name}
    return {
        "id": request_id, "url_title": url_title(item), "title": item.title,
        "created_at": _stamp(_sent_at(item)), "updated_at": _stamp(_responded_at(item)),
        "described_state": state, "display_status": DISPLAY_STATUS.get(state, state), "awaiting_description": False,
        "prominence": "normal", "law_used": "foi", "tags": [],
        "user": {"id": 90_000 + request_id % 1000, "url_name": "a_requester", "name": "A. Requester"},
        "public_body": body,
        "info_request_events": [
            {"id": 8_000_000 + request_id * 2, "event_type": "sent", "created_at": _stamp(_sent_at(item)),
             "described_state": None, "calculated_state": "waiting_response", "last_described_at": None,
             "incoming_message_id": None, "outgoing_message_id": outgoing, "comment_id": None,
             "display_status": DISPLAY_STATUS["waiting_response"]},
            {"id": 8_000_001 + request_id * 2, "event_type": "response", "created_at": _stamp(_responded_at(item)),
             "described_state": state, "calculated_state": state, "last_described_at": _stamp(_responded_at(item)),
             "incoming_message_id": incoming, "outgoing_message_id": None, "comment_id": None,
             "display_status": DISPLAY_STATUS.get(state, state)},
        ],
    }


def _letter_pdf(item: Item) -> bytes:
    key = (item.slug, item.title, item.text)
    if key not in _pdfs:
        _pdfs[key] = pdf_bytes(item.title, item.lines)
    return _pdfs[key]


def _chrome(title: str, content: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{escape(title)} - a Freedom of Information request</title></head>
<body class="front">
<div id="banner"><a href="/">WhatDoTheyKnow</a>
<ul id="navigation"><li><a href="/select_authority">Make a request</a></li><li><a href="/list/successful">Browse requests</a></li>
<li><a href="/body">View authorities</a></li><li><a href="/help/about">Help</a></li></ul></div>
<div id="wrapper"><div id="content">
{content}
</div></div>
<div id="footer"><a href="https://www.mysociety.org/">mySociety</a> <a href="/help/privacy">Privacy</a></div>
</body></html>
"""


def _request_page(site: Site, item: Item) -> str:
    request_id, outgoing, incoming = _numbers(site, item)
    state = item.status or "successful"
    if _attached(site, item):
        response = paragraphs(["Dear A. Requester,",
                               "Please find attached the response to your Freedom of Information request.",
                               "Kind regards,", "Freedom of Information Unit"])
        size_kb = max(1, len(_letter_pdf(item)) // 1024)
        attachments = (f'\n<ul class="list-of-attachments"><li class="attachment"><a href="{_attachment_path(site, item)}">'
                       f"{escape(_attachment_name(site, item))}</a> <span class=\"attachment__meta\">{size_kb}K</span>"
                       "</li></ul>")
    else:
        response, attachments = paragraphs(item.lines), ""
    request = paragraphs([f"Dear {site.name},", *_request_lines(item), "Yours faithfully,", "A. Requester"])
    return _chrome(item.title, f"""<h1 class="request-title">{escape(item.title)}</h1>
<p class="request-status-message" id="request_status">{escape(DISPLAY_STATUS.get(state, state))}</p>
<p class="request-header__action-bar">Request to <a href="/body/{site.layout['body_slug']}">{escape(site.name)}</a></p>
<div class="correspondence" id="outgoing-{outgoing}">
<p class="correspondence__header">A. Requester <time datetime="{_sent_at(item).isoformat()}">{long_date(_sent_at(item).date())}</time></p>
<div class="correspondence_text">
{request}
</div></div>
<div class="correspondence" id="incoming-{incoming}">
<p class="correspondence__header">{escape(site.name)} <time datetime="{_responded_at(item).isoformat()}">{long_date(item.published)}</time></p>
<div class="correspondence_text">
{response}
</div>{attachments}
</div>
<p><a href="/request/{url_title(item)}.json">JSON</a> (request id {request_id})</p>""")


def _feed(site: Site, base_url: str, items: list[Item]) -> str:
    body_slug = site.layout["body_slug"]
    entries = []
    for item in items:
        request = request_json(site, item)
        for event in reversed(request["info_request_events"]):
            anchor = (f"#incoming-{event['incoming_message_id']}" if event["event_type"] == "response"
                      else f"#outgoing-{event['outgoing_message_id']}")
            what = f"Response by {site.name}" if event["event_type"] == "response" else "Request sent"
            entries.append(f"""<entry>
<id>tag:replica.whatdotheyknow,2005:InfoRequestEvent/{event['id']}</id>
<published>{event['created_at']}</published><updated>{event['created_at']}</updated>
<link rel="alternate" type="text/html" href="{base_url}/request/{url_title(item)}{anchor}"/>
<title>{escape(what)} to A. Requester: {escape(item.title)}</title>
<content type="html">{escape(event['display_status'])}</content>
<author><name>A. Requester</name></author>
</entry>""")
    updated = items[0].published.isoformat() if items else "2000-01-01"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xml:lang="en-GB" xmlns="http://www.w3.org/2005/Atom">
<id>tag:replica.whatdotheyknow,2005:/feed/body/{body_slug}</id>
<link rel="alternate" type="text/html" href="{base_url}/body/{body_slug}"/>
<link rel="self" type="application/atom+xml" href="{base_url}/feed/body/{body_slug}"/>
<title>Requests to {escape(site.name)}</title>
<updated>{updated}T00:00:00+00:00</updated>
{chr(10).join(entries)}
</feed>
"""


def render(site: Site, base_url: str, variants: dict[str, frozenset[str]]) -> dict[str, Page]:
    del variants  # no page-level faults on this family
    items = site.items_newest_first()
    body_slug = site.layout["body_slug"]
    entries = [f"""<div class="request_listing">
<span class="head"><a href="{item_path(site, item)}">{escape(item.title)}</a></span>
<span class="bottomline">{escape(DISPLAY_STATUS.get(item.status or "successful", ""))} {long_date(item.published)}</span>
</div>""" for item in items]

    def frame(listing: str, number: int) -> str:
        return _chrome(site.name, f"<h1>{escape(site.name)}</h1>\n<p><a href=\"/feed/body/{body_slug}\">RSS feed</a></p>\n"
                                  f"<h2>Freedom of Information requests made to {escape(site.name)}</h2>\n{listing}")
    pages = paginated(site.start_path, entries, site.page_size, frame, container=('<div class="results">', "</div>"))
    pages[f"/feed/body/{body_slug}"] = Page(_feed(site, base_url, items).encode(), "application/atom+xml; charset=utf-8")
    for item in items:
        pages[item_path(site, item)] = Page(_request_page(site, item).encode())
        pages[f"{item_path(site, item)}.json"] = Page(json.dumps(request_json(site, item), indent=1).encode(),
                                                      "application/json; charset=utf-8")
        if _attached(site, item):
            pages[_attachment_path(site, item)] = Page(_letter_pdf(item), PDF)
    return pages
