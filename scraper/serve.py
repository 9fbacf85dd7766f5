"""Serving the database with Datasette, using the project's metadata (facets, descriptions, canned queries)."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import yaml

ROOT = Path(__file__).resolve().parents[1]
METADATA_PATH = ROOT / "datasette_metadata.yml"
PLUGINS_DIR = ROOT / "plugins"  # foilog's own plugin: SQL functions for the explorer, the row page's context
TEMPLATES_DIR = ROOT / "templates"  # overrides: the readable disclosures row page, the compact table page
STATIC_DIR = ROOT / "static"  # served at /foilog-static/
# The name the metadata gives the database; `metadata_for` swaps in the served file's stem everywhere.
METADATA_DATABASE = "foilog"

# Facets are chosen in the metadata; suggesting more costs a query per column on every page of 100k rows.
SETTINGS = {
    "suggest_facets": "off",
    "facet_time_limit_ms": 1500,
    "sql_time_limit_ms": 5000,
    "truncate_cells_html": 400,  # response bodies are long; the row page shows them whole
}


def metadata_for(db_path: str | Path) -> dict:
    """The project's metadata with its one database renamed to the name Datasette gives `db_path` (its stem)."""
    name = Path(db_path).stem
    # Links in descriptions (/foilog/...) and the dashboards' `db:` keys name the database too.
    text = METADATA_PATH.read_text(encoding="utf-8")
    text = text.replace(f"/{METADATA_DATABASE}/", f"/{name}/").replace(f"db: {METADATA_DATABASE}\n", f"db: {name}\n")
    metadata = yaml.safe_load(text)
    (database,) = metadata["databases"].values()
    metadata["databases"] = {name: database}
    return metadata


def write_metadata_for(db_path: str | Path, directory: str | Path) -> Path:
    path = Path(directory) / "datasette_metadata.yml"
    path.write_text(yaml.safe_dump(metadata_for(db_path), sort_keys=False), encoding="utf-8")
    return path


def inspect_file_for(db_path: str | Path) -> Path:
    """Where the `datasette inspect` summary of a published copy lives: beside it, `foilog.inspect.json`."""
    return Path(db_path).with_suffix(".inspect.json")


def write_inspect_file(db_path: str | Path) -> Path:
    """Run `datasette inspect` on a published copy (table counts computed once, not on every page view) and
    swap the result in beside it."""
    target = inspect_file_for(db_path)
    partial = target.with_name(f".{target.name}.partial")
    subprocess.run([sys.executable, "-m", "datasette", "inspect", str(db_path), "--inspect-file", str(partial)],
                   check=True, capture_output=True)
    os.replace(partial, target)
    return target


def datasette_argv(db_path: str | Path, metadata_path: str | Path, host: str = "127.0.0.1",
                   port: int = 8001, immutable: bool = False) -> list[str]:
    """Immutable mode opens the file read-only with no locking at all and takes counts from its inspect file."""
    database = ["-i", str(db_path)] if immutable else [str(db_path)]
    if immutable and inspect_file_for(db_path).exists():
        database += ["--inspect-file", str(inspect_file_for(db_path))]
    argv = [sys.executable, "-m", "datasette", "serve", *database, "--metadata", str(metadata_path),
            "--host", host, "--port", str(port), "--plugins-dir", str(PLUGINS_DIR),
            "--template-dir", str(TEMPLATES_DIR), "--static", f"foilog-static:{STATIC_DIR}"]
    for name, value in SETTINGS.items():
        argv += ["--setting", name, str(value)]
    return argv


def port_in_use(host: str, port: int) -> bool:
    """Whether something already listens on host:port (so a second server would fail, or worse, seem to work)."""
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((host, port)) == 0


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001, immutable: bool = False) -> int:
    """Run Datasette in the foreground until interrupted; returns its exit code."""
    with tempfile.TemporaryDirectory(prefix="foilog-serve-") as directory:
        argv = datasette_argv(db_path, write_metadata_for(db_path, directory), host, port, immutable)
        process = subprocess.Popen(argv)
        # Ctrl-C reaches Datasette through the terminal's process group; a plain `kill` of foilog must too.
        signal.signal(signal.SIGTERM, lambda *_: process.terminate())
        try:
            return process.wait()
        except KeyboardInterrupt:
            return process.wait()


def start_datasette(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001,
                    timeout: float = 30.0, immutable: bool = False) -> subprocess.Popen:
    """Start Datasette in the background and return once it answers HTTP; the caller terminates it.

    Its metadata and log live in a temporary directory, kept (and named in the error) only if it fails to start.
    """
    directory = Path(tempfile.mkdtemp(prefix="foilog-serve-"))
    argv = datasette_argv(db_path, write_metadata_for(db_path, directory), host, port, immutable)
    log_path = directory / "datasette.log"
    with log_path.open("wb") as log:  # a file, not a pipe nobody reads, which would fill and stall the server
        process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"datasette exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            if httpx.get(f"http://{host}:{port}/-/versions.json", timeout=2).status_code == 200:
                shutil.rmtree(directory)  # Datasette has read its metadata; the open log needs no name
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.terminate()
    raise TimeoutError(f"datasette did not answer on {host}:{port} within {timeout} s; see {log_path}")
