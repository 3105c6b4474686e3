# Sourced by scripts/test (and usable by hand): a throwaway PostgreSQL 15 cluster on a loopback
# port, for the server's store tests. Installs Debian's postgresql if it is missing.
#   pg_start  -> exports FAIRLOG_TEST_DATABASE_URL; pg_stop -> stops it and removes its files.
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

pg_start() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    printf '\033[1;34m[setup]\033[0m installing postgresql (Debian)\n'
    local SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  fi
  PG_ROOT="$(mktemp -d /tmp/fairlog-pg.XXXXXX)"
  chmod 755 "$PG_ROOT"
  PG_DATA="$PG_ROOT/data"
  PG_PORT="${PG_PORT:-$(( 20000 + RANDOM % 20000 ))}"
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    mkdir -p "$PG_DATA" && chown postgres "$PG_ROOT" "$PG_DATA"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U postgres --no-sync >"$PG_ROOT/initdb.log" 2>&1 \
    || { cat "$PG_ROOT/initdb.log" >&2; return 1; }
  "${as[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -l "$PG_ROOT/server.log" \
    -o "-p $PG_PORT -k $PG_ROOT -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
    || { cat "$PG_ROOT/server.log" >&2; return 1; }
  PG_AS=("${as[@]}")
  export FAIRLOG_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
  printf '\033[1;34m[postgres]\033[0m PostgreSQL 15 on 127.0.0.1:%s (%s)\n' "$PG_PORT" "$PG_DATA"
}

pg_stop() {
  [ -n "${PG_DATA:-}" ] || return 0
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_ROOT"
  unset PG_DATA FAIRLOG_TEST_DATABASE_URL
}
