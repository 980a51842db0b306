#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 for planwatch's storage tests and
# print its URL on stdout (everything else goes to stderr):
#
#   export PLANWATCH_TEST_PG_URL="$(scripts/start_postgres.sh)"
#   scripts/start_postgres.sh stop        # stop it and delete the cluster
#
# Idempotent: a second call finds the running server and prints the same URL.
# Installs Debian's postgresql package when no server binaries are found; runs the
# server as the `postgres` user when called as root (postgres refuses to run as root).
# PLANWATCH_PG_DIR chooses where the cluster lives (default /tmp/planwatch-pg).
set -euo pipefail

DIR="${PLANWATCH_PG_DIR:-/tmp/planwatch-pg}"
DB=planwatch
ROLE=planwatch
log() { echo "start_postgres: $*" >&2; }

find_bindir() {
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"; return 0
    fi
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    done
    return 1
}

BIN="$(find_bindir || true)"
if [ -z "$BIN" ]; then
    log "no PostgreSQL server found: installing Debian's postgresql package"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
    BIN="$(find_bindir)"
fi

# Who runs the server: ourselves, or `postgres` (created if missing) when we are root.
if [ "$(id -u)" -eq 0 ]; then
    RUNAS=postgres
    id "$RUNAS" >/dev/null 2>&1 || useradd --system --home-dir "$DIR" --shell /bin/sh "$RUNAS"
    as_server() { runuser -u "$RUNAS" -- "$@"; }
else
    as_server() { "$@"; }
fi

if [ "${1:-}" = "stop" ]; then
    if [ -f "$DIR/data/PG_VERSION" ]; then
        as_server "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true
    fi
    rm -rf "$DIR"
    log "stopped and removed $DIR"
    exit 0
fi

url() { echo "postgresql://$ROLE@127.0.0.1:$(cat "$DIR/port")/$DB"; }

# Already running? Print its URL and leave it alone.
if [ -f "$DIR/port" ] && as_server "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    url; exit 0
fi

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT="${PLANWATCH_PG_PORT:-}"
if [ -z "$PORT" ]; then
    PORT=$(( 54320 + RANDOM % 1000 ))
    until port_free "$PORT"; do PORT=$(( PORT + 1 )); done
fi

mkdir -p "$DIR"
[ "$(id -u)" -eq 0 ] && chown "$RUNAS" "$DIR"
if [ ! -f "$DIR/data/PG_VERSION" ]; then
    rm -rf "$DIR/data"
    log "initialising a cluster in $DIR/data"
    # trust auth on loopback only: a throwaway test server, never a shared one.
    as_server "$BIN/initdb" -D "$DIR/data" -U "$ROLE" --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
        || { cat "$DIR/initdb.log" >&2; exit 1; }
fi
echo "$PORT" > "$DIR/port"
log "starting on 127.0.0.1:$PORT"
as_server "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2 || { cat "$DIR/server.log" >&2; exit 1; }

PSQL="$BIN/psql"
if ! "$PSQL" -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U "$ROLE" "$DB" >&2
fi
url
