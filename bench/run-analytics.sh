#!/usr/bin/env bash
# The analytics benchmark (issue 12) on SQLite and PostgreSQL:
#   bench/run-analytics.sh [--databases sqlite-analyzed,postgres] [--runs 30] [--warmup 5] [--trace] [--list]
# (--list: the owner's booking list on the same 200,000 bookings instead of the report)
# Seeds once and keeps the data between runs in $BARBERPRO_ANALYTICS_DATA (default /tmp/barberpro-analytics-bench):
# the SQLite files analytics.db (as the app leaves it) and analytics-analyzed.db (after ANALYZE), and a PostgreSQL cluster in pg/ (Debian's postgresql; as root it belongs to `postgres`)
# started on a free port for the run and stopped (not deleted) on exit. Delete the folder to seed afresh.
# Builds and runs under the machine's shared dotnet lock.
set -euo pipefail
cd "$(dirname "$0")/.."

data=${BARBERPRO_ANALYTICS_DATA:-/tmp/barberpro-analytics-bench}
mkdir -p "$data"
source scripts/throwaway-postgres.sh # pg_bin, as_pg
source scripts/free-port.sh       # free_port

databases=sqlite-analyzed,postgres
for ((i = 1; i <= $#; i++)); do
  if [ "${!i}" = "--databases" ]; then j=$((i + 1)); databases=${!j}; fi
done

if [[ $databases == *postgres* ]]; then
  bin=$(pg_bin)
  [ -x "$bin/initdb" ] || { echo "No PostgreSQL server found: apt-get install postgresql" >&2; exit 1; }
  cluster=$data/pg
  if [ ! -f "$cluster/data/PG_VERSION" ]; then
    rm -rf "$cluster" && mkdir -p "$cluster"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$cluster"
    as_pg "$bin/initdb" -D "$cluster/data" -A trust -U postgres >"$cluster/initdb.log" 2>&1 || { cat "$cluster/initdb.log" >&2; exit 1; }
  fi
  stop_cluster() { as_pg "$bin/pg_ctl" -D "$cluster/data" -m fast stop >/dev/null 2>&1 || true; }
  trap stop_cluster EXIT
  port=
  for _ in 1 2 3 4 5; do
    candidate=$(free_port) || continue
    if as_pg "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/pg.log" -w -t 60 \
         -o "-p $candidate -k $cluster -c listen_addresses=127.0.0.1" start >/dev/null; then
      port=$candidate
      break
    fi
  done
  [ -n "$port" ] || { cat "$cluster/pg.log" >&2; echo "PostgreSQL did not start." >&2; exit 1; }
  export BARBERPRO_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
  echo "PostgreSQL on 127.0.0.1:$port ($cluster)" >&2
fi

flock /tmp/barberpro-dotnet.lock dotnet build -c Release bench/BarberPro.Benchmarks >/dev/null
flock /tmp/barberpro-dotnet.lock dotnet run -c Release --no-build --project bench/BarberPro.Benchmarks -- analytics --data "$data" "$@"
