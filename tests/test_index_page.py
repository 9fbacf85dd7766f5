"""Index-page logs end to end over the replica server: a PCC publishing PDF/DOCX letters, an .aspx force log,
a new PCC added by a registry entry alone, and the shared corpus rendered as PDFs."""
import json

import pytest
from crawling import SHARED, crawl_entries, query, relative

from scraper import pipeline
from scraper.platforms.base import SelectorError
from scraper.platforms.index_page import IndexPage, listing_date
from scraper.registry import source_from_mapping
from scraper.replica import ReplicaServer, demo_sites, sample_items, shared_corpus_site
from scraper.replica.index_page import index_page_site
from selectolax.lexbor import LexborHTMLParser

COLUMNS = "SELECT url, reference, title, published, outcome, exemptions, source_format FROM disclosures ORDER BY url"


def demo_site(slug):
    return next(site for site in demo_sites() if site.slug == slug)


def test_pcc_log_of_pdf_and_docx_letters_is_stored_with_parser_fields(tmp_path):
    with ReplicaServer([demo_site("demo-opcc")]) as server:
        (stats,) = crawl_entries(server.sources(), tmp_path)
        stored = relative(query(tmp_path, COLUMNS), server.base_url)
    assert (stats.new, stats.failed, stats.index_pages) == (4, 0, 5)
    assert stored == [
        {"url": "/wp-content/uploads/2023/11/foi-opcc-23-088-ncnd-complaints-chief-constable.pdf",
         "reference": "FOI/OPCC/23-088", "title": "Complaints about the Chief Constable", "published": "2023-11-21",
         "outcome": "ncnd", "exemptions": '["FOIA s40(5)"]', "source_format": "pdf"},
        {"url": "/wp-content/uploads/2024/03/foi-opcc-24-017-county-lines-funding.pdf",
         "reference": "FOI/OPCC/24-017", "title": "County lines funding", "published": "2024-03-12",
         "outcome": "full", "exemptions": "[]", "source_format": "pdf"},
        {"url": "/wp-content/uploads/2024/06/foi-opcc-24-031-chief-executive-expenses.docx",
         "reference": "FOI/OPCC/24-031", "title": "Chief Executive expenses", "published": "2024-06-04",
         "outcome": "partial", "exemptions": '["FOIA s21(1)", "FOIA s40(2)"]', "source_format": "docx"},
        {"url": "/wp-content/uploads/2024/07/foi-opcc-24-044-victims-services-table.pdf",
         "reference": "FOI/OPCC/24-044", "title": "Victims services contracts", "published": "2024-07-16",
         "outcome": "full", "exemptions": "[]", "source_format": "pdf"},
    ]


def test_aspx_force_log_with_cp1252_broken_markup_and_a_404(tmp_path):
    with ReplicaServer([demo_site("demo-westmids")], faults={"cp1252", "broken_markup", "not_found"}) as server:
        (stats,) = crawl_entries(server.sources(), tmp_path)
        stored = relative(query(tmp_path, COLUMNS), server.base_url)
        missing = server.base_url + server.fault_paths["not_found"][0]
    log = "/advice-information/freedom-of-information/disclosure-log"
    assert stats.errors == [{"url": missing, "error": "HTTP 404"}]
    assert stored == [
        {"url": f"{log}/2024/09/drones-1748a-24.aspx", "reference": "1748A/24", "title": "Drones (1748A/24)",
         "published": "2024-09-10", "outcome": "partial",
         "exemptions": '["FOIA s23(5)", "FOIA s24(2)", "FOIA s31(3)"]', "source_format": "html"},
        {"url": f"{log}/2024/11/firearms-licence-refusals-2210a-24.aspx", "reference": "2210A/24",
         "title": "Firearms licence refusals (2210A/24)", "published": "2024-11-26", "outcome": "full",
         "exemptions": "[]", "source_format": "html"},
        {"url": f"{log}/2025/01/misconduct-hearings-vetting-88a-25.aspx", "reference": "88A/25",
         "title": "Misconduct hearings and vetting (88A/25)", "published": "2025-01-28", "outcome": "refused",
         "exemptions": '["FOIA s12"]', "source_format": "html"},
        {"url": f"{log}/2025/02/live-facial-recognition-402a-25.aspx", "reference": "402A/25",  # the cp1252 page
         "title": "Live facial recognition (402A/25)", "published": "2025-02-19", "outcome": "ncnd",
         "exemptions": '["FOIA s24(2)", "FOIA s31(3)"]', "source_format": "html"},
    ]


