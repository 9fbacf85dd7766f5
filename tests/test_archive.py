"""WARC archive: responses stored untouched, read back with the latest per URL winning."""
import gzip

from scraper.archive import ArchiveWriter, archived_validators, iter_archive
from scraper.http import FetchResult
from datetime import datetime, timezone


def response(url, body, status=200, fetched_at="2024-03-01T10:00:00Z", headers=()):
    raw_headers = [("Content-Type", "text/html; charset=utf-8"), *headers]
    return FetchResult(url=url, final_url=url, status=status, headers={k.lower(): v for k, v in raw_headers},
                       content=body, fetched_at=fetched_at, raw_headers=raw_headers, raw_body=body, reason="OK",
                       request_headers=[("User-Agent", "foilog/test")])


def test_round_trip_latest_wins_and_304_never_does(tmp_path):
    with ArchiveWriter(tmp_path, "force-a", datetime(2024, 3, 1, 10, tzinfo=timezone.utc)) as archive:
        archive.write(response("http://x.test/log/", b"<p>index</p>"), role="index")
        archive.write(response("http://x.test/log/a/", b"old", headers=[("ETag", '"v1"')]), role="item")
        archive.write(response("http://x.test/log/gone/", b"", status=404), role="item")
    with ArchiveWriter(tmp_path, "force-a", datetime(2024, 3, 2, 10, tzinfo=timezone.utc)) as archive:
        archive.write(response("http://x.test/log/a/", b"new", fetched_at="2024-03-02T10:00:00Z"), role="item")
        archive.write(response("http://x.test/log/a/", b"", status=304, fetched_at="2024-03-02T11:00:00Z"))
    assert sorted(p.name for p in (tmp_path / "force-a").iterdir()) == ["20240301T100000Z.warc.gz",
                                                                         "20240302T100000Z.warc.gz"]
    rows = sorted((tuple(r)[1:3] + (r.content, r.fetched_at, r.role)) for r in iter_archive(tmp_path))
    assert rows == [
        ("http://x.test/log/", 200, b"<p>index</p>", "2024-03-01T10:00:00Z", "index"),
        ("http://x.test/log/a/", 200, b"new", "2024-03-02T10:00:00Z", "item"),
        ("http://x.test/log/gone/", 404, b"", "2024-03-01T10:00:00Z", "item"),
    ]
    assert archived_validators(tmp_path, "force-a") == {"http://x.test/log/": {}, "http://x.test/log/a/": {}}


def test_body_kept_content_encoded_and_read_back_decoded(tmp_path):
    raw = gzip.compress(b"<p>caf\xe9</p>")
    result = response("http://x.test/a", b"<p>caf\xe9</p>", headers=[("Content-Encoding", "gzip"),
                                                                     ("ETag", '"v2"')])
    result.raw_body = raw
    with ArchiveWriter(tmp_path, "s") as archive:
        archive.write(result, role="item")
    (path,) = (tmp_path / "s").iterdir()
    assert raw in gzip.open(path).read()
    (read,) = iter_archive(tmp_path, "s")
    assert tuple(read) == ("s", "http://x.test/a", 200, {"content-type": "text/html; charset=utf-8",
                                                          "content-encoding": "gzip", "etag": '"v2"'},
                           b"<p>caf\xe9</p>", "2024-03-01T10:00:00Z")
    assert archived_validators(tmp_path, "s") == {"http://x.test/a": {"etag": '"v2"'}}


def test_truncated_tail_from_a_crash_is_skipped(tmp_path):
    with ArchiveWriter(tmp_path, "s") as archive:
        archive.write(response("http://x.test/a", b"kept"), role="item")
        archive.write(response("http://x.test/b", b"lost"), role="item")
    (path,) = (tmp_path / "s").iterdir()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])  # cuts into the second exchange
    assert [r.content for r in iter_archive(tmp_path)] == [b"kept"]


def test_no_file_without_responses(tmp_path):
    with ArchiveWriter(tmp_path, "s") as archive:
        archive.write(FetchResult(url="http://x.test/a", final_url="http://x.test/a", status=0, error="refused"))
    assert list(tmp_path.iterdir()) == []
