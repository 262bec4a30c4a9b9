#!/usr/bin/env bash
# What one more node adds (docs/DEPLOY.md): booking throughput with one app process and with two, on the same
# PostgreSQL and Redis, with the pieces of scripts/two-nodes.sh (its nodes, settings and proxy).
#
# Load: wrk (closed loop, Debian's package) posting POST /api/v1/bookings as one registered customer, each request a
# random start of 3 barbers × 2 days (Corte) — the storm of the two-node test: the first requests book, most of the
# rest are 409 (slot taken, with alternatives), all of them through the agenda's write path (calendar lock, read,
# decide). 64 connections for DURATION seconds (20): against node A alone, then against A and B at once (32 each,
# fresh days), directly (the proxy's cost is left out of both). Prints requests/s of each and the ratio.
#   flock -o /tmp/barberpro-dotnet.lock bench/run-two-nodes.sh
# Circuits: bench/circuits.js opens CIRCUITS (40) booking wizards in chromium (each its own browser context), 8 at a
# time, against node A alone, then through nginx (deploy/nginx/barberpro.conf) in front of both, and reads each node's
# resident memory with the circuits open: circuits opened per second, and megabytes per circuit on each node.
# Everything — nodes, PostgreSQL, Redis, wrk — shares this machine's cores: the ratio, not the absolute numbers, is
# the result, and on 2 cores it mostly shows how much the second process competes with the first.
set -uo pipefail
cd "$(dirname "$0")/.."
TWO_NODES_SOURCE_ONLY=1 source scripts/two-nodes.sh
duration=${DURATION:-20}
command -v wrk >/dev/null || { as_root apt-get install -y -qq wrk >/dev/null || { loud "wrk is missing (apt-get install wrk)."; exit 1; }; }

two_nodes_dir=$(mktemp -d /tmp/barberpro-bench-two-nodes.XXXXXX)
cleanup() { set +u; two_nodes_stop; stop_throwaway_redis 2>/dev/null; stop_throwaway_postgres 2>/dev/null; rm -rf "$two_nodes_dir"; }
two_nodes_build && two_nodes_postgres && two_nodes_redis; ok=$?
trap cleanup EXIT
[ "$ok" -eq 0 ] || exit 1
port_a=$(free_port); port_b=$(free_port); port_proxy=$(free_port)
start_node a "$port_a" "http://127.0.0.1:$port_proxy" && wait_healthy a "http://127.0.0.1:$port_a" || exit 1
node_a="http://127.0.0.1:$port_a"
node_b="http://127.0.0.1:$port_b"

json() { python3 -c "import json,sys; print(eval('json.load(sys.stdin)' + sys.argv[1]))" "$1"; }
email="bench-$(date +%s)@example.com"
curl -fsS -H 'Content-Type: application/json' -d "{\"fullName\":\"Cliente Bench\",\"email\":\"$email\",\"phone\":\"+5491123456789\",\"password\":\"BarberPro2026!\"}" \
  "$node_a/api/v1/auth/register" >/dev/null || { loud "registration failed"; exit 1; }
token=$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"BarberPro2026!\"}" "$node_a/api/v1/auth/token" | json "['accessToken']")
shop=$(curl -fsS "$node_a/api/v1/shops/barberpro-palermo")
corte=$(echo "$shop" | json "['services']" | python3 -c "import sys,ast; print([s['id'] for s in ast.literal_eval(sys.stdin.read()) if s['name']=='Corte'][0])")
barbers=$(echo "$shop" | json "['providers']" | python3 -c "import sys,ast; print(' '.join(p['id'] for p in ast.literal_eval(sys.stdin.read())))")

