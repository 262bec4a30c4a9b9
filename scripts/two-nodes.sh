#!/usr/bin/env bash
# Proves BarberPro on two nodes (issue 13): two app processes (`dotnet BarberPro.Web.dll` from the build output) on a
# fresh PostgreSQL database and one Redis, nginx in front (deploy/nginx/barberpro.conf filled in with the ports), and
# the xUnit tests of Category=TwoNodes against them:
#   phase 1 (both nodes up): live agenda and slot picker across nodes in chromium, a reminder sent once;
#   phase 2: a booking storm through both nodes during which node B is killed with SIGKILL;
#   phase 3 (node B started again): a customer on the booking wizard's last step, the node serving their page killed;
#   the page comes back through nginx on the other node at the same step, and the booking is confirmed there.
# Prints the figures (storm attempts, 201s, doubles, lost, live-update latency across nodes, reminder count, wizard failover) and exits
# non-zero on any failure, including when PostgreSQL, Redis or nginx cannot be started: it never passes silently.
#
# scripts/test.sh runs it after the main suite, with its throwaway PostgreSQL and Redis (BARBERPRO_TEST_POSTGRES,
# BARBERPRO_TEST_REDIS) and TWO_NODES_RESULTS (where the TRX files go). Alone, it starts its own (and builds once if
# there is no build output):
#   scripts/two-nodes.sh        (under the machine's build lock: flock -o /tmp/barberpro-dotnet.lock scripts/two-nodes.sh —
#                               -o, or the servers it starts would hold the lock after it ends)
# Pieces for other scripts (bench/run-two-nodes.sh): `TWO_NODES_SOURCE_ONLY=1 source scripts/two-nodes.sh` defines the
# functions without running anything.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

two_nodes_configuration=${CONFIGURATION:-Debug}
two_nodes_web_dir="$PWD/BarberPro.Web/bin/$two_nodes_configuration/net10.0"
two_nodes_signing_key="two-nodes-signing-key-$(date +%s)-0123456789abcdef"

loud() {
  {
    echo
    echo "################################################################################"
    echo "## TWO NODES FAILED: $*"
    echo "################################################################################"
  } >&2
}

source scripts/free-port.sh

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# PostgreSQL: the caller's server (BARBERPRO_TEST_POSTGRES) or a throwaway one; then a fresh database on it.
# Sets two_nodes_database (an Npgsql connection string).
two_nodes_postgres() {
  if [ -z "${BARBERPRO_TEST_POSTGRES:-}" ]; then
    source scripts/throwaway-postgres.sh
    if [ -z "$(pg_bin)" ]; then
      echo "Installing Debian's postgresql…"
      as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    start_throwaway_postgres barberpro-two-nodes-pg -c fsync=off || { loud "PostgreSQL could not be started (see above)."; return 1; }
    BARBERPRO_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"
  fi
  local host port user
  host=$(echo "$BARBERPRO_TEST_POSTGRES" | grep -io 'host=[^;]*' | cut -d= -f2)
  port=$(echo "$BARBERPRO_TEST_POSTGRES" | grep -io 'port=[^;]*' | cut -d= -f2)
  user=$(echo "$BARBERPRO_TEST_POSTGRES" | grep -io 'username=[^;]*' | cut -d= -f2)
  two_nodes_psql=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$two_nodes_psql" ] || { loud "psql is missing (apt-get install postgresql-client)."; return 1; }
  two_nodes_postgres_server="host=${host:-127.0.0.1} port=${port:-5432} user=${user:-postgres} dbname=postgres"
  two_nodes_database_name="barberpro_two_nodes_$(date +%s)_$RANDOM"
  if ! "$two_nodes_psql" "$two_nodes_postgres_server" -qc "CREATE DATABASE $two_nodes_database_name" >/dev/null; then
    loud "PostgreSQL ($two_nodes_postgres_server) did not create the database $two_nodes_database_name."
    return 1
  fi
  two_nodes_database="$BARBERPRO_TEST_POSTGRES;Database=$two_nodes_database_name"
}

