"""`scripts/nightly.sh` run as cron runs it (a real process, not on a terminal) against replica logs on 127.0.0.1."""
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import yaml

from scraper.replica import ReplicaServer
from scraper.replica.index_page import index_page_site
from scraper.replica.samples import sample_items

REPO = Path(__file__).resolve().parents[1]
STAMPED = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ")


def checkout(tmp_path, with_venv=True) -> Path:
    """A checkout holding the script under test; its .venv is the one running these tests (foilog installed)."""
    repo = tmp_path / "foilog"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(REPO / "scripts" / "nightly.sh", repo / "scripts" / "nightly.sh")
    if with_venv:
        (repo / ".venv").symlink_to(Path(sys.executable).parents[1])
    return repo


def registry(tmp_path, entries) -> Path:
    path = tmp_path / "sources.yml"
    path.write_text(yaml.safe_dump({"sources": entries}))
    return path


def nightly(repo, *args, **popen):
    return subprocess.Popen([str(repo / "scripts" / "nightly.sh"), *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **popen)


def finished(process):
    out, err = process.communicate(timeout=120)
    return process.returncode, out.splitlines(), err.splitlines()


def log_lines(data: Path) -> list[str]:
    (log,) = (data / "logs").iterdir()
    return log.read_text().splitlines()


def test_a_night_publishes_its_copy_and_a_second_run_meanwhile_exits_75(tmp_path):
    repo, data = checkout(tmp_path), tmp_path / "data"
    site = index_page_site("demo-opcc", "Demo OPCC (replica)", sample_items("demo-opcc"), page_size=2)
    with ReplicaServer([site]) as server:
        (entry,) = server.sources()
        sources = registry(tmp_path, [{**entry, "delay": 0.3}])  # slow enough for a second run to meet it
        first = nightly(repo, "--sources", sources, "--data", data)
        while not any("run starts" in log.read_text() for log in data.glob("logs/*.log")):
            assert first.poll() is None, finished(first)
            time.sleep(0.05)
        second = finished(nightly(repo, "--sources", sources, "--data", data))
        first = finished(first)
    assert second == (75, [], [f"{second[2][0][:21]}nightly.sh: another nightly run holds {data}/.nightly.lock; "
                               "nothing done"])
    assert first == (0, [], [])  # cron mails nothing on a good night
    lines = log_lines(data)
    assert all(STAMPED.match(line) for line in lines), lines
    assert [line[21:] for line in lines if "another nightly run" not in line and (
        "nightly.sh" in line or line[21:].startswith("demo-opcc"))] == [
        f"nightly.sh: run starts: sources {sources}, data {data}",
        f"demo-opcc: {entry['url']}",
        "demo-opcc  5      9        4    0        0          0      0       ok",
        "nightly.sh: run ends: exit 0",
    ]
    with sqlite3.connect(f"file:{data / 'published' / 'foilog.db'}?mode=ro", uri=True) as published:
        assert published.execute("SELECT authority, count(*) FROM disclosures GROUP BY authority").fetchall() == [
            ("demo-opcc", 4)]


def test_a_failed_source_is_mailed_and_exits_1_and_bad_usage_exits_2(tmp_path):
    repo, data = checkout(tmp_path), tmp_path / "data"
    site = index_page_site("demo-opcc", "Demo OPCC (replica)", sample_items("demo-opcc"), page_size=2)
    with ReplicaServer([site]) as server:
        (entry,) = server.sources()
        gone = {**entry, "slug": "moved-log", "url": server.base_url + "/moved-away/"}
        night = finished(nightly(repo, "--sources", registry(tmp_path, [entry, gone]), "--data", data))
    code, mailed, errors = night
    assert (code, [line[21:] for line in mailed], errors) == (1, [
        "moved-log  0      1        0    0        0          0      1       FAILED: no index page could be fetched",
    ], [])
    assert finished(nightly(repo, "--data")) == (2, [], ["usage: scripts/nightly.sh [--sources FILE] [--data DIR]"])
    (tmp_path / "broken.yml").write_text("sources: [\n")
    code, mailed, _ = finished(nightly(repo, "--sources", tmp_path / "broken.yml", "--data", data))
    assert (code, [line[21:] for line in mailed]) == (2, [
        f"Error: {tmp_path}/broken.yml: not valid YAML at line 2, column 1: expected the node content, "
        "but found '<stream end>'",
        "nightly.sh: FAILED: the crawl refused its input (see the Error line above)"])


def test_a_fresh_clone_that_cannot_install_says_exactly_what_to_run(tmp_path):
    repo = checkout(tmp_path, with_venv=False)
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    (fake_bin / "python3").write_text("#!/bin/sh\necho 'No module named venv' >&2\nexit 1\n")
    (fake_bin / "python3").chmod(0o755)
    registry(tmp_path, [])
    env = {"PATH": f"{fake_bin}:/usr/bin:/bin"}
    code, mailed, _ = finished(nightly(repo, "--sources", tmp_path / "sources.yml", "--data", tmp_path / "data",
                                       env=env))
    (log,) = (tmp_path / "data" / "logs").iterdir()
    assert (code, [line[21:] for line in mailed]) == (69, [
        f"nightly.sh: FAILED: installing foilog failed (see {log}); "
        f"run: cd {repo} && python3 -m venv .venv && .venv/bin/pip install -e ."])
    assert "No module named venv" in log.read_text()


def test_the_readmes_cron_line_is_the_scripts():
    readme = (REPO / "README.md").read_text()
    cron = readme.split("## Running it nightly", 1)[1].split("```cron\n", 1)[1].split("\n", 1)[0]
    assert f"#   {cron}\n" in (REPO / "scripts" / "nightly.sh").read_text()
