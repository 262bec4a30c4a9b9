#!/usr/bin/env bash
# Runs the contention benchmark with PostgreSQL: starts a throwaway cluster of Debian's postgresql on a free port
# (durable: fsync and synchronous_commit on, unlike the test cluster), sets BARBERPRO_BENCH_POSTGRES, runs
#   dotnet run -c Release --project bench/BarberPro.Benchmarks -- contention "$@"
# and stops and deletes the cluster on exit. As root the cluster belongs to `postgres` (PostgreSQL refuses root).
# Install the server first when missing: apt-get install postgresql
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/throwaway-postgres.sh
start_throwaway_postgres barberpro-bench-pg -c synchronous_commit=on -c fsync=on
export BARBERPRO_BENCH_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"
echo "PostgreSQL on 127.0.0.1:$pg_port ($pg_dir)" >&2
dotnet run -c Release --project bench/BarberPro.Benchmarks -- contention "$@"
