"""`foilog correct`: a person's fix outlives crawls and reparses, shows on the response's page, and exports as
labels `foilog eval` reads."""
import json

import httpx
import pytest
import yaml
from click.testing import CliRunner
from crawling import crawl_entries, query

from scraper.cli import main
from scraper.replica import ReplicaServer, demo_sites
from scraper.serve import start_datasette
from test_datasette import free_port

TASER = "9 - 26"  # demo-cleveland's Taser discharges response: parsed as full, no exemptions


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """demo-cleveland crawled once into a database with its archive beside it."""
    tmp_path = tmp_path_factory.mktemp("corrected")
    (site,) = [s for s in demo_sites() if s.slug == "demo-cleveland"]
    with ReplicaServer([site]) as server:
        crawl_entries(server.sources(), tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def taser_row(tmp_path):
    (row,) = query(tmp_path, "SELECT id, outcome, ncnd, exemptions, corrected, correction_note FROM disclosures "
                             f"WHERE reference = '{TASER}'")
    return row


def test_correct_then_reparse_keeps_the_correction(crawled):
    database = crawled / "foilog.db"
    row_id = taser_row(crawled)["id"]
    note = "The table of discharges is withheld under s31(1)(a); the parser read the covering letter only."
    result = run("correct", "--db", database, "--id", row_id, "--outcome", "partial",
                 "--citations", "FOIA s31(1)(a); S.40(2)", "--note", note)
    assert result.exit_code == 0, result.output
    after_correct = (taser_row(crawled), query(crawled, "SELECT label, ncnd FROM exemption_citations "
                                                        f"WHERE disclosure_id = '{row_id}' ORDER BY id"))
    reparse = run("reparse", "--db", database)
    assert reparse.exit_code == 0, reparse.output
    after_reparse = (taser_row(crawled), query(crawled, "SELECT label, ncnd FROM exemption_citations "
                                                        f"WHERE disclosure_id = '{row_id}' ORDER BY id"))
    expected = ({"id": row_id, "outcome": "partial", "ncnd": 0, "exemptions": '["FOIA s31(1)(a)", "FOIA s40(2)"]',
                 "corrected": 1, "correction_note": note},
                [{"label": "FOIA s31(1)(a)", "ncnd": 0}, {"label": "FOIA s40(2)", "ncnd": 0}])
    assert (after_correct, after_reparse) == (expected, expected)
    assert yaml.safe_load((crawled / "corrections.yml").read_text())["corrections"][0]["citations"] == [
        "FOIA s31(1)(a)", "S.40(2)"]
    # the summary tables count the corrected citations
    assert query(crawled, "SELECT section, subsection, responses FROM exemption_use "
                          "WHERE authority = 'demo-cleveland' AND section = '31' AND year = "
                          f"(SELECT year FROM disclosures WHERE id = '{row_id}') ORDER BY subsection") == [
        {"section": "31", "subsection": "", "responses": 1}, {"section": "31", "subsection": "(1)", "responses": 1},
        {"section": "31", "subsection": "(1)(a)", "responses": 1}]


def test_corrected_response_page_shows_the_note(crawled):
    row_id = taser_row(crawled)["id"]
    run("correct", "--db", crawled / "foilog.db", "--id", row_id, "--ncnd", "0", "--note", "Checked by hand & <ok>.")
    port = free_port()
    process = start_datasette(crawled / "foilog.db", port=port)
    try:
        html = httpx.get(f"http://127.0.0.1:{port}/foilog/disclosures/{row_id}").text
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert ('<div class="foilog-corrected" role="note"><strong>Corrected by a person:</strong> '
            "Checked by hand &amp; &lt;ok&gt;.</div>") in html


def test_corrections_export_as_labels_eval_reads(crawled, tmp_path):
    row_id = taser_row(crawled)["id"]
    run("correct", "--db", crawled / "foilog.db", "--id", row_id, "--outcome", "partial",
        "--citations", "FOIA s31(1)(a); FOIA s40(2)", "--note", "Table withheld.")
    result = run("correct", "--db", crawled / "foilog.db", "--export", tmp_path / "labels")
    assert result.exit_code == 0, result.output
    (label,) = json.loads((tmp_path / "labels" / "labels.json").read_text())
    assert label == {
        "file": f"{row_id}.txt", "authority": "Demo Cleveland Police (replica)", "reference": TASER,
        "request_start": label["request_start"],  # whatever the parser found: compared by eval below
        "citations": [{"act": "FOIA", "section": "31", "subsection": "(1)(a)", "ncnd": False},
                      {"act": "FOIA", "section": "40", "subsection": "(2)", "ncnd": False}],
        "ncnd": False, "outcome": "partial", "truncated": False, "notes": "foilog correct: Table withheld."}
    scored = run("eval", tmp_path / "labels" / "labels.json", tmp_path / "labels", "--no-misses")
    assert scored.exit_code == 0, scored.output
    assert "outcome        0/1 = 0.000" in scored.output  # the parser still says full: eval shows the miss


@pytest.mark.parametrize("args, error", [
    (["--outcome", "partly"], "Invalid value for '--outcome'"),
    (["--citations", "the Data Protection Act"], "'the Data Protection Act' is not a provision such as"),
    (["--note", ""], "give --id and --note"),
    (["--id", "0000000000000000"], "no response with id '0000000000000000'"),
])
def test_bad_corrections_get_one_line_and_change_nothing(crawled, args, error):
    before = (crawled / "corrections.yml").read_text() if (crawled / "corrections.yml").exists() else None
    options = {"--id": taser_row(crawled)["id"], "--note": "why", "--outcome": "refused"}
    for name, value in zip(args[::2], args[1::2]):
        options[name] = value
    result = run("correct", "--db", crawled / "foilog.db", *[part for pair in options.items() for part in pair])
    assert result.exit_code == 2
    assert error in result.output and "Traceback" not in result.output
    assert ((crawled / "corrections.yml").read_text() if (crawled / "corrections.yml").exists() else None) == before


def test_a_broken_corrections_file_is_one_line(tmp_path):
    database = tmp_path / "foilog.db"
    run("correct", "--db", database, "--export", tmp_path / "out")  # creates nothing: no database yet
    import db

    db.ensure_db_shape(db.open_db(database))
    (tmp_path / "corrections.yml").write_text("corrections: [{id: x, outcome: full}\n")
    result = run("correct", "--db", database, "--export", tmp_path / "out")
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2, f"Error: {tmp_path / 'corrections.yml'}: not valid YAML (while parsing a flow sequence)")


def test_a_chosen_corrections_file_is_remembered_for_reparse(crawled, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(crawled, copy)
    (copy / "corrections.yml").unlink(missing_ok=True)
    chosen = tmp_path / "shared-fixes.yml"
    result = run("correct", "--db", copy / "foilog.db", "--id", taser_row(copy)["id"], "--outcome", "refused",
                 "--corrections", chosen, "--note", "Kept in a file the team shares.")
    assert result.exit_code == 0, result.output
    assert run("reparse", "--db", copy / "foilog.db").exit_code == 0
    assert ((copy / "corrections.yml").exists(), taser_row(copy)["outcome"], taser_row(copy)["correction_note"],
            [e["outcome"] for e in yaml.safe_load(chosen.read_text())["corrections"]]) == (
        False, "refused", "Kept in a file the team shares.", ["refused"])
