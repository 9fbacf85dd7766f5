"""The one HTTP client every request goes through: polite, patient, and honest about what it got.

Politeness: an identifying User-Agent with a contact URL, robots.txt per host (cached), and a per-host delay of
max(source delay, robots Crawl-delay). Patience: retries with exponential backoff on timeouts, connection
errors, 429 and 5xx, honouring (a capped) Retry-After. Honesty: every outcome, including 404s, refusals by
robots.txt and errors that outlived the retries, comes back as a FetchResult rather than an exception, so
the caller can record it and carry on.
"""
from __future__ import annotations

import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlsplit

import httpx
import protego
from tenacity import RetryError, Retrying, retry_if_exception_type, stop_after_attempt

try:
    _VERSION = version("foilog")
except PackageNotFoundError:  # running from a checkout that was never pip-installed
    _VERSION = "0.1.0"

USER_AGENT = f"foilog/{_VERSION} (+https://github.com/foilog/foilog; FOI research crawler)"
ROBOTS_AGENT = "foilog"
DEFAULT_DELAY = 1.0
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# Servers sometimes ask for hours; we would rather give up on the page and record it than stall the crawl.
MAX_RETRY_AFTER = 120.0
DISALLOWED = "disallowed by robots.txt"
OVER_SIZE_CAP = "over size cap"  # prefix of the error of a download abandoned at max_bytes


def utc_now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass
class FetchResult:
    url: str
    final_url: str
    status: int  # 0 when no HTTP response was received (robots refusal, connection error)
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    content: bytes = b""  # decoded body (Content-Encoding undone)
    fetched_at: str = ""
    error: str | None = None
    # What the archive needs to store the exchange untouched:
    raw_headers: list[tuple[str, str]] = field(default_factory=list)
    raw_body: bytes = b""  # body as sent (still Content-Encoded; transfer chunking undone by the HTTP stack)
    http_version: str = "HTTP/1.1"
    reason: str = ""
    request_headers: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300 and self.error is None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def received(self) -> bool:
        """An HTTP response exists (worth archiving), whatever its status."""
        return self.status > 0


