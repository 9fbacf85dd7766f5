"""Every Commissioner's log in sources.yml, and the logs of forces not on SOH, crawled end to end with the entry's
own registry options from a replica of its shape (PDF/DOCX letters or HTML pages, wherever the body publishes
them) over a real local server."""
import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from crawling import crawl_entries, query

from scraper.replica import ReplicaServer
from scraper.replica.index_page import own_site_log
from scraper.replica.site import Item

REPO = Path(__file__).resolve().parents[1]
REGISTRY = {s["slug"]: s for s in yaml.safe_load((REPO / "sources.yml").read_text(encoding="utf-8"))["sources"]}
DEFAULT_SLUGS = ["foi-2022-031-drones", "foi-2022-030-overtime", "foi-2021-112-cctv"]
# How each body publishes, as far as the evidence shows (../shared/registry/evidence.tsv): letters ("pdf",
# "docx") or HTML pages at `item_template`; `slugs` where the body's item names have a shape of their own.
PCC_LOGS = {
    "avon-and-somerset-pcc": {"documents": "pdf"},
    "bedfordshire-pcc": {"item_template": "/FOI-Beds-PCC/{slug}"},
    "cheshire-pcc": {"documents": "docx"},
    "cleveland-pcc": {"item_template": "/commissioner/transparency/foi-log/{slug}/",
                      "slugs": ["foi-171-mileage-claims", "foi-170-police-pay-increase", "foi-152-office-costs"]},
    "durham-pcc": {"documents": "pdf"},
    "gwent-pcc": {"item_template": "/en/disclosure-log/{slug}/", "slugs": ["25024", "25023", "24101"]},
    "hampshire-pcc": {"item_template": "/transparency/foi-disclosure-log/{slug}"},
    "north-yorkshire-pfcc": {"item_template": "/foi/disclosure-log/{slug}/"},
    "south-wales-pcc": {"documents": "pdf"},
    "suffolk-pcc": {"documents": "pdf", "group_template": "/key-info/transparency/freedom-of-information/"
                                                          "freedom-of-information-disclosure-log-{year}"},
    "west-mercia-pcc": {"item_template": "/{slug}", "slugs": ["03-03-2022-response-to-requester-2",
                                                              "03-03-2022-response-to-requester",
                                                              "14-11-2021-response-to-requester"]},
}
NORTHUMBRIA = "/about-us/publications-and-documents/accessing-information/disclosure-log/"
# Forces whose log the evidence shows off SOH (index_page entries).
FORCE_LOGS = {
    "avon-and-somerset-police": {
        "item_template": "/about/freedom-of-information/previous-foi-requests/requests/{slug}/"},
    "city-of-london-police": {"item_template": "/disclosures/{slug}",
                              "slugs": ["758fbf0d-277e-4337-b9ae-008cea653d99", "0b6c1a52-9e1f-4c7e-8d3b-2f4a5e6d7c8b",
                                        "f2e4d6c8-1a3b-4c5d-9e7f-0a1b2c3d4e5f"]},
    "norfolk-constabulary": {"item_template": "/about-us/our-data/disclosure-log/{slug}"},
    "suffolk-constabulary": {"documents": "pdf"},
    "nottinghamshire-police": {"documents": "docx"},
    "police-service-of-northern-ireland": {"item_template": "/foi-disclosure-log/{slug}"},
    "northumbria-police": {"item_template": NORTHUMBRIA + "{category}/{slug}/", "group_by": "category",
                           "group_template": NORTHUMBRIA + "{category}/",
                           "slugs": ["foi-requests-28018", "foi-requests-28017", "foi-requests-27990"]},
}
# Verified index_page logs with no replica here, and why.
NOT_REPLICATED = {
    "police-scotland": "year and month pages below the log; their markup was not seen",
    "west-midlands-police": "item pattern anchored to the real host", "west-yorkshire-police": "the same",
    "scottish-police-authority": "the same",
}


def responses(slugs: list[str], document: str | None) -> list[Item]:
    days = ["2022-03-03", "2022-03-03", "2021-11-14"]
    return [Item(slug=slug, title=f"Freedom of Information request {slug}", published=dt.date.fromisoformat(day),
                 document=document,
                 text=f"Freedom of Information request {slug}\nYou asked how much the office spent in 2021.\n"
                      "The information you requested is held. Please find all the information below.\nTotal: £1,250.")
            for slug, day in zip(slugs, days)]


def test_every_commissioner_with_a_known_log_has_a_working_index_page_entry():
    with_a_log = {slug for slug, s in REGISTRY.items() if s["kind"] in ("pcc", "pfcc", "mayor") and s.get("url")}
    assert with_a_log == set(PCC_LOGS)
    assert {REGISTRY[slug]["platform"] for slug in with_a_log} == {"index_page"}


def test_every_verified_index_page_log_is_replicated_or_says_why_not():
    verified = {slug for slug, s in REGISTRY.items() if s["platform"] == "index_page" and s["url_status"] == "verified"}
    assert verified == set(PCC_LOGS) | set(FORCE_LOGS) | set(NOT_REPLICATED)


@pytest.mark.parametrize("slug", sorted(PCC_LOGS | FORCE_LOGS))
def test_log_is_crawled_with_its_registry_options_storing_every_item_once(slug, tmp_path):
    entry, shape = REGISTRY[slug], (PCC_LOGS | FORCE_LOGS)[slug]
    items = responses(shape.get("slugs", DEFAULT_SLUGS), shape.get("documents"))
    site = own_site_log(slug, entry["name"], items, log_path=urlsplit(entry["url"]).path, options=entry["options"],
                        item_template=shape.get("item_template"), group_template=shape.get("group_template"),
                        group_by=shape.get("group_by", "year"), kind=entry["kind"], page_size=2)
    with ReplicaServer([site]) as server:
        (replica_entry,) = server.sources()
        (stats,) = crawl_entries([replica_entry], tmp_path)
        expected = sorted(server.item_urls(slug).values())
    rows = query(tmp_path, "SELECT url, outcome FROM disclosures ORDER BY url")
    assert (replica_entry["options"], [row["url"] for row in rows]) == (entry["options"], expected)
    assert (stats.new, stats.failed, {row["outcome"] for row in rows}) == (3, 0, {"full"})
