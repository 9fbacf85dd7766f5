"""The embedded default: replica sites of every family, filled with the project's own sample responses.
Every name says "Demo" / "replica" so nobody mistakes them for real forces."""
from __future__ import annotations

from scraper.replica.index_page import index_page_site
from scraper.replica.samples import expected_fields, sample_items
from scraper.replica.site import Item, Site
from scraper.replica.soh import soh_site
from scraper.replica.wdtk import wdtk_site

# How a requester would classify each outcome on WhatDoTheyKnow (its described_state).
_DESCRIBED_STATE = {"full": "successful", "partial": "partially_successful", "refused": "rejected",
                    "ncnd": "rejected", "not_held": "not_held"}


def demo_soh_sites() -> list[Site]:
    """Three SOH forces, one per real URL pattern, with small pages so every listing paginates somewhere."""
    return [
        soh_site("demo-met", "Demo Metropolitan Police (replica)", sample_items("demo-met"),
                 pattern="disclosure-year", page_size=4),
        soh_site("demo-cleveland", "Demo Cleveland Police (replica)", sample_items("demo-cleveland"),
                 pattern="year-month", page_size=2),
        soh_site("demo-northyorks", "Demo North Yorkshire Police (replica)", sample_items("demo-northyorks"),
                 pattern="disclosure-log", page_size=3),
    ]


def _with_described_states(site_slug: str) -> list[Item]:
    outcomes = {label["file"]: label["outcome"] for label in expected_fields(site_slug)}
    items = sample_items(site_slug)
    for item in items:
        item.status = _DESCRIBED_STATE.get(outcomes[item.source_file.name], "successful")
    return items


def demo_sites() -> list[Site]:
    return [
        *demo_soh_sites(),
        index_page_site("demo-opcc", "Demo Office of the Police and Crime Commissioner (replica)",
                        sample_items("demo-opcc"), shape="wordpress", kind="pcc", page_size=2),
        index_page_site("demo-westmids", "Demo West Midlands Police (replica)", sample_items("demo-westmids"),
                        shape="aspx", kind="force", page_size=2),
        wdtk_site("demo-wdtk-northumbria", "Demo Northumbria Police (replica)", "demo_northumbria_police",
                  _with_described_states("demo-wdtk-northumbria"), page_size=3),
    ]
