"""Attachments of any item: fetched, archived, described (type, size, text of documents, a note when there is
no text) and searchable through attachments_fts."""
import datetime as dt

from crawling import crawl_entries, query, relative

from scraper import pipeline
from scraper.items import Supporting, describe_attachment
from scraper.replica import Attachment, Item, ReplicaServer, soh_site
from scraper.replica.documents import PDF, XLSX, pdf_bytes, xlsx_bytes


def blank_pdf() -> bytes:
    """A scan as far as text extraction can tell: a page with no text layer."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60)
    return bytes(pdf.output())


def item_with_files() -> Item:
    return Item(slug="stop-and-search", title="Stop and search 2023", published=dt.date(2024, 3, 12),
                text="Request\nHow many stop and searches in 2023?\nResponse\nPlease see the attached table.",
                attachments=[Attachment("stop-search-2023.xlsx", XLSX, xlsx_bytes([["Year", "Count"], ["2023", "9"]])),
                             Attachment("letter.pdf", PDF, pdf_bytes("Letter", ["Stop and search by ward, 2023"])),
                             Attachment("scan.pdf", PDF, blank_pdf())])


def test_attachments_are_described_and_searchable(tmp_path):
    with ReplicaServer([soh_site("test-force", "Test Constabulary (replica)", [item_with_files()])]) as server:
        (stats,) = crawl_entries(server.sources(), tmp_path)
        stored = relative(query(tmp_path, "SELECT url, name, type, text, note FROM attachments ORDER BY name"),
                          server.base_url)
    folder = "/SysSiteAssets/foi-media/test-force/disclosure_2024/stop-and-search"
    assert (stats.new, stats.failed) == (1, 0)
    assert stored == [
        {"url": f"{folder}/letter.pdf", "name": "letter.pdf", "type": "application/pdf",
         "text": "Stop and search by ward, 2023", "note": None},
        {"url": f"{folder}/scan.pdf", "name": "scan.pdf", "type": "application/pdf", "text": None,
         "note": "scanned PDF: no text layer on 1 pages"},
        {"url": f"{folder}/stop-search-2023.xlsx", "name": "stop-search-2023.xlsx",
         "type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text": None, "note": None},
    ]
    found = query(tmp_path, "SELECT name FROM attachments WHERE rowid IN "
                            "(SELECT rowid FROM attachments_fts WHERE attachments_fts MATCH 'ward')")
    assert found == [{"name": "letter.pdf"}]


def test_attachment_over_the_size_cap_is_skipped_with_a_reason(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "MAX_DOCUMENT_BYTES", 1000)
    item = item_with_files()
    item.attachments = item.attachments[1:2]
    with ReplicaServer([soh_site("test-force", "Test Constabulary (replica)", [item])]) as server:
        crawl_entries(server.sources(), tmp_path)
    (row,) = query(tmp_path, "SELECT name, size, text, note FROM attachments")
    size = len(item.attachments[0].data)
    assert row == {"name": "letter.pdf", "size": None, "text": None,
                   "note": f"not fetched: over size cap ({size} bytes > 1000)"}


def test_an_attachment_that_could_not_be_fetched_says_why():
    row = describe_attachment({"url": "https://x.test/files/data.csv", "name": "Data"}, Supporting(error="HTTP 404"))
    assert row == {"url": "https://x.test/files/data.csv", "name": "Data", "type": "text/csv", "size": None,
                   "text": None, "note": "not fetched: HTTP 404"}
