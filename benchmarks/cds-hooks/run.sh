#!/usr/bin/env bash
# Load test of `relief serve` with wrk (Debian package), loopback only, bounded duration.
# Usage: benchmarks/cds-hooks/run.sh [seconds] [connections]
# Prints wrk's latency distribution for a ~1 MB and the 3.9 MB Synthea patient-view request, and the
# server's resident memory sampled every 5 s during the first run. Token checks are off (--insecure-no-auth):
# wrk cannot sign a fresh jti per request; docs/performance.md gives the JWT cost measured apart.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}; connections=${2:-8}; port=5190
out=$(mktemp -d)
dotnet build src/Relief.Cli -c Release -v q >/dev/null
python3 benchmarks/cds-hooks/make-request.py ../shared/data/synthea-r4/Gilberto_Orosco_6ece62f3-283c-4387-aa9b-affba8ebf4c3.json "$out/1mb.json"
python3 benchmarks/cds-hooks/make-request.py ../shared/data/synthea-r4/Fletcher_Hyatt_fe0562b5-f517-4951-8366-32fdab088930.json "$out/synthea.json"
ls -l "$out"/*.json
src/Relief.Cli/bin/Release/net10.0/relief serve --port $port --insecure-no-auth --store "$out/relief.db" >"$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$out"' EXIT
until curl -sf http://127.0.0.1:$port/readyz >/dev/null; do sleep 0.5; done
url=http://127.0.0.1:$port/cds-services/relief-patient-view
for body in 1mb synthea; do
  echo "== warm-up $body (10 s)"; BODY="$out/$body.json" wrk -t2 -c2 -d10s -s benchmarks/cds-hooks/post.lua "$url" >/dev/null
done
echo "== single request, 3.9 MB Synthea record, end to end (curl, 20 sequential calls)"
for i in $(seq 20); do curl -s -o /dev/null -w '%{time_total}\n' -X POST -H 'Content-Type: application/json' --data-binary @"$out/synthea.json" "$url"; done | sort -n | awk '{a[NR]=$1} END {printf "min %.1f ms, median %.1f ms, max %.1f ms\n", a[1]*1000, a[int((NR+1)/2)]*1000, a[NR]*1000}'
for body in 1mb synthea; do
  echo "== $body: wrk -t2 -c$connections -d${seconds}s --latency"
  ( for s in $(seq 0 5 "$seconds"); do ps -o rss= -p $server; sleep 5; done | awk '{printf "rss %.0f MB\n", $1/1024}' | sort -t' ' -k2 -n | tail -1 | sed 's/^/max /' ) &
  sampler=$!
  BODY="$out/$body.json" wrk -t2 -c"$connections" -d"${seconds}s" --latency -s benchmarks/cds-hooks/post.lua "$url"
  wait $sampler
done
