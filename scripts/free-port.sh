#!/usr/bin/env bash
# Sourced by every script that starts a server on loopback (scripts/throwaway-postgres.sh, scripts/throwaway-redis.sh,
# scripts/two-nodes.sh, bench/load/run.sh, bench/run-analytics.sh): the one place that picks their ports.
#
#   free_ports N    prints N distinct ports, separated by spaces, that nothing listens on; returns 1 when it finds none
#   free_port       one such port
#
# The ports are below the kernel's ephemeral range (net.ipv4.ip_local_port_range, 32768–60999 on Debian), and above
# 10000. Inside that range, a port free when picked can be given to an outgoing connection (an app's to PostgreSQL,
# a health check's curl) before the server binds it: nginx then fails with "Address already in use", which is how a CI
# run failed. Outside it, only a listener can take a port, and the pick checks for those. FREE_PORT_RANGE="FROM TO"
# (inclusive) picks elsewhere.

free_ports() {
  local count=${1:-1} low high from to port tries=0 picked=()
  if [ -n "${FREE_PORT_RANGE:-}" ]; then
    read -r from to <<<"$FREE_PORT_RANGE"
  else
    read -r low high </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || { low=32768; high=60999; }
    if (( low - 10000 >= 2000 )); then from=10000; to=$(( low - 1 )); else from=$(( high + 1 )); to=65535; fi
  fi
  while (( ${#picked[@]} < count )); do
    (( tries++ < count * 20 + 100 )) || return 1
    port=$(( from + (RANDOM * 32768 + RANDOM) % (to - from + 1) ))
    [[ " ${picked[*]} " == *" $port "* ]] && continue
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    picked+=("$port")
  done
  echo "${picked[*]}"
}

free_port() { free_ports 1; }
