"""The `foilog` command: every step of the pipeline, each with --help."""
from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="foilog")
def main() -> None:
    """foilog: crawl UK police FOI disclosure logs into SQLite and browse them with Datasette."""


# Commands are registered below, one block per pipeline step. Each block imports its implementation lazily
# so `foilog --help` stays fast and one broken optional dependency cannot take the whole CLI down.

if __name__ == "__main__":  # pragma: no cover
    main()
