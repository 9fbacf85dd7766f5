"""A real Datasette process serving a small database made through the db API, queried over its JSON API."""
import socket

import httpx
import pytest

import db
from scraper.serve import metadata_for, start_datasette

FETCHED = "2024-05-01T08:00:00+00:00"
BASE = "https://www.example.police.uk/foi-ai/"

# Written for these tests in the style of published police FOI responses.
RESPONSES = [
    ("north-police", BASE + "north/disclosures/automatic-number-plate-recognition-cameras/", "2024-03-04", {
        "title": "Automatic number plate recognition cameras",
        "reference": "FOI 000412/24",
        "request_text": "Please provide the locations of all ANPR cameras in the force area.",
        "body": "You asked for the locations of all ANPR cameras in the force area. The locations are exempt "
                "under Section 31(1)(a) and Section 24(1). The total number of cameras is 212.",
        "citations": [{"act": "FOIA", "section": "31", "subsection": "(1)(a)", "ncnd": False},
                      {"act": "FOIA", "section": "24", "subsection": "(1)", "ncnd": False}],
        "exemptions": ["FOIA s31(1)(a)", "FOIA s24(1)"],
        "ncnd": False, "outcome": "partial", "response_date": "2024-02-28"}),
    ("north-police", BASE + "north/disclosures/covert-surveillance-of-journalists/", "2024-01-15", {
        "title": "Covert surveillance of journalists",
        "reference": "FOI 000037/24",
        "request_text": "Has the force used covert surveillance against any journalist since 2020?",
        "body": "North Police can neither confirm nor deny that it holds the information you requested, "
                "by virtue of Sections 23(5), 24(2) and 31(3) of the Act.",
        "citations": [{"act": "FOIA", "section": "23", "subsection": "(5)", "ncnd": True},
                      {"act": "FOIA", "section": "24", "subsection": "(2)", "ncnd": True},
                      {"act": "FOIA", "section": "31", "subsection": "(3)", "ncnd": True}],
        "exemptions": ["FOIA s23(5)", "FOIA s24(2)", "FOIA s31(3)"],
        "ncnd": True, "outcome": "ncnd", "response_date": "2024-01-10"}),
    ("south-pcc", BASE + "south/disclosures/commissioner-expenses-2023/", "2023-11-20", {
        "title": "Commissioner expenses 2023",
        "reference": "PCC/FOI/23-118",
        "request_text": "Please send me the Commissioner's expense claims for 2023.",
        "body": "The Commissioner's expense claims for 2023 are attached in full.",
        "citations": [], "exemptions": [], "ncnd": False, "outcome": "full", "response_date": "2023-11-17"}),
    ("south-pcc", BASE + "south/disclosures/all-emails-about-budget/", "2023-06-02", {
        "title": "All emails about the budget",
        "reference": "PCC/FOI/23-061",
        "request_text": "Please provide every email sent by the office that mentions the budget.",
        "body": "Locating this information would exceed the appropriate limit, so Section 12(1) applies.",
        "citations": [{"act": "FOIA", "section": "12", "subsection": "(1)", "ncnd": False}],
        "exemptions": ["FOIA s12(1)"],
        "ncnd": False, "outcome": "refused", "response_date": "2023-05-30"}),
]
AUTHORITIES = [
    {"slug": "north-police", "name": "North Police", "kind": "police", "platform": "soh", "url": BASE + "north/"},
    {"slug": "south-pcc", "name": "South Police and Crime Commissioner", "kind": "pcc", "platform": "index_page",
     "url": BASE + "south/"},
]
STATUTES = [
    {"act": "FOIA", "section": "12", "short_name": "Cost limit", "kind": "procedural", "ncnd_subsection": "(2)"},
    {"act": "FOIA", "section": "23", "short_name": "Security bodies", "kind": "absolute", "ncnd_subsection": "(5)"},
    {"act": "FOIA", "section": "24", "short_name": "National security", "kind": "qualified",
     "ncnd_subsection": "(2)"},
    {"act": "FOIA", "section": "31", "short_name": "Law enforcement", "kind": "qualified",
     "ncnd_subsection": "(3)"},
]


def make_small_db(path):
    conn = db.open_db(path)
    db.ensure_db_shape(conn)
    db.save_authorities(conn, AUTHORITIES)
    db.save_statutes(conn, STATUTES)
    db.save_disclosures(conn, [{"authority": authority, "url": url, "record": record, "fetched_at": FETCHED,
                                "published": published} for authority, url, published, record in RESPONSES])
    db.rebuild_fts(conn)
    db.finish_run(conn, db.start_run(conn, "north-police"), pages_fetched=3, new=2, failed=1,
                  errors=[{"url": BASE + "north/disclosures/?page=2", "error": "HTTP 503"}])
    conn.close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def datasette_url(tmp_path_factory):
    """Base URL of the small database served by a real Datasette process."""
    path = tmp_path_factory.mktemp("served") / "foilog-small.db"
    make_small_db(path)
    port = free_port()
    process = start_datasette(path, port=port)
    yield f"http://127.0.0.1:{port}/foilog-small"
    process.terminate()
    process.wait(timeout=10)


