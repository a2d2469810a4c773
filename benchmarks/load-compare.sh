#!/usr/bin/env bash
# Load comparison with the bare servlet (issue 14 item 1). One JVM (io.jwtgate.bench.LoadTarget)
# serves the same small JSON servlet in embedded Jetty 12 on one port per variant: bare, and
# behind JwtAuthFilter with an HS256 token on /** -> authenticated (hs256), a scope: rule (scope),
# HTTP Basic answered from the cache (basic), an ES256 token (es256), and an HS256 token with
# 1,000,000 other tokens revoked in memory (revoked), and HS256 with the verified-token cache off
# (nocache). One wrk drives them one after the other:
# each round is bare, every variant, bare again, and a variant's ratio is its throughput over the
# mean of the two bare runs around it (the bare run closing a round opens the next), so a drift of
# the machine during a round cancels out. Prints every run, the ratios per round, and per variant
# the median ratio and the spread.
#
# Usage: benchmarks/load-compare.sh [rounds, default 3] [seconds per run, default 12]
# Environment:
#   VARIANTS="hs256 scope basic es256 revoked nocache"  the filter variants to drive (bare always runs);
#                            add barehdr for the bare servlet sent hs256's Authorization header, which
#                            the servlet ignores: what carrying a token costs the container alone
#   WARMUP=8                 seconds of warm-up per port before the first round
#   WRK_THREADS=2 WRK_CONNECTIONS=32  wrk's load (the issue's figures used 2 and 32)
#   REVOCATIONS=1000000      revoked tokens held by the revoked variant
#   PROFILE_DIR=/some/dir    after the rounds, record JFR (settings=profile) during one more bare
#                            run and one more hs256 run (PROFILE_SECONDS each, default 20) into
#                            bare.jfr and hs256.jfr there, and aggregate them with JfrHotFrames
#                            into bare-frames.txt and hs256-frames.txt
#   SERVER_JVM_OPTS="-Xms2g -Xmx2g"  options of the server JVM (add -Dload.header-cache=off for Jetty
#                            without its header cache; by default it is case-sensitive, as operations.md says)
#   MAVEN_FLAGS="-o -Dmaven.repo.local=..."  added to every mvn call; SKIP_BUILD=1 reuses the last build
# Tokens, the Basic password and the keys live only in a private temporary directory that is
# removed at exit; nothing this script prints or keeps holds them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"
SECONDS_PER_RUN="${2:-12}"
VARIANTS="${VARIANTS:-hs256 scope basic es256 revoked nocache}"
WARMUP="${WARMUP:-8}"
WRK_THREADS="${WRK_THREADS:-2}"
WRK_CONNECTIONS="${WRK_CONNECTIONS:-32}"
REVOCATIONS="${REVOCATIONS:-1000000}"
SERVER_JVM_OPTS="${SERVER_JVM_OPTS:--Xms2g -Xmx2g}"
# Jetty's stacks are deeper than JFR's default 64 frames: the filter's frame must stay in them.
[ -n "${PROFILE_DIR:-}" ] && SERVER_JVM_OPTS="$SERVER_JVM_OPTS -XX:FlightRecorderOptions:stackdepth=256"
MVN="mvn -q -B ${MAVEN_FLAGS:-}"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

if [ -z "${SKIP_BUILD:-}" ]; then
  $MVN -DskipTests install
  $MVN -f benchmarks/pom.xml -DskipTests package
fi
CP_FILE=benchmarks/target/load-classpath.txt
if [ -z "${SKIP_BUILD:-}" ] || [ ! -s "$CP_FILE" ]; then
  $MVN -f benchmarks/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$CP_FILE" >/dev/null
fi
CP="benchmarks/target/classes:$(cat "$CP_FILE")"

WORK="$(mktemp -d)"   # rwx------: the targets file with the tokens, the stores, the ES256 key
SERVER=""
cleanup() {
  exec 3>&- 2>/dev/null || true
  if [ -n "$SERVER" ]; then
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
mkfifo "$WORK/stdin"

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(wrk --version 2>&1 | head -1 | cut -c1-40)"
echo "rounds=$ROUNDS seconds=$SECONDS_PER_RUN warmup=$WARMUP wrk -t$WRK_THREADS -c$WRK_CONNECTIONS variants: $VARIANTS"
# shellcheck disable=SC2086
SERVED=$(tr ' ' '\n' <<< "$VARIANTS" | grep -vx barehdr | tr '\n' ' ')
case " $VARIANTS " in *" barehdr "*) case " $SERVED " in *" hs256 "*) ;; *) SERVED="$SERVED hs256" ;; esac ;; esac
java $SERVER_JVM_OPTS -Dload.revocations="$REVOCATIONS" -cp "$CP" io.jwtgate.bench.LoadTarget "$WORK" bare $SERVED \
  < "$WORK/stdin" > "$WORK/server.log" 2>&1 &
