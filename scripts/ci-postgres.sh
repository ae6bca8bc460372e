#!/usr/bin/env bash
# A throwaway PostgreSQL server for the PostgreSQL store tests (tests/test_store_pg.py).
#
#   eval "$(bash scripts/ci-postgres.sh start)"   # prints the exports: DATELINE_TEST_PG (the URL)
#                                                 # and DATELINE_TEST_PG_DIR (the cluster)
#   bash scripts/ci-postgres.sh halt   [DIR]      # stop the server, keep the data (fault tests)
#   bash scripts/ci-postgres.sh resume [DIR]      # start it again on the same port
#   bash scripts/ci-postgres.sh stop   [DIR]      # stop it and delete the cluster
#
# Debian's postgresql package is installed when no server binaries are found. The cluster lives
# in a temporary folder, listens on 127.0.0.1 on a free port with trust authentication (nothing
# else can reach it), and is owned by an unprivileged user: initdb refuses to run as root.
# Everything but the exports goes to standard error, so `eval` sees only the exports.
set -euo pipefail

say() { echo "ci-postgres: $*" >&2; }

bindir() {
    local d
    if command -v pg_config >/dev/null 2>&1; then
        d=$(pg_config --bindir 2>/dev/null || true)
        if [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
    fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
    done
    return 1
}

install_server() {
    local sudo=""
    if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
    say "installing Debian's postgresql"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq >&2
    $sudo apt-get install -y -qq --no-install-recommends postgresql >&2
}

# run a server binary as the cluster's owner (root cannot own a cluster)
as_owner() {
    if [ "$(id -u)" = "0" ]; then
        runuser -u "$OWNER" -- "$@"
    else
        "$@"
    fi
}

owner() {
    if [ "$(id -u)" != "0" ]; then id -un; return; fi
    if ! id postgres >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin postgres >&2
    fi
    echo postgres
}

free_port() {
    python3 - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

cmd=${1:-start}
DIR=${2:-${DATELINE_TEST_PG_DIR:-}}
OWNER=$(owner)

case "$cmd" in
start)
    BIN=$(bindir) || { install_server; BIN=$(bindir); }
    DIR=$(mktemp -d "${TMPDIR:-/tmp}/dateline-pg.XXXXXX")
    chmod 755 "$DIR"
    mkdir "$DIR/data" "$DIR/socket"
    [ "$(id -u)" = "0" ] && chown -R "$OWNER" "$DIR"
    PORT=$(free_port)
    echo "$BIN" > "$DIR/bindir"
    echo "$PORT" > "$DIR/port"
    as_owner "$BIN/initdb" -D "$DIR/data" -U dateline --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
        || { cat "$DIR/initdb.log" >&2; exit 1; }
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR/socket -c fsync=off -c max_connections=200" start >&2 \
        || { cat "$DIR/server.log" >&2; exit 1; }
    as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U dateline dateline >&2
    say "$("$BIN/postgres" --version) on 127.0.0.1:$PORT, cluster $DIR"
    echo "export DATELINE_TEST_PG=postgresql://dateline@127.0.0.1:$PORT/dateline"
    echo "export DATELINE_TEST_PG_DIR=$DIR"
    ;;
halt)
    [ -n "$DIR" ] || { say "which cluster? (DATELINE_TEST_PG_DIR)"; exit 2; }
    as_owner "$(cat "$DIR/bindir")/pg_ctl" -D "$DIR/data" -m immediate -w stop >&2
    ;;
resume)
    [ -n "$DIR" ] || { say "which cluster? (DATELINE_TEST_PG_DIR)"; exit 2; }
    PORT=$(cat "$DIR/port")
    as_owner "$(cat "$DIR/bindir")/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR/socket -c fsync=off -c max_connections=200" start >&2
    ;;
stop)
    if [ -z "$DIR" ] || [ ! -d "$DIR/data" ]; then say "no cluster to stop"; exit 0; fi
    as_owner "$(cat "$DIR/bindir")/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true
    rm -rf "$DIR"
    say "stopped and removed $DIR"
    ;;
*)
    say "usage: $0 start | halt [DIR] | resume [DIR] | stop [DIR]"
    exit 2
    ;;
esac
