"""db: the SQLite side of foilog. Receives plain dicts (parsed records, registry entries), knows nothing of HTTP."""
from db.history import mark_removed
from db.health import Alert, standing_alerts, update_source_health
from db.after_load import finish_load
from db.disclosures import disclosure_id, known_item_urls, save_disclosure, save_disclosures
from db.reference import save_authorities, save_statutes
from db.runs import finish_run, start_run
from db.shape import ensure_db_shape, open_db, rebuild_fts

__all__ = [
    "Alert",
    "disclosure_id",
    "ensure_db_shape",
    "finish_load",
    "finish_run",
    "known_item_urls",
    "mark_removed",
    "open_db",
    "rebuild_fts",
    "save_authorities",
    "save_disclosure",
    "save_disclosures",
    "save_statutes",
    "standing_alerts",
    "start_run",
    "update_source_health",
]
