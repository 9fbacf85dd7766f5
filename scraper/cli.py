"""The `foilog` command: every step of the pipeline, each with --help."""
from __future__ import annotations

import sys

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="foilog")
def main() -> None:
    """foilog: crawl UK police FOI disclosure logs into SQLite and browse them with Datasette."""


class BadInput(click.ClickException):
    """A user input error: one line (`Error: ...`) and exit status 2, never a traceback."""
    exit_code = 2


def _existing_database(db_path: str, may_be_new: bool = False) -> None:
    """Refuse a path that is not an SQLite database rather than let Datasette or SQLite fail (or create one);
    with `may_be_new`, a path with nothing there yet is fine (the command creates the database)."""
    from pathlib import Path

    from db.publish import NotADatabase, check_sqlite_file

    if may_be_new and not Path(db_path).exists():
        return
    try:
        check_sqlite_file(db_path)
    except NotADatabase as exc:
        raise BadInput(str(exc)) from None


def _database_to_write(db_path: str) -> None:
    """Refuse a --db the command could not write (not SQLite, or a place where no file can be made) up front,
    rather than with a traceback from deep inside the crawl; a new database is created here."""
    import sqlite3

    import db

    _existing_database(db_path, may_be_new=True)
    try:
        db.open_db(db_path).close()
    except (OSError, sqlite3.Error) as exc:
        raise BadInput(f"{db_path}: cannot open it for writing ({exc})") from None


def _free_port(host: str, port: int) -> None:
    from scraper.serve import port_in_use

    if port_in_use(host, port):
        raise BadInput(f"port {port} on {host} is already in use (another foilog demo or serve?); "
                       "choose another with --port")


# Commands are registered below, one block per pipeline step. Each block imports its implementation lazily
# so `foilog --help` stays fast and one broken optional dependency cannot take the whole CLI down.

@main.command()
@click.option("--db", "db_path", required=True, type=click.Path(exists=True, dir_okay=False),
              help="SQLite database to serve.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.option("--immutable", is_flag=True,
              help="Serve a published copy (`foilog publish`) read-only: no locks, counts from its inspect file.")
def serve(db_path: str, host: str, port: int, immutable: bool) -> None:
    """Browse the database with Datasette (facets, full-text search, canned queries).

    Exits 2 when the file is not an SQLite database or the port is taken."""
    from scraper.serve import serve as serve_datasette

    _existing_database(db_path)
    if immutable:
        from db.publish import in_wal_mode

        if in_wal_mode(db_path):  # immutable mode would ignore its WAL and could read a page mid-write
            raise BadInput(f"{db_path}: a live database (WAL mode), not a published copy; serve it without "
                           "--immutable, or serve what `foilog publish` writes")
    _free_port(host, port)
    raise SystemExit(serve_datasette(db_path, host=host, port=port, immutable=immutable))


@main.command()
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="The crawl's database.")
@click.option("--to", "published_dir", type=click.Path(file_okay=False),
              help="Directory of the published copy [default: published/ beside the database].")
