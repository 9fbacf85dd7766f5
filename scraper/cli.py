"""The `foilog` command: every step of the pipeline, each with --help."""
from __future__ import annotations

import sys

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="foilog")
def main() -> None:
    """foilog: crawl UK police FOI disclosure logs into SQLite and browse them with Datasette."""


# Commands are registered below, one block per pipeline step. Each block imports its implementation lazily
# so `foilog --help` stays fast and one broken optional dependency cannot take the whole CLI down.

@main.command()
@click.option("--db", "db_path", required=True, type=click.Path(exists=True, dir_okay=False),
              help="SQLite database to serve.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
def serve(db_path: str, host: str, port: int) -> None:
    """Browse the database with Datasette (facets, full-text search, canned queries)."""
    from scraper.serve import serve as serve_datasette

    raise SystemExit(serve_datasette(db_path, host=host, port=port))


def _archive_beside(db_path: str, archive_dir: str | None) -> str:
    from pathlib import Path

    return archive_dir or str(Path(db_path).resolve().parent / "archive")


def _crawl_and_report(sources, db_path: str, archive_dir: str, max_items=None, revalidate=False, client=None):
    """Crawl, echoing one line per source (and per item on a terminal), then the summary table."""
    from scraper.pipeline import crawl_sources, summary_table

    verbose = sys.stdout.isatty()

    def on_source(source):
        click.echo(f"{source.slug}: {source.url or 'not crawlable'}")

    def on_item(url, status):
        if verbose:
            click.echo(f"  {status:<12} {url}")

    results = crawl_sources(sources, db_path, archive_dir, client=client, max_items=max_items,
                            revalidate=revalidate, on_item=on_item, on_source=on_source)
    click.echo(summary_table(results))
    return results


@main.command()
@click.option("--sources", "sources_path", default="sources.yml", show_default=True,
              type=click.Path(exists=True, dir_okay=False), help="The source registry.")
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="SQLite database to fill.")
@click.option("--archive", "archive_dir", type=click.Path(file_okay=False),
              help="WARC archive of raw responses [default: archive/ beside the database].")
@click.option("--source", "slugs", multiple=True, help="Crawl only this source slug (repeatable).")
@click.option("--max-items", type=int, help="Fetch at most N new item pages per source.")
@click.option("--revalidate", is_flag=True, help="Re-check known item pages with conditional requests.")
def crawl(sources_path, db_path, archive_dir, slugs, max_items, revalidate) -> None:
    """Crawl disclosure logs into the database (incremental: known item pages are not fetched again).

    Exits 1 when a source failed entirely (not one index page could be read)."""
    from scraper.registry import RegistryError, load_sources, select_sources

    try:
        sources = select_sources(load_sources(sources_path), slugs)
    except RegistryError as exc:
        raise click.UsageError(str(exc)) from None
    results = _crawl_and_report(sources, db_path, _archive_beside(db_path, archive_dir), max_items, revalidate)
    raise SystemExit(1 if any(r.failed_entirely for r in results) else 0)


@main.command()
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="SQLite database to rebuild.")
@click.option("--archive", "archive_dir", type=click.Path(file_okay=False, exists=True),
              help="WARC archive to read [default: archive/ beside the database].")
def reparse(db_path, archive_dir) -> None:
    """Rebuild the disclosures from the archive alone (no network), e.g. after a parser improvement."""
    from scraper.pipeline import reparse as rebuild

    stats = rebuild(db_path, _archive_beside(db_path, archive_dir))
    click.echo(f"{stats.items} archived items: {stats.new} new, {stats.updated} updated, "
               f"{stats.unchanged} unchanged, {stats.failed} failed")
    for error in stats.errors:
        click.echo(f"  {error['url']}: {error['error']}", err=True)


@main.command()
@click.option("--db", "db_path", required=True, type=click.Path(exists=True, dir_okay=False),
              help="The database holding the response.")
