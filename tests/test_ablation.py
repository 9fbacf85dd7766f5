"""parsers.ablation: rule units are pattern alternatives; tracing records them, switching off removes them."""
import re

import pytest

import parsers.outcome
from parsers import parse_text
from parsers.ablation import split_alternatives, traced, units_of_one_group


@pytest.mark.parametrize("pattern, expected", [
    (r"a|b", ["a", "b"]),
    (r"(?:a|b)c|d", ["(?:a|b)c", "d"]),
    (r"[|]x|\|y|z", ["[|]x", r"\|y", "z"]),
    (r"[]|]x|y", ["[]|]x", "y"]),
    (r"[^]|]x|y", ["[^]|]x", "y"]),
    (r"only", ["only"]),
])
def test_split_alternatives_splits_only_at_top_level_bars(pattern, expected):
    assert split_alternatives(pattern) == expected
    assert "|".join(expected) == pattern


def test_every_parser_pattern_splits_back_into_itself():
    with traced() as trace:
        by_pattern = {}
        for (module, name, i), source in trace.sources.items():
            by_pattern.setdefault((module, name), []).append((i, source))
    real = {(m, n): getattr(__import__(m, fromlist=[n]), n).pattern for (m, n) in by_pattern}
    for key, parts in by_pattern.items():
        assert "|".join(s for _, s in sorted(parts)) == real[key], key


def test_tracing_records_units_per_document_and_switching_one_off_changes_the_decision():
    text = "Request\nHow many drones?\nResponse\nI have decided to disclose some of the requested information."
    with traced() as trace:
        trace.current = "doc-a"
        assert parse_text(text).outcome == "partial"
        stated = [u for u in trace.fired if u[1] == "_STATED_PARTIAL" and "doc-a" in trace.fired[u]]
        assert stated
        trace.disabled = frozenset(stated)
        assert parse_text(text).outcome != "partial"
    # outside the block the real pattern is back
    assert isinstance(parsers.outcome._STATED_PARTIAL, re.Pattern)
    assert parse_text(text).outcome == "partial"


def test_units_of_one_group_are_those_fired_by_one_authority_only():
    fired = {("m", "P", 0): {"a1", "a2"}, ("m", "P", 1): {"a1", "b1"}, ("m", "Q", 0): {"b1"}}
    group_of = {"a1": "A", "a2": "A", "b1": "B"}
    assert units_of_one_group(fired, group_of) == {"A": frozenset({("m", "P", 0)}), "B": frozenset({("m", "Q", 0)})}
