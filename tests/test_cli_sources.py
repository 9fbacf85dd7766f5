"""`foilog sources`: every registry entry with its platform, URL status and last crawl."""
from datetime import datetime, timezone

import yaml
from click.testing import CliRunner
from crawling import crawl_entries

from scraper.cli import main
from scraper.replica import ReplicaServer, demo_sites


def test_sources_lists_each_entry_with_its_last_crawl(tmp_path):
    site = next(site for site in demo_sites() if site.slug == "demo-opcc")
    with ReplicaServer([site]) as server:
        (crawled,) = server.sources()
        crawl_entries([crawled], tmp_path)
    crawled["url"] = "https://opcc.test/disclosure-log/"  # the replica's port is gone; keep the table literal
    registry = [
        {**crawled, "url_status": "verified"},
        {"slug": "wdtk-only", "name": "A Police Authority", "kind": "other", "platform": "wdtk",
         "wdtk_body": "a_police_authority"},
        {"slug": "no-log", "name": "A Commissioner", "kind": "pcc", "platform": "none"},
    ]
    (tmp_path / "sources.yml").write_text(yaml.safe_dump({"sources": registry}))
    result = CliRunner().invoke(main, ["sources", "--sources", str(tmp_path / "sources.yml"),
                                       "--db", str(tmp_path / "foilog.db")])
    today = datetime.now(timezone.utc).date().isoformat()
    assert (result.exit_code, result.output.splitlines()) == (0, [
        "source     kind   platform    url                                         url status  last crawl",
        "demo-opcc  pcc    index_page  https://opcc.test/disclosure-log/           verified    "
        f"{today} ok: 4 new",
        "wdtk-only  other  wdtk        whatdotheyknow.com/body/a_police_authority  unverified  never crawled",
        "no-log     pcc    none        -                                           unverified  never crawled",
    ])
