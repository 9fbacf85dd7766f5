"""The registry names every police body, honestly: verified URLs are ones seen in published responses."""
from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from scraper.registry import KINDS, PLATFORMS, load_sources

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "scripts"))
import gen_sources_doc  # noqa: E402

SOURCES = yaml.safe_load((REPO / "sources.yml").read_text(encoding="utf-8"))["sources"]
BY_SLUG = {s["slug"]: s for s in SOURCES}
TERRITORIAL_FORCES = {
    "avon-and-somerset-police", "bedfordshire-police", "cambridgeshire-constabulary", "cheshire-constabulary",
    "city-of-london-police", "cleveland-police", "cumbria-constabulary", "derbyshire-constabulary",
    "devon-and-cornwall-police", "dorset-police", "durham-constabulary", "dyfed-powys-police", "essex-police",
    "gloucestershire-constabulary", "greater-manchester-police", "gwent-police", "hampshire-constabulary",
    "hertfordshire-constabulary", "humberside-police", "kent-police", "lancashire-constabulary",
    "leicestershire-police", "lincolnshire-police", "merseyside-police", "metropolitan-police",
    "norfolk-constabulary", "north-wales-police", "north-yorkshire-police", "northamptonshire-police",
    "northumbria-police", "nottinghamshire-police", "south-wales-police", "south-yorkshire-police",
    "staffordshire-police", "suffolk-constabulary", "surrey-police", "sussex-police", "thames-valley-police",
    "warwickshire-police", "west-mercia-police", "west-midlands-police", "west-yorkshire-police",
    "wiltshire-police",
}
OTHER_REQUIRED = {
    "british-transport-police", "police-service-of-northern-ireland", "police-scotland",
    "scottish-police-authority", "national-police-chiefs-council", "mopac",
    "greater-manchester-combined-authority", "west-yorkshire-combined-authority",
}
# The Met's published-items search, named in the project's brief; every other verified URL must be seen.
DOCUMENTED_URLS = {"https://www.met.police.uk/foi-ai/af/accessing-information/published-items/"}
TRUSTED_HOSTS = (".police.uk", ".gov.uk", ".org.uk", "whatdotheyknow.com")


def published_item_urls() -> list[str]:
    with open(SHARED / "corpus" / "SOURCES.tsv", encoding="utf-8") as f:
        return [row["url"] for row in csv.DictReader(f, delimiter="\t")]


def comparable(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc.removeprefix("www.") + parts.path + (f"?{parts.query}" if parts.query else "")


def test_the_registry_loads_and_slugs_are_unique_kebab_case():
    slugs = [s["slug"] for s in SOURCES]
    assert len(slugs) == len(set(slugs)) == len(load_sources(REPO / "sources.yml"))
    assert [s for s in slugs if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s)] == []


def test_every_required_body_is_listed():
    territorial = {s["slug"] for s in SOURCES if s.get("territorial") is True}
    assert territorial == TERRITORIAL_FORCES
    assert {BY_SLUG[slug]["kind"] for slug in territorial} == {"force"}
    assert OTHER_REQUIRED - set(BY_SLUG) == set()


def test_bodies_by_kind_and_platform():
    assert Counter(s["kind"] for s in SOURCES) == {"force": 46, "pcc": 33, "pfcc": 5, "mayor": 5, "other": 3}
    assert Counter(s["platform"] for s in SOURCES) == {"soh": 41, "index_page": 8, "wdtk": 43}
    assert {s["kind"] for s in SOURCES} <= set(KINDS) and {s["platform"] for s in SOURCES} <= set(PLATFORMS)


def test_each_entry_says_how_it_is_reached():
    for source in SOURCES:
        assert source["url_status"] in ("verified", "unverified"), source["slug"]
        if source["platform"] in ("soh", "index_page"):
            assert source["url"], source["slug"]
        if source["platform"] == "wdtk":
            assert source["wdtk_body"] and source["url"] is None, source["slug"]


def test_verified_urls_are_log_prefixes_seen_in_published_responses():
    seen = [comparable(url) for url in published_item_urls()]
    unseen = [s["url"] for s in SOURCES if s["url_status"] == "verified" and s["url"] not in DOCUMENTED_URLS
              and not any(item.startswith(comparable(s["url"])) for item in seen)]
    assert unseen == []


def test_urls_off_police_and_government_hosts_are_marked_unverified():
    odd = [s["slug"] for s in SOURCES if s.get("url") and s["url_status"] == "verified"
           and not urlsplit(s["url"]).netloc.endswith(TRUSTED_HOSTS)]
    assert odd == []


def test_index_page_item_patterns_match_the_items_seen_under_each_log():
    checked = {}
    for source in SOURCES:
        pattern = (source.get("options") or {}).get("item_url_pattern")
        if not pattern:
            continue
        items = [u for u in published_item_urls() if comparable(u).startswith(comparable(source["url"]))]
        assert [u for u in items if not re.search(pattern, u)] == [], source["slug"]
        checked[source["slug"]] = len(items)
    assert checked == {"cleveland-pcc": 1, "north-yorkshire-pfcc": 2, "northumbria-police": 8,
                       "scottish-police-authority": 2, "west-midlands-police": 13, "west-yorkshire-police": 1}


def test_the_coverage_doc_is_generated_from_the_registry():
    assert (REPO / "docs" / "sources.md").read_text(encoding="utf-8") == gen_sources_doc.render(SOURCES)
