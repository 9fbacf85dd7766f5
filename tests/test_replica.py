"""The replica server: page shapes, log tree, pagination, robots.txt and every injected fault."""
from __future__ import annotations

import json
import zipfile
from io import BytesIO
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser

from scraper.replica import (CHROME_LINES, FAULTS, ReplicaServer, demo_sites, expected_fields,
                             files_with_soh_chrome, sample_items, shared_corpus_site)
from scraper.replica.samples import SAMPLES_DIR

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
http = httpx.Client()  # one client: a fresh one per request costs ~50 ms of TLS setup


@pytest.fixture
def demo():
    with ReplicaServer(demo_sites()) as server:
        yield server


def links(html: str, base: str) -> list[str]:
    return [urljoin(base, a.attributes["href"]) for a in LexborHTMLParser(html).css("a[href]")]


def crawl_paths(server: ReplicaServer, slug: str) -> set[str]:
    """Every page reachable from a source's start URL without leaving its path prefix."""
    source = next(s for s in server.sources() if s["slug"] == slug)
    prefix = server.base_url + source["options"]["path_prefix"]
    seen, queue = set(), [source["url"]]
    while queue:
        url = queue.pop()
        if url in seen or not url.startswith(prefix) or "/search/" in url:
            continue
        seen.add(url)
        response = http.get(url)
        if response.headers["content-type"].startswith("text/html"):
            queue += links(response.text, url)
    return {url.removeprefix(server.base_url) for url in seen}


def main_parts(html: str) -> tuple[str, str, list[str]]:
    main = LexborHTMLParser(html).css_first("main#main-content")
    return (main.css_first("h1").text(), main.css_first("p.published").text(),
            [p.text().strip() for p in main.css("div.rich-text p")])


def test_sources_are_registry_entries(demo):
    assert demo.sources()[0] == {
        "slug": "demo-met", "name": "Demo Metropolitan Police (replica)", "kind": "force", "platform": "soh",
        "url": f"{demo.base_url}/foi-ai/demo-met/disclosure-log/", "delay": 0,
        "options": {"path_prefix": "/foi-ai/demo-met/"}}


def test_met_log_tree_runs_log_year_month_item(demo):
    assert sorted(crawl_paths(demo, "demo-met")) == [
        "/foi-ai/demo-met/disclosure-2023/",
        "/foi-ai/demo-met/disclosure-2023/november-2023/",
        "/foi-ai/demo-met/disclosure-2023/november-2023/officers-dismissed-gross-misconduct-2022-23/",
        "/foi-ai/demo-met/disclosure-2023/october-2023/",
        "/foi-ai/demo-met/disclosure-2023/october-2023/police-dogs-veterinary-insurance/",
        "/foi-ai/demo-met/disclosure-2024/",
        "/foi-ai/demo-met/disclosure-2024/april-2024/",
        "/foi-ai/demo-met/disclosure-2024/april-2024/territorial-support-group-emails-protest/",
        "/foi-ai/demo-met/disclosure-2024/february-2024/",
        "/foi-ai/demo-met/disclosure-2024/february-2024/imsi-catchers-public-protests/",
        "/foi-ai/demo-met/disclosure-2024/march-2024/",
        "/foi-ai/demo-met/disclosure-2024/march-2024/section-60-authorisations-borough-2023/",
        "/foi-ai/demo-met/disclosure-2024/may-2024/",
        "/foi-ai/demo-met/disclosure-2024/may-2024/knife-crime-borough-london-underground-2023/",
        "/foi-ai/demo-met/disclosure-2025/",
        "/foi-ai/demo-met/disclosure-2025/february-2025/",
        "/foi-ai/demo-met/disclosure-2025/february-2025/live-facial-recognition-deployments-2024/",
        "/foi-ai/demo-met/disclosure-log/",
    ]


@pytest.mark.parametrize("slug", ["demo-met", "demo-cleveland", "demo-northyorks"])
def test_every_item_is_reachable_from_the_log(demo, slug):
    item_paths = {urlsplit(url).path for url in demo.item_urls(slug).values()}
    assert item_paths <= crawl_paths(demo, slug)


