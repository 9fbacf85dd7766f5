"""End to end over a real replica server: registry -> crawl -> archive -> parse -> SQLite, faults included."""
import datetime as dt
import json
from pathlib import Path

import pytest

import db
from scraper import pipeline
from scraper.http import Client
from scraper.registry import RegistryError, load_sources, parse_sources, select_sources
from scraper.replica import CHROME_LINES, ReplicaServer, files_with_soh_chrome, sample_items, shared_corpus_site, \
    soh_site

ALL_FAULTS = frozenset({"retry_after_503", "not_found", "cp1252", "broken_markup", "server_error"})
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def unseen_force():
    """A force the crawler was not written against: the demo samples on another URL pattern and slug."""
    return soh_site("test-force", "Test Constabulary (replica)", sample_items("demo-met"), pattern="year-month",
                    page_size=2)


def crawl(server, tmp_path, **kwargs):
    sources = parse_sources({"sources": server.sources()})
    with Client(default_delay=0, backoff=0.05) as client:
        return pipeline.crawl_sources(sources, tmp_path / "foilog.db", tmp_path / "archive", client=client, **kwargs)


def rows(tmp_path, columns="url, reference, title, outcome, ncnd, exemptions, published, body"):
    conn = db.open_db(tmp_path / "foilog.db")
    return [dict(zip(columns.split(", "), r))
            for r in conn.execute(f"SELECT {columns} FROM disclosures ORDER BY url").fetchall()]


def item_paths(log):
    return [path for method, path, status in log if "/disclosure/20" in path and path.count("/") == 7]


@pytest.fixture
def faulty(tmp_path):
    with ReplicaServer([unseen_force()], faults=ALL_FAULTS) as server:
        (stats,) = crawl(server, tmp_path)
        yield server, stats


def test_crawl_with_every_fault_stores_each_response_once(faulty, tmp_path):
    server, stats = faulty
    lost = {server.base_url + p for fault in ("not_found", "server_error") for p in server.fault_paths[fault]}
    expected = {item.slug: item for item in server.sites["test-force"].items}
    urls = server.item_urls("test-force")
    stored = rows(tmp_path)
    assert [r["url"] for r in stored] == sorted(set(urls.values()) - lost)
    for row in stored:
        item = next(expected[slug] for slug, url in urls.items() if url == row["url"])
        assert (row["title"], row["reference"], row["published"]) == (
            item.title, item.reference, item.published.isoformat())
        assert not any(line[:40] in row["body"] for line in CHROME_LINES)
        assert row["outcome"] in ("full", "partial", "refused", "ncnd", "not_held", "other")
    (cp1252_path,) = server.fault_paths["cp1252"]
    cp1252_row = next(r for r in stored if r["url"].endswith(cp1252_path))
    assert "\ufffd" not in cp1252_row["body"]
    (retried,) = server.fault_paths["retry_after_503"]
    assert [s for m, p, s in server.request_log if p == retried] == [503, 200]
    (run,) = db.open_db(tmp_path / "foilog.db").execute(
        "SELECT authority, new, failed, errors FROM crawl_runs").fetchall()
    errors = {e["url"]: e["error"] for e in json.loads(run[3])}
    assert (run[0], run[1], run[2]) == ("test-force", len(stored), 2)
    assert {url: errors[url] for url in lost} == {
        server.base_url + server.fault_paths["not_found"][0]: "HTTP 404",
        server.base_url + server.fault_paths["server_error"][0]: "HTTP 500 after 4 attempts",
    }
    assert stats.failed_entirely is False


def test_second_run_fetches_no_known_item_and_picks_up_a_new_one(faulty, tmp_path):
    server, _ = faulty
    before = len(server.request_log)
    added = server.add_item("test-force", title="Use of drones at football matches", published="2026-02-03",
                            text="Request\nHow many times were drones used?\nResponse\nInformation is not held.")
    (stats,) = crawl(server, tmp_path)
    second_run_items = item_paths(server.request_log[before:])
    lost = server.fault_paths["not_found"] + server.fault_paths["server_error"]
    # Items that failed last time are tried again (the 500 one with its retries); known ones never.
    assert set(second_run_items) == {added.removeprefix(server.base_url), *lost}
    assert (stats.new, stats.skipped_known) == (1, len(rows(tmp_path)) - 1)
    runs = db.open_db(tmp_path / "foilog.db").execute("SELECT COUNT(*) FROM crawl_runs").fetchone()[0]
    assert runs == 2


def test_revalidate_uses_conditional_requests(faulty, tmp_path):
    server, _ = faulty
    before = len(server.request_log)
    (stats,) = crawl(server, tmp_path, revalidate=True)
    statuses = {s for m, p, s in server.request_log[before:] if p in item_paths(server.request_log[before:])
                and p not in server.fault_paths["not_found"] + server.fault_paths["server_error"]}
    assert (statuses, stats.new, stats.not_modified) == ({304}, 0, len(rows(tmp_path)))


