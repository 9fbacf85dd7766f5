"""`foilog sources --check` against replicas: a log that answers, one that moved, one gone, one with no items."""
import datetime as dt

import yaml
from click.testing import CliRunner

from scraper.cli import main
from scraper.replica import ReplicaServer, soh_site
from scraper.replica.site import Item


def responses() -> list[Item]:
    return [Item(slug=slug, title=slug, published=dt.date.fromisoformat(day), text="You asked for figures.")
            for slug, day in [("foi-2-tasers", "2025-06-02"), ("foi-1-drones", "2024-03-10")]]


def check(entries: list[dict], tmp_path, *args) -> tuple[int, list[str]]:
    (tmp_path / "sources.yml").write_text(yaml.safe_dump({"sources": entries}))
    result = CliRunner().invoke(main, ["sources", "--sources", str(tmp_path / "sources.yml"), "--check", *args])
    return result.exit_code, result.output.splitlines()


def test_check_reports_each_source_and_fails_when_any_log_is_lost(tmp_path):
    sites = [soh_site("good-police", "Good Police", responses(), pattern="foi/YYYY"),
             soh_site("moved-police", "Moved Police", responses(), pattern="disclosure-logs/YYYY",
                      moved_from="/foi-ai/moved-police/disclosure-log/"),
             soh_site("empty-police", "Empty Police", [], pattern="disclosure-log")]
    with ReplicaServer(sites) as server:
        good, moved, empty = server.sources()
        base = server.base_url
        entries = [good, {**moved, "url": f"{base}/foi-ai/moved-police/disclosure-log/"},
                   {**good, "slug": "gone-police", "url": f"{base}/foi-ai/gone-police/disclosure-log/"}, empty,
                   {"slug": "no-log-pcc", "name": "A Commissioner", "kind": "pcc", "platform": "none"}]
        status, lines = check(entries, tmp_path)
        requests = [path for _, path, _ in server.request_log]
    assert (status, [line.replace(base, "") for line in lines]) == (1, [
        "good-police   reachable    /foi-ai/good-police/foi/  first item /foi-ai/good-police/foi/2025/foi-2-tasers/",
        "moved-police  redirected   /foi-ai/moved-police/disclosure-log/  to /foi-ai/moved-police/disclosure-logs/, "
        "a log (first item /foi-ai/moved-police/disclosure-logs/2025/foi-2-tasers/)",
        "gone-police   not found    /foi-ai/gone-police/disclosure-log/  HTTP 404",
        "empty-police  not a log    /foi-ai/empty-police/disclosure-log/  no item links (read 1 index page)",
        "no-log-pcc    skipped      -  platform none",
        "5 sources: 1 not a log, 1 not found, 1 reachable, 1 redirected, 1 skipped; 2 failed",
    ])
    assert "/robots.txt" in requests and not any("/search/" in path or "foi-1-drones" in path for path in requests)


def test_check_of_logs_that_answer_exits_0(tmp_path):
    with ReplicaServer([soh_site("good-police", "Good Police", responses(), pattern="foi/YYYY")]) as server:
        status, lines = check(server.sources(), tmp_path, "--source", "good-police")
    assert (status, lines[-1]) == (0, "1 sources: 1 reachable; 0 failed")


def test_a_start_url_robots_txt_forbids_is_unreachable_and_never_requested(tmp_path):
    with ReplicaServer([soh_site("good-police", "Good Police", responses(), pattern="foi/YYYY")]) as server:
        (good,) = server.sources()
        status, lines = check([{**good, "url": f"{server.base_url}/search/"}], tmp_path)
        base, requests = server.base_url, [path for _, path, _ in server.request_log]
    assert (status, lines[0].replace(base, "")) == (1, "good-police  unreachable  /search/  disallowed by robots.txt")
    assert requests == ["/robots.txt"]
