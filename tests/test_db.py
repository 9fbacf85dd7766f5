"""db: whole rows in, whole rows out."""
import json

import pytest

import db

FETCHED = "2024-03-01T09:00:00+00:00"
LATER = "2024-04-01T09:00:00+00:00"
URL = "https://www.example-police.uk/foi-ai/example-police/disclosures/firearms-licensing-2024/"

FIREARMS = {
    "title": "Firearms licensing backlog",
    "reference": "FOI/2024/0142",
    "request_text": "Please tell me how many shotgun certificate applications are waiting.",
    "body": "You asked how many shotgun certificate applications are waiting. "
            "Section 31(1)(a) is engaged. We neither confirm nor deny under section 23(5).",
    "citations": [
        {"act": "FOIA", "section": "31", "subsection": "(1)(a)", "ncnd": False},
        {"act": "FOIA", "section": "23", "subsection": "(5)", "ncnd": True},
    ],
    "exemptions": ["FOIA s31(1)(a)", "FOIA s23(5)"],
    "ncnd": True,
    "outcome": "partial",
    "response_date": "2024-02-20",
    "request_date": "2024-01-22",
    "attachments": [{"url": "https://www.example-police.uk/files/backlog.pdf", "name": "backlog.pdf"}],
    "source_format": "html",
    "problems": [],
    "evidence": {"reference": "Ref: FOI/2024/0142", "outcome": "Section 31(1)(a) is engaged."},
    "confidence": {"reference": 0.9, "outcome": 0.4},
    "needs_review": ["outcome: stated decision (0.40)"],
}
ID = db.disclosure_id("example-police", URL)


@pytest.fixture
def conn(tmp_path):
    conn = db.open_db(tmp_path / "foilog.db")
    db.ensure_db_shape(conn)
    return conn


def save(conn, record=FIREARMS, fetched_at=FETCHED):
    return db.save_disclosure(conn, authority="example-police", url=URL, record=record, fetched_at=fetched_at,
                              published="2024-02-21")


def disclosure_row(conn):
    row = conn["disclosures"].get(ID)
    return {k: v for k, v in row.items() if k != "content_hash"}


def test_disclosure_id_is_stable_and_short():
    assert db.disclosure_id("example-police", URL) == "2656561d31e917fe"


def test_save_new_writes_the_whole_row(conn):
    assert save(conn) == "new"
    assert disclosure_row(conn) == {
        "id": ID, "authority": "example-police", "reference": "FOI/2024/0142",
        "title": "Firearms licensing backlog", "url": URL, "published": "2024-02-21", "year": 2024,
        "request_text": "Please tell me how many shotgun certificate applications are waiting.",
        "body": FIREARMS["body"], "ncnd": 1, "outcome": "partial",
        "exemptions": '["FOIA s31(1)(a)", "FOIA s23(5)"]', "response_date": "2024-02-20",
        "request_date": "2024-01-22", "source_format": "html", "problems": "[]",
        "first_seen": FETCHED, "last_seen": FETCHED, "wdtk_state": None,
        "evidence": '{"reference": "Ref: FOI/2024/0142", "outcome": "Section 31(1)(a) is engaged."}',
        "confidence": '{"reference": 0.9, "outcome": 0.4}', "needs_review": 1,
        "review_reasons": '["outcome: stated decision (0.40)"]', "removed_at": None,
        "corrected": None, "correction_note": None,
    }


def test_save_writes_citation_and_attachment_rows(conn):
    save(conn)
    assert list(conn["exemption_citations"].rows) == [
        {"id": 1, "disclosure_id": ID, "authority": "example-police", "year": 2024, "act": "FOIA",
         "section": "31", "subsection": "(1)(a)", "ncnd": 0, "label": "FOIA s31(1)(a)"},
        {"id": 2, "disclosure_id": ID, "authority": "example-police", "year": 2024, "act": "FOIA",
         "section": "23", "subsection": "(5)", "ncnd": 1, "label": "FOIA s23(5)"},
    ]
    assert list(conn["attachments"].rows) == [
        {"id": 1, "disclosure_id": ID, "url": "https://www.example-police.uk/files/backlog.pdf",
         "name": "backlog.pdf", "type": None, "size": None, "text": None, "note": None},
    ]


def test_saving_the_same_record_again_only_bumps_last_seen(conn):
    save(conn)
    assert save(conn, fetched_at=LATER) == "unchanged"
    row = disclosure_row(conn)
    assert (row["first_seen"], row["last_seen"]) == (FETCHED, LATER)


