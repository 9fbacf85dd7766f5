"""Every SOH log shape seen in published item URLs, crawled end to end from its root over a real local server."""
import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from crawling import crawl_entries, query

from scraper.replica import ReplicaServer, soh_site
from scraper.replica.site import Item
from scraper.replica.soh import SHAPES

REPO = Path(__file__).resolve().parents[1]

# Five responses over two years and four months; ours, in the plain style of a force's letter.
RESPONSES = [("foi-101-drones", "2025-03-10"), ("202225392---problem-profiles", "2025-03-24"),
             ("foi-103-tasers", "2025-07-02"), ("foi-104-vehicles", "2024-11-15"), ("foi-105-cctv", "2024-02-05")]


def responses() -> list[Item]:
    return [Item(slug=slug, title=f"Request {slug}", published=dt.date.fromisoformat(day), reference=slug[:7],
                 text=f"Freedom of Information Request Reference No: {slug[:7]}\nYou asked for figures on "
                      f"{slug.rsplit('-', 1)[-1]}.\nThe information you requested is attached.")
            for slug, day in RESPONSES]


# Where the newest and the oldest response sit in each shape (under /foi-ai/test-police/ unless absolute).
NEWEST_AND_OLDEST = {
    "disclosure-log": ("disclosure-log/foi-103-tasers/", "disclosure-log/foi-105-cctv/"),
    "disclosure-year": ("disclosure-2025/july-2025/foi-103-tasers/", "disclosure-2024/february-2024/foi-105-cctv/"),
    "year-month": ("disclosure/2025/july/foi-103-tasers/", "disclosure/2024/february/foi-105-cctv/"),
    "category": ("previous-foi-requests/people-and-workforce/foi-103-tasers/",
                 "previous-foi-requests/crime-and-operations/foi-105-cctv/"),
    "search": ("disclosure-2025/july-2025/foi-103-tasers/", "disclosure-2024/february-2024/foi-105-cctv/"),
    "disclosure-log/YYYY/<month>": ("disclosure-log/2025/july/foi-103-tasers/",
                                    "disclosure-log/2024/february/foi-105-cctv/"),
    "disclosure-logs/YYYY/<month>": ("disclosure-logs/2025/july/foi-103-tasers/",
                                     "disclosure-logs/2024/february/foi-105-cctv/"),
    "disclosure-logs/YYYY": ("disclosure-logs/2025/foi-103-tasers/", "disclosure-logs/2024/foi-105-cctv/"),
    "disclosure-logs/YYYY-disclosures": ("disclosure-logs/2025-disclosures/foi-103-tasers/",
                                         "disclosure-logs/2024-disclosures/foi-105-cctv/"),
    "disclosure-YYYY/<month>": ("disclosure-2025/july/foi-103-tasers/", "disclosure-2024/february/foi-105-cctv/"),
    "disclosure-YYYY/<month-YYYY>": ("disclosure-2025/july-2025/foi-103-tasers/",
                                     "disclosure-2024/february-2024/foi-105-cctv/"),
    "foi-disclosure-YYYY/<month-YYYY>": ("foi-disclosure-2025/july-2025/foi-103-tasers/",
                                         "foi-disclosure-2024/february-2024/foi-105-cctv/"),
    "foi-disclosure-2021-22/<month-YYYY>": ("foi-disclosure-2021-22/july-2025/foi-103-tasers/",
                                            "foi-disclosure-2021-22/february-2024/foi-105-cctv/"),
    "disclosure2/YYYY/MM---<month>": ("disclosure2/2025/07---july/foi-103-tasers/",
                                      "disclosure2/2024/02---february/foi-105-cctv/"),
    "foi/YYYY/<month>": ("foi/2025/july/foi-103-tasers/", "foi/2024/february/foi-105-cctv/"),
    "foi/YYYY": ("foi/2025/foi-103-tasers/", "foi/2024/foi-105-cctv/"),
    "fois-with-spreadsheets/YYYY": ("fois-with-spreadsheets/2025/foi-103-tasers/",
                                    "fois-with-spreadsheets/2024/foi-105-cctv/"),
    "other-information/previous-foi-requests": ("other-information/previous-foi-requests/foi-103-tasers/",
                                                "other-information/previous-foi-requests/foi-105-cctv/"),
}
# Where the crawl starts: the log's root (a year-named section is the newest year's).
ROOTS = {"search": "/foi-ai/af/accessing-information/published-items/",
         "disclosure-YYYY/<month>": "/foi-ai/test-police/disclosure-2025/",
         "disclosure-YYYY/<month-YYYY>": "/foi-ai/test-police/disclosure-2025/",
         "foi-disclosure-YYYY/<month-YYYY>": "/foi-ai/test-police/foi-disclosure-2025/"}


def test_every_replica_shape_is_covered():
    assert set(NEWEST_AND_OLDEST) == set(SHAPES)


