#!/usr/bin/env bash
# Sourced by scripts/test.sh and bench/run-postgres.sh: starts a throwaway cluster of Debian's postgresql on a free
# loopback port and stops and deletes it when the calling script exits (also when it fails). PostgreSQL refuses to run
# as root, so as root the cluster belongs to `postgres`.
#
#   start_throwaway_postgres DIR_PREFIX [-c name=value …]   sets pg_bin, pg_dir and pg_port; returns 1 (with the log on
#                                                            stderr) when no server is installed or none would start
# Extra arguments are passed to the server (e.g. "-c fsync=off" for tests, "-c synchronous_commit=on" for benchmarks).

source "$(dirname "${BASH_SOURCE[0]}")/free-port.sh"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop_throwaway_postgres() {
  [ -n "${pg_dir:-}" ] || return 0
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}

start_throwaway_postgres() {
  local prefix=$1; shift
  pg_bin=$(pg_bin)
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "No PostgreSQL server found (/usr/lib/postgresql/*/bin/initdb): apt-get install postgresql" >&2
    return 1
  fi
  pg_dir=$(mktemp -d "/tmp/$prefix.XXXXXX")
  [ "$(id -u)" -eq 0 ] && chown postgres: "$pg_dir"
  trap stop_throwaway_postgres EXIT
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres --no-sync >"$pg_dir/initdb.log" 2>&1 || {
    cat "$pg_dir/initdb.log" >&2; return 1; }
  pg_port=
  local port
  for _ in 1 2 3 4 5; do
    port=$(free_port) || continue
    if as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/pg.log" -w -t 30 \
         -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=200 $*" start >/dev/null; then
      pg_port=$port
      return 0
    fi
  done
  cat "$pg_dir/pg.log" >&2 2>/dev/null || true
  echo "The throwaway PostgreSQL did not start." >&2
  return 1
}
