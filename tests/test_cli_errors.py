"""Bad input to the `foilog` CLI: one line saying what is wrong and a documented exit status, never a traceback."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import db
from scraper.cli import main

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr.splitlines()


BAD_LABELS = [
    (b"[{\"file\": \"a.txt\",}]", "labels.json: not valid JSON (line 1 column 19: Expecting property name enclosed "
                                  "in double quotes)"),
    (b"\xff\xfe[]", "labels.json: not UTF-8 text"),
    (b"{\"file\": \"a.txt\"}", "labels.json: expected a JSON list of labels, got dict"),
    (b"[\"a.txt\"]", "labels.json entry #1: expected an object, got str"),
    (b"[{\"reference\": \"X\"}]", "labels.json entry #1: 'file' must name the labelled document"),
    (b"[{\"file\": \"a.txt\"}, {\"file\": \"a.txt\"}]", "labels.json entry #2 (a.txt): 'a.txt' is labelled twice"),
    (b"[{\"file\": \"a.txt\", \"ncnd\": \"yes\"}]", "labels.json entry #1 (a.txt): 'ncnd' must be true or false, "
                                                  "got 'yes'"),
    (b"[{\"file\": \"a.txt\", \"citations\": \"s31\"}]", "labels.json entry #1 (a.txt): 'citations' must be a list, "
                                                        "got str"),
    (b"[{\"file\": \"a.txt\", \"citations\": [{\"act\": \"FOIA\"}]}]",
     "labels.json entry #1 (a.txt): citations[0] needs 'section' as text"),
]


@pytest.mark.parametrize("content, message", BAD_LABELS)
def test_eval_refuses_a_malformed_labels_file(tmp_path, monkeypatch, content, message):
    monkeypatch.chdir(tmp_path)
    Path("labels.json").write_bytes(content)
    assert run("eval", "labels.json", ".") == (2, [f"Error: {message}"])


def test_eval_fails_on_a_missing_document_and_scores_it_as_a_miss(tmp_path):
    labels = json.loads((SEEDS / "labels.json").read_text())[:2]
    labels[1]["file"] = "not-there.txt"
    (tmp_path / "labels.json").write_text(json.dumps(labels))
    result = CliRunner().invoke(main, ["eval", str(tmp_path / "labels.json"), str(SEEDS), "--no-misses"])
    assert (result.exit_code, result.stdout.splitlines(), result.stderr.splitlines()) == (1, [
        f"2 labelled documents in {SEEDS}",
        "reference      1/2 = 0.500",
        "request_start  1/2 = 0.500",
        "citations      1/2 = 0.500  (F1 0.727)",  # 4 found, the missing document's 3 not
        "ncnd           1/2 = 0.500  (F1 0.667)",
        "outcome        1/2 = 0.500",
    ], [
        f"not-there.txt: missing from {SEEDS}",
        "Error: 1 of 2 labelled documents could not be read",
    ])


def test_a_yaml_error_in_the_registry_names_the_place(tmp_path):
    (tmp_path / "sources.yml").write_text("sources:\n  - slug: a\n    name: [Example\n")
    assert run("crawl", "--sources", tmp_path / "sources.yml", "--db", tmp_path / "foilog.db") == (2, [
        f"Error: {tmp_path / 'sources.yml'}: not valid YAML at line 4, column 1: expected ',' or ']', "
        "but got '<stream end>'"])
    assert run("sources", "--sources", tmp_path / "sources.yml")[0] == 2
    assert not (tmp_path / "foilog.db").exists()


def test_serve_publish_crawl_and_sources_refuse_a_file_that_is_not_sqlite(tmp_path):
    (tmp_path / "notes.db").write_text("my notes\n")
    not_sqlite = f"Error: {tmp_path / 'notes.db'}: not an SQLite database"
    assert run("serve", "--db", tmp_path / "notes.db") == (2, [not_sqlite])
    assert run("publish", "--db", tmp_path / "typo.db") == (2, [f"Error: {tmp_path / 'typo.db'}: no such database file"])
    (tmp_path / "sources.yml").write_text("sources: []\n")
    for command in ("crawl", "sources"):
        assert run(command, "--sources", tmp_path / "sources.yml", "--db", tmp_path / "notes.db") == (2, [not_sqlite])
    assert (tmp_path / "notes.db").read_text() == "my notes\n"


def test_crawl_refuses_a_database_it_cannot_create(tmp_path):
    (tmp_path / "sources.yml").write_text("sources: []\n")
    (tmp_path / "a-file").write_text("")
    target = tmp_path / "a-file" / "foilog.db"
    assert run("crawl", "--sources", tmp_path / "sources.yml", "--db", target) == (2, [
        f"Error: {target}: cannot open it for writing ([Errno 17] File exists: '{tmp_path / 'a-file'}')"])


def test_serve_immutable_refuses_the_crawls_live_database(tmp_path):
    db.open_db(tmp_path / "foilog.db").execute("CREATE TABLE t (x)")
    assert run("serve", "--db", tmp_path / "foilog.db", "--immutable") == (2, [
        f"Error: {tmp_path / 'foilog.db'}: a live database (WAL mode), not a published copy; serve it without "
        "--immutable, or serve what `foilog publish` writes"])


def test_reparse_refuses_a_missing_archive_instead_of_creating_an_empty_database(tmp_path):
    assert run("reparse", "--db", tmp_path / "fooilog.db") == (2, [
        f"Error: {tmp_path / 'archive'}: no WARC archive there; give --archive, or check --db"])
    (tmp_path / "archive").mkdir()
    assert run("reparse", "--db", tmp_path / "fooilog.db")[0] == 2  # an archive folder with nothing in it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive"]
