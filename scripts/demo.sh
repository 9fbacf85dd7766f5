#!/usr/bin/env bash
# Install foilog into .venv and run the demo: replica disclosure logs on 127.0.0.1, crawled by the real
# crawler into data/demo.db, served by Datasette on http://127.0.0.1:8001/. Works offline.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e .

exec .venv/bin/foilog demo "$@"
