#!/usr/bin/env bash
# Scaling measurements of `relief screen` (issue 10), for the integrator to run in a QUIET window (no other
# builds or tests on the machine): never in CI, never from a test. Prints a Markdown table to stdout and keeps
# every run's /usr/bin/time -v output and closing line under $WORK/logs.
#
#   benchmarks/screen/run.sh                    # 10k, 100k and 1M synthetic patients
#   SIZES="10000 100000" benchmarks/screen/run.sh
#   RELIEF=src/Relief.Cli/bin/Release/net10.0/relief benchmarks/screen/run.sh   # the JIT build instead of bin/relief
#
# Per size: 2 threads on 2 cores, 1 thread pinned to one core (taskset -c 0), shard 0 of 4 alone (what one
# cluster task costs when the export is not pre-partitioned); at 100k also Dask with 1 and 2 workers (4 shards,
# 1 thread per task). Columns: wall, user+sys CPU, CPU seconds per MB of NDJSON (the figure that barely depends on
# machine load), MB/s and patients/s on the wall clock, max RSS. Outputs of the 1- and 2-thread runs are compared
# byte for byte.
set -euo pipefail
cd "$(dirname "$0")/../.."

RELIEF=${RELIEF:-bin/relief}
WORK=${WORK:-/tmp/relief-screen-bench}
SIZES=${SIZES:-"10000 100000 1000000"}
ASOF=2026-11-21
if [ ! -x "$RELIEF" ]; then
  echo "no $RELIEF: run scripts/publish first (Native AOT), or set RELIEF=src/Relief.Cli/bin/Release/net10.0/relief" >&2
  exit 2
fi
mkdir -p "$WORK/logs"

# One measured run: label, then the command. Appends a table row.
measure() {
  local label=$1 mb=$2 patients=$3; shift 3
  local log="$WORK/logs/$label.time"
  /usr/bin/time -v -o "$log" "$@" >"$WORK/logs/$label.out" 2>"$WORK/logs/$label.err"
  python3 - "$log" "$label" "$mb" "$patients" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def field(name):
    return re.search(re.escape(name) + r":\s*(.+)", text).group(1).strip()
user, sys_ = float(field("User time (seconds)")), float(field("System time (seconds)"))
wall_text = field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
wall = sum(float(p) * 60 ** i for i, p in enumerate(reversed(wall_text)))
rss = int(field("Maximum resident set size (kbytes)")) / 1024
mb, patients = float(sys.argv[3]), float(sys.argv[4])
cpu = user + sys_
print(f"| {sys.argv[2]} | {mb:.1f} | {wall:.2f} s | {cpu:.2f} s | {cpu / mb * 1000:.1f} ms | {mb / wall:.1f} | {patients / wall:,.0f} | {rss:.0f} MB |")
PY
}

echo "relief: $RELIEF ($(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores)"
echo
echo "| run | NDJSON MB | wall | CPU (user+sys) | CPU per MB | MB/s (wall) | patients/s (wall) | max RSS |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  cohort="$WORK/c$n"
  [ -f "$cohort/manifest.json" ] || "$RELIEF" synth --patients "$n" --seed 42 --out "$cohort" >/dev/null
  mb=$(python3 -c "import json,os,sys; d=sys.argv[1]; m=json.load(open(os.path.join(d,'manifest.json'))); print(sum(os.path.getsize(os.path.join(d,o['url'])) for o in m['output'])/1e6)" "$cohort")
  measure "screen-${n}-2threads" "$mb" "$n" "$RELIEF" screen "$cohort" --out "$WORK/out-$n-t2" --as-of $ASOF --threads 2 --progress none
  measure "screen-${n}-1thread-1core" "$mb" "$n" taskset -c 0 "$RELIEF" screen "$cohort" --out "$WORK/out-$n-t1" --as-of $ASOF --threads 1 --progress none
  measure "screen-${n}-shard0of4" "$mb" "$n" "$RELIEF" screen "$cohort" --out "$WORK/out-$n-s0" --as-of $ASOF --shard 0/4 --progress none
  for f in findings.ndjson findings.csv findings.parquet summary.json summary.md summary.html; do
    cmp -s "$WORK/out-$n-t1/$f" "$WORK/out-$n-t2/$f" || echo "| DIFFERENT $f between 1 and 2 threads at $n | | | | | | | |"
  done
  if [ "$n" = 100000 ] && /usr/bin/python3 -c "import distributed" 2>/dev/null; then
    for workers in 1 2; do
      rm -rf "$WORK/dask-$workers"
      measure "dask-${n}-${workers}workers" "$mb" "$n" /usr/bin/python3 deploy/dask/screen_dask.py --relief "$RELIEF" --export "$cohort" \
        --out "$WORK/dask-$workers" --shards 4 --workers "$workers" --threads 1 --as-of $ASOF
      cmp -s "$WORK/dask-$workers/findings.ndjson" "$WORK/out-$n-t2/findings.ndjson" || echo "| DIFFERENT Dask ($workers workers) rows at $n | | | | | | | |"
    done
  fi
done
echo
echo "Closing lines of each run (per-phase wall / CPU) are in $WORK/logs/*.err."
