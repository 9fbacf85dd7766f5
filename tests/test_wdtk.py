"""WhatDoTheyKnow end to end over the replica server: feed -> request JSON + page -> the authority's response,
the attached letter parsed when the message only covers it, the request's state kept, and the link to the
same response on the authority's own log."""
from crawling import crawl_entries, query, relative

from scraper import pipeline
from scraper.platforms.wdtk import WhatDoTheyKnow, request_url
from scraper.registry import source_from_mapping
from scraper.replica import ReplicaServer, demo_sites, sample_items
from scraper.replica.index_page import index_page_site
from scraper.replica.wdtk import wdtk_site

COLUMNS = ("SELECT url, title, published, request_date, outcome, exemptions, source_format, wdtk_state, "
           "substr(request_text, 1, 40) AS request FROM disclosures ORDER BY url")


def test_body_requests_stored_as_the_authoritys_responses_with_their_state(tmp_path):
    site = next(site for site in demo_sites() if site.platform == "wdtk")
    with ReplicaServer([site]) as server:
        (stats,) = crawl_entries(server.sources(), tmp_path)
        stored = relative(query(tmp_path, COLUMNS), server.base_url)
        files = relative(query(tmp_path, "SELECT url, name, type, note FROM attachments ORDER BY url"),
                         server.base_url)
    assert (stats.new, stats.failed, stats.index_pages) == (4, 0, 1)
    assert stored == [
        {"url": "/request/anpr_camera_locations", "title": "ANPR camera locations", "published": "2023-09-19",
         "request_date": "2023-08-30", "outcome": "refused", "exemptions": '["FOIA s24(1)", "FOIA s31(1)(a)"]',
         "source_format": "text", "wdtk_state": "rejected", "request": "Please provide a list of the locations o"},
        {"url": "/request/chis_payments_2019_2023", "title": "CHIS payments 2019 to 2023", "published": "2024-05-07",
         "request_date": "2024-04-17", "outcome": "partial", "exemptions": '["FOIA s21(1)"]',
         "source_format": "text", "wdtk_state": "partially_successful",
         "request": "1. The total amount paid by your force t"},
        {"url": "/request/firearms_officers_deployments_2024", "title": "Armed response vehicle deployments 2024",
         "published": "2025-01-21", "request_date": "2025-01-01", "outcome": "partial",
         "exemptions": '["FOIA s23(5)", "FOIA s24(2)"]', "source_format": "pdf",
         "wdtk_state": "partially_successful", "request": "How many times were armed response vehic"},
        {"url": "/request/spit_guards_use_2023", "title": "Use of spit and bite guards in 2023",
         "published": "2024-02-13", "request_date": "2024-01-24", "outcome": "full", "exemptions": "[]",
         "source_format": "pdf", "wdtk_state": "successful", "request": "How many times were spit and bite guards"},
    ]
    assert files == [
        {"url": "/request/700002/response/3000001/attach/2/FOI%20700002%20Response.pdf",
         "name": "FOI 700002 Response.pdf", "type": "application/pdf", "note": None},
        {"url": "/request/700004/response/3000003/attach/2/FOI%20700004%20Response.pdf",
         "name": "FOI 700004 Response.pdf", "type": "application/pdf", "note": None},
    ]
    rebuilt = tmp_path / "rebuilt"
    rebuilt.mkdir()
    assert pipeline.reparse(rebuilt / "foilog.db", tmp_path / "archive", processes=1).failed == 0
    assert query(rebuilt, COLUMNS) == query(tmp_path, COLUMNS)


def test_a_response_on_wdtk_and_on_the_own_log_is_linked_by_reference(tmp_path):
    name = "Office of the Test Police and Crime Commissioner (replica)"
    own = index_page_site("test-opcc", name, sample_items("demo-opcc"))
    on_wdtk = wdtk_site("test-opcc-wdtk", name, "test_opcc", sample_items("demo-opcc")[:2])
    with ReplicaServer([own, on_wdtk]) as server:
        crawl_entries(server.sources(), tmp_path)
        links = relative(query(tmp_path, "SELECT authority, reference, log_url, wdtk_source, wdtk_url, wdtk_state "
                                         "FROM wdtk_links ORDER BY reference"), server.base_url)
    assert links == [
        {"authority": "test-opcc", "reference": "FOI/OPCC/23-088",
         "log_url": "/wp-content/uploads/2023/11/foi-opcc-23-088-ncnd-complaints-chief-constable.pdf",
         "wdtk_source": "test-opcc-wdtk", "wdtk_url": "/request/foi_opcc_23_088_ncnd_complaints_chief_constable",
         "wdtk_state": "successful"},
        {"authority": "test-opcc", "reference": "FOI/OPCC/24-017",
         "log_url": "/wp-content/uploads/2024/03/foi-opcc-24-017-county-lines-funding.pdf",
         "wdtk_source": "test-opcc-wdtk", "wdtk_url": "/request/foi_opcc_24_017_county_lines_funding",
         "wdtk_state": "successful"},
    ]


def test_feed_links_lead_to_request_pages_only():
    source = source_from_mapping({"slug": "w", "name": "W", "platform": "wdtk", "wdtk_body": "w_police"})
    adapter = WhatDoTheyKnow(source)
    assert adapter.start_urls() == ["https://www.whatdotheyknow.com/feed/body/w_police"]
    assert [request_url("https://www.whatdotheyknow.com/request/drones_2#incoming-12"),
            request_url("https://www.whatdotheyknow.com/request/drones_2/response/12/attach/2/a.pdf"),
            request_url("https://www.whatdotheyknow.com/body/w_police")] == [
        "https://www.whatdotheyknow.com/request/drones_2", "https://www.whatdotheyknow.com/request/drones_2", None]