def test_reparse_from_the_archive_gives_the_same_rows(faulty, tmp_path):
    crawled = rows(tmp_path)
    rebuilt_dir = tmp_path / "rebuilt"
    rebuilt_dir.mkdir()
    stats = pipeline.reparse(rebuilt_dir / "foilog.db", tmp_path / "archive", processes=2)
    assert (stats.new, stats.failed) == (len(crawled), 0)
    assert rows(rebuilt_dir) == crawled


def test_crash_mid_crawl_leaves_whole_rows_and_the_next_run_resumes(tmp_path, monkeypatch):
    real_save = db.save_disclosure
    saved = []

    def save_then_crash(*args, **kwargs):
        if len(saved) == 3:
            raise KeyboardInterrupt  # the process dies between two items
        saved.append(kwargs["url"])
        return real_save(*args, **kwargs)

    with ReplicaServer([unseen_force()]) as server:
        monkeypatch.setattr(db, "save_disclosure", save_then_crash)
        with pytest.raises(KeyboardInterrupt):
            crawl(server, tmp_path)
        assert [r["url"] for r in rows(tmp_path)] == sorted(saved)
        monkeypatch.setattr(db, "save_disclosure", real_save)
        (stats,) = crawl(server, tmp_path)
        assert (stats.skipped_known, stats.new) == (3, len(server.sites["test-force"].items) - 3)
        assert [r["url"] for r in rows(tmp_path)] == sorted(server.item_urls("test-force").values())
        log_url = server.sources()[0]["url"]
    first_run = db.open_db(tmp_path / "foilog.db").execute("SELECT new, errors FROM crawl_runs ORDER BY id").fetchone()
    assert (first_run[0], json.loads(first_run[1])[-1]) == (3, {"url": log_url, "error": "interrupted: KeyboardInterrupt"})


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared is not beside the checkout")
def test_shared_corpus_soh_site_crawled_with_the_labelled_references(tmp_path):
    labels = {label["file"]: label for label in json.loads((SHARED / "corpus" / "labels.json").read_text())}
    paths = files_with_soh_chrome(SHARED / "corpus")
    site = shared_corpus_site(paths, pattern="disclosure-year")
    with ReplicaServer([site]) as server:
        (stats,) = crawl(server, tmp_path)
        by_url = {url: slug for slug, url in server.item_urls(site.slug).items()}
        files = {item.slug: item.source_file.name for item in site.items}
    stored = rows(tmp_path, "url, reference, body")
    assert (stats.new, stats.failed, len(stored)) == (len(paths), 0, len(paths))
    references = {files[by_url[r["url"]]]: r["reference"] for r in stored}
    right = sum(references[name] == labels[name]["reference"] for name in references)
    assert right >= 0.8 * len(paths), {n: (references[n], labels[n]["reference"]) for n in references}
    assert not [r["url"] for r in stored if CHROME_LINES[0] in r["body"]]


def test_registry_errors_name_the_entry(tmp_path):
    entry = {"slug": "a", "name": "A Police", "kind": "force", "platform": "soh", "url": "https://a.test/log/"}
    with pytest.raises(RegistryError, match=r"entry #2: duplicate slug 'a' \(first used by entry #1\)"):
        parse_sources({"sources": [entry, entry]})
    with pytest.raises(RegistryError, match=r"entry #1 \(b\): platform 'soh' needs a url"):
        parse_sources({"sources": [{**entry, "slug": "b", "url": None}]})
    with pytest.raises(RegistryError, match=r"entry #1 \(c\): unknown platform 'ftp'"):
        parse_sources({"sources": [{**entry, "slug": "c", "platform": "ftp"}]})
    with pytest.raises(RegistryError, match="unknown source slug"):
        select_sources(parse_sources({"sources": [entry]}), ["zzz"])


def test_registry_file_keeps_extra_keys_as_options(tmp_path):
    path = tmp_path / "sources.yml"
    path.write_text("sources:\n- slug: a\n  name: A Police\n  kind: force\n  platform: soh\n"
                    "  url: https://a.test/log/\n  url_status: verified\n  delay: 2\n  notes: moved in 2024\n"
                    "  options: {path_prefix: /foi-ai/a/}\n- slug: b\n  name: B OPCC\n  kind: pcc\n"
                    "  platform: wdtk\n  url: null\n  wdtk_body: b_opcc\n")
    a, b = load_sources(path)
    assert a.to_dict() == {"slug": "a", "name": "A Police", "kind": "force", "platform": "soh",
                           "url": "https://a.test/log/", "delay": 2.0, "url_status": "verified", "wdtk_body": None,
                           "options": {"path_prefix": "/foi-ai/a/", "notes": "moved in 2024"}}
    assert (b.crawlable, b.wdtk_body, b.url_status) == (True, "b_opcc", "unverified")