class _RetryableStatus(Exception):
    def __init__(self, result: FetchResult, retry_after: float | None):
        super().__init__(f"HTTP {result.status}")
        self.result = result
        self.retry_after = retry_after


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Retry-After is either delta-seconds or an HTTP-date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def decode_body(raw: bytes, content_encoding: str | None) -> bytes:
    """Undo gzip/deflate Content-Encoding (the only ones we advertise); anything else is returned as is."""
    for coding in reversed([c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]):
        if coding in ("gzip", "x-gzip"):
            raw = zlib.decompress(raw, 16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            try:
                raw = zlib.decompress(raw)
            except zlib.error:  # some servers send raw deflate without the zlib wrapper
                raw = zlib.decompress(raw, -zlib.MAX_WBITS)
    return raw


def host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class Client:
    """Polite fetching for the whole crawl. Use as a context manager, or call close()."""

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        timeout: float = 30.0,
        max_attempts: int = 4,
        backoff: float = 2.0,
        max_retry_after: float = MAX_RETRY_AFTER,
        default_delay: float = DEFAULT_DELAY,
        transport: httpx.BaseTransport | None = None,
        sleep=time.sleep,
        clock=time.monotonic,
        obey_robots: bool = True,
    ):
        self.user_agent = user_agent
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.default_delay = default_delay
        self.obey_robots = obey_robots
        self._sleep = sleep
        self._clock = clock
        self._http = httpx.Client(
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=timeout,
            follow_redirects=True,
            transport=transport,
        )
        self._robots: dict[str, protego.Protego | None] = {}
        self._host_delay: dict[str, float] = {}
        self._last_request: dict[str, float] = {}
        self.disallowed: list[str] = []

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # -- politeness ---------------------------------------------------------------------------------------

    def robots_for(self, url: str) -> protego.Protego | None:
        """The host's parsed robots.txt, fetched once; None (= allow everything) when it has none."""
        host = host_key(url)
        if host not in self._robots:
            self._robots[host] = None  # set first so a failing robots fetch is not retried for every URL
            result = self._fetch_once(f"{host}/robots.txt", delay=self.default_delay)
            if result.ok:
                self._robots[host] = protego.Protego.parse(result.content.decode("utf-8", "replace"))
        return self._robots[host]

    def allowed(self, url: str) -> bool:
        if not self.obey_robots:
            return True
        robots = self.robots_for(url)
        return robots is None or robots.can_fetch(url, ROBOTS_AGENT)

    def delay_for(self, url: str, source_delay: float | None = None) -> float:
        delay = self.default_delay if source_delay is None else source_delay
        robots = self._robots.get(host_key(url))
        crawl_delay = robots.crawl_delay(ROBOTS_AGENT) if robots is not None else None
        return max(delay, crawl_delay or 0.0)

    def _wait_turn(self, url: str, delay: float) -> None:
        host = host_key(url)
        last = self._last_request.get(host)
        if last is not None:
            remaining = last + delay - self._clock()
            if remaining > 0:
                self._sleep(remaining)
        self._last_request[host] = self._clock()

    # -- fetching -----------------------------------------------------------------------------------------

    def fetch(
        self,
        url: str,
        *,
        delay: float | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
    ) -> FetchResult:
        """GET url politely. Never raises for network or HTTP trouble: look at .status and .error.

        With max_bytes, a body announced or found to be bigger is abandoned (not read on) and comes back empty
        with an OVER_SIZE_CAP error."""
        if not self.allowed(url):
            self.disallowed.append(url)
            return FetchResult(url=url, final_url=url, status=0, fetched_at=utc_now_iso(), error=DISALLOWED)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host_delay = self.delay_for(url, delay)

        def attempt() -> FetchResult:
            result = self._fetch_once(url, delay=host_delay, headers=headers, max_bytes=max_bytes)
            if result.status in RETRY_STATUSES:
                raise _RetryableStatus(result, parse_retry_after(result.headers.get("retry-after")))
            if result.status == 0:
                raise _TransportFailure(result)
            return result

        retrying = Retrying(
            stop=stop_after_attempt(self.max_attempts),
            wait=self._retry_wait,
            retry=retry_if_exception_type((_RetryableStatus, _TransportFailure)),
            sleep=self._sleep,
        )
        try:
            return retrying(attempt)
        except RetryError as gave_up:
            failure = gave_up.last_attempt.exception()
            result = failure.result
            result.error = result.error or f"HTTP {result.status} after {self.max_attempts} attempts"
            return result

    def _retry_wait(self, retry_state) -> float:
        failure = retry_state.outcome.exception()
        retry_after = getattr(failure, "retry_after", None)
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        return min(self.backoff * 2 ** (retry_state.attempt_number - 1), self.max_retry_after)

    def _fetch_once(self, url: str, *, delay: float, headers: dict | None = None,
                    max_bytes: int | None = None) -> FetchResult:
        self._wait_turn(url, delay)
        fetched_at = utc_now_iso()
        try:
            with self._http.stream("GET", url, headers=headers) as response:
                request_headers = list(response.request.headers.items())
                raw_body, over_cap = _read_capped(response, max_bytes)
                if over_cap:
                    return FetchResult(url=url, final_url=str(response.url), status=response.status_code,
                                       headers={k.lower(): v for k, v in response.headers.items()},
                                       fetched_at=fetched_at, error=f"{OVER_SIZE_CAP} ({over_cap} bytes > {max_bytes})")
        except (httpx.TimeoutException, httpx.TransportError) as exc:
            return FetchResult(
                url=url, final_url=url, status=0, fetched_at=fetched_at, error=f"{type(exc).__name__}: {exc}"
            )
        response_headers = {k.lower(): v for k, v in response.headers.items()}
        try:
            content = decode_body(raw_body, response_headers.get("content-encoding"))
            error = None
        except zlib.error as exc:
            content, error = raw_body, f"undecodable Content-Encoding: {exc}"
        return FetchResult(
            url=url,
            final_url=str(response.url),
            status=response.status_code,
            headers=response_headers,
            content=content,
            fetched_at=fetched_at,
            error=error,
            raw_headers=list(response.headers.multi_items()),
            raw_body=raw_body,
            http_version=response.http_version or "HTTP/1.1",
            reason=response.reason_phrase,
            request_headers=request_headers,
        )


def _read_capped(response: httpx.Response, max_bytes: int | None) -> tuple[bytes, int | None]:
    """(body, None), or (b"", size seen) as soon as the announced or received size passes max_bytes."""
    if max_bytes is not None:
        announced = response.headers.get("content-length", "")
        if announced.isdigit() and int(announced) > max_bytes:
            return b"", int(announced)
    chunks, size = [], 0
    for chunk in response.iter_raw():
        size += len(chunk)
        if max_bytes is not None and size > max_bytes:
            return b"", size
        chunks.append(chunk)
    return b"".join(chunks), None


class _TransportFailure(Exception):
    def __init__(self, result: FetchResult):
        super().__init__(result.error)
        self.result = result