def test_flat_log_paginates_with_next_links(demo):
    start = f"{demo.base_url}/foi-ai/demo-northyorks/disclosure-log/"
    first, second = http.get(start), http.get(start + "?page=2")
    next_link = LexborHTMLParser(first.text).css_first('a[rel="next"]')
    assert (next_link.text(), next_link.attributes["href"]) == ("Next", "/foi-ai/demo-northyorks/disclosure-log/?page=2")
    assert [a.text() for a in LexborHTMLParser(second.text).css("ul.listing a")] == [
        "FOI 0145 202425 - Speed camera vans", "FOI 0502 202324 - Chief Constable diary", "FOI 0388 202324 - Informant payments"]
    assert LexborHTMLParser(second.text).css_first('a[rel="next"]') is None


def test_item_page_has_chrome_outside_main_and_lines_inside(demo):
    html = http.get(demo.item_url("demo-met", "police-dogs-veterinary-insurance")).text
    item = next(i for i in sample_items("demo-met") if i.slug == "police-dogs-veterinary-insurance")
    assert main_parts(html) == ("Veterinary insurance for police dogs", "Published: 5 October 2023", item.lines)
    page_lines = [line.strip() for line in LexborHTMLParser(html).body.text().splitlines() if line.strip()]
    assert page_lines[:7] == [CHROME_LINES[0], *CHROME_LINES[1:4], CHROME_LINES[3], *CHROME_LINES[4:]]


def test_attachment_is_a_real_workbook_outside_the_log(demo):
    html = http.get(demo.item_url("demo-met", "section-60-authorisations-borough-2023")).text
    href = LexborHTMLParser(html).css_first("main div.attachments a").attributes["href"]
    response = http.get(demo.base_url + href)
    assert href == "/SysSiteAssets/foi-media/demo-met/disclosure_2024/section-60-authorisations-borough-2023/s60-authorisations-2023.xlsx"
    assert "xl/worksheets/sheet1.xml" in zipfile.ZipFile(BytesIO(response.content)).namelist()


def test_robots_txt_disallows_search_and_carries_crawl_delay():
    with ReplicaServer(demo_sites(), crawl_delay=2) as server:
        assert http.get(server.base_url + "/robots.txt").text == (
            "User-agent: *\nDisallow: /search/\nDisallow: /*/search/\nCrawl-delay: 2\n")


def test_retry_after_503_then_success():
    with ReplicaServer(demo_sites(), faults={"retry_after_503"}) as server:
        url = server.base_url + server.fault_paths["retry_after_503"][0]
        first, second = http.get(url), http.get(url)
        assert (first.status_code, first.headers["retry-after"], second.status_code) == (503, "1", 200)


def test_not_found_item_is_listed_but_404s():
    with ReplicaServer(demo_sites(), faults={"not_found"}) as server:
        path = server.fault_paths["not_found"][0]
        month_page = path.rstrip("/").rsplit("/", 1)[0] + "/"
        assert path in [a.attributes["href"] for a in LexborHTMLParser(http.get(server.base_url + month_page).text).css("a")]
        assert http.get(server.base_url + path).status_code == 404


def test_server_error_never_recovers():
    with ReplicaServer(demo_sites(), faults={"server_error"}) as server:
        url = server.base_url + server.fault_paths["server_error"][0]
        assert [http.get(url).status_code for _ in range(3)] == [500, 500, 500]


def test_cp1252_page_declares_and_uses_windows_1252():
    with ReplicaServer(demo_sites(), faults={"cp1252"}) as server:
        response = http.get(server.base_url + server.fault_paths["cp1252"][0])
        assert response.headers["content-type"] == "text/html; charset=windows-1252"
        assert b"\xa3450" in response.content and "£450" in response.content.decode("cp1252")


