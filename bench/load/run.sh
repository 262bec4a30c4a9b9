#!/usr/bin/env bash
# The load suite (issue 15): starts the app as a real process — a Release build (CONFIGURATION to change it) on a fresh
# SQLite file (synchronous FULL, the app's default) with the demo data and the rate limits raised — or targets a
# running one (--url), and runs bench/BarberPro.Load: a constant-rate open-loop generator (latency counted from each
# request's scheduled time: no coordinated omission) and a closed loop for the maximum, over a static file (the
# baseline), availability, the shop, booking storms, the 64-way race, server-rendered pages and circuits in chromium.
# Environment Testing (as scripts/two-nodes.sh): the production pipeline on plain HTTP (no HTTPS redirection, cookies
# not Secure), so the sign-in works on 127.0.0.1. Prints one table (docs/BENCHMARKS.md, "The load suite", says what each line means).
#
#   flock -o /tmp/barberpro-dotnet.lock bench/load/run.sh [--smoke] [--url URL] [--seconds 10] [--circuits 100]
#                                                          [--only static,availability,shop,bookings,race,pages,circuits]
#                                                          [--warm-start | --warm-start-only] [--warm-seconds 60]
# --smoke: each step for ~0.6 s at low rates, 3 circuits: checks that every step works (scripts/test.sh runs it; it
#          asserts no speed). Exit code 1 when a step broke.
# --warm-start: also starts two fresh processes, without and with the start-up warm-up (WarmUp__Enabled), and prints
#          each one's time to the first 200 and to steady throughput. WARM_VARIANTS="A=1 B=2,C=3" compares other
#          settings (each variant VAR=VALUE[,VAR=VALUE…], e.g. DOTNET_TieredPGO=0).
# --url: a running app (its rate limits must allow 64 registrations; circuits need --server-pid, i.e. a local process).
# Circuits use Debian's chromium through the Playwright copy of the test project's build (built once when missing).
set -uo pipefail
cd "$(dirname "$0")/../.."
configuration=${CONFIGURATION:-Release}
web_dir="$PWD/BarberPro.Web/bin/$configuration/net10.0"
load_dll="$PWD/bench/BarberPro.Load/bin/Release/net10.0/BarberPro.Load.dll"
url= smoke= warm= only_warm= warm_seconds=60 pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url=$2; shift 2 ;;
    --smoke) smoke=1; pass+=(--smoke); shift ;;
    --warm-start) warm=1; shift ;;
    --warm-start-only) warm=1; only_warm=1; shift ;;
    --warm-seconds) warm_seconds=$2; shift 2 ;;
    --seconds|--circuits|--only|--shop|--server-pid) pass+=("$1" "$2"); shift 2 ;;
    *) echo "unknown argument $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

fail() { echo "LOAD SUITE FAILED: $*" >&2; exit 1; }
source scripts/free-port.sh

dotnet build bench/BarberPro.Load/BarberPro.Load.csproj -c Release -v q -nologo >/tmp/barberpro-load-build.log 2>&1 ||
  { cat /tmp/barberpro-load-build.log >&2; fail "the generator did not build"; }
if [ -z "$url" ] || [ -n "$warm" ]; then
  if [ ! -f "$web_dir/BarberPro.Web.dll" ] || [ "$configuration" = Release ]; then
    dotnet build BarberPro.Web/BarberPro.Web.csproj -c "$configuration" -v q -nologo >/tmp/barberpro-load-build.log 2>&1 ||
      { cat /tmp/barberpro-load-build.log >&2; fail "the app did not build"; }
  fi
fi
pw=$(ls -d BarberPro.Tests/bin/*/net10.0/.playwright 2>/dev/null | head -n 1)
if [ -z "$pw" ] && { [ -z "$url" ] || printf '%s\n' "${pass[@]}" | grep -q -- --server-pid; }; then
  echo "No test build (Playwright for the circuits): building the test project once…"
  dotnet build BarberPro.Tests/BarberPro.Tests.csproj -v q -nologo >/tmp/barberpro-load-build.log 2>&1 ||
    { cat /tmp/barberpro-load-build.log >&2; fail "the test project did not build"; }
  pw=$(ls -d BarberPro.Tests/bin/*/net10.0/.playwright 2>/dev/null | head -n 1)
fi
[ -n "$pw" ] && pass+=(--playwright "$PWD/$pw")
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the circuits…"
  apt-get install -y -qq chromium >/dev/null 2>&1 || fail "chromium is missing (apt-get install chromium)"
fi
dotnet tool restore >/dev/null 2>&1 || echo "dotnet tool restore failed: circuit counts will show '?'" >&2

