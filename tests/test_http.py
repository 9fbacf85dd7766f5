"""The HTTP client against httpx.MockTransport: politeness, retries and honest results."""
import gzip

import httpx

from scraper.http import DISALLOWED, USER_AGENT, Client, parse_retry_after

ROBOTS = b"User-agent: *\nCrawl-delay: 3\nDisallow: /private/\n"


def reply(status=200, body=b"", headers=None):
    return status, body, headers or {}


def client_for(routes, sleeps=None, **kwargs):
    """routes: path -> list of responses, served in turn (the last one repeats). Records requests."""
    requests = []

    def handler(request):
        requests.append((request.url.path, dict(request.headers)))
        answers = routes.get(request.url.path) or [reply(404)]
        status, body, headers = answers.pop(0) if len(answers) > 1 else answers[0]
        # A list body keeps the response streamed, as from a real server, so the raw bytes stay readable.
        return httpx.Response(status, content=[body], headers=headers)

    sleeps = [] if sleeps is None else sleeps
    client = Client(transport=httpx.MockTransport(handler), sleep=sleeps.append, clock=lambda: 0.0, **kwargs)
    return client, requests


def test_user_agent_robots_and_crawl_delay():
    sleeps = []
    client, requests = client_for({"/robots.txt": [reply(200, ROBOTS)], "/a/": [reply(200, b"ok")]}, sleeps)
    result = client.fetch("http://force.test/a/", delay=0.5)
    assert (result.status, result.content, result.error) == (200, b"ok", None)
    assert requests[1][1]["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("foilog/") and "+https://github.com/foilog/foilog" in USER_AGENT
    assert sleeps == [3.0]  # the page waited for Crawl-delay (3 s > the source's 0.5 s) after robots.txt
    assert client.delay_for("http://force.test/x", 5.0) == 5.0


def test_disallowed_url_is_recorded_not_fetched():
    client, requests = client_for({"/robots.txt": [reply(200, ROBOTS)]})
    result = client.fetch("http://force.test/private/x")
    assert (result.status, result.error) == (0, DISALLOWED)
    assert client.disallowed == ["http://force.test/private/x"]
    assert [path for path, _ in requests] == ["/robots.txt"]


def test_503_retried_honouring_retry_after_then_succeeds():
    sleeps = []
    routes = {"/a": [reply(503, headers={"Retry-After": "7"}), reply(200, b"fine")]}
    client, requests = client_for(routes, sleeps, default_delay=0)
    result = client.fetch("http://force.test/a", delay=0)
    assert (result.status, result.content) == (200, b"fine")
    assert [path for path, _ in requests] == ["/robots.txt", "/a", "/a"]
    assert sleeps == [7.0]


def test_retry_after_is_capped_and_failure_returned_after_attempts():
    sleeps = []
    client, requests = client_for({"/a": [reply(500, headers={"Retry-After": "86400"})]}, sleeps,
                                  default_delay=0, max_attempts=3, max_retry_after=60)
    result = client.fetch("http://force.test/a", delay=0)
    assert (result.status, result.error) == (500, "HTTP 500 after 3 attempts")
    assert sleeps == [60, 60]


def test_exponential_backoff_without_retry_after():
    sleeps = []
    client, _ = client_for({"/a": [reply(429)]}, sleeps, default_delay=0, max_attempts=4, backoff=1.5)
    assert client.fetch("http://force.test/a", delay=0).status == 429
    assert sleeps == [1.5, 3.0, 6.0]


def test_404_and_410_are_results_not_retried():
    client, requests = client_for({"/gone": [reply(410)]}, default_delay=0)
    assert (client.fetch("http://force.test/gone", delay=0).status, client.fetch("http://force.test/nope").status) \
        == (410, 404)
    assert [path for path, _ in requests] == ["/robots.txt", "/gone", "/nope"]


def test_connection_errors_are_retried_then_reported():
    def handler(request):
        raise httpx.ConnectError("refused")

    sleeps = []
    client = Client(transport=httpx.MockTransport(handler), sleep=sleeps.append, default_delay=0, max_attempts=2,
                    backoff=1)
    result = client.fetch("http://force.test/a", delay=0)
    assert (result.status, result.error) == (0, "ConnectError: refused")
    assert sleeps == [1]


def test_conditional_request_and_304():
    client, requests = client_for({"/a": [reply(304)]}, default_delay=0)
    result = client.fetch("http://force.test/a", delay=0, etag='"v1"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT")
    assert result.not_modified
    assert (requests[1][1]["if-none-match"], requests[1][1]["if-modified-since"]) == (
        '"v1"', "Mon, 01 Jan 2024 00:00:00 GMT")


def test_gzip_body_decoded_and_raw_kept():
    body = gzip.compress("café".encode())
    client, _ = client_for({"/a": [reply(200, body, {"Content-Encoding": "gzip"})]}, default_delay=0)
    result = client.fetch("http://force.test/a", delay=0)
    assert (result.content, result.raw_body) == ("café".encode(), body)


def test_parse_retry_after_forms():
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Thu, 01 Jan 2026 00:01:00 GMT", now=1767225600.0) == 60.0
    assert parse_retry_after("soon") is None