def publish(db_path: str, published_dir: str | None) -> None:
    """Copy the database consistently into the published directory, swapped in atomically, with its
    `datasette inspect` file and metadata: what `foilog serve --immutable` and `datasette publish` serve.

    Exits 2 when the database is missing or not SQLite."""
    from pathlib import Path

    from db.publish import publish_copy
    from scraper.serve import write_inspect_file, write_metadata_for

    _existing_database(db_path)
    directory = Path(published_dir) if published_dir else Path(db_path).resolve().parent / "published"
    published = publish_copy(db_path, directory / Path(db_path).name)
    write_inspect_file(published)
    write_metadata_for(published, directory)
    click.echo(f"published {published}")


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

    Then recomputes source health: a source failing two runs running, or finding no items where it used to,
    prints an `ALERT` line and is recorded in source_alerts. Exits 1 when a source failed entirely (not one
    index page could be read) or raised an alarm, 2 on a usage error (such as a bad sources.yml)."""
    from scraper.registry import RegistryError, load_sources, select_sources

    try:
        sources = select_sources(load_sources(sources_path), slugs)
    except RegistryError as exc:
        raise BadInput(str(exc)) from None
    _database_to_write(db_path)
    results = _crawl_and_report(sources, db_path, _archive_beside(db_path, archive_dir), max_items, revalidate)
    alerts = _raise_alarms(db_path, {r.slug for r in results})
    raise SystemExit(1 if alerts or any(r.failed_entirely for r in results) else 0)


def _raise_alarms(db_path: str, slugs: set[str]) -> list:
    """Recompute source health after a crawl; print (and return) the alarms standing on the sources crawled."""
    import db

    alerts = [a for a in db.update_source_health(db.open_db(db_path)) if a.authority in slugs]
    for alert in alerts:
        click.echo(alert.line())
    return alerts


@main.command()
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="SQLite database to rebuild.")
@click.option("--archive", "archive_dir", type=click.Path(file_okay=False, exists=True),
              help="WARC archive to read [default: archive/ beside the database].")
def reparse(db_path, archive_dir) -> None:
    """Rebuild the disclosures from the archive alone (no network), e.g. after a parser improvement.

    Exits 2 when there is no archive to read (a mistyped --db finds none beside it) or --db is not SQLite."""
    from pathlib import Path

    from scraper.archive import archive_files
    from scraper.pipeline import reparse as rebuild

    archive = _archive_beside(db_path, archive_dir)
    if not Path(archive).is_dir() or not archive_files(archive, None):
        raise BadInput(f"{archive}: no WARC archive there; give --archive, or check --db")
    _database_to_write(db_path)
    stats = rebuild(db_path, archive)
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
    """Serve the bundled replica logs on 127.0.0.1, crawl them with the real crawler, and open Datasette.

    Exits 2 when the port is already taken; stopping the demo (Ctrl-C, kill) stops its Datasette too."""
    import shutil
    import signal
    from pathlib import Path

    if not no_serve:
        _free_port("127.0.0.1", port)  # before crawling: a second demo must not seem to work

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

    def stop(signum, frame):
        raise KeyboardInterrupt

    # A kill or a closed terminal must end the demo the way Ctrl-C does, taking its Datasette with it.
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)
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
@click.option("--check", is_flag=True,
              help="Fetch each source's start URL (robots.txt and delays respected) and say whether it is still a log.")
@click.option("--source", "slugs", multiple=True, help="Only this source slug (repeatable).")
def sources(sources_path, db_path, check, slugs) -> None:
    """List every registry entry with its platform, URL status and last crawl, then any standing alarms.

    With --check, fetch each start URL and report reachable, redirected (to where), not found, not a log (no
    items discovered) or unreachable; exits 1 when any source failed."""
    from pathlib import Path

    from scraper.coverage import last_runs, source_rows, table
    from scraper.registry import RegistryError, load_sources, select_sources

    try:
        entries = select_sources(load_sources(sources_path), slugs)
    except RegistryError as exc:
        raise BadInput(str(exc)) from None
    if not check:
        if db_path:
            _existing_database(db_path, may_be_new=True)
        click.echo(table(source_rows(entries, last_runs(db_path))))
        if db_path and Path(db_path).exists():
            import db

            for alert in db.standing_alerts(db.open_db(db_path)):
                click.echo(alert.line())
        return
    from collections import Counter

    from scraper.http import Client
    from scraper.source_check import check_sources

    width = max((len(source.slug) for source in entries), default=0)

    def on_result(result):
        click.echo(f"{result.slug:<{width}}  {result.verdict:<11}  {result.url}  {result.detail}".rstrip())

    with Client() as client:
        results = check_sources(entries, client, on_result)
    verdicts = Counter(result.verdict for result in results)
    failed = sum(result.failed for result in results)
    click.echo(f"{len(results)} sources: " + ", ".join(f"{n} {v}" for v, n in sorted(verdicts.items()))
               + f"; {failed} failed")
    raise SystemExit(1 if failed else 0)


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
    """Score the parser on labelled documents: per field, how many are right, and the misses.

    Exits 2 when the labels file is malformed, 1 when a labelled document is missing or unreadable (it is named,
    and scored as a miss on every field, so the scores keep every labelled document in their denominators)."""
    from pathlib import Path

    from parsers import UnreadableDocument, parse_bytes
    from parsers.evaluate import LabelError, evaluate, load_labels

    try:
        labels = load_labels(Path(labels_path).read_bytes(), name=labels_path)
    except LabelError as exc:
        raise BadInput(str(exc)) from None
    pairs, unreadable = [], []
    for label in labels:
        path = Path(directory) / label["file"]
        try:
            record = parse_bytes(path.read_bytes(), filename=path.name).to_dict()
        except FileNotFoundError:
            unreadable.append(f"{label['file']}: missing from {directory}")
            record = {}
        except (OSError, UnreadableDocument) as exc:
            unreadable.append(f"{label['file']}: unreadable: {getattr(exc, 'reason', None) or exc}")
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
    for problem in unreadable:
        click.echo(problem, err=True)
    if unreadable:
        click.echo(f"Error: {len(unreadable)} of {len(labels)} labelled documents could not be read", err=True)
        raise SystemExit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