def get_json(url, **params):
    response = httpx.get(url, params={"_shape": "objects", **params})
    assert response.status_code == 200, response.text
    return response.json()


def facet_counts(data):
    return {name: {r["value"]: r["count"] for r in facet["results"]} for name, facet in data["facet_results"].items()}


def test_metadata_is_renamed_to_the_served_database():
    metadata = metadata_for("/data/crawl-2024.db")
    assert (list(metadata["databases"]), metadata["source_url"]) == (["crawl-2024"], "/crawl-2024/authorities")


def test_disclosures_table_has_the_default_facets(datasette_url):
    data = get_json(f"{datasette_url}/disclosures.json")
    assert [r["title"] for r in data["rows"]] == [
        "Automatic number plate recognition cameras", "Covert surveillance of journalists",
        "Commissioner expenses 2023", "All emails about the budget"]  # newest published first
    assert facet_counts(data) == {
        "authority": {"north-police": 2, "south-pcc": 2},
        "outcome": {"partial": 1, "ncnd": 1, "full": 1, "refused": 1},
        "ncnd": {0: 3, 1: 1},
        "year": {2024: 2, 2023: 2},
    }


def test_exemptions_array_facet_on_request(datasette_url):
    data = get_json(f"{datasette_url}/disclosures.json", authority="north-police", _facet_array="exemptions")
    assert facet_counts(data)["exemptions"] == {
        "FOIA s24(1)": 1, "FOIA s24(2)": 1, "FOIA s23(5)": 1, "FOIA s31(1)(a)": 1, "FOIA s31(3)": 1}


def test_exemption_citations_facet_on_their_own(datasette_url):
    data = get_json(f"{datasette_url}/exemption_citations.json", ncnd="1")
    assert facet_counts(data) == {
        "act": {"FOIA": 3}, "section": {"23": 1, "24": 1, "31": 1}, "ncnd": {1: 3},
        "authority": {"north-police": 3}, "year": {2024: 3},
    }


def test_full_text_search(datasette_url):
    data = get_json(f"{datasette_url}/disclosures.json", _search="journalist")
    assert [r["reference"] for r in data["rows"]] == ["FOI 000037/24"]


def test_canned_query_exemption_use_by_authority_and_year(datasette_url):
    assert get_json(f"{datasette_url}/exemption_use_by_authority_and_year.json")["rows"] == [
        {"authority": "north-police", "year": 2024, "act": "FOIA", "section": "24",
         "short_name": "National security", "responses": 2, "ncnd_citations": 1},
        {"authority": "north-police", "year": 2024, "act": "FOIA", "section": "31",
         "short_name": "Law enforcement", "responses": 2, "ncnd_citations": 1},
        {"authority": "north-police", "year": 2024, "act": "FOIA", "section": "23",
         "short_name": "Security bodies", "responses": 1, "ncnd_citations": 1},
        {"authority": "south-pcc", "year": 2023, "act": "FOIA", "section": "12",
         "short_name": "Cost limit", "responses": 1, "ncnd_citations": 0},
    ]


def test_canned_query_ncnd_responses_by_authority(datasette_url):
    assert get_json(f"{datasette_url}/ncnd_responses_by_authority.json")["rows"] == [
        {"authority": "north-police", "name": "North Police", "responses": 2, "ncnd_responses": 1,
         "ncnd_percent": 50.0},
        {"authority": "south-pcc", "name": "South Police and Crime Commissioner", "responses": 2,
         "ncnd_responses": 0, "ncnd_percent": 0.0},
    ]


def test_canned_query_refusal_rate_by_authority(datasette_url):
    assert get_json(f"{datasette_url}/refusal_rate_by_authority.json")["rows"] == [
        {"authority": "north-police", "name": "North Police", "responses": 2, "full_percent": 0.0,
         "partial_percent": 50.0, "refused_percent": 50.0, "not_held_percent": 0.0},
        {"authority": "south-pcc", "name": "South Police and Crime Commissioner", "responses": 2,
         "full_percent": 50.0, "partial_percent": 0.0, "refused_percent": 50.0, "not_held_percent": 0.0},
    ]


def test_canned_query_responses_citing_a_section(datasette_url):
    rows = get_json(f"{datasette_url}/responses_citing_a_section.json", act="FOIA", section="24")["rows"]
    assert [(r["published"], r["reference"], r["outcome"]) for r in rows] == [
        ("2024-03-04", "FOI 000412/24", "partial"), ("2024-01-15", "FOI 000037/24", "ncnd")]


def test_every_canned_query_runs(datasette_url):
    names = [q["name"] for q in get_json(f"{datasette_url}.json")["queries"]]
    results = {name: get_json(f"{datasette_url}/{name}.json", act="FOIA", section="31") for name in names}
    assert {name: (data["ok"], data["error"], bool(data["rows"])) for name, data in results.items()} == {
        "exemption_use_by_authority_and_year": (True, None, True),
        "ncnd_responses_by_authority": (True, None, True),
        "refusal_rate_by_authority": (True, None, True),
        "most_cited_exemptions": (True, None, True),
        "responses_citing_a_section": (True, None, True),
        "crawl_health": (True, None, True),
    }
