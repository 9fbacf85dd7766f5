"""The published copy: a consistent snapshot swapped in atomically, served read-only by `foilog serve --immutable`."""
import sqlite3
import subprocess
import sys
import time

import httpx
from click.testing import CliRunner

import db
from scraper.cli import main
from test_datasette import free_port, make_small_db


def published_runs(path) -> list[tuple]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT authority, pages_fetched FROM crawl_runs ORDER BY id").fetchall()


def dead_pid() -> int:
    """The id of a process that has exited (as a publish killed mid-copy has)."""
    process = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(process.stdout)


def publish(db_path, to):
    result = CliRunner().invoke(main, ["publish", "--db", str(db_path), "--to", str(to)])
    assert result.exit_code == 0, result.output
    return to / "foilog.db"


def test_publish_copies_what_is_committed_and_swaps_the_copy_in_whole(tmp_path):
    live = tmp_path / "foilog.db"
    make_small_db(live)
    writer = sqlite3.connect(live)  # a crawl mid-transaction while the copy is made
    writer.execute("BEGIN")
    writer.execute("INSERT INTO crawl_runs (authority, pages_fetched) VALUES ('south-police', 7)")
    (tmp_path / "published").mkdir()
    killed_mid_copy = tmp_path / "published" / f".foilog.db.{dead_pid()}.partial"
    killed_mid_copy.write_bytes(b"SQLite format 3\x00half a copy")
    published = publish(live, tmp_path / "published")
    with open(published, "rb") as reader_of_last_night:  # a reader holding last night's file
        writer.commit()
        publish(live, tmp_path / "published")
        last_night = reader_of_last_night.read()
    (tmp_path / "last-night.db").write_bytes(last_night)
    assert (published_runs(tmp_path / "last-night.db"), published_runs(published)) == (
        [("north-police", 3)], [("north-police", 3), ("south-police", 7)])
    assert sorted(p.name for p in published.parent.iterdir()) == [
        "datasette_metadata.yml", "foilog.db", "foilog.inspect.json"]  # no partial copy left, even a killed one
    with sqlite3.connect(published) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def wait_for(url: str, process: subprocess.Popen) -> httpx.Response:
    for _ in range(300):
        assert process.poll() is None, process.stderr.read()
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answered on {url}")


def test_serve_immutable_serves_the_published_copy_and_refuses_a_busy_port(tmp_path):
    make_small_db(tmp_path / "foilog.db")
    published = publish(tmp_path / "foilog.db", tmp_path / "published")
    port = free_port()
    serve = [sys.executable, "-m", "scraper.cli", "serve", "--db", str(published), "--immutable", "--port", str(port)]
    process = subprocess.Popen(serve, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        databases = wait_for(f"http://127.0.0.1:{port}/-/databases.json", process).json()
        runs = httpx.get(f"http://127.0.0.1:{port}/foilog/crawl_runs.json?_shape=array&_col=authority").json()
        second = subprocess.run(serve, capture_output=True, text=True, timeout=60)
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert [(d["name"], d["is_mutable"]) for d in databases] == [("foilog", False)]
    assert [run["authority"] for run in runs] == ["north-police"]
    assert (second.returncode, second.stderr.splitlines()) == (2, [
        f"Error: port {port} on 127.0.0.1 is already in use (another foilog demo or serve?); "
        "choose another with --port"])
    assert db.open_db(tmp_path / "foilog.db")["crawl_runs"].count == 1  # the live file was only read
