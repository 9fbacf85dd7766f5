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
        "ncnd": False, "outcome": "partial", "response_date": "2024-02-28",
        "evidence": {"reference": "FOI 000412/24", "outcome": "The total number of cameras is 212.",
                     "citations": "The locations are exempt under Section 31(1)(a) and Section 24(1)."},
        "confidence": {"reference": 0.95, "outcome": 0.4, "citations": 0.9},
        "needs_review": ["outcome: figure given beside an exemption (0.40)"]}),
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
    db.finish_load(conn)
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
        "needs_review": {0: 3, 1: 1},
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


@pytest.mark.parametrize("typed", ["24", "s24", "S.24", "section 24", "FOIA s24", "national security"])
def test_responses_citing_a_section_read_it_as_typed(datasette_url, typed):
    rows = get_json(f"{datasette_url}/responses_citing_a_section.json", exemption=typed)["rows"]
    assert [(r["published"], r["reference"], r["outcome"], r["authority"]) for r in rows] == [
        ("2024-03-04", "FOI 000412/24", "partial", "North Police"),
        ("2024-01-15", "FOI 000037/24", "ncnd", "North Police")]


@pytest.mark.parametrize("typed, references", [
    ("S.24(2)", ["FOI 000037/24"]), ("section 24(1)", ["FOI 000412/24"]), ("31(1)", ["FOI 000412/24"]),
    ("s23(5)", ["FOI 000037/24"]), ("EIR 12", []), ("s43", [])])
def test_responses_citing_a_subsection(datasette_url, typed, references):
    rows = get_json(f"{datasette_url}/responses_citing_a_section.json", exemption=typed)["rows"]
    assert [r["reference"] for r in rows] == references


def test_responses_citing_a_section_by_year_and_outcome(datasette_url):
    def references(**params):
        return [r["reference"] for r in
                get_json(f"{datasette_url}/responses_citing_a_section.json", exemption="s24", **params)["rows"]]
    assert (references(outcome="ncnd"), references(year="2024"), references(year="2023")) == (
        ["FOI 000037/24"], ["FOI 000412/24", "FOI 000037/24"], [])


def test_authorities_citing_an_exemption(datasette_url):
    assert get_json(f"{datasette_url}/authorities_citing_an_exemption.json", exemption="section 24(2)")["rows"] == [
        {"authority": "North Police", "act": "FOIA", "provision": "s24(2)", "short_name": "National security",
         "kind": "qualified", "responses": 1, "ncnd_citations": 1, "first_year": 2024, "last_year": 2024}]
    assert [(r["authority"], r["provision"], r["responses"]) for r in get_json(
        f"{datasette_url}/authorities_citing_an_exemption.json", exemption="cost")["rows"]] == [
        ("South Police and Crime Commissioner", "s12", 1)]


def test_exemption_use_by_year(datasette_url):
    assert get_json(f"{datasette_url}/exemption_use_by_year.json", exemption="s31")["rows"] == [
        {"year": 2024, "act": "FOIA", "provision": "s31", "short_name": "Law enforcement", "responses": 2,
         "authorities": 1, "ncnd_citations": 1}]


def test_search_takes_words_as_typed(datasette_url):
    def found(q):
        return [r["title"] for r in get_json(f"{datasette_url}/search_responses.json", q=q)["rows"]]
    assert (found("journalists"), found("Section 12(1)"), found('"appropriate limit" OR journalist'), found("")) == (
        ["Covert surveillance of journalists"], ["All emails about the budget"],
        ["All emails about the budget", "Covert surveillance of journalists"], [])  # most recently loaded first


def test_feeds_are_atom_with_newest_first(datasette_url):
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    feeds = {}
    for name in ("new_refusals", "new_ncnd"):
        response = httpx.get(f"{datasette_url}/{name}.atom")
        root = ET.fromstring(response.content)
        feeds[name] = (response.headers["content-type"], root.tag, root.find(f"{atom}title").text,
                       [(e.find(f"{atom}title").text, e.find(f"{atom}updated").text[:10],
                         e.find(f"{atom}link").get("href")) for e in root.findall(f"{atom}entry")])
    assert feeds == {
        "new_refusals": ("application/xml; charset=utf-8", f"{atom}feed", "foilog: new refusals", [
            ("North Police: Covert surveillance of journalists", "2024-01-15",
             BASE + "north/disclosures/covert-surveillance-of-journalists/"),
            ("South Police and Crime Commissioner: All emails about the budget", "2023-06-02",
             BASE + "south/disclosures/all-emails-about-budget/")]),
        "new_ncnd": ("application/xml; charset=utf-8", f"{atom}feed",
                     "foilog: new neither-confirm-nor-deny responses", [
            ("North Police: Covert surveillance of journalists", "2024-01-15",
             BASE + "north/disclosures/covert-surveillance-of-journalists/")]),
    }


def test_feed_for_one_authority(datasette_url):
    rows = get_json(f"{datasette_url}/new_refusals.json", authority="south-pcc")["rows"]
    assert [(r["atom_title"], r["atom_content"]) for r in rows] == [
        ("South Police and Crime Commissioner: All emails about the budget",
         "Outcome: refused. Exemptions: FOIA s12(1). Request: Please provide every email sent by the office "
         "that mentions the budget.")]


def test_every_canned_query_runs(datasette_url):
    names = [q["name"] for q in get_json(f"{datasette_url}.json")["queries"]]
    results = {name: get_json(f"{datasette_url}/{name}.json", exemption="31", q="force") for name in names}
    assert {name: (data["ok"], data["error"], bool(data["rows"])) for name, data in results.items()} == {
        "authorities_citing_an_exemption": (True, None, True),
        "exemption_use_by_year": (True, None, True),
        "responses_citing_a_section": (True, None, True),
        "most_cited_exemptions": (True, None, True),
        "exemption_use_by_authority_and_year": (True, None, True),
        "ncnd_responses_by_authority": (True, None, True),
        "refusal_rate_by_authority": (True, None, True),
        "same_request_many_authorities": (True, None, False),  # no round robin in this small database
        "search_responses": (True, None, True),
        "new_refusals": (True, None, True),
        "new_ncnd": (True, None, True),
        "crawl_health": (True, None, True),
    }


def test_canned_query_response_ids_link_to_their_page(datasette_url):
    html = httpx.get(f"{datasette_url}/responses_citing_a_section", params={"exemption": "s12"}).text
    row_id = db.disclosure_id("south-pcc", BASE + "south/disclosures/all-emails-about-budget/")
    assert f'<a href="/foilog-small/disclosures/{row_id}">{row_id}</a>' in html