two_nodes_drop_database() {
  [ -n "${two_nodes_database_name:-}" ] || return 0
  "$two_nodes_psql" "$two_nodes_postgres_server" -qc "DROP DATABASE IF EXISTS $two_nodes_database_name WITH (FORCE)" >/dev/null 2>&1 || true
}

# Redis: the caller's (BARBERPRO_TEST_REDIS) or a throwaway one. Sets two_nodes_redis.
two_nodes_redis() {
  if [ -z "${BARBERPRO_TEST_REDIS:-}" ]; then
    source scripts/throwaway-redis.sh
    if ! command -v redis-server >/dev/null 2>&1; then
      echo "Installing Debian's redis-server…"
      as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
      as_root systemctl disable --now redis-server >/dev/null 2>&1 || as_root service redis-server stop >/dev/null 2>&1 || true
    fi
    start_throwaway_redis barberpro-two-nodes-redis || { loud "Redis could not be started (see above)."; return 1; }
    BARBERPRO_TEST_REDIS="127.0.0.1:$redis_port"
  fi
  two_nodes_redis="$BARBERPRO_TEST_REDIS"
}

# The build output the nodes run (built once when missing: the tests need it too).
two_nodes_build() {
  if [ ! -f "$two_nodes_web_dir/BarberPro.Web.dll" ] || [ ! -f "BarberPro.Tests/bin/$two_nodes_configuration/net10.0/BarberPro.Tests.dll" ]; then
    echo "No build output yet: building once…"
    dotnet build BarberPro.Tests/BarberPro.Tests.csproj -c "$two_nodes_configuration" -v q -nologo >/dev/null ||
      { loud "the build failed."; return 1; }
  fi
}

# start_node NAME PORT PUBLIC_URL: one app process in the background; sets node_pid_NAME. Logs in $two_nodes_dir.
start_node() {
  local name=$1 port=$2 public=$3
  ( cd "$two_nodes_web_dir" && exec env \
      ASPNETCORE_ENVIRONMENT=Testing \
      ASPNETCORE_URLS="http://127.0.0.1:$port" \
      App__StaticWebAssetsFromBuild=true \
      App__PublicBaseUrl="$public" \
      Database__Provider=PostgreSQL \
      ConnectionStrings__BarberPro="$two_nodes_database;Maximum Pool Size=40" \
      ConnectionStrings__Redis="$two_nodes_redis" \
      Jwt__SigningKey="$two_nodes_signing_key" \
      Telemetry__NodeName="node-$name" \
      Demo__Seed=true \
      Jobs__Schedules__notifications-plan="*/5 * * * * *" \
      Jobs__Schedules__notifications-send="*/5 * * * * *" \
      RateLimiting__Token__PerIp=1000000 RateLimiting__Token__PerUser=1000000 \
      RateLimiting__Register__PerIp=1000000 RateLimiting__Register__PerUser=1000000 \
      RateLimiting__Bookings__PerIp=1000000 RateLimiting__Bookings__PerUser=1000000 \
      Logging__LogLevel__Default=Warning \
      DOTNET_gcServer=0 \
      ${TWO_NODES_EXTRA_ENV:-} \
      dotnet BarberPro.Web.dll ) >"$two_nodes_dir/node-$name.log" 2>&1 &
  eval "node_pid_$name=$!"
}

# wait_healthy NAME URL [SECONDS]: until /api/health answers 200 with Redis healthy; fails (with the log) when the process dies.
wait_healthy() {
  local name=$1 url=$2 limit=${3:-120} pid body
  pid=$(eval echo "\${node_pid_$name:-}")
  for _ in $(seq 1 $(( limit * 4 ))); do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$two_nodes_dir/node-$name.log" >&2
      loud "node $name exited before it was healthy (log above)."
      return 1
    fi
    body=$(curl -fsS --max-time 2 "$url/api/health" 2>/dev/null) && echo "$body" | grep -q '"redis":{"status":"healthy"' && return 0
    sleep 0.25
  done
  tail -n 40 "$two_nodes_dir/node-$name.log" >&2
  echo "last health answer: ${body:-none}" >&2
  loud "node $name at $url was not healthy within ${limit}s."
  return 1
}

