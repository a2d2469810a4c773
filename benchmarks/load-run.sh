#!/usr/bin/env bash
# Load run: the sample WAR in embedded Jetty on this machine, hit with wrk over loopback.
# Compares, in one run, a public path (the filter matches the rule and passes), a Bearer-protected
# path (signature, claims, revocation look-up, request wrapper) and the same path with Basic
# (cached after the first bcrypt check). Figures go into docs/performance.md as ratios.
# Usage: benchmarks/load-run.sh [seconds per run, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-15}"
PORT="${PORT:-18090}"
export PORT
export JWTGATE_DATA_DIR="$(mktemp -d)"
export DEMO_PASSWORD="load-run-password"
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

mvn -q -B -DskipTests install
mvn -q -B -f webapp-sample/pom.xml -DskipTests package
mvn -q -B -f webapp-sample/pom.xml -DskipTests exec:java > "$JWTGATE_DATA_DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$JWTGATE_DATA_DIR"' EXIT
for _ in $(seq 1 120); do curl -sf "$BASE/public/health" >/dev/null && break; sleep 1; done

TOKEN=$(curl -s -X POST "$BASE/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"alice\",\"password\":\"$DEMO_PASSWORD\"}" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
BASIC=$(printf 'alice:%s' "$DEMO_PASSWORD" | base64 -w0)

run() {
  local name="$1"; shift
  # warm-up, then the measured run; 2 threads and 32 connections on a 2-core machine
  wrk -t2 -c32 -d5s "$@" >/dev/null
  local rps
  rps=$(wrk -t2 -c32 -d"${SECONDS_PER_RUN}s" --latency "$@" | awk '/Requests\/sec/ {print $2}')
  printf '%-28s %10s req/s\n' "$name" "$rps" >&2
  echo "$rps"
}

PUBLIC=$(run "public (permit)" "$BASE/public/health")
BEARER=$(run "bearer /api/hello" -H "Authorization: Bearer $TOKEN" "$BASE/api/hello")
BASICR=$(run "basic /api/hello (cached)" -H "Authorization: Basic $BASIC" "$BASE/api/hello")
awk -v p="$PUBLIC" -v b="$BEARER" -v c="$BASICR" 'BEGIN {
  printf "bearer / public throughput: %.2f\nbasic (cached) / public throughput: %.2f\n", b / p, c / p }'
