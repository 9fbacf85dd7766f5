"""The SOH adapter: which links of a log page are items, index pages and the next page."""
import pytest

from scraper.platforms.base import SelectorError, platform_for, published_on
from scraper.platforms.soh import SOH, is_index_segment
from scraper.registry import Source

CHROME_TOP = """<a class="quick-exit" href="https://www.bbc.co.uk/weather">Leave this site</a>
<nav class="site-nav"><a href="/ro/report/">Report</a><a href="/foi-ai/f/disclosure/about/">About</a></nav>"""
FOOTER = '<footer><a href="/hyg/cookies/">Cookies</a></footer>'


def page(main: str) -> bytes:
    return f"<html><body>{CHROME_TOP}<main id=\"main-content\">{main}</main>{FOOTER}</body></html>".encode()


def soh(url="https://www.f.police.uk/foi-ai/f/disclosure/", **options):
    return platform_for(Source(slug="f", name="F Police", kind="force", platform="soh", url=url, options=options))


def test_log_root_leads_to_years_and_items_skipping_chrome_and_other_hosts():
    log = soh()
    found = log.discover("https://www.f.police.uk/foi-ai/f/disclosure/", page("""
        <h1>Disclosure log</h1>
        <ul><li><a href="2024/">2024</a></li><li><a href="/foi-ai/f/disclosure/2023/">2023</a></li>
        <li><a href="/foi-ai/f/disclosure/2024/march/stop-and-search-2024/">Stop and search</a></li>
        <li><a href="https://www.other.police.uk/foi-ai/f/disclosure/x/">elsewhere</a></li>
        <li><a href="/SysSiteAssets/foi-media/f/a.pdf">a file</a></li>
        <li><a href="mailto:foi@f.police.uk">mail</a></li></ul>
        <nav><a href="?page=2" rel="next">Next</a></nav>"""))
    assert found.items == ["https://www.f.police.uk/foi-ai/f/disclosure/2024/march/stop-and-search-2024/"]
    assert found.indexes == ["https://www.f.police.uk/foi-ai/f/disclosure/2024/",
                             "https://www.f.police.uk/foi-ai/f/disclosure/2023/",
                             "https://www.f.police.uk/foi-ai/f/disclosure/?page=2"]


def test_disclosure_year_pattern_with_month_year_folders():
    log = soh("https://www.f.police.uk/foi-ai/f/disclosure-log/", path_prefix="/foi-ai/f/")
    found = log.discover("https://www.f.police.uk/foi-ai/f/disclosure-2023/", page("""
        <a href="/foi-ai/f/disclosure-2023/october-2023/">October 2023</a>
        <a href="/foi-ai/f/disclosure-2023/october-2023/drones/">Drones</a>"""))
    assert (found.indexes, found.items) == (["https://www.f.police.uk/foi-ai/f/disclosure-2023/october-2023/"],
                                            ["https://www.f.police.uk/foi-ai/f/disclosure-2023/october-2023/drones/"])


def test_met_search_listing_paginates_its_own_query_only():
    log = soh("https://www.met.police.uk/foi-ai/af/accessing-information/published-items/?q=&page=1")
    url = "https://www.met.police.uk/foi-ai/af/accessing-information/published-items/?q=&page=1"
    found = log.discover(url, page("""
        <a href="/foi-ai/metropolitan-police/disclosure-2024/january/cuckooing/">Cuckooing</a>
        <a href="/foi-ai/af/accessing-information/published-items/?q=&dt=Disclosure&page=1">Filter</a>
        <a href="/foi-ai/af/accessing-information/published-items/?q=&page=2">Next</a>"""))
    assert found.items == ["https://www.met.police.uk/foi-ai/metropolitan-police/disclosure-2024/january/cuckooing/"]
    assert found.indexes == ["https://www.met.police.uk/foi-ai/af/accessing-information/published-items/?q=&page=2"]


def test_page_without_main_fails_naming_the_selector():
    with pytest.raises(SelectorError, match="selector 'main content'"):
        soh().discover("https://www.f.police.uk/foi-ai/f/disclosure/", b"<html><body><p>redesigned</p></body></html>")


def test_index_page_leading_nowhere_fails_loudly():
    with pytest.raises(SelectorError, match="selector 'log listing links'"):
        soh().discover("https://www.f.police.uk/foi-ai/f/disclosure/", page('<a href="/elsewhere/">x</a>'))


@pytest.mark.parametrize("segment, expected", [
    ("2023", True), ("2023-24", True), ("january", True), ("october-2023", True), ("disclosure-log", True),
    ("disclosure-2023", True), ("foi-disclosure-2023", True), ("stop-search-2023", False), ("cuckooing", False),
    ("2025-disclosures", True), ("09---september", True), ("foi-disclosure-2021-22", True), ("disclosure-logs", True),
    ("202225392---problem-profiles", False), ("foi-82525", False),
])
def test_index_segments(segment, expected):
    assert is_index_segment(segment) is expected


def test_published_date_from_the_page():
    assert published_on(page('<h1>T</h1><p class="published">Published: 12 March 2024</p>')) == "2024-03-12"
    assert published_on(page('<time datetime="2023-10-02T09:00">2 Oct</time>')) == "2023-10-02"
    assert published_on(page("<h1>T</h1>")) is None


def test_platform_for_unknown_platform():
    with pytest.raises(ValueError, match="no crawler for platform 'none'"):
        platform_for(Source(slug="x", name="X", kind="pcc", platform="none"))
    assert isinstance(soh(), SOH)
