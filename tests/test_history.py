"""A response's history over nights against a replica log: a new body keeps the old one, a page taken down is
marked removed, never deleted."""
from crawling import query, relative

from scraper import pipeline
from scraper.http import Client
from scraper.registry import parse_sources
from scraper.replica import ReplicaServer, sample_items
from scraper.replica.index_page import index_page_site

EXPENSES = "foi-opcc-24-031-chief-executive-expenses"
FUNDING = "foi-opcc-24-017-county-lines-funding"


def night(server, tmp_path, revalidate=True):
    with Client(default_delay=0, backoff=0.05) as client:
        return pipeline.crawl_sources(parse_sources({"sources": server.sources()}), tmp_path / "foilog.db",
                                      tmp_path / "archive", client=client, revalidate=revalidate)


def test_a_revised_response_keeps_its_earlier_version_and_a_removed_one_keeps_its_row(tmp_path):
    site = index_page_site("demo-opcc", "Demo OPCC (replica)", sample_items("demo-opcc"), page_size=2)
    with ReplicaServer([site]) as server:
        night(server, tmp_path, revalidate=False)
        before = query(tmp_path, f"SELECT id, title, body, content_hash FROM disclosures WHERE url LIKE '%{EXPENSES}%'")
        first_text = next(item.text for item in site.items if item.slug == EXPENSES)
        server.revise_item("demo-opcc", EXPENSES, first_text + "\nCorrection: the total for 2023 was £4,210.")
        server.take_down("demo-opcc", FUNDING)
        night(server, tmp_path)
        night(server, tmp_path)  # nothing changed since: no second version, removal dated the first time
        base = server.base_url
    (old,) = before
    versions = query(tmp_path, "SELECT disclosure_id, url, title, body, content_hash FROM disclosure_versions")
    assert relative(versions, base) == [{
        "disclosure_id": old["id"], "url": f"/wp-content/uploads/2024/06/{EXPENSES}.docx",
        "title": old["title"], "body": old["body"], "content_hash": old["content_hash"]}]
    current = query(tmp_path, f"SELECT body FROM disclosures WHERE id = '{old['id']}'")[0]["body"]
    assert current.endswith("Correction: the total for 2023 was £4,210.") and not old["body"].endswith("£4,210.")
    second_night = query(tmp_path, "SELECT started FROM crawl_runs ORDER BY id")[1]["started"]
    removed = query(tmp_path, "SELECT url, removed_at FROM disclosures ORDER BY url")
    assert [(row["url"].removeprefix(base), row["removed_at"] is not None) for row in removed] == [
        ("/wp-content/uploads/2023/11/foi-opcc-23-088-ncnd-complaints-chief-constable.pdf", False),
        (f"/wp-content/uploads/2024/03/{FUNDING}.pdf", True),
        (f"/wp-content/uploads/2024/06/{EXPENSES}.docx", False),
        ("/wp-content/uploads/2024/07/foi-opcc-24-044-victims-services-table.pdf", False),
    ]
    assert [row["removed_at"][:19] >= second_night[:19] for row in removed if row["removed_at"]] == [True]