# A Lua script for wrk: random (barber, start) among the free starts of two days WEEK weeks past the demo's bookings.
lua_for_week() {
  local week=$1 out=$2 first day
  first=$(python3 -c "import datetime as d; t=d.date.today()+d.timedelta(days=22+7*$week); t+=d.timedelta(days=(1-t.weekday())%7); print(t)")
  {
    echo "local slots = {"
    for day in "$first" "$(date -d "$first + 1 day" +%F)"; do
      for barber in $barbers; do
        curl -fsS "$node_a/api/v1/providers/$barber/availability?serviceId=$corte&date=$day" |
          python3 -c "import json,sys; [print('  {\"$barber\", \"%s\"},' % s['start']) for s in json.load(sys.stdin)['slots']]"
      done
    done
    cat <<LUA
}
local token = "$token"
local service = "$corte"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
local counts = {}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16)); created = 0; conflicts = 0; other = 0 end
function request()
  local s = slots[math.random(#slots)]
  return wrk.format(nil, "/api/v1/bookings", nil, string.format('{"providerId":"%s","serviceId":"%s","startTime":"%s"}', s[1], service, s[2]))
end
function response(status, headers, body)
  if status == 201 then created = created + 1 elseif status == 409 then conflicts = conflicts + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local c, k, o = 0, 0, 0
  for _, t in ipairs(threads) do c = c + t:get("created"); k = k + t:get("conflicts"); o = o + t:get("other") end
  io.write(string.format("RESULT requests=%d seconds=%.2f created=%d conflicts=%d other=%d p50=%.1f p99=%.1f\n",
    summary.requests, summary.duration / 1e6, c, k, o, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
  } >"$out"
}

rate() { sed -n 's/.*RESULT requests=\([0-9]*\) seconds=\([0-9.]*\).*/\1 \2/p' "$1" | awk '{ printf "%.0f", $1 / $2 }'; }

lua_for_week 0 "$two_nodes_dir/one.lua"
echo "One node: $duration s, 64 connections against A…"
wrk -t2 -c64 -d"${duration}s" --latency -s "$two_nodes_dir/one.lua" "$node_a" >"$two_nodes_dir/one.txt" 2>&1
grep RESULT "$two_nodes_dir/one.txt"

start_node b "$port_b" "http://127.0.0.1:$port_proxy" && wait_healthy b "$node_b" || exit 1
lua_for_week 1 "$two_nodes_dir/two.lua"
echo "Two nodes: $duration s, 32 connections against A and 32 against B at once…"
wrk -t1 -c32 -d"${duration}s" --latency -s "$two_nodes_dir/two.lua" "$node_a" >"$two_nodes_dir/two-a.txt" 2>&1 &
wrk_a=$!
wrk -t1 -c32 -d"${duration}s" --latency -s "$two_nodes_dir/two.lua" "$node_b" >"$two_nodes_dir/two-b.txt" 2>&1 &
wrk_b=$!
wait "$wrk_a" "$wrk_b"
grep RESULT "$two_nodes_dir/two-a.txt" "$two_nodes_dir/two-b.txt"

pw="$PWD/BarberPro.Tests/bin/$two_nodes_configuration/net10.0/.playwright"
circuits=${CIRCUITS:-40}
echo "Circuits: $circuits on node A alone…"
PW_PACKAGE="$pw/package" "$pw/node/linux-x64/node" bench/circuits.js "http://127.0.0.1:$port_a" "$circuits" "$node_pid_a" | tee "$two_nodes_dir/circuits-one.txt"
echo "Circuits: $circuits through nginx in front of A and B…"
start_proxy "$port_proxy" "$port_a" "$port_b" || exit 1
PW_PACKAGE="$pw/package" "$pw/node/linux-x64/node" bench/circuits.js "http://127.0.0.1:$port_proxy" "$circuits" "$node_pid_a" "$node_pid_b" | tee "$two_nodes_dir/circuits-two.txt"
circuit_rate() { sed -n 's/.* rate=\([0-9.]*\).*/\1/p' "$1"; }

one=$(rate "$two_nodes_dir/one.txt")
two=$(( $(rate "$two_nodes_dir/two-a.txt") + $(rate "$two_nodes_dir/two-b.txt") ))
echo "booking attempts/s: 1 node $one, 2 nodes $two, ratio $(awk "BEGIN { printf \"%.2f\", $two / $one }")"
echo "circuits opened/s: 1 node $(circuit_rate "$two_nodes_dir/circuits-one.txt"), 2 nodes $(circuit_rate "$two_nodes_dir/circuits-two.txt"), ratio $(awk "BEGIN { printf \"%.2f\", $(circuit_rate "$two_nodes_dir/circuits-two.txt") / $(circuit_rate "$two_nodes_dir/circuits-one.txt") }")"
