"""Which of the parser's rules fire on which documents, and the parser with chosen rules switched off.

Used to measure generalisation inside the labelled data (`scripts/eval_authorities.py`): a rule whose matches
occur in the documents of one authority only was, in effect, written for that authority; scoring that
authority with such rules switched off shows what the parser would do on a force it has never seen.

A *rule unit* is one top-level alternative of one compiled pattern held by a parser module
(`("parsers.outcome", "_STATED_REFUSED", 3)`): most rules are alternatives of a shared pattern, so units
are finer than patterns. Rules written as Python logic rather than pattern alternatives are not units and
always stay on: the report says how many units it saw, so that limit is visible.

Nothing here runs in production: `traced()` swaps proxies into the parser modules' globals for the duration
of a `with` block and puts the real patterns back afterwards.
"""
from __future__ import annotations

import contextlib
import importlib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

PARSER_MODULES = (
    "parsers.text", "parsers.html", "parsers.dates", "parsers.figures", "parsers.reference", "parsers.request",
    "parsers.statutes", "parsers.citations", "parsers.outcome", "parsers.sanity", "parsers.documents",
)

Unit = tuple[str, str, int]  # (module, global name, index of the top-level alternative)


def split_alternatives(pattern: str) -> list[str]:
    """The pattern's top-level alternatives, so that "|".join(result) == pattern.

    Escapes, character classes and groups are respected: only a `|` outside every group and class splits.
    """
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            # "]" straight after "[" or "[^" is a literal member, not the end of the class
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


@dataclass
class Trace:
    """Which units fired while parsing each document (keyed by whatever the caller sets as `current`)."""

    current: str | None = None
    fired: dict[Unit, set[str]] = field(default_factory=lambda: defaultdict(set))
    disabled: frozenset[Unit] = frozenset()
    units: list[Unit] = field(default_factory=list)  # every unit seen, fired or not
    sources: dict[Unit, str] = field(default_factory=dict)  # each unit's pattern text

    def source_of(self, unit: Unit) -> str:
        return self.sources.get(unit, "")


class PatternProxy:
    """Stands in for one compiled pattern: records which alternative matched, and can switch some off."""

    def __init__(self, module: str, name: str, real: re.Pattern, trace: Trace):
        self._unit_key = (module, name)
        self._real = real
        self._trace = trace
        self._alternatives = split_alternatives(real.pattern)
        # Each alternative alone, anchored where a match starts, to tell which one produced it.
        self._alone = [self._compile(alt) for alt in self._alternatives]
        self._active = real
        self._active_disabled: frozenset[Unit] = frozenset()
        self.pattern, self.flags, self.groups, self.groupindex = real.pattern, real.flags, real.groups, real.groupindex

    def _compile(self, source: str) -> re.Pattern | None:
        try:
            return re.compile(source, self._real.flags)
        except re.error:  # an alternative that refers to a group in another alternative
            return None

    def _pattern(self) -> re.Pattern:
        """The real pattern, or a copy whose disabled alternatives can never match (groups keep their numbers)."""
        disabled = self._trace.disabled
        if disabled is not self._active_disabled:
            off = {i for i in range(len(self._alternatives)) if (*self._unit_key, i) in disabled}
            if off:
                source = "|".join(f"(?!){alt}" if i in off else alt for i, alt in enumerate(self._alternatives))
                self._active = re.compile(source, self._real.flags)
            else:
                self._active = self._real
            self._active_disabled = disabled
        return self._active

    def _record(self, match: re.Match | None) -> re.Match | None:
        if match is not None and self._trace.current is not None:
            string, pos = match.string, match.start()
            for i, alone in enumerate(self._alone):
                if alone is not None and alone.match(string, pos) is not None:
                    self._trace.fired[(*self._unit_key, i)].add(self._trace.current)
                    break
        return match

    def search(self, string, *args):
        return self._record(self._pattern().search(string, *args))

    def match(self, string, *args):
        return self._record(self._pattern().match(string, *args))

    def fullmatch(self, string, *args):
        return self._record(self._pattern().fullmatch(string, *args))

    def finditer(self, string, *args):
        for m in self._pattern().finditer(string, *args):
            yield self._record(m)

    def findall(self, string, *args):
        for m in self._pattern().finditer(string, *args):
            self._record(m)
        return self._pattern().findall(string, *args)

    def sub(self, repl, string, count=0):
        for m in self._pattern().finditer(string):
            self._record(m)
        return self._pattern().sub(repl, string, count)

    def subn(self, repl, string, count=0):
        for m in self._pattern().finditer(string):
            self._record(m)
        return self._pattern().subn(repl, string, count)

    def split(self, string, maxsplit=0):
        for m in self._pattern().finditer(string):
            self._record(m)
        return self._pattern().split(string, maxsplit)


@contextlib.contextmanager
def traced(modules: tuple[str, ...] = PARSER_MODULES) -> Iterator[Trace]:
    """Swap every module-level compiled pattern of the parser for a recording proxy, for one `with` block.

    A pattern imported into several modules is one proxy everywhere, so its firings are counted once.
    """
    trace = Trace()
    loaded = [importlib.import_module(name) for name in modules]
    proxies: dict[int, PatternProxy] = {}
    swapped: list[tuple[object, str, re.Pattern]] = []
    owners = {}
    for module in loaded:  # the module that defines a pattern names it, whoever imports it
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and id(value) not in owners:
                owners[id(value)] = (module.__name__, name)
    try:
        for module in loaded:
            for name, value in list(vars(module).items()):
                if isinstance(value, re.Pattern):
                    if id(value) not in proxies:
                        proxies[id(value)] = PatternProxy(*owners[id(value)], value, trace)
                    swapped.append((module, name, value))
                    setattr(module, name, proxies[id(value)])
        trace.sources = {(*p._unit_key, i): alt for p in proxies.values() for i, alt in enumerate(p._alternatives)}
        trace.units = list(trace.sources)
        yield trace
    finally:
        for module, name, value in swapped:
            setattr(module, name, value)


def units_of_one_group(fired: dict[Unit, set[str]], group_of: dict[str, str]) -> dict[str, frozenset[Unit]]:
    """For each group (an authority), the units that fired on its documents and on no other group's."""
    specific: dict[str, set[Unit]] = defaultdict(set)
    for unit, docs in fired.items():
        groups = {group_of[d] for d in docs if d in group_of}
        if len(groups) == 1:
            specific[groups.pop()].add(unit)
    return {g: frozenset(u) for g, u in specific.items()}
