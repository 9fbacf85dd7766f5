#!/usr/bin/env bash
# The nightly run: crawl every source, raise alarms on sources that fail or go quiet, then publish a consistent
# copy of the database for readers (Datasette serves that copy, never the file the crawl writes).
#
#   scripts/nightly.sh [--sources FILE] [--data DIR]      (defaults: sources.yml and data/ in this checkout)
#
# Writes DIR/foilog.db, DIR/archive/ (raw responses), DIR/published/ (the copy readers use) and a timestamped
# log, DIR/logs/nightly-YYYY-MM-DD.log. On a terminal the log is shown as it grows; otherwise (cron) only ALERT
# and failure lines are printed, so cron mails a night only when something needs a person. Cron line:
#   15 2 * * *  /srv/foilog/scripts/nightly.sh --sources /srv/foilog/sources.yml --data /srv/foilog/data
# Exit status: 0 all well; 1 a source failed or raised an alarm (or publishing failed); 2 usage error (bad
# arguments, no or malformed sources file); 75 another nightly run holds the lock (EX_TEMPFAIL: nothing was
# done, try later); 69 foilog is not installed and installing it failed (the message says what to run).
set -uo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
sources="$repo/sources.yml"
data="$repo/data"

usage() {
  echo "usage: scripts/nightly.sh [--sources FILE] [--data DIR]" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --sources) [ $# -ge 2 ] || usage; sources="$2"; shift 2 ;;
    --data) [ $# -ge 2 ] || usage; data="$2"; shift 2 ;;
    -h|--help) sed -n '2,15s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "nightly.sh: unknown argument: $1" >&2; usage ;;
  esac
done
[ -f "$sources" ] || { echo "nightly.sh: no sources file at $sources" >&2; exit 2; }
mkdir -p "$data/logs" || { echo "nightly.sh: cannot create $data/logs" >&2; exit 2; }
data="$(cd "$data" && pwd)"
log="$data/logs/nightly-$(date -u +%Y-%m-%d).log"

# Every line of the log carries the UTC time it was written.
stamp() {
  while IFS= read -r line; do
    printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$line"
  done
}

# Lines go to the log; a terminal sees them all, cron only what a person must act on.
show() {
  if [ -t 1 ]; then
    tee -a "$log"
  else
    tee -a "$log" | grep -E ' (ALERT |Error:)|FAILED' || true
  fi
}

say() { echo "nightly.sh: $*" | stamp | show; }
fail() { say "FAILED: $*"; }

# Two runs must never overlap (a slow night could run into the next): the second one leaves at once.
exec 9>"$data/.nightly.lock"
if ! flock --nonblock 9; then
  echo "nightly.sh: another nightly run holds $data/.nightly.lock; nothing done" | stamp | tee -a "$log" >&2
  exit 75
fi

foilog="$repo/.venv/bin/foilog"
if [ ! -x "$foilog" ]; then
  say "foilog is not installed in $repo/.venv: installing it"
  if ! { python3 -m venv "$repo/.venv" && "$repo/.venv/bin/pip" install --quiet -e "$repo"; } 2>&1 \
      | stamp >>"$log"; then
    fail "installing foilog failed (see $log); run: cd $repo && python3 -m venv .venv && .venv/bin/pip install -e ."
    exit 69
  fi
fi

# foilog's lines are timestamped as they are written, not when a full pipe buffer is flushed at the end.
export PYTHONUNBUFFERED=1
say "run starts: sources $sources, data $data"
status=0

"$foilog" crawl --sources "$sources" --db "$data/foilog.db" --archive "$data/archive" 2>&1 | stamp | show
crawl_status=${PIPESTATUS[0]}
case "$crawl_status" in
  0) ;;
  1) status=1 ;;  # a source failed entirely or raised an alarm: the ALERT/FAILED lines say which
  2) fail "the crawl refused its input (see the Error line above)"; exit 2 ;;
  *) fail "the crawl stopped with status $crawl_status"; status=1 ;;
esac

# Whatever the crawl managed is consistent (each item is its own transaction), so it is published either way.
if [ -f "$data/foilog.db" ]; then
  if ! "$foilog" publish --db "$data/foilog.db" --to "$data/published" 2>&1 | stamp | show; then
    fail "publishing failed: readers keep the previous copy"
    status=1
  fi
fi

say "run ends: exit $status"
exit "$status"
