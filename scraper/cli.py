"""The `foilog` command: every step of the pipeline, each with --help."""
from __future__ import annotations

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


if __name__ == "__main__":  # pragma: no cover
    main()
