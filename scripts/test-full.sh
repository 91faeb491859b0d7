#!/usr/bin/env bash
# The full test suite, as CI runs it: installs what is missing, starts a throwaway PostgreSQL,
# Redis and NATS (JetStream) on free loopback ports, runs typecheck, lint, unit tests, integration tests on PGlite and on
# PostgreSQL, builds, runs the end-to-end tests in headless Chromium, stops what it started, and
# ends with one line totalling every suite.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RESULTS=$(mktemp -d /tmp/edumatrix-results.XXXXXX)
chmod 755 "$RESULTS"
log() { printf '\n=== %s\n' "$*"; }

# --- what the machine needs -------------------------------------------------------------------
need_apt=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v redis-server >/dev/null || need_apt+=(redis-server)
command -v nats-server >/dev/null || [ -x /usr/sbin/nats-server ] || need_apt+=(nats-server)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
if [ "${CI:-}" = "true" ] || [ ! -d node_modules ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# --- a throwaway PostgreSQL -------------------------------------------------------------------
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PG_DIR=$(mktemp -d /tmp/edumatrix-pg.XXXXXX)
chown postgres:postgres "$PG_DIR" 2>/dev/null || true
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
PG_PORT=$(free_port)
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

REDIS_PID=""
NATS_PID=""
cleanup() {
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null
  [ -n "$NATS_PID" ] && kill "$NATS_PID" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$PG_DIR"
}
trap cleanup EXIT

log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/pg.log" -w start \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR -c fsync=off -c max_connections=200" >/dev/null
export TEST_DATABASE_URL_PG="postgres://postgres@127.0.0.1:$PG_PORT/postgres"

REDIS_PORT=$(free_port)
log "starting Redis on 127.0.0.1:$REDIS_PORT"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --loglevel warning >"$PG_DIR/redis.log" 2>&1 &
REDIS_PID=$!
export TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"

NATS_PORT=$(free_port)
NATS_BIN=$(command -v nats-server || echo /usr/sbin/nats-server)
log "starting NATS (JetStream) on 127.0.0.1:$NATS_PORT"
"$NATS_BIN" -a 127.0.0.1 -p "$NATS_PORT" -js -sd "$PG_DIR/nats" >"$PG_DIR/nats.log" 2>&1 &
NATS_PID=$!
export TEST_NATS_URL="nats://127.0.0.1:$NATS_PORT"

# --- the suites -------------------------------------------------------------------------------
step() { # name, command...: a pass/fail step that is not a test runner
  local name=$1; shift
  log "$name"
  if "$@"; then echo "pass" > "$RESULTS/$name.step"; else echo "fail" > "$RESULTS/$name.step"; fi
}
vitest_suite() { # name, extra env assignments..., -- vitest args
  local name=$1; shift
  log "$name"
  env "$@" --reporter=default --reporter=json --outputFile.json="$RESULTS/$name.json"
  echo $? > "$RESULTS/$name.exit"
}

step typecheck npm run -s typecheck
step lint npm run -s lint
vitest_suite unit npx vitest run --project unit
vitest_suite integration-pglite npx vitest run --project integration
vitest_suite integration-postgres TEST_DATABASE_URL="$TEST_DATABASE_URL_PG" npx vitest run --project integration
step build npm run -s build
vitest_suite e2e npx vitest run --project e2e

log "summary"
node scripts/sum-results.mjs "$RESULTS"
