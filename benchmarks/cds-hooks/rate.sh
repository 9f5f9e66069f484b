#!/usr/bin/env bash
# Latency at a fixed request rate (issue 7: patient-view with a ~1 MB prefetch, p99 < 15 ms at >= 500 req/s).
# wrk (run.sh) drives the server to saturation, where latency is queueing; this script holds the rate with hey
# (Debian package `hey`: -c workers x -q requests/s each) and reports the latency distribution at that rate,
# with the server's peak resident memory. Loopback only; token checks off (--insecure-no-auth), as run.sh.
# Usage: benchmarks/cds-hooks/rate.sh [seconds] [rate] [workers]   (default 60 s at 500 req/s from 10 workers)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}; rate=${2:-500}; workers=${3:-10}; port=5192
out=$(mktemp -d)
dotnet build src/Relief.Cli -c Release -v q >/dev/null
python3 benchmarks/cds-hooks/make-request.py ../shared/data/synthea-r4/Gilberto_Orosco_6ece62f3-283c-4387-aa9b-affba8ebf4c3.json "$out/1mb.json"
ls -l "$out/1mb.json"
src/Relief.Cli/bin/Release/net10.0/relief serve --port $port --insecure-no-auth --store "$out/relief.db" >"$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$out"' EXIT
until curl -sf http://127.0.0.1:$port/readyz >/dev/null; do sleep 0.5; done
url=http://127.0.0.1:$port/cds-services/relief-patient-view
hey -z 10s -c $workers -q $((rate / workers)) -m POST -T application/json -D "$out/1mb.json" "$url" >/dev/null
( peak=0; for s in $(seq 0 2 "$seconds"); do r=$(ps -o rss= -p $server); [ "$r" -gt "$peak" ] && peak=$r; sleep 2; done; echo "server peak RSS $((peak / 1024)) MB" ) &
sampler=$!
echo "== patient-view, $(stat -c %s "$out/1mb.json") bytes, ${rate} req/s for ${seconds} s ($workers workers)"
/usr/bin/time -f "load generator (hey): %U s user + %S s sys CPU over %e s" hey -z "${seconds}s" -c $workers -q $((rate / workers)) -m POST -T application/json -D "$out/1mb.json" "$url" \
  | sed -n '/Summary/,/Status code distribution/p'
wait $sampler
