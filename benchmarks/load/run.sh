#!/usr/bin/env bash
# Load benchmark: 50 concurrent clients against `nkwatch serve` on loopback for 30 s.
# Usage: benchmarks/load/run.sh [workers] [--no-cache]   (after make bench-setup)
# or:    make bench-load [WORKERS=2] [CACHE=--no-cache]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=.venv/bin
WORKERS=${1:-2}
CACHE=${2:---cache}
PORT=${PORT:-8811}
OUT=${OUT:-/tmp/nkwatch-load}
DB=${NKWATCH_DB:-$OUT/store.duckdb}
if [ ! -x "$BIN/locust" ]; then
  echo "locust is not installed in $BIN: run 'make bench-setup' (installs the bench extra)" >&2
  exit 1
fi
mkdir -p "$OUT"
$BIN/nkwatch build --db "$DB" >/dev/null
$BIN/nkwatch serve --db "$DB" --port "$PORT" --workers "$WORKERS" "$CACHE" >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/api/overview" >/dev/null && break; sleep 0.1; done
if ! curl -fs "http://127.0.0.1:$PORT/api/overview" >/dev/null; then
  echo "nkwatch serve did not answer on port $PORT (PORT=... to change it):" >&2
  cat "$OUT/server.log" >&2
  exit 1
fi
# warm-up: 10 s of the same load (first requests fill each worker's response cache), then
# the measured 30 s
$BIN/locust -f benchmarks/load/locustfile.py --headless -u 50 -r 25 -t 10s \
  --host "http://127.0.0.1:$PORT" --only-summary >"$OUT/warmup.log" 2>&1 || true
$BIN/locust -f benchmarks/load/locustfile.py --headless -u 50 -r 10 -t 30s \
  --host "http://127.0.0.1:$PORT" --only-summary --csv "$OUT/load" >"$OUT/locust.log" 2>&1 || true
$BIN/python benchmarks/load/report.py "$OUT/load_stats.csv" "$WORKERS ${CACHE#--}"
