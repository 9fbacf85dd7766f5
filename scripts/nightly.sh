#!/bin/sh
# The nightly crawl: every source in sources.yml into data/foilog.db (raw responses archived in data/archive),
# logged to data/logs/crawl-<date>.log. Cron line (02:30 every night):
#   30 2 * * * /path/to/foilog/scripts/nightly.sh
# Exit status is foilog's: 1 when a source failed entirely (cron mails that when MAILTO is set).
set -eu
cd "$(dirname "$0")/.."
mkdir -p data/logs
log="data/logs/crawl-$(date -u +%Y-%m-%d).log"
# Two crawls must never overlap (a slow night could run into the next): flock skips this one if needed.
exec flock --nonblock data/.nightly.lock \
    .venv/bin/foilog crawl --sources sources.yml --db data/foilog.db --archive data/archive >>"$log" 2>&1