work=$(mktemp -d /tmp/barberpro-load.XXXXXX)
app_pid=
stop_app() {
  [ -n "$app_pid" ] || return 0
  kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null; app_pid=
}
trap 'stop_app; rm -rf "$work"' EXIT

# start_app DIR PORT [VAR=VALUE…]: the app on a fresh SQLite file in DIR; sets app_pid and app_started_ms.
start_app() {
  local dir=$1 port=$2; shift 2
  mkdir -p "$dir"
  app_started_ms=$(date +%s%3N)
  ( cd "$web_dir" && exec env \
      ASPNETCORE_ENVIRONMENT=Testing \
      ASPNETCORE_URLS="http://127.0.0.1:$port" \
      App__StaticWebAssetsFromBuild=true \
      App__PublicBaseUrl="http://127.0.0.1:$port" \
      ConnectionStrings__BarberPro="Data Source=$dir/barberpro.db" \
      Demo__Seed=true \
      RateLimiting__Token__PerIp=1000000 RateLimiting__Token__PerUser=1000000 \
      RateLimiting__Register__PerIp=1000000 RateLimiting__Register__PerUser=1000000 \
      RateLimiting__Account__PerIp=1000000 RateLimiting__Account__PerUser=1000000 \
      RateLimiting__Bookings__PerIp=1000000 RateLimiting__Bookings__PerUser=1000000 \
      Realtime__ConnectionsPerIp=100000 Realtime__ConnectionsPerUser=100000 \
      Circuits__Memory__MinIntervalSeconds=5 \
      Logging__LogLevel__Default=Warning \
      Logging__LogLevel__BarberPro.Web.Features.WarmUp=Information \
      "$@" \
      dotnet BarberPro.Web.dll ) >"$dir/app.log" 2>&1 &
  app_pid=$!
}
wait_ready() {
  local url=$1
  for _ in $(seq 1 480); do
    kill -0 "$app_pid" 2>/dev/null || { tail -n 30 "$work"/*/app.log >&2; fail "the app exited before it answered"; }
    curl -fsS --max-time 2 -o /dev/null "$url/api/health" 2>/dev/null && return 0
    sleep 0.25
  done
  fail "the app did not answer within 120 s"
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }
echo "Load suite, $(date -u '+%F %H:%M UTC'), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average $(load_average)"

status=0
if [ -n "$only_warm" ]; then
  :
elif [ -z "$url" ]; then
  port=$(free_port) || fail "no free port"
  # APP_SETTINGS="VAR=VALUE …": more settings for the app (e.g. DOTNET_gcServer=0 to compare garbage collectors).
  start_app "$work/app" "$port" ${APP_SETTINGS:-}
  url="http://127.0.0.1:$port"
  wait_ready "$url"
  echo "App: $configuration build, pid $app_pid, $url, SQLite $work/app/barberpro.db"
  pass+=(--server-pid "$app_pid")
fi
[ -z "$only_warm" ] && { dotnet "$load_dll" --url "$url" "${pass[@]}" || status=1; }
stop_app

if [ -n "$warm" ]; then
  echo
  echo "Warm start: a fresh process on an empty data folder, then 8 clients on one availability day (closed loop)"
  seconds=$warm_seconds; [ -n "$smoke" ] && seconds=3
  n=0
  for variant in ${WARM_VARIANTS:-WarmUp__Enabled=false WarmUp__Enabled=true}; do
    port=$(free_port) || fail "no free port"
    n=$(( n + 1 ))
    # A variant is VAR=VALUE[,VAR=VALUE…]: the app's settings or the runtime's (DOTNET_TieredPGO=0, …).
    IFS=, read -r -a settings <<<"$variant"
    start_app "$work/warm-$n" "$port" "${settings[@]}"
    # With the warm-up on, the process is "ready" when it has warmed (what a load balancer's readiness check would
    # wait for): the load starts then, and first200 counts from the launch to that moment.
    if [[ "$variant" == *WarmUp__Enabled=true* ]]; then
      for _ in $(seq 1 240); do grep -q "Warm-up" "$work/warm-$n/app.log" 2>/dev/null && break; sleep 0.25; done
      grep -h "Warm-up" "$work/warm-$n/app.log" | head -n 1 | sed 's/^ */  /'
    fi
    echo -n "$variant: "
    dotnet "$load_dll" warm --url "http://127.0.0.1:$port" --since-unix-ms "$app_started_ms" --seconds "$seconds" || status=1
    stop_app
  done
fi
echo "Load average at the end: $(load_average)"
exit "$status"
