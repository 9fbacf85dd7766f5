"""`foilog demo` crawls every replica family (SOH, PCC PDF/DOCX log, .aspx force, WhatDoTheyKnow) and stores
every demo item with the fields its expected.json gives."""
from click.testing import CliRunner
from crawling import query

from scraper.cli import main
from scraper.replica import demo_sites, expected_fields


def test_demo_stores_every_item_of_every_family(tmp_path):
    result = CliRunner().invoke(main, ["demo", "--no-serve", "--db", str(tmp_path / "foilog.db")])
    assert result.exit_code == 0, result.output
    stored = query(tmp_path, "SELECT authority, reference, outcome, ncnd FROM disclosures")
    for site in demo_sites():
        got = sorted((r["reference"] or "", r["outcome"], bool(r["ncnd"])) for r in stored
                     if r["authority"] == site.slug)
        expected = sorted((label["reference"] or "", label["outcome"], label["ncnd"])
                          for label in expected_fields(site.slug))
        assert (site.slug, got) == (site.slug, expected)