# start_proxy LISTEN_PORT NODE_A_PORT NODE_B_PORT: a private nginx (own prefix and config, not the system service).
start_proxy() {
  local listen=$1 a=$2 b=$3 nginx
  nginx=$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null)
  if [ -z "$nginx" ]; then
    echo "Installing Debian's nginx…"
    as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
    as_root systemctl disable --now nginx >/dev/null 2>&1 || as_root service nginx stop >/dev/null 2>&1 || true
    nginx=$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null)
  fi
  [ -n "$nginx" ] || { loud "nginx is missing and could not be installed (apt-get install nginx-light)."; return 1; }
  local prefix="$two_nodes_dir/nginx"
  mkdir -p "$prefix/logs" "$prefix/temp"
  # The shipped file, filled in; plus, for the tests only, a header naming the server that answered (the failover
  # test kills the node its browser is on). Production does not show internal addresses.
  sed -e "s/__LISTEN__/127.0.0.1:$listen/" -e "s/__NODE_A__/127.0.0.1:$a/" -e "s/__NODE_B__/127.0.0.1:$b/" \
    -e 's/^\( *\)add_header Set-Cookie \$bp_set_affinity always;/&\n\1add_header X-BarberPro-Upstream $upstream_addr always;/' \
    deploy/nginx/barberpro.conf >"$prefix/barberpro.conf"
  grep -q 'X-BarberPro-Upstream' "$prefix/barberpro.conf" || { loud "could not add the test header to the nginx configuration."; return 1; }
  {
    [ "$(id -u)" -eq 0 ] && echo "user root;"
    cat <<CONF
daemon off;
worker_processes 1;
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $prefix/temp/body;
    proxy_temp_path $prefix/temp/proxy;
    fastcgi_temp_path $prefix/temp/fastcgi;
    uwsgi_temp_path $prefix/temp/uwsgi;
    scgi_temp_path $prefix/temp/scgi;
    include $prefix/barberpro.conf;
}
CONF
  } >"$prefix/nginx.conf"
  "$nginx" -p "$prefix" -c "$prefix/nginx.conf" -t >"$prefix/logs/test.log" 2>&1 ||
    { cat "$prefix/logs/test.log" >&2; loud "nginx refused its configuration (above)."; return 1; }
  "$nginx" -p "$prefix" -c "$prefix/nginx.conf" >"$prefix/logs/stdout.log" 2>&1 &
  two_nodes_proxy_pid=$!
  for _ in $(seq 1 40); do
    curl -fsS --max-time 2 "http://127.0.0.1:$listen/api/health" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  cat "$prefix/logs/error.log" >&2 2>/dev/null
  loud "nginx on 127.0.0.1:$listen did not pass requests to the nodes."
  return 1
}

# Stops what this script started (by pid), keeps the logs of a failed run in $two_nodes_dir.
two_nodes_stop() {
  [ -n "${two_nodes_proxy_pid:-}" ] && kill "$two_nodes_proxy_pid" 2>/dev/null
  for pid in ${node_pid_a:-} ${node_pid_b:-}; do kill "$pid" 2>/dev/null; done
  for pid in ${node_pid_a:-} ${node_pid_b:-} ${two_nodes_proxy_pid:-}; do wait "$pid" 2>/dev/null; done
  two_nodes_drop_database
}

