#!/usr/bin/env bash
# Sets up and runs the whole test suite: starts a throwaway PostgreSQL (Debian's, in a temporary folder, as
# a non-root user, on a free port), runs `swift test` (every storage test on SQLite and on PostgreSQL), stops it.
# Extra arguments go to `swift test`, e.g. scripts/test.sh --filter Invite
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests

initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
bindir=$(dirname "$initdb")
tmp=$(mktemp -d /tmp/teleradar-pg.XXXXXX)
run_pg() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$tmp" postgres
  chown postgres "$tmp"
  run_pg() { runuser -u postgres -- "$@"; }
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

cleanup() {
  run_pg "$bindir/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "[test] starting PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
run_pg "$initdb" -D "$tmp/data" -A trust -U teleradar -E UTF8 --no-locale >"$tmp/initdb.log" 2>&1 ||
  { cat "$tmp/initdb.log" >&2; exit 1; }
run_pg "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/postgres.log" -w -t 60 \
  -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$tmp/postgres.log" >&2; exit 1; }

export TELERADAR_TEST_POSTGRES_URL="postgres://teleradar@127.0.0.1:$port/postgres"
export TELERADAR_TEST_BACKEND_LOG="$tmp/backends.log"
: >"$TELERADAR_TEST_BACKEND_LOG"
chmod 666 "$TELERADAR_TEST_BACKEND_LOG"

echo "[test] building" >&2
swift build --build-tests
status=0
swift test --skip-build "$@" || status=$?

sqlite_runs=$(grep -c '^sqlite$' "$TELERADAR_TEST_BACKEND_LOG" || true)
postgres_runs=$(grep -c '^postgres$' "$TELERADAR_TEST_BACKEND_LOG" || true)
echo "[test] storage test cases finished: sqlite $sqlite_runs, postgres $postgres_runs"
if [ $status -eq 0 ] && [ $# -eq 0 ] && { [ "$sqlite_runs" -eq 0 ] || [ "$postgres_runs" -eq 0 ]; }; then
  echo "[test] a storage backend ran no test" >&2
  status=1
fi
exit $status
