"""Same request, many authorities: round-robin requests grouped by request-text similarity (db/groups.py)."""
import db
from db.groups import JACCARD_THRESHOLD, jaccard, rebuild_request_groups, shingles

ROUND_ROBIN = ("I am sending this request to every police force in England and Wales. 1. How many officers in "
               "your force were dismissed for sexual misconduct in each of the last five years? 2. How many of "
               "those dismissals followed a complaint from a member of the public?")
REQUESTS = [  # (authority, published, request text)
    ("north-police", "2024-02-01", ROUND_ROBIN),
    ("south-police", "2024-02-03", "Dear South Police, " + ROUND_ROBIN + " Thank you."),
    ("east-police", "2024-02-09", ROUND_ROBIN.replace("1. ", "(a) ").replace("2. ", "(b) ")),
    # same topic, different request: stock phrases shared, not the same request
    ("west-police", "2024-02-10", "Please provide the number of officers dismissed for gross misconduct in each "
                                  "of the last five years, broken down by rank and by the type of misconduct."),
    # one force publishing one request twice is not a round robin
    ("west-police", "2024-03-01", "Please list every contract your force holds for body worn video cameras, with "
                                  "the supplier, the start date and the value of each contract."),
    ("west-police", "2024-03-05", "Please list every contract your force holds for body worn video cameras, with "
                                  "the supplier, the start date and the value of each contract."),
    ("north-police", "2024-04-01", "Drones?"),  # too short to say
    ("south-police", "2024-04-02", "Drones?"),
]


def test_round_robin_is_one_group_across_authorities(tmp_path):
    conn = db.open_db(tmp_path / "foilog.db")
    db.ensure_db_shape(conn)
    db.save_disclosures(conn, [
        {"authority": authority, "url": f"https://example.police.uk/{n}", "published": published,
         "fetched_at": "2024-05-01T08:00:00+00:00", "record": {"title": f"Request {n}", "request_text": text}}
        for n, (authority, published, text) in enumerate(REQUESTS)])
    assert rebuild_request_groups(conn) == 1
    rows = conn.execute("SELECT d.published, g.authority, g.similarity, g.disclosure_id = g.group_id AS leads "
                        "FROM request_groups g JOIN disclosures d ON d.id = g.disclosure_id ORDER BY d.published")
    # the earliest published copy leads the group; the others' similarity is measured against it
    assert rows.fetchall() == [("2024-02-01", "north-police", 1.0, 1), ("2024-02-03", "south-police", 0.9, 0),
                               ("2024-02-09", "east-police", 0.765, 0)]
    view = conn.execute("SELECT authority, authorities, request FROM same_request ORDER BY published").fetchall()
    assert view == [("north-police", 3, "Request 0"), ("south-police", 3, "Request 0"),
                    ("east-police", 3, "Request 0")]


def test_threshold_sits_between_copies_and_lookalikes():
    copy, reworded = shingles("Dear South Police, " + ROUND_ROBIN + " Thank you."), shingles(REQUESTS[3][2])
    assert jaccard(shingles(ROUND_ROBIN), copy) > JACCARD_THRESHOLD > jaccard(shingles(ROUND_ROBIN), reworded)


def test_demo_round_robin_is_answered_by_four_forces(tmp_path):
    """The demo's own samples: the live facial recognition request went to four forces, each deciding differently."""
    from parsers import parse_text
    from scraper.replica import demo_sites

    conn = db.open_db(tmp_path / "foilog.db")
    db.ensure_db_shape(conn)
    db.save_disclosures(conn, [
        {"authority": site.slug, "url": f"https://example.police.uk/{site.slug}/{item.slug}",
         "published": item.published.isoformat(), "fetched_at": "2025-03-01T08:00:00+00:00",
         "record": parse_text(item.text, title=item.title).to_dict()}
        for site in demo_sites() for item in site.items])
    assert rebuild_request_groups(conn) == 1
    assert conn.execute("SELECT authority, outcome, exemptions, similarity FROM same_request ORDER BY published"
                        ).fetchall() == [
        ("demo-met", "partial", '["FOIA s31(1)(a)"]', 1.0),
        ("demo-cleveland", "not_held", "[]", 1.0),
        ("demo-northyorks", "full", "[]", 1.0),
        ("demo-westmids", "ncnd", '["FOIA s24(2)", "FOIA s31(3)"]', 1.0),
    ]