def test_broken_markup_page_is_truncated_but_keeps_the_text():
    with ReplicaServer(demo_sites(), faults={"broken_markup"}) as server:
        path = server.fault_paths["broken_markup"][0]
        html = http.get(server.base_url + path).text
        item = next(i for i in server.sites["demo-met"].items if path.endswith(f"/{i.slug}/"))
        response_part = html[html.index('<div class="rich-text">'):]
        assert ("</main>" in response_part, "</p>" in response_part,
                response_part.rstrip().endswith(item.lines[-1])) == (False, False, True)


def test_each_fault_hits_a_different_item_per_site():
    with ReplicaServer(demo_sites(), faults=set(FAULTS)) as server:
        met_paths = [paths[0] for paths in server.fault_paths.values()]
        assert len(set(met_paths)) == len(FAULTS)


def test_added_item_appears_in_its_month_listing(demo):
    url = demo.add_item("demo-cleveland", title="FOI 40-26 Speed cameras", published="2026-02-03",
                        text="Enquiry Reference: 40 - 26\nHow many speed cameras are there?\nThere are 12.\n")
    assert url == f"{demo.base_url}/foi-ai/demo-cleveland/disclosure/2026/february/foi-40-26-speed-cameras/"
    assert urlsplit(url).path in crawl_paths(demo, "demo-cleveland")


def test_conditional_request_gets_304(demo):
    url = demo.item_url("demo-met", "imsi-catchers-public-protests")
    etag = http.get(url).headers["etag"]
    assert http.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_request_log_records_method_path_and_status(demo):
    http.get(demo.base_url + "/robots.txt")
    http.head(demo.base_url + "/nowhere/?page=2")
    assert demo.request_log == [("GET", "/robots.txt", 200), ("HEAD", "/nowhere/?page=2", 404)]


@pytest.mark.parametrize("slug", ["demo-met", "demo-cleveland", "demo-northyorks"])
def test_expected_json_labels_every_sample(slug):
    labels = expected_fields(slug)
    assert sorted(label["file"] for label in labels) == sorted(p.name for p in (SAMPLES_DIR / slug).glob("*.txt"))
    texts = {p.name: p.read_text(encoding="utf-8") for p in (SAMPLES_DIR / slug).glob("*.txt")}
    assert [label["file"] for label in labels if label["reference"] and label["reference"] not in texts[label["file"]]] == []


def test_shared_texts_are_served_without_their_chrome_inside_soh_chrome():
    paths = files_with_soh_chrome(SHARED / "seeds")
    site = shared_corpus_site(paths)
    with ReplicaServer([site]) as server:
        item = site.items[0]
        _, _, lines = main_parts(http.get(server.item_url("shared-soh", item.slug)).text)
    labels = {label["file"]: label for label in json.loads((SHARED / "seeds" / "labels.json").read_text())}
    assert (len(paths), lines[0]) == (4, f"Freedom of information request reference no: {labels[item.source_file.name]['reference']}")
    assert not set(CHROME_LINES) & set(lines)


# issue 4 families -------------------------------------------------------------------------------------------------
def test_pcc_log_lists_pdf_and_docx_responses_by_year(demo):
    start = next(s for s in demo.sources() if s["slug"] == "demo-opcc")["url"]
    tree = LexborHTMLParser(http.get(start).text)
    entries = [(e.css_first("h2 a").attributes["href"], e.css_first(".foi-entry__reference").text(),
                e.css_first("time").attributes["datetime"]) for e in tree.css("article.foi-entry")]
    assert entries == [
        ("/wp-content/uploads/2024/07/foi-opcc-24-044-victims-services-table.pdf", "FOI/OPCC/24-044", "2024-07-16"),
        ("/wp-content/uploads/2024/06/foi-opcc-24-031-chief-executive-expenses.docx", "FOI/OPCC/24-031", "2024-06-04")]
    assert [a.attributes["href"] for a in tree.css("nav.foi-years a")] == [
        "/transparency/freedom-of-information/disclosure-log/2024/", "/transparency/freedom-of-information/disclosure-log/2023/"]