@click.option("--id", "row_id", help="The response's disclosures.id (shown on its page).")
@click.option("--outcome", type=click.Choice(["full", "partial", "refused", "ncnd", "not_held", "other", "unknown"]),
              help="The right outcome.")
@click.option("--ncnd", type=click.Choice(["0", "1"]), help="1 when it neither confirms nor denies.")
@click.option("--citations", help='Every provision it relies on, e.g. "FOIA s31(1)(a); FOIA s40(2)" ("" for none).')
@click.option("--note", help="Why: shown on the response's page.")
@click.option("--corrections", "corrections_path", type=click.Path(dir_okay=False),
              help="Corrections file, remembered for later crawls and reparses "
                   "[default: corrections.yml beside the database].")
@click.option("--export", "export_dir", type=click.Path(file_okay=False),
              help="Instead of correcting: write every corrected response as DIR/labels.json (the ../shared/corpus "
                   "format) and DIR/ID.txt, for `foilog eval DIR/labels.json DIR`.")
def correct(db_path, row_id, outcome, ncnd, citations, note, corrections_path, export_dir) -> None:
    """Record a person's correction of a parsed response in corrections.yml, applied on every crawl, reparse and
    load so it survives rebuilding the database; the response shows corrected = 1 and the note."""
    import datetime as dt
    import json
    from pathlib import Path

    import db
    from db.corrections import (CorrectionError, add_correction, apply_corrections, choose_corrections_file,
                                correction_labels, corrections_path_for, read_corrections)
    from db.summaries import rebuild_summaries

    conn = db.open_db(db_path)
    db.ensure_db_shape(conn)
    if corrections_path:
        choose_corrections_file(conn, corrections_path)
    path = corrections_path_for(conn)
    try:
        if export_dir:
            labelled = correction_labels(conn, read_corrections(path))
            Path(export_dir).mkdir(parents=True, exist_ok=True)
            for label, text in labelled:
                (Path(export_dir) / label["file"]).write_text(text, encoding="utf-8")
            (Path(export_dir) / "labels.json").write_text(
                json.dumps([label for label, _ in labelled], indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            click.echo(f"{len(labelled)} corrected responses written to {export_dir}/labels.json")
            return
        if not row_id or not note:
            raise click.UsageError("give --id and --note (and at least one of --outcome, --ncnd, --citations)")
        if conn.execute("SELECT 1 FROM disclosures WHERE id = ?", [row_id]).fetchone() is None:
            raise click.UsageError(f"no response with id {row_id!r} in {db_path}")
        entry = {"id": row_id}
        if outcome:
            entry["outcome"] = outcome
        if ncnd is not None:
            entry["ncnd"] = int(ncnd)
        if citations is not None:
            entry["citations"] = [label.strip() for label in citations.split(";") if label.strip()]
        entry["note"] = note
        entry["corrected_at"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        add_correction(path, entry)
        apply_corrections(conn, read_corrections(path))
    except CorrectionError as exc:
        raise click.UsageError(str(exc)) from None
    rebuild_summaries(conn)
    click.echo(f"corrected {row_id}; recorded in {path}")


@main.command()
@click.option("--db", "db_path", default="data/demo.db", show_default=True, type=click.Path(dir_okay=False),
              help="Database to build (rebuilt from scratch on every demo run, archive beside it).")
@click.option("--port", default=8001, show_default=True, type=int, help="Port for Datasette.")
@click.option("--no-serve", is_flag=True, help="Stop after building the database (no Datasette).")
def demo(db_path, port, no_serve) -> None:
    """Serve the bundled replica logs on 127.0.0.1, crawl them with the real crawler, and open Datasette."""
    import shutil
    from pathlib import Path

    from scraper.http import Client
    from scraper.registry import parse_sources
    from scraper.replica import ReplicaServer, demo_sites

    # The replica's port changes every run, so last run's URLs would never match again: start clean.
    archive_dir = str(Path(db_path).resolve().parent / "demo-archive")
    for leftover in (db_path, f"{db_path}-wal", f"{db_path}-shm"):
        Path(leftover).unlink(missing_ok=True)
    shutil.rmtree(archive_dir, ignore_errors=True)
    Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    with ReplicaServer(demo_sites()) as replica, Client(default_delay=0) as client:
        click.echo(f"replica logs on {replica.base_url}")
        _crawl_and_report(parse_sources({"sources": replica.sources()}), db_path, archive_dir, client=client)
    click.echo(f"database: {db_path}")
    if no_serve:
        return
    from scraper.serve import start_datasette

    datasette = start_datasette(db_path, port=port)
    click.echo(f"Datasette: http://127.0.0.1:{port}/  (Ctrl-C to stop)")
    try:
        datasette.wait()
    except KeyboardInterrupt:
        pass
    finally:
        datasette.terminate()
        datasette.wait(timeout=10)


@main.command()
@click.option("--sources", "sources_path", default="sources.yml", show_default=True,
              type=click.Path(exists=True, dir_okay=False), help="The source registry.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="Database whose crawl_runs give the last crawl.")
def sources(sources_path, db_path) -> None:
    """List every registry entry with its platform, URL status and last crawl."""
    from scraper.coverage import last_runs, source_rows, table
    from scraper.registry import RegistryError, load_sources

    try:
        entries = load_sources(sources_path)
    except RegistryError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(table(source_rows(entries, last_runs(db_path))))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def parse(paths) -> None:
    """Parse response files (text, HTML, PDF, DOCX) and print one JSON record per line.

    A file that cannot be read gives a line with an `error` field; the exit status is 1 if any file failed."""
    import json
    from pathlib import Path

    from parsers import UnreadableDocument, parse_bytes

    failed = False
    for path in paths:
        try:
            data = Path(path).read_bytes()
            record = parse_bytes(data, filename=path).to_dict()
            out = {"path": path, **record}
        except (OSError, UnreadableDocument) as exc:
            failed = True
            out = {"path": path, "error": getattr(exc, "reason", None) or f"{type(exc).__name__}: {exc}"}
        except Exception as exc:  # a parser bug on one file must not stop the others
            failed = True
            out = {"path": path, "error": f"parser failed: {type(exc).__name__}: {exc}"}
        click.echo(json.dumps(out, ensure_ascii=False))
    raise SystemExit(1 if failed else 0)


@main.command(name="eval")
@click.argument("labels_path", type=click.Path(exists=True, dir_okay=False))
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--misses/--no-misses", default=True, show_default=True, help="List each miss under its field.")
def evaluate_command(labels_path, directory, misses) -> None:
    """Score the parser on labelled documents: per field, how many are right, and the misses."""
    import json
    from pathlib import Path

    from parsers import UnreadableDocument, parse_bytes
    from parsers.evaluate import evaluate

    labels = json.loads(Path(labels_path).read_text(encoding="utf-8"))
    pairs = []
    for label in labels:
        path = Path(directory) / label["file"]
        try:
            record = parse_bytes(path.read_bytes(), filename=path.name).to_dict()
        except (OSError, UnreadableDocument) as exc:
            click.echo(f"{label['file']}: unreadable: {exc}", err=True)
            record = {}
        pairs.append((label, record))
    scores = evaluate(pairs)
    if misses:
        for fs in scores:
            for miss in fs.misses:
                click.echo(f"  {fs.name:<14} {miss}")
    click.echo(f"{len(pairs)} labelled documents in {directory}")
    for fs in scores:
        extra = f"  (F1 {fs.f1:.3f})" if fs.f1 is not None else ""
        click.echo(f"{fs.name:<14} {fs.correct}/{fs.total} = {fs.correct / max(fs.total, 1):.3f}{extra}")


if __name__ == "__main__":  # pragma: no cover
    main()
