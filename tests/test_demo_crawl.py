"""`foilog demo` crawls every replica family (SOH, PCC PDF/DOCX log, .aspx force, WhatDoTheyKnow) and stores
every demo item with the fields its expected.json gives."""
import signal
import subprocess
import sys

from click.testing import CliRunner
from crawling import query
from test_datasette import free_port

from scraper.cli import main
from scraper.serve import port_in_use
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


def test_a_second_demo_refuses_the_busy_port_and_stopping_the_demo_stops_its_datasette(tmp_path):
    port = free_port()
    demo = [sys.executable, "-m", "scraper.cli", "demo", "--port", str(port)]
    first = subprocess.Popen([*demo, "--db", str(tmp_path / "first.db")], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    try:
        serving = next((line for line in first.stdout if line.startswith("Datasette:")), None)
        second = subprocess.run([*demo, "--db", str(tmp_path / "second.db")], capture_output=True, text=True,
                                timeout=60)
    finally:
        first.send_signal(signal.SIGTERM)  # what `kill` sends, and systemd on stop
        first.wait(timeout=20)
    assert serving == f"Datasette: http://127.0.0.1:{port}/  (Ctrl-C to stop)\n"
    assert (second.returncode, second.stderr.splitlines()) == (2, [
        f"Error: port {port} on 127.0.0.1 is already in use (another foilog demo or serve?); "
        "choose another with --port"])
    assert not (tmp_path / "second.db").exists()
    assert not port_in_use("127.0.0.1", port)  # Datasette went with the demo