def test_pcc_documents_carry_running_headers_and_the_response_text(demo):
    from pypdf import PdfReader
    pdf = http.get(demo.item_url("demo-opcc", "foi-opcc-24-017-county-lines-funding"))
    text = PdfReader(BytesIO(pdf.content)).pages[0].extract_text()
    docx = http.get(demo.item_url("demo-opcc", "foi-opcc-24-031-chief-executive-expenses"))
    assert (pdf.headers["content-type"], text.splitlines()[0], "Page 1 of 1" in text, "£148,000" in text) == (
        "application/pdf", "OFFICIAL", True, True)
    assert zipfile.ZipFile(BytesIO(docx.content)).read("word/document.xml").count(b"FOI/OPCC/24-031") == 1


def test_aspx_log_is_a_table_of_reference_date_and_html_item(demo):
    year_page = f"{demo.base_url}/advice-information/freedom-of-information/disclosure-log/2025.aspx"
    rows = [[td.text() for td in tr.css("td")] for tr in LexborHTMLParser(http.get(year_page).text).css("tbody tr")]
    item = LexborHTMLParser(http.get(demo.item_url("demo-westmids", "drones-1748a-24")).text).css_first("main")
    assert rows == [["402A/25", "19/02/2025", "Live facial recognition (402A/25)"],
                    ["301A/25", "18/02/2025", "Mobile phone thefts in Birmingham city centre (301A/25)"]]
    assert [p.text() for p in item.css("p")][:3] == ["Date published: 10/09/2024", "Request",
                                                     "I am writing to make an open government request for the number "
                                                     "of drones currently used by the Force and the number of "
                                                     "qualified drone pilots."]


def test_wdtk_json_has_alaveteli_shape(demo):
    data = http.get(demo.item_url("demo-wdtk-northumbria", "anpr-camera-locations") + ".json").json()
    assert {key: data[key] for key in ("url_title", "title", "described_state", "display_status", "public_body")} == {
        "url_title": "anpr_camera_locations", "title": "ANPR camera locations", "described_state": "rejected",
        "display_status": "Refused.", "public_body": {"id": 40001, "url_name": "demo_northumbria_police",
                                                      "name": "Demo Northumbria Police (replica)"}}
    assert [(e["event_type"], e["incoming_message_id"]) for e in data["info_request_events"]] == [
        ("sent", None), ("response", 3000000)]


def test_wdtk_feed_links_every_request_and_attachments_are_served(demo):
    feed = http.get(f"{demo.base_url}/feed/body/demo_northumbria_police").text
    requests = {a.attributes["href"].split("#")[0] for a in LexborHTMLParser(feed).css("link[rel=alternate]")}
    assert requests - {f"{demo.base_url}/body/demo_northumbria_police"} == set(
        demo.item_urls("demo-wdtk-northumbria").values())
    page = LexborHTMLParser(http.get(demo.item_url("demo-wdtk-northumbria", "spit-guards-use-2023")).text)
    href = page.css_first(".list-of-attachments a").attributes["href"]
    assert href == "/request/700002/response/3000001/attach/2/FOI%20700002%20Response.pdf"
    assert http.get(demo.base_url + href).content.startswith(b"%PDF")


def test_faults_reach_the_other_families():
    with ReplicaServer(demo_sites(), faults={"not_found", "cp1252"}) as server:
        statuses = {path: http.get(server.base_url + path) for path in server.fault_paths["not_found"]}
        cp1252 = [path for path in server.fault_paths["cp1252"] if path.endswith(".aspx")]
        assert [r.status_code for r in statuses.values()] == [404] * 6
        assert http.get(server.base_url + cp1252[0]).headers["content-type"] == "text/html; charset=windows-1252"


@pytest.mark.parametrize("family", ["pdf", "docx", "aspx", "wdtk"])
def test_shared_texts_are_served_by_every_family(family):
    paths = sorted((SHARED / "corpus").glob("00*.txt"))[:3]
    site = shared_corpus_site(paths, slug=f"shared-{family}", family=family)
    with ReplicaServer([site]) as server:
        responses = [http.get(url) for url in server.item_urls(site.slug).values()]
    assert [r.status_code for r in responses] == [200, 200, 200]
