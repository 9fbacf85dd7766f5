"""Read the project's own sample responses: scraper/replica/samples/<site-slug>/*.txt.

Each file is a tiny front matter, a line `---`, then the response text:

    title: Stop and search under section 60
    published: 2024-03-12
    reference: 01.FOI.24.035201        (optional)
    attachments: s60-2023.xlsx          (optional, comma separated; generated at build time)
    document: pdf                       (optional, index_page family: publish as pdf or docx)
    ---
    Freedom of information request reference no: 01.FOI.24.035201
    ...

`expected.json` beside them lists, per file, the fields a correct parser gives (reference, request_start,
citations, ncnd, outcome), in the same shape as ../shared/corpus/labels.json.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from scraper.replica.documents import attachment_for
from scraper.replica.site import Item

SAMPLES_DIR = Path(__file__).resolve().parent / "samples"


def read_sample(path: Path) -> Item:
    head, _, text = path.read_text(encoding="utf-8").partition("\n---\n")
    meta = dict(line.split(":", 1) for line in head.splitlines() if ":" in line)
    meta = {key.strip(): value.strip() for key, value in meta.items()}
    title = meta["title"]
    names = [name.strip() for name in meta.get("attachments", "").split(",") if name.strip()]
    return Item(
        slug=path.stem,
        title=title,
        published=dt.date.fromisoformat(meta["published"]),
        text=text.strip() + "\n",
        reference=meta.get("reference") or None,
        attachments=[attachment_for(name, title) for name in names],
        source_file=path,
        document=meta.get("document") or None,
    )


def sample_items(site_slug: str) -> list[Item]:
    return [read_sample(path) for path in sorted((SAMPLES_DIR / site_slug).glob("*.txt"))]


def expected_fields(site_slug: str) -> list[dict]:
    """The labels for one site's samples, one dict per file (key "file" is the sample's file name)."""
    return json.loads((SAMPLES_DIR / site_slug / "expected.json").read_text(encoding="utf-8"))
