#!/usr/bin/env python3
"""Pages/second for HTML -> record on a realistic ~45 KB SOH page, next to a BeautifulSoup baseline.

Both runs happen in this process on the same page: the baseline swaps only the HTML -> text step
(BeautifulSoup with html.parser, the usual choice) and keeps the same field extraction, so the ratio shows
what selectolax's lexbor backend buys. Usage: scripts/bench_parse.py [--seconds 3]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parsers import parse_html, parse_text  # noqa: E402
from parsers.html import CONTENT_SELECTORS  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"


def realistic_page(target_bytes: int = 45_000) -> str:
    """An SOH page: real chrome, navigation and footer around a long real response (~45 KB in all)."""
    from scraper.replica.html import paragraphs
    from scraper.replica.soh import document, soh_site

    seed = (SHARED / "seeds" / "000_d98655dbe74a74a6.txt")
    text = seed.read_text(encoding="utf-8") if seed.exists() else "Freedom of information request reference no: 01.FOI.24.000001\n" + "Some text. " * 400
    lines = text.splitlines()
    body = paragraphs(lines)
    site = soh_site("bench-police", "Bench Police", [])
    html = document(site, "Cuckooing", f"<h1>Cuckooing</h1><div class=\"rich-text\">{body}</div>")
    # real pages carry long menus and mega-footers: pad the navigation, not the response
    filler = "".join(f'<li><a href="/section-{i}/">Site section number {i} with a long link title</a></li>' for i in range(400))
    html = html.replace("</header>", f"<nav class=\"mega-menu\"><ul>{filler}</ul></nav></header>", 1)
    while len(html.encode()) < target_bytes:
        html = html.replace("</footer>", f"<ul>{filler[:2000]}</ul></footer>", 1)
    return html


def bs4_parse(html: str):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    root = None
    for selector in CONTENT_SELECTORS:
        root = soup.select_one(selector)
        if root is not None:
            break
    root = root or soup.body
    for tag in root.select("script, style, noscript, nav, header, footer, form"):
        tag.decompose()
    return parse_text(root.get_text("\n"), source_format="html")


def rate(fn, html: str, seconds: float) -> float:
    fn(html)  # warm up
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        fn(html)
        n += 1
    return n / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=3.0)
    args = ap.parse_args()
    html = realistic_page()
    ours = rate(parse_html, html, args.seconds)
    baseline = rate(bs4_parse, html, args.seconds)
    assert parse_html(html).reference == bs4_parse(html).reference == "01.FOI.24.035166"
    print(f"page: {len(html.encode()) / 1000:.1f} KB")
    print(f"selectolax (lexbor) -> record: {ours:8.1f} pages/s")
    print(f"BeautifulSoup baseline -> record: {baseline:8.1f} pages/s")
    print(f"ratio: {ours / baseline:.1f}x")


if __name__ == "__main__":
    main()
