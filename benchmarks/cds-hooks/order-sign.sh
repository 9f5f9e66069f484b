#!/usr/bin/env bash
# Whole-request timing of a reference order-sign request (issue 11: under 10 ms end to end) against the real
# `relief serve` on loopback: HTTP, request parsing, record, assessment (evidence, safety, monitoring, opioid review,
# safer alternatives) and cards. One client, sequential requests, so the figure is latency, not throughput.
# Usage: benchmarks/cds-hooks/order-sign.sh [requests]   (default 500 after 100 warm-up requests)
# Token checks are off (--insecure-no-auth): curl cannot sign a fresh jti per request; docs/performance.md gives the JWT cost apart.
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-500}; port=5191
out=$(mktemp -d)
examples=../shared/data/cds-hooks-requests/requests
dotnet build src/Relief.Cli -c Release -v q >/dev/null
dotnet build benchmarks/Relief.Benchmarks -c Release -v q >/dev/null
for name in OpioidCDSREC10OrderSign/request-example-rec-10-order-sign-illicit-drugs OpioidCDSREC08OrderSign/request-example-rec-08-order-sign-mme-greater-than-fifty; do
  dotnet benchmarks/Relief.Benchmarks/bin/Release/net10.0/Relief.Benchmarks.dll opioid-request "$examples/$name.json" "$out/$(basename "$name").json"
done
src/Relief.Cli/bin/Release/net10.0/relief serve --port $port --insecure-no-auth --store "$out/relief.db" >"$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$out"' EXIT
until curl -sf http://127.0.0.1:$port/readyz >/dev/null; do sleep 0.5; done
url=http://127.0.0.1:$port/cds-services/relief-order-sign
for body in "$out"/request-example-*.json; do
  echo "== $(basename "$body" .json): $(curl -s -X POST -H 'Content-Type: application/json' --data-binary @"$body" "$url" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["cards"]), "cards")')"
  for i in $(seq 100); do curl -s -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary @"$body" "$url"; done
  for i in $(seq "$count"); do curl -s -o /dev/null -w '%{time_total}\n' -X POST -H 'Content-Type: application/json' --data-binary @"$body" "$url"; done \
    | sort -n | awk '{a[NR]=$1} END {printf "n %d: min %.2f ms, median %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n", NR, a[1]*1000, a[int(NR*0.5)]*1000, a[int(NR*0.95)]*1000, a[int(NR*0.99)]*1000, a[NR]*1000}'
done
