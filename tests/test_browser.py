"""What a person sees in Datasette, in Debian's chromium driven by Playwright at 1366×900: the table page, a
response's page, the dashboard and the feeds."""
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from test_datasette import BASE, datasette_url  # noqa: F401  (the served small database, a module fixture)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-quic", "--no-first-run", "--disable-sync"]
WINDOW = {"width": 1366, "height": 900}
ATOM = "{http://www.w3.org/2005/Atom}"

# The README's test command installs chromium, so its absence is a failure unless explicitly waived.
pytestmark = pytest.mark.skipif(os.environ.get("FOILOG_SKIP_BROWSER") == "1",
                                reason="FOILOG_SKIP_BROWSER=1")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One chromium for the module (starting it costs more than most tests)."""
    assert CHROMIUM.exists(), "install Debian's chromium (apt-get install chromium) or set FOILOG_SKIP_BROWSER=1"
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium") / "profile"), executable_path=str(CHROMIUM), headless=True,
            args=CHROMIUM_ARGS, viewport=WINDOW)
        yield context
        context.close()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()


def row_id(datasette_url, title):  # noqa: F811
    import httpx

    rows = httpx.get(f"{datasette_url}/disclosures.json", params={"title": title, "_shape": "objects"}).json()["rows"]
    return rows[0]["id"]


def on_first_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= WINDOW["height"]


def test_disclosures_page_shows_the_default_facets(page, datasette_url):  # noqa: F811
    page.goto(f"{datasette_url}/disclosures")
    facets = page.locator(".facet-info")
    shown = {facets.nth(i).get_attribute("data-column"): facets.nth(i).locator("li").all_inner_texts()
             for i in range(facets.count()) if facets.nth(i).is_visible()}
    assert shown == {
        "outcome": ["full 1", "ncnd 1", "partial 1", "refused 1"],
        "authority": ["North Police 2", "South Police and Crime Commissioner 2"],
        "year": ["2023 2", "2024 2"],
        "ncnd": ["0 3", "1 1"],
        "needs_review": ["0 3", "1 1"],
    }


def test_table_page_is_compact_with_search_and_facets_on_the_first_screen(page, datasette_url):  # noqa: F811
    page.goto(f"{datasette_url}/disclosures")
    headers = page.locator("table.rows-and-columns th").all_inner_texts()
    first_row = page.locator("table.rows-and-columns tbody tr").first.locator("td").all_inner_texts()
    assert {
        "search box on first screen": on_first_screen(page.locator("#foilog-search")),
        "facets on first screen": on_first_screen(page.locator(".facet-info").first),
        "page fits the window": page.evaluate("document.documentElement.scrollWidth") <= WINDOW["width"],
        "headers": [" ".join(h.split()) for h in headers],
        "first row from title on": [" ".join(cell.split()) for cell in first_row[3:]],
    } == {
        "search box on first screen": True,
        "facets on first screen": True,
        "page fits the window": True,
        "headers": ["id", "authority", "reference", "title", "published ▲", "ncnd", "outcome", "exemptions",
                    "needs_review", "corrected"],
        "first row from title on": ["Automatic number plate recognition cameras", "2024-03-04", "no", "partial",
                                    "FOIA s31(1)(a) FOIA s24(1)", "1", ""],
    }


def test_response_page_reads_as_a_letter(page, datasette_url):  # noqa: F811
    page.goto(f"{datasette_url}/disclosures/{row_id(datasette_url, 'Covert surveillance of journalists')}")
    body = page.locator(".foilog-body")
    box = body.bounding_box()
    assert {
        "title": page.locator("article h1").inner_text(),
        "byline": page.locator(".foilog-byline").inner_text(),
        "facts": page.locator(".foilog-facts").inner_text().split("\n"),
        "citations": [row.locator("td").all_inner_texts() for row in page.locator(".foilog-citations tbody tr").all()],
        "request": page.locator(".foilog-request").inner_text(),
        "body": body.inner_text(),
        "body column at least 500 px, inside the window": box["width"] >= 500 and box["x"] + box["width"] <= 1366,
        "published link": page.locator("a.foilog-published").get_attribute("href"),
    } == {
        "title": "Covert surveillance of journalists",
        "byline": "North Police · reference FOI 000037/24 · published 2024-01-15",
        "facts": ["Outcome", "Neither confirmed nor denied", "Neither confirm nor deny",
                  "Yes: the authority would neither confirm nor deny holding some of the information",
                  "Response dated", "2024-01-10", "Format", "unknown"],
        "citations": [["FOIA s23(5)", "Security bodies", "absolute", "neither confirm nor deny"],
                      ["FOIA s24(2)", "National security", "qualified", "neither confirm nor deny"],
                      ["FOIA s31(3)", "Law enforcement", "qualified", "neither confirm nor deny"]],
        "request": "Has the force used covert surveillance against any journalist since 2020?",
        "body": "North Police can neither confirm nor deny that it holds the information you requested, "
                "by virtue of Sections 23(5), 24(2) and 31(3) of the Act.",
        "body column at least 500 px, inside the window": True,
        "published link": BASE + "north/disclosures/covert-surveillance-of-journalists/",
    }


def test_response_page_shows_how_the_parser_read_it_and_asks_for_a_check(page, datasette_url):  # noqa: F811
    page.goto(f"{datasette_url}/disclosures/{row_id(datasette_url, 'Automatic number plate recognition cameras')}")
    assert {
        "check": page.locator(".foilog-check").inner_text(),
        "read": {p.get_attribute("data-field"): p.inner_text() for p in page.locator(".foilog-read").all()},
    } == {
        "check": "Check this: foilog is not sure of some fields.\noutcome: figure given beside an exemption (0.40)",
        "read": {"reference": "Read from: FOI 000412/24 (confidence 0.95)",
                 "outcome": "Read from: The total number of cameras is 212. (confidence 0.40)",
                 "citations": "Read from: The locations are exempt under Section 31(1)(a) and Section 24(1). "
                              "(confidence 0.90)"},
    }


def test_dashboard_draws_every_chart_offline(page, datasette_url):  # noqa: F811
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(datasette_url.rsplit("/", 1)[0] + "/-/dashboards/overview")
    page.wait_for_function("document.querySelectorAll('.vega-embed canvas, .vega-embed svg').length >= 4")
    charts = page.locator(".dashboard-card")
    drawn = {charts.nth(i).locator("h2, h3, .dashboard-card-title").first.inner_text().strip():
             charts.nth(i).locator(".vega-embed canvas, .vega-embed svg").first.bounding_box()["width"] > 100
             for i in range(charts.count())}
    assert drawn == {"Exemption use over time, by section": True, "NCND rate by authority": True,
                     "Outcomes by authority": True, "Refusal rate over time": True}
    assert [url for url in requested if not url.startswith("http://127.0.0.1")] == []  # nothing from a CDN


@pytest.mark.parametrize("feed, titles", [
    ("new_refusals", ["North Police: Covert surveillance of journalists",
                      "South Police and Crime Commissioner: All emails about the budget"]),
    ("new_ncnd", ["North Police: Covert surveillance of journalists"]),
])
def test_feeds_linked_from_the_index_are_atom_with_entries(page, datasette_url, feed, titles):  # noqa: F811
    page.goto(datasette_url.rsplit("/", 1)[0] + "/")
    link = page.locator(f"a[href$='/{feed}.atom']")
    response = page.request.get(link.get_attribute("href") if "://" in link.get_attribute("href")
                                else datasette_url.rsplit("/", 1)[0] + link.get_attribute("href"))
    root = ET.fromstring(response.body())
    assert (root.tag, [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]) == (
        f"{ATOM}feed", titles)


def test_search_box_finds_a_response(page, datasette_url):  # noqa: F811
    page.goto(f"{datasette_url}/disclosures")
    page.fill("#foilog-search", "journalists")
    page.press("#foilog-search", "Enter")
    page.wait_for_url("**/search_responses?q=journalists")
    assert page.locator("table.rows-and-columns td.col-title").all_inner_texts() == [
        "Covert surveillance of journalists"]
