"""Scraped text is data, never markup: a replica page whose title, text and links carry <script>, onerror= and
javascript: URLs is crawled, served, and opened in headless Chromium, where nothing of it runs and no
javascript: link can be clicked."""
import datetime as dt
from urllib.parse import urlsplit

import pytest
from crawling import crawl_entries, query
from test_browser import CHROMIUM, CHROMIUM_ARGS, WINDOW, pytestmark  # noqa: F401  (same browser, same waiver)
from test_datasette import free_port

from playwright.sync_api import sync_playwright
from scraper.replica import ReplicaServer
from scraper.replica.site import Item, Page
from scraper.replica.soh import soh_site
from scraper.serve import start_datasette

TITLE = '<script>window.pwned = "title"</script><img src=x onerror="window.pwned = \'title img\'"> Drones'
TEXT = """Freedom of information request reference no: 01.FOI.24.099001
I note you seek access to the following information:
How many drones does the force own? <script>window.pwned = "request"</script>
DECISION
The force owns 12 drones. <img src=x onerror="window.pwned = 'body img'"> <a href="javascript:window.pwned='body link'">more</a>
Details of deployments are exempt under Section 31(1)(a). <svg onload="window.pwned = 'svg'"></svg>
"""
# Raw markup the page itself carries (not escaped text): a javascript: link the parser takes for an attachment.
HOSTILE_LINK = b'<p><a href="javascript:window.pwned=\'attachment\'//minutes.pdf">minutes.pdf</a></p></main>'


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("hostile")
    item = Item(slug="drones", title=TITLE, published=dt.date(2024, 5, 2), text=TEXT)
    site = soh_site("hostile-police", "Hostile Police (replica)", [item], pattern="disclosure-log")
    with ReplicaServer([site]) as server:
        item_path = urlsplit(server.item_url("hostile-police", "drones")).path
        respond = server.respond

        def respond_with_hostile_link(raw_path, headers):
            page = respond(raw_path, headers)
            if urlsplit(raw_path).path == item_path and page.status == 200:
                return Page(page.body.replace(b"</main>", HOSTILE_LINK, 1), page.content_type)
            return page
        server.respond = respond_with_hostile_link
        crawl_entries(server.sources(), tmp_path)
    (row,) = query(tmp_path, "SELECT id, title FROM disclosures")
    port = free_port()
    process = start_datasette(tmp_path / "foilog.db", port=port)
    yield f"http://127.0.0.1:{port}/foilog", row, query(tmp_path, "SELECT url FROM attachments")
    process.terminate()
    process.wait(timeout=10)


def test_hostile_page_is_stored_as_text(served):
    _, row, attachments = served
    assert (row["title"], attachments) == (TITLE, [{"url": "javascript:window.pwned='attachment'//minutes.pdf"}])


PAGES = ["disclosures/{id}", "disclosures", "search_responses?q=drones", "attachments", "disclosures/{id}.json",
         "new_refusals", "exemption_citations", "same_request_many_authorities"]


def test_nothing_scraped_runs_in_the_browser(served, tmp_path):
    base, row, _ = served
    dialogs, seen = [], {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport=WINDOW)
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in PAGES:
            page.goto(f"{base}/{path.format(id=row['id'])}")
            page.wait_for_load_state("load")
            seen[path] = {
                "pwned": page.evaluate("window.pwned === undefined ? null : window.pwned"),
                "javascript links": page.locator("a[href^='javascript:' i]").count(),
                "injected elements": page.locator("img[src='x'], svg[onload], script:not([src])").evaluate_all(
                    "nodes => nodes.filter(n => n.outerHTML.includes('pwned')).length"),
            }
        page.goto(f"{base}/disclosures/{row['id']}")
        shown = (page.locator("article h1").inner_text(), page.locator(".foilog-links li").all_inner_texts()[-1])
        browser.close()
    assert (seen, dialogs) == ({path: {"pwned": None, "javascript links": 0, "injected elements": 0}
                                for path in PAGES}, [])
    # ...and the response's page shows the markup as the text it is, the javascript: link as a name only
    assert shown == (TITLE, "Attachment: minutes.pdf (not fetched: UnsupportedProtocol: Request URL is missing an "
                            "'http://' or 'https://' protocol.)")
