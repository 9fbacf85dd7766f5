"""The disclosures table page, as a browser shows it: Debian's chromium driven by Playwright."""
import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from test_datasette import datasette_url  # noqa: F401  (the served small database, a module fixture)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-quic", "--no-first-run", "--disable-sync"]

# The README's test command installs chromium, so its absence is a failure unless explicitly waived.
pytestmark = pytest.mark.skipif(os.environ.get("FOILOG_SKIP_BROWSER") == "1",
                                reason="FOILOG_SKIP_BROWSER=1")


@pytest.fixture
def page(tmp_path):
    assert CHROMIUM.exists(), "install Debian's chromium (apt-get install chromium) or set FOILOG_SKIP_BROWSER=1"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser.new_page()
        browser.close()


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
    }