# Everything up to the proxy: sets two_nodes_dir, the ports and URLs. Returns 1 (loudly) when a piece does not start.
two_nodes_up() {
  two_nodes_dir=$(mktemp -d /tmp/barberpro-two-nodes.XXXXXX)
  two_nodes_build && two_nodes_postgres && two_nodes_redis || return 1
  read -r port_a port_b port_proxy < <(free_ports 3) && [ -n "$port_proxy" ] || { loud "no free port."; return 1; }
  two_nodes_proxy_url="http://127.0.0.1:$port_proxy"
  # One after the other: the first migrates and seeds the demo (under EF Core's migration lock), the second finds both done.
  start_node a "$port_a" "$two_nodes_proxy_url" && wait_healthy a "http://127.0.0.1:$port_a" || return 1
  start_node b "$port_b" "$two_nodes_proxy_url" && wait_healthy b "http://127.0.0.1:$port_b" || return 1
  start_proxy "$port_proxy" "$port_a" "$port_b" || return 1
  echo "Two nodes: A on :$port_a (pid $node_pid_a), B on :$port_b (pid $node_pid_b), nginx on :$port_proxy; PostgreSQL database ${two_nodes_database##*Database=}, Redis $two_nodes_redis"
}

[ -n "${TWO_NODES_SOURCE_ONLY:-}" ] && return 0

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
started=$SECONDS
cleanup() { set +u; two_nodes_stop; stop_throwaway_redis 2>/dev/null; stop_throwaway_postgres 2>/dev/null; }
two_nodes_up; up=$?
# After the throwaway servers set theirs: one trap that stops everything this script started.
trap cleanup EXIT
if [ "$up" -ne 0 ]; then
  echo "Two nodes: could not start the deployment; logs in ${two_nodes_dir:-?}" >&2
  exit 1
fi

results=${TWO_NODES_RESULTS:-$PWD/TestResults}
mkdir -p "$results"
figures="$two_nodes_dir/figures.txt"
: >"$figures"
export BARBERPRO_TWO_NODES_PROXY="$two_nodes_proxy_url"
export BARBERPRO_TWO_NODES_A="http://127.0.0.1:$port_a"
export BARBERPRO_TWO_NODES_B="http://127.0.0.1:$port_b"
export BARBERPRO_TWO_NODES_A_PID="$node_pid_a"
export BARBERPRO_TWO_NODES_B_PID="$node_pid_b"
export BARBERPRO_TWO_NODES_DATABASE="$two_nodes_database"
export BARBERPRO_TWO_NODES_FIGURES="$figures"

status=0
run_phase() {
  local phase=$1
  rm -f "$results/two-nodes-$phase.trx"
  dotnet test BarberPro.Tests/BarberPro.Tests.csproj --no-build -c "$two_nodes_configuration" \
    --filter "Category=TwoNodes&TwoNodesPhase=$phase" \
    --logger "trx;LogFileName=two-nodes-$phase.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" || status=1
  # A filter that matched nothing would "pass": each phase must have run tests.
  if ! grep -q '<Counters [^>]*executed="[1-9]' "$results/two-nodes-$phase.trx" 2>/dev/null; then
    loud "phase $phase ran no test."
    status=1
  fi
}
run_phase BothUp
if ! kill -0 "$node_pid_a" 2>/dev/null || ! kill -0 "$node_pid_b" 2>/dev/null; then
  loud "a node died during phase BothUp (logs in $two_nodes_dir)."
  status=1
fi
run_phase Kill
if ! kill -0 "$node_pid_a" 2>/dev/null; then
  loud "node A died during the storm (log: $two_nodes_dir/node-a.log)."
  status=1
fi
# Node B comes back (a restarted server rejoins with nothing to do by hand), then a browser's node is killed under it.
mv "$two_nodes_dir/node-b.log" "$two_nodes_dir/node-b-before-kill.log"
if start_node b "$port_b" "$two_nodes_proxy_url" && wait_healthy b "http://127.0.0.1:$port_b"; then
  export BARBERPRO_TWO_NODES_B_PID="$node_pid_b"
  run_phase Failover
else
  loud "node B did not start again after the storm."
  status=1
fi

echo
echo "== Two nodes: figures ($(( SECONDS - started )) s in all) =="
cat "$figures"
if [ "$status" -ne 0 ]; then
  for n in a b; do echo "-- node $n, last lines --" >&2; tail -n 15 "$two_nodes_dir/node-$n.log" >&2; done
  loud "see the failed tests above; logs in $two_nodes_dir"
  exit 1
fi
rm -rf "$two_nodes_dir"
echo "Two nodes: passed."