SERVER=$!
exec 3> "$WORK/stdin"   # the server runs while this stays open
for _ in $(seq 1 600); do
  grep -q '^READY' "$WORK/server.log" && break
  kill -0 "$SERVER" 2>/dev/null || { echo "server failed:" >&2; cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.5
done
grep -q '^READY' "$WORK/server.log" || { echo "server not ready" >&2; exit 1; }

declare -A PORT HEADER
while read -r name port header; do
  PORT[$name]=$port
  HEADER[$name]=$header
done < "$WORK/targets"
PORT[barehdr]=${PORT[bare]}
HEADER[barehdr]=${HEADER[hs256]:--}

# The server JVM's CPU time so far, in microseconds (user + system, from /proc).
cpu_micros() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000000 / hz }' "/proc/$SERVER/stat"
}

# One wrk run against a variant for $2 seconds; prints requests/s. Any non-2xx answer or socket
# error fails the run: a 401 would measure the refusal path, not the filter.
drive() {
  local name="$1" secs="$2" out
  local args=(-t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${secs}s")
  [ "${HEADER[$name]}" != "-" ] && args+=(-H "Authorization: ${HEADER[$name]}")
  local before after
  before=$(cpu_micros)
  out=$(wrk "${args[@]}" "http://127.0.0.1:${PORT[$name]}/api/hello")
  after=$(cpu_micros)
  if grep -qE 'Non-2xx|Socket errors' <<< "$out"; then
    echo "run $name: $(grep -E 'Non-2xx|Socket errors' <<< "$out")" >&2
    exit 1
  fi
  awk '/Requests\/sec/ {print $2}' <<< "$out"
  # The server's CPU per request (both cores, JIT and GC included) beside the throughput.
  awk -v cpu="$((after - before))" '/requests in/ { printf "%.1f", cpu / $1 }' <<< "$out" > "$WORK/last-cpu"
}

for name in bare $VARIANTS; do
  drive "$name" "$WARMUP" >/dev/null
done

declare -A RATIOS
BARE_BEFORE=$(drive bare "$SECONDS_PER_RUN")
BARE_CPU_BEFORE=$(cat "$WORK/last-cpu")
for round in $(seq 1 "$ROUNDS"); do
  declare -A RPS=() CPU=()
  for name in $VARIANTS; do
    RPS[$name]=$(drive "$name" "$SECONDS_PER_RUN")
    CPU[$name]=$(cat "$WORK/last-cpu")
  done
  BARE_AFTER=$(drive bare "$SECONDS_PER_RUN")
  BARE_CPU_AFTER=$(cat "$WORK/last-cpu")
  line="round $round: bare $BARE_BEFORE / $BARE_AFTER req/s ($BARE_CPU_BEFORE / $BARE_CPU_AFTER us CPU)"
  for name in $VARIANTS; do
    ratio=$(awk -v v="${RPS[$name]}" -v a="$BARE_BEFORE" -v b="$BARE_AFTER" 'BEGIN { printf "%.3f", 2 * v / (a + b) }')
    RATIOS[$name]="${RATIOS[$name]:-} $ratio"
    line="$line | $name ${RPS[$name]} ($ratio, ${CPU[$name]} us)"
  done
  echo "$line"
  BARE_BEFORE=$BARE_AFTER
  BARE_CPU_BEFORE=$BARE_CPU_AFTER
done

echo
printf '%-8s %-40s %7s %7s %7s\n' variant "ratio filter/bare per round" median min max
for name in $VARIANTS; do
  # shellcheck disable=SC2086
  printf '%s\n' ${RATIOS[$name]} | sort -n | awk -v name="$name" -v all="${RATIOS[$name]}" '
    { r[NR] = $1 }
    END {
      med = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
      printf "%-8s %-40s %7.3f %7.3f %7.3f\n", name, all, med, r[1], r[NR]
    }'
done

if [ -n "${PROFILE_DIR:-}" ]; then
  mkdir -p "$PROFILE_DIR"
  for name in bare hs256; do
    jcmd "$SERVER" JFR.start name="load-$name" settings=profile filename="$(realpath "$PROFILE_DIR")/$name.jfr" >/dev/null
    rps=$(drive "$name" "${PROFILE_SECONDS:-20}")
    jcmd "$SERVER" JFR.stop name="load-$name" >/dev/null
    echo "profiled $name: $rps req/s, server CPU $(cat "$WORK/last-cpu") us per request (JFR on) -> $PROFILE_DIR/$name.jfr"
  done
  for name in bare hs256; do
    java -cp "$CP" io.jwtgate.bench.JfrHotFrames "$PROFILE_DIR/$name.jfr" 25 > "$PROFILE_DIR/$name-frames.txt"
    echo "aggregated frames: $PROFILE_DIR/$name-frames.txt"
  done
fi
