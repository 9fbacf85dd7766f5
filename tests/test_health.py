"""Source health and alarms, computed from crawl_runs after each crawl: `foilog crawl` against replica logs."""
import yaml
from click.testing import CliRunner
from crawling import query

import db
from scraper.cli import main
from scraper.replica import ReplicaServer
from scraper.replica.index_page import index_page_site
from scraper.replica.samples import sample_items


def opcc_site(items):
    return index_page_site("demo-opcc", "Demo OPCC (replica)", items, shape="wordpress", kind="pcc", page_size=2)


def night(tmp_path, entry: dict):
    (tmp_path / "sources.yml").write_text(yaml.safe_dump({"sources": [entry]}))
    result = CliRunner().invoke(main, ["crawl", "--sources", str(tmp_path / "sources.yml"),
                                       "--db", str(tmp_path / "foilog.db")])
    return result.exit_code, [line for line in result.output.splitlines() if line.startswith("ALERT")]


def test_a_source_failing_two_runs_running_or_going_quiet_raises_an_alarm(tmp_path):
    with ReplicaServer([opcc_site(sample_items("demo-opcc"))]) as server:
        (entry,) = server.sources()
        first = night(tmp_path, entry)
        gone = {**entry, "url": server.base_url + "/moved-away/"}  # the log answers 404: nothing to crawl
        second = night(tmp_path, gone)
        third = night(tmp_path, gone)
        back = night(tmp_path, entry)
    with ReplicaServer([opcc_site([])]) as empty:  # the log is there but lists nothing any more
        (quiet,) = empty.sources()
        fourth = night(tmp_path, quiet)
    assert [first, second, third, back, fourth] == [
        (0, []),
        (1, []),  # one failed night is often the site's: no alarm yet
        (1, ["ALERT demo-opcc failing: failed 2 runs running (latest: no index page could be fetched)"]),
        (0, []),
        (1, ["ALERT demo-opcc no_items: found no items; earlier runs found a median of 4"]),
    ]
    assert query(tmp_path, "SELECT authority, run_id, kind FROM source_alerts ORDER BY id") == [
        {"authority": "demo-opcc", "run_id": 3, "kind": "failing"},
        {"authority": "demo-opcc", "run_id": 5, "kind": "no_items"},
    ]
    assert query(tmp_path, "SELECT authority, consecutive_failures, items_last_run, median_items_before, runs "
                           "FROM source_health") == [
        {"authority": "demo-opcc", "consecutive_failures": 0, "items_last_run": 0, "median_items_before": 4.0,
         "runs": 5},
    ]
    sources = CliRunner().invoke(main, ["sources", "--sources", str(tmp_path / "sources.yml"),
                                        "--db", str(tmp_path / "foilog.db")])
    assert sources.output.splitlines()[-1] == (
        "ALERT demo-opcc no_items: found no items; earlier runs found a median of 4")


def runs_table(tmp_path, runs: list[tuple[str | None, int | None]]):
    """A database whose crawl_runs for source `s` are these (fatal, items_found) pairs, oldest first."""
    conn = db.open_db(tmp_path / "foilog.db")
    db.ensure_db_shape(conn)
    db.save_authorities(conn, [{"slug": "s", "name": "S", "kind": "force", "platform": "soh", "url": "u"}])
    for fatal, items_found in runs:
        db.finish_run(conn, db.start_run(conn, "s"), fatal=fatal, items_found=items_found)
    return conn


def test_alarms_are_recorded_once_however_often_health_is_recomputed(tmp_path):
    conn = runs_table(tmp_path, [(None, 3), ("HTTP 500", None), ("HTTP 503", None)])
    assert db.update_source_health(conn) == db.update_source_health(conn) == [
        db.Alert("s", 3, "failing", "failed 2 runs running (latest: HTTP 503)")]
    assert conn.execute("SELECT count(*) FROM source_alerts").fetchone() == (1,)


def test_a_source_that_never_yielded_items_or_was_cut_short_raises_no_alarm(tmp_path):
    assert db.update_source_health(runs_table(tmp_path / "never", [(None, 0), (None, 0)])) == []
    # an interrupted run records no count: it neither raises an alarm nor lowers the median
    assert db.update_source_health(runs_table(tmp_path / "cut", [(None, 5), (None, None)])) == []
