# Start a throwaway PostgreSQL cluster for the register's tests (sourced by .ci/run).
# Uses the Debian `postgresql` package (installed with apt-get when missing), a
# cluster in a temporary folder on a free local port (127.0.0.1 only, trust
# authentication), stopped and removed when the calling script exits. Exports
# SCRISK_TEST_POSTGRES. Never touches a server already running.

_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

SCRISK_PG_BIN=$(_pg_bin)
if [ -z "$SCRISK_PG_BIN" ] || [ ! -x "$SCRISK_PG_BIN/initdb" ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "installing PostgreSQL for the register's tests (apt-get install postgresql)" >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo -n"
    $SUDO apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null 2>&1 || true
  fi
  SCRISK_PG_BIN=$(_pg_bin)
fi

if [ -n "$SCRISK_PG_BIN" ] && [ -x "$SCRISK_PG_BIN/initdb" ]; then
  SCRISK_PG_DIR=$(mktemp -d /tmp/scrisk-pg.XXXXXX)
  SCRISK_PG_PORT=${SCRISK_PG_PORT:-54329}
  while (exec 3<>"/dev/tcp/127.0.0.1/$SCRISK_PG_PORT") 2>/dev/null; do
    SCRISK_PG_PORT=$((SCRISK_PG_PORT + 1))   # taken: try the next port
  done
  if [ "$(id -u)" -eq 0 ]; then             # postgres refuses to run as root
    chown postgres "$SCRISK_PG_DIR"
    _pg() { runuser -u postgres -- "$@"; }
  else
    _pg() { "$@"; }
  fi
  _pg "$SCRISK_PG_BIN/initdb" -D "$SCRISK_PG_DIR/data" -A trust -U scrisk --no-sync >/dev/null
  _pg "$SCRISK_PG_BIN/pg_ctl" -D "$SCRISK_PG_DIR/data" -l "$SCRISK_PG_DIR/log" -w \
    -o "-p $SCRISK_PG_PORT -k $SCRISK_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" \
    start >/dev/null
  _pg "$SCRISK_PG_BIN/createdb" -h 127.0.0.1 -p "$SCRISK_PG_PORT" -U scrisk scrisk_test
  export SCRISK_TEST_POSTGRES="postgresql://scrisk@127.0.0.1:$SCRISK_PG_PORT/scrisk_test"
  _scrisk_pg_stop() {
    _pg "$SCRISK_PG_BIN/pg_ctl" -D "$SCRISK_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$SCRISK_PG_DIR"
  }
  trap _scrisk_pg_stop EXIT
  echo "PostgreSQL for the tests: $SCRISK_TEST_POSTGRES" >&2
else
  echo "no PostgreSQL available: the register's PostgreSQL tests will skip (fail under CI=true)" >&2
fi
