"""How well the confidence of the `citations` and `ncnd` decisions separates right from wrong, on labelled sets.

    .venv/bin/python scripts/calibrate_citations.py ../shared/corpus ../shared/corpus2 ../shared/corpus3

Per field: documents at confidence >= 0.6 (trusted) and below (needs_review), and the share right in each;
then the same per reason, so a miscalibrated cue shows. A document's citations are right when the whole set
(act, section, subsection, ncnd) equals the label's.
"""
from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parsers import parse_text  # noqa: E402
from parsers.record import REVIEW_BELOW  # noqa: E402


def _citation_set(citations) -> set[tuple]:
    return {(c["act"], c["section"], c["subsection"], bool(c["ncnd"])) for c in citations}


def main(directories: list[str]) -> None:
    rows = []  # (field, confidence, reason, right)
    for directory in map(Path, directories):
        for label in json.loads((directory / "labels.json").read_text(encoding="utf-8")):
            record = parse_text((directory / label["file"]).read_text(encoding="utf-8"))
            got = record.to_dict()
            for name, right in (
                ("citations", _citation_set(got["citations"]) == _citation_set(label.get("citations", []))),
                ("ncnd", bool(got["ncnd"]) == bool(label.get("ncnd"))),
            ):
                decision = record.decisions[name]
                rows.append((name, decision.confidence, decision.reason, right))
    for name in ("citations", "ncnd"):
        mine = [r for r in rows if r[0] == name]
        for title, part in (("confidence >= %.1f" % REVIEW_BELOW, [r for r in mine if r[1] >= REVIEW_BELOW]),
                            ("confidence <  %.1f" % REVIEW_BELOW, [r for r in mine if r[1] < REVIEW_BELOW])):
            right = sum(r[3] for r in part)
            print(f"{name:9} {title}: {right}/{len(part)} right" + (f" = {right / len(part):.3f}" if part else ""))
        by_reason = collections.defaultdict(list)
        for r in mine:
            by_reason[(r[1], r[2])].append(r[3])
        for (confidence, reason), results in sorted(by_reason.items(), reverse=True):
            print(f"    {confidence:.2f} {sum(results):3}/{len(results):<3} {reason}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["../shared/corpus", "../shared/corpus2", "../shared/corpus3"])
