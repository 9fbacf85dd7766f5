"""Same request, many authorities: round-robin requests grouped by the similarity of their request text.

Similarity is the Jaccard index of the two texts' word 3-shingles (lower-cased words, punctuation dropped).
A pair is the same request at JACCARD_THRESHOLD or above. Why 0.5: a round-robin request is sent word for
word, and the copies published by different forces differ only where a force quotes it differently (a
salutation, its own name, list numbering): such copies score 0.7 to 1.0. Two different requests on one
topic share stock phrases ("please provide the number of", "in each of the last five years") but score below
0.3. Half the shingles shared sits well between the two.

Candidates come from MinHash with locality-sensitive hashing (SIGNATURE_SIZE hashes in BANDS bands), so a
million requests are not compared pairwise; every candidate pair is then checked on its exact Jaccard index.
A group must span at least two authorities (one force publishing a request twice is not a round robin).
"""
from __future__ import annotations

import random
import re
import zlib
from collections.abc import Iterable
from itertools import combinations

import sqlite_utils

JACCARD_THRESHOLD = 0.5
SHINGLE_WORDS = 3
MIN_SHINGLES = 6  # shorter requests ("Drones.") are too generic to say two forces got the same one
SIGNATURE_SIZE = 12
BANDS = 6  # 6 bands of 2 hashes: pairs at Jaccard 0.5 become candidates with probability 1-(1-0.5^2)^6 = 0.82
ROWS_PER_BAND = SIGNATURE_SIZE // BANDS
MAX_PAIRWISE_BUCKET = 100
# XOR with a fixed random mask permutes 32-bit hashes: a cheap family of hash functions for MinHash.
_MASKS = random.Random(20241203).sample(range(1 << 32), SIGNATURE_SIZE)
_WORD = re.compile(r"[a-z0-9]+")

# `authorities`: how many authorities the member's group spans, so the biggest round robins list first from an index.
REQUEST_GROUPS_COLUMNS = {"group_id": str, "disclosure_id": str, "authority": str, "similarity": float,
                          "authorities": int}


def shingles(text: str | None) -> frozenset[int]:
    """The text's word 3-shingles, each as a 32-bit hash."""
    words = _WORD.findall((text or "").lower())
    return frozenset(zlib.crc32(" ".join(words[n:n + SHINGLE_WORDS]).encode())
                     for n in range(len(words) - SHINGLE_WORDS + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def band_keys(shingle_hashes: frozenset[int]) -> list[int]:
    """One key per band: two texts sharing any key are candidates."""
    signature = [min(h ^ mask for h in shingle_hashes) for mask in _MASKS]
    return [hash((band, *signature[band * ROWS_PER_BAND:(band + 1) * ROWS_PER_BAND])) for band in range(BANDS)]


def _groups(shingled: dict, candidate_buckets: Iterable[list[str]]) -> list[dict]:
    order = {d: n for n, d in enumerate(shingled)}
    parent = {d: d for d in shingled}

    def root(d):
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    for members in candidate_buckets:
        # Every pair in a bucket of one round robin's size (one copy per force); in a bigger bucket, each
        # against the first only, so a stock phrase shared by thousands of requests stays linear.
        pairs = (combinations(members, 2) if len(members) <= MAX_PAIRWISE_BUCKET
                 else ((members[0], other) for other in members[1:]))
        for one, other in pairs:
            if root(one) != root(other) and jaccard(shingled[one][1], shingled[other][1]) >= JACCARD_THRESHOLD:
                a, b = sorted((root(one), root(other)), key=order.get)
                parent[b] = a
    groups: dict[str, list[str]] = {}
    for d in shingled:
        groups.setdefault(root(d), []).append(d)
    rows = []
    for leader, members in groups.items():
        authorities = len({shingled[m][0] for m in members})
        if authorities < 2:
            continue
        rows += [{"group_id": leader, "disclosure_id": m, "authority": shingled[m][0], "authorities": authorities,
                  "similarity": round(jaccard(shingled[leader][1], shingled[m][1]), 3)} for m in members]
    return rows


def rebuild_request_groups(conn: sqlite_utils.Database) -> int:
    """Regroup every response's request text into `request_groups`; returns how many groups there are.

    Band keys go through a temporary table so only the requests sharing a key are held in memory at the end.
    """
    ensure_request_groups(conn)
    sql = conn.conn
    sql.execute("CREATE TEMP TABLE IF NOT EXISTS request_bands (key INTEGER, disclosure_id TEXT)")
    with conn.atomic():  # one transaction: readers see the old groups or the new, never none
        sql.execute("DELETE FROM request_bands")
        rows = sql.execute("SELECT id, request_text FROM disclosures WHERE request_text IS NOT NULL")
        batch = []
        for disclosure, text in rows:
            hashes = shingles(text)
            if len(hashes) >= MIN_SHINGLES:
                batch += [(key, disclosure) for key in band_keys(hashes)]
            if len(batch) > 50_000:
                sql.executemany("INSERT INTO request_bands VALUES (?, ?)", batch)
                batch = []
        sql.executemany("INSERT INTO request_bands VALUES (?, ?)", batch)
        candidates = sql.execute(
            "SELECT key, group_concat(disclosure_id, ' ') FROM request_bands WHERE key IN "
            "(SELECT key FROM request_bands GROUP BY key HAVING count(*) > 1) GROUP BY key").fetchall()
        buckets = [ids.split(" ") for _, ids in candidates]
        wanted = sorted({d for members in buckets for d in members})
        found = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            found += sql.execute(f"SELECT id, authority, request_text, coalesce(published, '') FROM disclosures "
                                 f"WHERE id IN ({', '.join('?' * len(chunk))})", chunk).fetchall()
        # Each group's leader (its id, and the text similarity is measured against) is its earliest published member.
        shingled = {d: (authority, shingles(text)) for d, authority, text, _ in sorted(found, key=lambda r: (r[3], r[0]))}
        groups = _groups(shingled, buckets)
        sql.execute("DELETE FROM request_groups")
        sql.executemany("INSERT INTO request_groups (group_id, disclosure_id, authority, similarity, authorities) "
                        "VALUES (:group_id, :disclosure_id, :authority, :similarity, :authorities)", groups)
        sql.execute("DELETE FROM request_bands")
    return len({row["group_id"] for row in groups})


def ensure_request_groups(conn: sqlite_utils.Database) -> None:
    table = conn["request_groups"]
    if not table.exists():
        table.create(REQUEST_GROUPS_COLUMNS, pk="disclosure_id")
    for column, column_type in REQUEST_GROUPS_COLUMNS.items():
        if column not in table.columns_dict:
            table.add_column(column, column_type)
    table.create_index(["group_id"], if_not_exists=True, find_unique_name=False)
    table.create_index(["authorities", "group_id"], if_not_exists=True, find_unique_name=False)
