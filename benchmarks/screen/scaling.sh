#!/usr/bin/env bash
# Why 2 threads cost more CPU than 1 (issue 10: "near-linear from 1 to 2 cores"), split into its two causes.
# For the integrator's QUIET window only (nothing else running): never in CI or a test.
#
#   benchmarks/screen/scaling.sh                  # the 100k cohort of run.sh
#   N=1000000 benchmarks/screen/scaling.sh
#
# Three runs of the same screen, CPU time (user+sys) of each process:
#   alone   one `--threads 1` process pinned to core 0, the other core idle
#   pair    two `--threads 1` processes at once, one pinned to each core (each does the whole screen)
#   two     one `--threads 2` process on both cores
# pair/alone is what the machine charges for running both cores at once (two vCPUs that are hyperthreads of
# one physical core, a shared cache, memory bandwidth): no change to Relief can remove it. two/pair is what
# Relief's own threading costs on top (GC suspensions, spinning, contention between its stages). The closing
# per-phase lines (wall / CPU) of every run are printed too, and `perf stat` counts for the 2-thread run.
set -euo pipefail
cd "$(dirname "$0")/../.."

RELIEF=${RELIEF:-bin/relief}
WORK=${WORK:-/tmp/relief-screen-bench}
N=${N:-100000}
ASOF=2026-11-21
cohort="$WORK/c$N"
[ -x "$RELIEF" ] || { echo "no $RELIEF: run scripts/publish first, or set RELIEF=" >&2; exit 2; }
[ -f "$cohort/manifest.json" ] || "$RELIEF" synth --patients "$N" --seed 42 --out "$cohort" >/dev/null
mkdir -p "$WORK/scaling"

# CPU seconds (user+sys) of a finished /usr/bin/time -f "%U %S" log.
cpu() { awk '{ print $1 + $2 }' "$1"; }

screen() { # label core threads
  local label=$1 core=$2 threads=$3
  /usr/bin/time -f "%U %S %e" -o "$WORK/scaling/$label.time" taskset -c "$core" "$RELIEF" screen "$cohort" \
    --out "$WORK/scaling/out-$label" --as-of $ASOF --threads "$threads" --progress none 2>"$WORK/scaling/$label.err" >/dev/null
}

echo "relief: $RELIEF, $N patients ($(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores)"
lscpu | grep -E "Model name|Thread\(s\) per core|Hypervisor" || true

screen alone 0 1
screen pair-a 0 1 & screen pair-b 1 1 & wait
screen two 0,1 2
perf stat -e task-clock,context-switches,cpu-migrations -o "$WORK/scaling/two.perfstat" \
  taskset -c 0,1 "$RELIEF" screen "$cohort" --out "$WORK/scaling/out-perf" --as-of $ASOF --threads 2 --progress none >/dev/null 2>&1 || true

alone=$(cpu "$WORK/scaling/alone.time")
pair=$(python3 -c "print(($(cpu "$WORK/scaling/pair-a.time") + $(cpu "$WORK/scaling/pair-b.time")) / 2)")
two=$(cpu "$WORK/scaling/two.time")
echo
echo "| run | CPU s (user+sys) | wall s | vs alone |"
echo "|---|---:|---:|---:|"
for label in alone pair-a pair-b two; do
  c=$(cpu "$WORK/scaling/$label.time"); w=$(awk '{ print $3 }' "$WORK/scaling/$label.time")
  echo "| $label | $c | $w | $(python3 -c "print(f'{$c / $alone:.2f}x')") |"
done
echo
python3 -c "print(f'machine (pair/alone): {$pair / $alone:.2f}x CPU for the same work; Relief threading (two/pair): {$two / $pair:.2f}x')"
echo
for label in alone pair-a two; do echo "$label: $(grep 'time per phase' "$WORK/scaling/$label.err" || true)"; done
grep -E "task-clock|context-switches|cpu-migrations" "$WORK/scaling/two.perfstat" || true
for f in findings.ndjson findings.parquet summary.json; do
  cmp -s "$WORK/scaling/out-alone/$f" "$WORK/scaling/out-two/$f" || echo "DIFFERENT $f between 1 and 2 threads"
done
