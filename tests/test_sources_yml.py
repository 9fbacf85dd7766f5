"""The registry names every police body, honestly: it follows the evidence of where each log is published
(../shared/registry/evidence.tsv), so the two cannot drift apart."""
from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from scraper.platforms.base import platform_for
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
    assert Counter(s["platform"] for s in SOURCES) == {"soh": 32, "index_page": 22, "wdtk": 38}
    assert Counter(s["url_status"] for s in SOURCES) == {"verified": 37, "unverified": 51, "contradicted": 4}
    assert {s["kind"] for s in SOURCES} <= set(KINDS) and {s["platform"] for s in SOURCES} <= set(PLATFORMS)


def test_each_entry_says_how_it_is_reached():
    for source in SOURCES:
        assert source["url_status"] in ("verified", "unverified", "contradicted"), source["slug"]
        if source["platform"] in ("soh", "index_page"):
            assert source["url"], source["slug"]
        if source["platform"] == "wdtk":
            assert source["wdtk_body"] and source["url"] is None, source["slug"]


def test_index_page_item_patterns_match_the_items_seen_under_each_log():
    checked = {}
    for source in SOURCES:
        pattern = (source.get("options") or {}).get("item_url_pattern")
        if not pattern:
            continue
        items = [u for u in published_item_urls() if comparable(u).startswith(comparable(source["url"]))]
        assert [u for u in items if not re.search(pattern, u)] == [], source["slug"]
        if items:
            checked[source["slug"]] = len(items)
    assert checked == {"cleveland-pcc": 1, "north-yorkshire-pfcc": 2, "northumbria-police": 8,
                       "scottish-police-authority": 2, "west-midlands-police": 13, "west-yorkshire-police": 1}


def evidence(field: str) -> list[dict]:
    with open(SHARED / "registry" / "evidence.tsv", encoding="utf-8") as f:
        return [row for row in csv.DictReader(f, delimiter="\t") if row["field"] == field]


def follows(url: str, evidence_value: str) -> bool:
    """Whether a registry URL is, or lies under, the URL (prefix) the evidence shows. The evidence may add a
    remark after the URL, and writes a per-year section as YYYY."""
    prefix = re.escape(comparable(evidence_value.split(" ")[0])).replace("YYYY", r"\d{4}")
    return re.match(prefix, comparable(url)) is not None


def test_every_body_in_the_registry_is_in_the_evidence_and_back():
    assert {row["slug"] for row in evidence("url")} == {row["slug"] for row in evidence("wdtk_body")} == set(BY_SLUG)


def test_log_urls_follow_the_evidence():
    disagreements = []
    for row in evidence("url"):
        entry, verdict = BY_SLUG[row["slug"]], row["verdict"]
        if verdict in ("confirmed", "corrected"):
            agrees = (entry["url_status"] == "verified" and entry.get("evidence_url") == row["evidence_url"]
                      and follows(entry["url"], row["evidence_value"]))
        elif verdict == "contradicted":  # kept for the record, never crawled
            agrees = (entry["url_status"] == "contradicted" and entry.get("contradicted_url") == row["registry_value"]
                      and entry.get("evidence_url") == row["evidence_url"] and entry["url"] is None)
        else:
            agrees = entry["url_status"] == "unverified" and "evidence_url" not in entry
        if not agrees:
            disagreements.append(f"{row['slug']}: evidence {verdict} {row['evidence_value'] or row['registry_value']}")
    assert disagreements == []


def test_whatdotheyknow_bodies_follow_the_evidence():
    disagreements = [row["slug"] for row in evidence("wdtk_body") if (
        (BY_SLUG[row["slug"]]["wdtk_body"], BY_SLUG[row["slug"]]["wdtk_body_status"]) !=
        ((row["evidence_value"], "verified") if row["verdict"] in ("confirmed", "corrected")
         else (row["registry_value"], "unverified")))]
    assert disagreements == []


def test_a_log_seen_on_single_online_home_is_crawled_as_one_and_a_log_seen_elsewhere_is_not():
    platforms = {row["slug"]: (row["platform_evidence"], BY_SLUG[row["slug"]]["platform"]) for row in evidence("url")
                 if row["verdict"] in ("confirmed", "corrected")}
    on_soh = {slug for slug, (seen, _) in platforms.items() if seen.startswith("SOH")}
    elsewhere = {slug for slug, (seen, _) in platforms.items()
                 if re.search(r"not SOH|^own|^third-party", seen, re.IGNORECASE)}
    assert {slug for slug in on_soh if platforms[slug][1] != "soh"} == set()
    assert {slug for slug in elsewhere if platforms[slug][1] == "soh"} == set()
    assert (len(on_soh), len(elsewhere)) == (15, 18)


# Evidence pages that show a log without being one of its responses.
NOT_AN_ITEM = {"scottish-police-authority": "an FOI annual summary in the publication library",
               "norfolk-constabulary": "the FOI FAQ page that links the log",
               "suffolk-constabulary": "the publication scheme (the log URL is WhatDoTheyKnow's record)"}


def test_the_adapter_takes_each_published_item_in_the_evidence_for_an_item_of_its_log():
    """The evidence page of a verified log is usually one of its items: the registry entry must reach it.
    (Not when the evidence is the log page itself, a page about it, or WhatDoTheyKnow's record.)"""
    sources = {s.slug: s for s in load_sources(REPO / "sources.yml")}
    checked, missed = [], []
    for entry in SOURCES:
        source, page = sources[entry["slug"]], entry.get("evidence_url")
        if entry["url_status"] != "verified" or entry["slug"] in NOT_AN_ITEM or comparable(page).rstrip("/") == \
                comparable(entry["url"]).rstrip("/"):
            continue
        if "whatdotheyknow.com" in page:
            continue
        adapter = platform_for(source)
        is_item = (adapter.page_kind(page) == "item" if source.platform == "soh"
                   else adapter._is_item(page))
        (checked if is_item else missed).append(entry["slug"])
    assert (missed, len(checked)) == ([], 26)


def test_the_coverage_doc_is_generated_from_the_registry():
    assert (REPO / "docs" / "sources.md").read_text(encoding="utf-8") == gen_sources_doc.render(SOURCES)


def test_the_coverage_doc_says_what_each_body_s_last_crawl_found_when_given_a_database():
    runs = {"cleveland-police": {"started": "2026-12-01T02:00:00Z", "ended": "2026-12-01T02:09:00Z",
                                 "pages_fetched": 40, "new": 12, "failed": 1}}
    row = next(line for line in gen_sources_doc.render(SOURCES, runs).splitlines() if "`cleveland-police`" in line)
    assert row == (
        "| Cleveland Police | `cleveland-police` | soh | <https://www.cleveland.police.uk/foi-ai/cleveland-police/"
        "disclosure/> | verified | [seen](https://www.cleveland.police.uk/foi-ai/cleveland-police/disclosure/2026/"
        "january/foi-8926-ai-tools/) | cleveland_police | 2026-12-01 ok: 12 new, 1 failed |")
