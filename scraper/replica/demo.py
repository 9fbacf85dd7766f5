"""The embedded default: replica sites filled with the project's own sample responses."""
from __future__ import annotations

from scraper.replica.samples import sample_items
from scraper.replica.site import Site
from scraper.replica.soh import soh_site


def demo_soh_sites() -> list[Site]:
    """Three SOH forces, one per real URL pattern. The names say "Demo" so nobody mistakes them for real."""
    return [
        soh_site("demo-met", "Demo Metropolitan Police (replica)", sample_items("demo-met"),
                 pattern="disclosure-year", page_size=4),
        soh_site("demo-cleveland", "Demo Cleveland Police (replica)", sample_items("demo-cleveland"),
                 pattern="year-month", page_size=2),
        soh_site("demo-northyorks", "Demo North Yorkshire Police (replica)", sample_items("demo-northyorks"),
                 pattern="disclosure-log", page_size=3),
    ]


def demo_sites() -> list[Site]:
    return demo_soh_sites()
