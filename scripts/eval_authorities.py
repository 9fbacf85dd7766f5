#!/usr/bin/env python3
"""Parser quality per labelled set and per authority, with a leave-authority-out score.

    scripts/eval_authorities.py [--min-docs 3] [SET_DIR ...]    (default: ../shared seeds, corpus*)

For each authority, its documents are scored twice: with the whole parser, and with every rule unit that fires
on that authority's documents *and on no other authority's* switched off (`parsers/ablation.py`). The second
score is what the parser would have done had nothing been written specifically for that authority; the
per-set "leave-authority-out" row puts every document's second score together. The gap between the two rows
is the parser's dependence on authority-specific rules; the units that make a difference are listed, as the
smell to look at.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parsers import UnreadableDocument, parse_bytes  # noqa: E402
from parsers.ablation import traced, units_of_one_group  # noqa: E402
from parsers.evaluate import _cit_set, evaluate, request_key  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_SETS = [SHARED / name for name in ("seeds", "corpus", "corpus2", "corpus3")]
FIELDS = ("reference", "request_start", "citations", "ncnd", "outcome")


def _parse(path: Path) -> dict:
    try:
        return parse_bytes(path.read_bytes(), filename=path.name).to_dict()
    except (OSError, UnreadableDocument):
        return {}


def _doc_fields_right(label: dict, rec: dict) -> dict[str, bool]:
    """Per field, is this one document right (citations: the whole set equal)."""
    return {
        "reference": " ".join((label.get("reference") or "").split()) == " ".join((rec.get("reference") or "").split()),
        "request_start": request_key(label.get("request_start")) == request_key(rec.get("request_text")),
        "citations": _cit_set(label.get("citations", [])) == _cit_set(rec.get("citations", [])),
        "ncnd": bool(label.get("ncnd")) == bool(rec.get("ncnd")),
        "outcome": label.get("outcome") == rec.get("outcome"),
    }


def _scores(pairs) -> dict[str, float]:
    return {fs.name: fs.score for fs in evaluate(pairs)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="*", type=Path, default=DEFAULT_SETS)
    ap.add_argument("--min-docs", type=int, default=3, help="list authorities with at least this many documents")
    args = ap.parse_args(argv)

    docs = []  # (set name, label, path, doc key)
    for directory in args.sets:
        labels_path = directory / "labels.json"
        if not labels_path.exists():
            print(f"{labels_path}: missing", file=sys.stderr)
            return 2
        for label in json.loads(labels_path.read_text(encoding="utf-8")):
            docs.append((directory.name, label, directory / label["file"], f"{directory.name}/{label['file']}"))
    group_of = {key: (label.get("authority") or "?").strip() for _, label, _, key in docs}

    with traced() as trace:
        full = {}
        for _, _, path, key in docs:
            trace.current = key
            full[key] = _parse(path)
        trace.current = None
        specific = units_of_one_group(trace.fired, group_of)
        ablated = dict(full)
        by_group = defaultdict(list)
        for _, _, path, key in docs:
            by_group[group_of[key]].append((path, key))
        for group, units in specific.items():
            trace.disabled = units
            for path, key in by_group[group]:
                ablated[key] = _parse(path)
        trace.disabled = frozenset()
        n_units, n_fired = len(trace.units), len(trace.fired)

    print(f"{len(docs)} documents, {len(by_group)} authorities; {n_units} rule units (pattern alternatives), "
          f"{n_fired} fired on these documents, {sum(map(len, specific.values()))} of them on one authority only\n")

    header = "| set | parser | " + " | ".join(FIELDS) + " |"
    print(header)
    print("|" + " --- |" * (len(FIELDS) + 2))
    for set_name in dict.fromkeys(s for s, *_ in docs):
        members = [(label, key) for s, label, _, key in docs if s == set_name]
        for title, records in (("whole", full), ("leave-authority-out", ablated)):
            sc = _scores([(label, records[key]) for label, key in members])
            print(f"| {set_name} ({len(members)}) | {title} | " + " | ".join(f"{sc[f]:.3f}" for f in FIELDS) + " |")

    print(f"\nPer authority ({args.min_docs}+ documents across the sets): share of documents right per field, "
          "whole / leave-authority-out\n")
    print("| authority | docs | " + " | ".join(FIELDS) + " |")
    print("|" + " --- |" * (len(FIELDS) + 2))
    label_of = {key: label for _, label, _, key in docs}
    for group in sorted(by_group, key=lambda g: (-len(by_group[g]), g)):
        keys = [key for _, key in by_group[group]]
        if len(keys) < args.min_docs:
            continue
        cells = []
        for f in FIELDS:
            whole = sum(_doc_fields_right(label_of[k], full[k])[f] for k in keys) / len(keys)
            out = sum(_doc_fields_right(label_of[k], ablated[k])[f] for k in keys) / len(keys)
            cells.append(f"{whole:.2f}" if abs(whole - out) < 1e-9 else f"{whole:.2f} / {out:.2f}")
        print(f"| {group} | {len(keys)} | " + " | ".join(cells) + " |")

    changed = defaultdict(list)  # authority -> (document, fields lost, fields gained)
    for key in full:
        before, after = _doc_fields_right(label_of[key], full[key]), _doc_fields_right(label_of[key], ablated[key])
        lost = [f for f in FIELDS if before[f] and not after[f]]
        gained = [f for f in FIELDS if after[f] and not before[f]]
        if lost or gained:
            changed[group_of[key]].append((key, lost, gained))
    print(f"\n{sum(map(len, changed.values()))} documents whose score depends on rule units fired by their "
          "authority alone" + (":" if changed else ""))
    for group in sorted(changed):
        for key, lost, gained in changed[group]:
            what = "; ".join(x for x in (f"right only with them: {', '.join(lost)}" if lost else "",
                                        f"wrong because of them: {', '.join(gained)}" if gained else "") if x)
            print(f"- {key} ({group}): {what}")
    if changed:
        # One unit at a time, for the authorities it matters to: which rule does the work (or the harm).
        print("\nThe units responsible (switched off one at a time): documents-fields lost / gained")
        with traced() as trace:
            for group in sorted(changed):
                for unit in sorted(specific[group]):
                    trace.disabled = frozenset([unit])
                    lost = gained = 0
                    for path, key in by_group[group]:
                        before = _doc_fields_right(label_of[key], full[key])
                        after = _doc_fields_right(label_of[key], _parse(path))
                        lost += sum(before[f] and not after[f] for f in FIELDS)
                        gained += sum(after[f] and not before[f] for f in FIELDS)
                    if lost or gained:
                        print(f"- {group}: `{unit[0]}.{unit[1]}[{unit[2]}]` -{lost} / +{gained}: "
                              f"{trace.source_of(unit)[:70]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