@pytest.mark.parametrize("shape", list(NEWEST_AND_OLDEST))
def test_shape_is_crawled_from_its_root_storing_every_item_once(shape, tmp_path):
    site = soh_site("test-police", "Test Police (replica)", responses(), pattern=shape, page_size=2)
    with ReplicaServer([site]) as server:
        (entry,) = server.sources()
        (stats,) = crawl_entries([entry], tmp_path)
        base = server.base_url
        expected = sorted(server.item_urls("test-police").values())
    stored = [row["url"] for row in query(tmp_path, "SELECT url FROM disclosures ORDER BY url")]
    newest, oldest = NEWEST_AND_OLDEST[shape]
    assert entry["url"] == base + ROOTS.get(shape, SHAPES[shape][0] and "/foi-ai/test-police/" + SHAPES[shape][0])
    assert (stored, stats.new, stats.failed) == (expected, 5, 0)
    assert {base + "/foi-ai/test-police/" + newest, base + "/foi-ai/test-police/" + oldest} <= set(stored)


def test_a_year_section_root_reaches_its_sibling_years_but_nothing_else_of_the_force():
    from scraper.platforms.soh import SOH
    from scraper.registry import Source

    log = SOH(Source(slug="f", name="F", kind="force", platform="soh",
                     url="https://www.f.police.uk/foi-ai/f/foi-disclosure-2025/"))
    kinds = {path: log.page_kind("https://www.f.police.uk/foi-ai/f/" + path) for path in (
        "foi-disclosure-2024/", "foi-disclosure-2024/march-2024/", "foi-disclosure-2024/march-2024/foi-1-x/",
        "our-policies/freedom-of-information-policy/", "disclosure-2024/")}
    assert kinds == {"foi-disclosure-2024/": "index", "foi-disclosure-2024/march-2024/": "index",
                     "foi-disclosure-2024/march-2024/foi-1-x/": "item",
                     "our-policies/freedom-of-information-policy/": None, "disclosure-2024/": None}


def test_an_item_linked_without_its_trailing_slash_or_with_a_query_is_one_item():
    from scraper.platforms.soh import canonical_item

    assert {canonical_item("https://f.police.uk/foi-ai/f/foi/2025/foi-1-x"),
            canonical_item("https://f.police.uk/foi-ai/f/foi/2025/foi-1-x/?utm_source=latest#top"),
            canonical_item("https://f.police.uk/foi-ai/f/foi/2025/foi-1-x/")} == {
        "https://f.police.uk/foi-ai/f/foi/2025/foi-1-x/"}
    assert canonical_item("https://f.police.uk/SysSiteAssets/a.pdf") == "https://f.police.uk/SysSiteAssets/a.pdf"


# The shape of each verified SOH log in sources.yml, as its evidence page shows it.
REGISTRY_SHAPES = {
    "bedfordshire-police": "foi/YYYY", "cambridgeshire-constabulary": "foi/YYYY/<month>",
    "cleveland-police": "year-month", "devon-and-cornwall-police": "disclosure-logs/YYYY-disclosures",
    "dyfed-powys-police": "disclosure-YYYY/<month>", "essex-police": "other-information/previous-foi-requests",
    "greater-manchester-police": "disclosure-YYYY/<month>", "gwent-police": "disclosure2/YYYY/MM---<month>",
    "lincolnshire-police": "disclosure-logs/YYYY", "metropolitan-police": "search",
    "north-yorkshire-police": "foi-disclosure-2021-22/<month-YYYY>",
    "northamptonshire-police": "disclosure-logs/YYYY/<month>", "south-wales-police": "disclosure-log/YYYY/<month>",
    "warwickshire-police": "foi-disclosure-YYYY/<month-YYYY>", "wiltshire-police": "fois-with-spreadsheets/YYYY",
}
REGISTRY = {s["slug"]: s for s in yaml.safe_load((REPO / "sources.yml").read_text(encoding="utf-8"))["sources"]}


def test_every_verified_soh_log_has_a_shape():
    verified = {slug for slug, s in REGISTRY.items() if s["platform"] == "soh" and s["url_status"] == "verified"}
    assert verified == set(REGISTRY_SHAPES)


@pytest.mark.parametrize("slug", sorted(REGISTRY_SHAPES))
def test_registry_entry_crawls_a_replica_of_its_log_with_its_own_options(slug, tmp_path):
    """The entry as sources.yml has it (URL path, force segment, options), pointed at a replica of its shape."""
    entry, shape = REGISTRY[slug], REGISTRY_SHAPES[slug]
    newest = int((re.search(r"-(\d{4})/$", entry["url"]) or [None, "2025"])[1])
    days = [f"{newest}-07-02", f"{newest}-03-10", f"{newest - 1}-11-15", f"{newest - 2}-02-05", f"{newest - 3}-06-01"]
    items = [Item(slug=f"foi-{n}-response", title=f"Response {n}", published=dt.date.fromisoformat(day),
                  text="The information you requested is attached.") for n, day in enumerate(days)]
    force = "metropolitan-police" if shape == "search" else urlsplit(entry["url"]).path.split("/")[2]
    site = soh_site(slug, entry["name"], items, force=force, pattern=shape, page_size=2)
    with ReplicaServer([site]) as server:
        local = {**entry, "url": server.base_url + urlsplit(entry["url"]).path, "delay": 0}
        if "start_urls" in entry.get("options", {}):
            local["options"] = {**entry["options"], "start_urls": [
                server.base_url + urlsplit(url).path for url in entry["options"]["start_urls"]]}
        (stats,) = crawl_entries([local], tmp_path)
        stored = [row["url"] for row in query(tmp_path, "SELECT url FROM disclosures ORDER BY url")]
        assert (local["url"], stored, stats.failed) == (
            server.base_url + site.start_path, sorted(server.item_urls(slug).values()), 0)