def test_changed_record_is_updated_keeping_first_seen_and_replacing_citations(conn):
    save(conn)
    refused = {**FIREARMS, "outcome": "refused", "ncnd": False, "exemptions": ["FOIA s12"],
               "citations": [{"act": "FOIA", "section": "12", "subsection": None, "ncnd": False}]}
    assert save(conn, record=refused, fetched_at=LATER) == "updated"
    row = disclosure_row(conn)
    assert (row["outcome"], row["ncnd"], row["exemptions"], row["first_seen"], row["last_seen"]) == (
        "refused", 0, '["FOIA s12"]', FETCHED, LATER)
    assert [c["label"] for c in conn["exemption_citations"].rows] == ["FOIA s12"]


def test_a_failure_part_way_through_a_save_leaves_no_half_row(conn):
    unbindable_attachment = {**FIREARMS, "attachments": [{"url": "u", "name": "n", "size": object()}]}
    with pytest.raises(Exception):
        save(conn, record=unbindable_attachment)
    assert [conn[t].count for t in ("disclosures", "exemption_citations", "attachments")] == [0, 0, 0]


def test_bulk_save_counts_statuses(conn):
    items = [{"authority": "example-police", "url": f"{URL}{n}", "record": FIREARMS, "fetched_at": FETCHED}
             for n in range(3)]
    assert db.save_disclosures(conn, items, batch_size=2) == {"new": 3}
    assert db.save_disclosures(conn, items) == {"unchanged": 3}
    assert db.known_item_urls(conn, "example-police") == {f"{URL}0", f"{URL}1", f"{URL}2"}


def test_full_text_search_finds_a_stemmed_word_after_rebuild(conn):
    save(conn)
    db.rebuild_fts(conn)
    assert [r["id"] for r in conn["disclosures"].search("shotgun certificates")] == [ID]


def test_ensure_db_shape_twice_changes_nothing(conn):
    schema = conn.schema
    db.ensure_db_shape(conn)
    assert conn.schema == schema


def test_reference_tables_and_views(conn):
    db.save_authorities(conn, [{"slug": "example-police", "name": "Example Police", "kind": "police",
                                "platform": "soh", "url": "https://www.example-police.uk/", "delay": 2.0}])
    db.save_statutes(conn, [{"act": "FOIA", "section": "31", "short_name": "Law enforcement",
                             "kind": "qualified", "ncnd_subsection": "(3)"}])
    save(conn)
    assert conn["authorities"].get("example-police") == {
        "slug": "example-police", "name": "Example Police", "kind": "police", "platform": "soh",
        "url": "https://www.example-police.uk/", "url_status": None, "wdtk_body": None, "delay": 2.0}
    assert list(conn["exemption_use_by_authority_year"].rows) == [
        {"authority": "example-police", "year": 2024, "act": "FOIA", "section": "23", "short_name": None,
         "kind": None, "responses": 1, "citations": 1, "ncnd_citations": 1},
        {"authority": "example-police", "year": 2024, "act": "FOIA", "section": "31",
         "short_name": "Law enforcement", "kind": "qualified", "responses": 1, "citations": 1,
         "ncnd_citations": 0},
    ]
    assert list(conn["ncnd_by_authority"].rows) == [
        {"authority": "example-police", "responses": 1, "ncnd_responses": 1, "ncnd_percent": 100.0}]


def test_crawl_run_row(conn):
    run_id = db.start_run(conn, "example-police")
    db.finish_run(conn, run_id, pages_fetched=5, new=2, updated=1, failed=1,
                  errors=[{"url": URL, "error": "HTTP 404"}])
    row = conn["crawl_runs"].get(run_id)
    assert {k: v for k, v in row.items() if k not in ("started", "ended")} == {
        "id": 1, "authority": "example-police", "pages_fetched": 5, "new": 2, "updated": 1, "failed": 1,
        "errors": json.dumps([{"url": URL, "error": "HTTP 404"}]), "items_found": None, "fatal": None}
    assert row["started"] <= row["ended"]


def test_citations_without_labels_are_labelled_from_their_parts(conn):
    save(conn, record={**FIREARMS, "exemptions": []})
    assert (disclosure_row(conn)["exemptions"], [c["label"] for c in conn["exemption_citations"].rows]) == (
        '["FOIA s31(1)(a)", "FOIA s23(5)"]', ["FOIA s31(1)(a)", "FOIA s23(5)"])
