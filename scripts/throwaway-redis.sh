#!/usr/bin/env bash
# Sourced by scripts/test.sh (and the two-node script): starts a throwaway Debian redis-server on a free loopback port,
# without persistence, and stops it and deletes its folder when the calling script exits (also when it fails), keeping
# whatever else the caller's EXIT trap already does (e.g. stopping the throwaway PostgreSQL).
#
#   start_throwaway_redis DIR_PREFIX    sets redis_port and redis_dir; returns 1 (with the log on stderr) when no
#                                       redis-server is installed or none would start

source "$(dirname "${BASH_SOURCE[0]}")/free-port.sh"

stop_throwaway_redis() {
  [ -n "${redis_dir:-}" ] || return 0
  if [ -f "$redis_dir/redis.pid" ]; then kill "$(cat "$redis_dir/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$redis_dir"
}

start_throwaway_redis() {
  local prefix=$1
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "No redis-server found: apt-get install redis-server" >&2
    return 1
  fi
  redis_dir=$(mktemp -d "/tmp/$prefix.XXXXXX")
  local previous
  previous=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
  # shellcheck disable=SC2064
  trap "stop_throwaway_redis; ${previous}" EXIT
  redis_port=
  local port
  for _ in 1 2 3 4 5; do
    port=$(free_port) || continue
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log" --dir "$redis_dir" >/dev/null 2>&1 || continue
    for _ in $(seq 1 50); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then redis_port=$port; return 0; fi
      sleep 0.1
    done
  done
  cat "$redis_dir/redis.log" >&2 2>/dev/null || true
  echo "The throwaway Redis did not start." >&2
  return 1
}