def test_a_new_pcc_of_pdf_links_needs_only_a_registry_entry(tmp_path):
    """A PCC the crawler was never told about: only a URL pattern for its PDFs and for its year pages."""
    site = index_page_site("test-opcc", "Test OPCC (replica)", sample_items("demo-opcc"), page_size=1)
    for item in site.items:
        item.document = "pdf"
    with ReplicaServer([site]) as server:
        entry = {"slug": "test-opcc", "name": "Office of the Test Police and Crime Commissioner", "kind": "pcc",
                 "platform": "index_page", "delay": 0,
                 "url": server.base_url + "/transparency/freedom-of-information/disclosure-log/",
                 "options": {"item_url_pattern": r"\.pdf$", "index_url_pattern": r"/disclosure-log/\d{4}/"}}
        (stats,) = crawl_entries([entry], tmp_path)
        stored = relative(query(tmp_path, "SELECT url, title, reference, published FROM disclosures ORDER BY url"),
                          server.base_url)
    assert (stats.new, stats.failed) == (4, 0)
    assert stored == [
        {"url": "/wp-content/uploads/2023/11/foi-opcc-23-088-ncnd-complaints-chief-constable.pdf",
         "title": "Complaints about the Chief Constable", "reference": "FOI/OPCC/23-088", "published": "2023-11-21"},
        {"url": "/wp-content/uploads/2024/03/foi-opcc-24-017-county-lines-funding.pdf",
         "title": "County lines funding", "reference": "FOI/OPCC/24-017", "published": "2024-03-12"},
        {"url": "/wp-content/uploads/2024/06/foi-opcc-24-031-chief-executive-expenses.pdf",
         "title": "Chief Executive expenses", "reference": "FOI/OPCC/24-031", "published": "2024-06-04"},
        {"url": "/wp-content/uploads/2024/07/foi-opcc-24-044-victims-services-table.pdf",
         "title": "Victims services contracts", "reference": "FOI/OPCC/24-044", "published": "2024-07-16"},
    ]


def test_reparse_rebuilds_listing_metadata_from_the_archive(tmp_path):
    with ReplicaServer([demo_site("demo-opcc")]) as server:
        crawl_entries(server.sources(), tmp_path)
    rebuilt = tmp_path / "rebuilt"
    rebuilt.mkdir()
    stats = pipeline.reparse(rebuilt / "foilog.db", tmp_path / "archive", processes=1)
    assert (stats.new, stats.failed) == (4, 0)
    assert query(rebuilt, COLUMNS) == query(tmp_path, COLUMNS)


def test_listing_metadata_beside_each_link():
    source = source_from_mapping({"slug": "x", "name": "X", "platform": "index_page", "url": "https://x.test/log/",
                                  "options": {"entry_selector": "tr", "item_link_selector": "td.t a",
                                              "date_selector": "td.d", "reference_selector": "td.r"}})
    page = (b'<main><table><tr><td class="r">FOI 12/24</td><td class="d">3 May 2024</td>'
            b'<td class="t"><a href="/files/a.pdf">Drones</a></td></tr></table>'
            b'<a rel="next" href="/log/?page=2">Next</a></main>')
    found = IndexPage(source).discover("https://x.test/log/", page)
    assert (found.items, found.indexes, found.listings) == (
        ["https://x.test/files/a.pdf"], ["https://x.test/log/?page=2"],
        {"https://x.test/files/a.pdf": {"title": "Drones", "date": "2024-05-03", "reference": "FOI 12/24"}})
    with pytest.raises(SelectorError, match="'log listing links' \\(tr\\) matched nothing"):
        IndexPage(source).discover("https://x.test/log/", b"<main><p>Maintenance</p></main>")


def test_listing_dates_read_datetime_or_text():
    node = LexborHTMLParser('<time datetime="2024-02-01T10:00">1 Feb</time><span>01/03/2024</span>')
    assert (listing_date(node.css_first("time")), listing_date(node.css_first("span"), "%d/%m/%Y")) == (
        "2024-02-01", "2024-03-01")


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared is not beside the checkout")
@pytest.mark.parametrize("family, formats", [("pdf", {"pdf"}), ("docx", {"docx"}), ("aspx", {"html"}),
                                             ("wdtk", {"text", "pdf"})])  # WDTK: every other letter is attached
def test_shared_corpus_in_each_family_gives_the_labelled_references(tmp_path, family, formats):
    """The real texts as PCC PDF/DOCX letters, an .aspx force log and WhatDoTheyKnow messages."""
    labels = {label["file"]: label for label in json.loads((SHARED / "corpus" / "labels.json").read_text())}
    paths = sorted(SHARED / "corpus" / name for name in labels)
    site = shared_corpus_site(paths, slug=f"shared-{family}", family=family, page_size=20)
    with ReplicaServer([site]) as server:
        (stats,) = crawl_entries(server.sources(), tmp_path)
        files = {url: next(i.source_file.name for i in site.items if i.slug == slug)
                 for slug, url in server.item_urls(site.slug).items()}
    stored = query(tmp_path, "SELECT url, reference, source_format FROM disclosures")
    assert (stats.failed, len(stored), {r["source_format"] for r in stored}) == (0, len(paths), formats)
    references = {files[r["url"]]: r["reference"] for r in stored}
    wrong = {name: (ref, labels[name]["reference"]) for name, ref in references.items()
             if ref != labels[name]["reference"]}
    assert len(wrong) <= 0.1 * len(paths), wrong


def test_a_log_is_the_same_site_with_or_without_www():
    log = IndexPage(source_from_mapping({"slug": "spa", "name": "SPA", "platform": "index_page",
                                         "url": "https://spa.police.uk/publication-library/",
                                         "options": {"item_url_pattern": "/response/?$"}}))
    assert [log.in_scope(url) for url in ("https://www.spa.police.uk/publication-library/?page=2",
                                          "https://spa.police.uk/publication-library/?page=2",
                                          "https://www.other.police.uk/publication-library/")] == [True, True, False]
