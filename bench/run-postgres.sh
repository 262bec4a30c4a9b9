#!/usr/bin/env bash
# Runs the contention benchmark with PostgreSQL: starts a throwaway cluster of Debian's postgresql on a free port
# (durable: fsync and synchronous_commit on, unlike the test cluster), sets BARBERPRO_BENCH_POSTGRES, runs
#   dotnet run -c Release --project bench/BarberPro.Benchmarks -- contention "$@"
# and stops and deletes the cluster on exit. As root the cluster belongs to `postgres` (PostgreSQL refuses root).
# Install the server first when missing: apt-get install postgresql
set -euo pipefail
cd "$(dirname "$0")/.."

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "No PostgreSQL server found (/usr/lib/postgresql/*/bin/initdb): apt-get install postgresql" >&2
  exit 1
fi
pg_dir=$(mktemp -d /tmp/barberpro-bench-pg.XXXXXX)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres: "$pg_dir"
stop_postgres() {
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_postgres EXIT
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >"$pg_dir/initdb.log" 2>&1 || { cat "$pg_dir/initdb.log" >&2; exit 1; }
pg_port=
for _ in 1 2 3 4 5; do
  port=$(( 20000 + RANDOM % 40000 ))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
  if as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/pg.log" -w -t 30 \
       -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c synchronous_commit=on -c fsync=on" start >/dev/null; then
    pg_port=$port
    break
  fi
done
if [ -z "$pg_port" ]; then
  cat "$pg_dir/pg.log" >&2 2>/dev/null || true
  echo "The throwaway PostgreSQL did not start." >&2
  exit 1
fi
export BARBERPRO_BENCH_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"
echo "PostgreSQL on 127.0.0.1:$pg_port ($pg_dir)" >&2
dotnet run -c Release --project bench/BarberPro.Benchmarks -- contention "$@"
