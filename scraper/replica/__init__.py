"""Replica sites of each platform family, served on 127.0.0.1 for the demo and the end-to-end tests.

    from scraper.replica import ReplicaServer, demo_sites, soh_site, shared_corpus_site
    with ReplicaServer(demo_sites(), faults={"not_found"}) as server:
        sources = server.sources()
"""
from scraper.replica.demo import demo_sites
from scraper.replica.samples import expected_fields, sample_items
from scraper.replica.server import FAULTS, ReplicaServer
from scraper.replica.shared import files_with_soh_chrome, shared_corpus_site
from scraper.replica.site import Attachment, Item, Page, Site
from scraper.replica.soh import CHROME_LINES, soh_site

__all__ = ["FAULTS", "CHROME_LINES", "Attachment", "Item", "Page", "ReplicaServer", "Site", "demo_sites",
           "expected_fields", "files_with_soh_chrome", "sample_items", "shared_corpus_site", "soh_site"]
