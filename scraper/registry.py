"""The source registry: `sources.yml` read into Source objects, with errors that name the bad entry."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

KINDS = ("force", "pcc", "pfcc", "mayor", "other")
PLATFORMS = ("soh", "index_page", "wdtk", "none")
# Platforms whose crawl starts from the source's own log URL (wdtk starts from the body slug instead).
PLATFORMS_NEEDING_URL = ("soh", "index_page")
DEFAULT_DELAY = 1.0
# How far the registry's log URL is backed by evidence (../shared/registry/evidence.tsv): seen published there,
# not checked, or shown to be wrong (kept as `contradicted_url`, never crawled).
URL_STATUSES = ("verified", "unverified", "contradicted")

# Other keys (evidence_url, contradicted_url, notes, ...) are kept in `options`.
_KNOWN_KEYS = {"slug", "name", "kind", "platform", "url", "delay", "url_status", "wdtk_body", "options"}


class RegistryError(ValueError):
    """sources.yml is malformed; the message names the entry at fault."""


@dataclass
class Source:
    slug: str
    name: str
    kind: str
    platform: str
    url: str | None = None
    delay: float = DEFAULT_DELAY
    url_status: str = "unverified"
    wdtk_body: str | None = None
    options: dict = field(default_factory=dict)

    @property
    def crawlable(self) -> bool:
        if self.platform in PLATFORMS_NEEDING_URL:
            return bool(self.url)
        if self.platform == "wdtk":
            return bool(self.wdtk_body or self.url)
        return False

    def to_dict(self) -> dict:
        """The plain dict db.save_authorities expects."""
        return asdict(self)


def source_from_mapping(entry: dict, position: int = 0) -> Source:
    """One registry mapping -> Source; unknown keys are kept in `options` rather than rejected."""
    where = f"sources.yml entry #{position + 1} ({entry.get('slug') or entry.get('name') or 'no slug'})"
    if not isinstance(entry, dict):
        raise RegistryError(f"{where}: expected a mapping, got {type(entry).__name__}")
    for key in ("slug", "name", "platform"):
        if not entry.get(key):
            raise RegistryError(f"{where}: missing {key!r}")
    platform = entry["platform"]
    if platform not in PLATFORMS:
        raise RegistryError(f"{where}: unknown platform {platform!r} (known: {', '.join(PLATFORMS)})")
    kind = entry.get("kind") or "other"
    if kind not in KINDS:
        raise RegistryError(f"{where}: unknown kind {kind!r} (known: {', '.join(KINDS)})")
    if platform in PLATFORMS_NEEDING_URL and not entry.get("url"):
        raise RegistryError(f"{where}: platform {platform!r} needs a url")
    url_status = entry.get("url_status") or "unverified"
    if url_status not in URL_STATUSES:
        raise RegistryError(f"{where}: unknown url_status {url_status!r} (known: {', '.join(URL_STATUSES)})")
    if url_status == "contradicted" and platform in PLATFORMS_NEEDING_URL:
        raise RegistryError(f"{where}: a contradicted log URL is not crawled; give the right url or another platform")
    delay = entry.get("delay")
    try:
        delay = DEFAULT_DELAY if delay is None else float(delay)
    except (TypeError, ValueError):
        raise RegistryError(f"{where}: delay must be a number of seconds, got {delay!r}") from None
    options = dict(entry.get("options") or {})
    options.update({k: v for k, v in entry.items() if k not in _KNOWN_KEYS})
    return Source(
        slug=str(entry["slug"]),
        name=str(entry["name"]),
        kind=kind,
        platform=platform,
        url=entry.get("url") or None,
        delay=delay,
        url_status=url_status,
        wdtk_body=entry.get("wdtk_body") or None,
        options=options,
    )


def parse_sources(data: dict | list) -> list[Source]:
    entries = data.get("sources") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise RegistryError("sources.yml: expected a top-level `sources:` list")
    sources, seen = [], {}
    for position, entry in enumerate(entries):
        source = source_from_mapping(entry, position)
        if source.slug in seen:
            raise RegistryError(
                f"sources.yml entry #{position + 1}: duplicate slug {source.slug!r} "
                f"(first used by entry #{seen[source.slug] + 1})"
            )
        seen[source.slug] = position
        sources.append(source)
    return sources


def load_sources(path: str | Path) -> list[Source]:
    """Read and check the registry; every problem (unreadable file, YAML syntax, a bad entry) is a RegistryError."""
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f)
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read it ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise RegistryError(f"{path}: not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RegistryError(f"{path}: not valid YAML{where}: {problem}") from None
    return parse_sources(data or {})


def select_sources(sources: list[Source], slugs: list[str] | tuple[str, ...] = ()) -> list[Source]:
    """The sources named by --source (all when none named); an unknown slug is an error, not a no-op."""
    if not slugs:
        return sources
    by_slug = {s.slug: s for s in sources}
    unknown = [s for s in slugs if s not in by_slug]
    if unknown:
        raise RegistryError(f"unknown source slug(s): {', '.join(unknown)}")
    return [by_slug[s] for s in slugs]
