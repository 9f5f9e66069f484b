#!/usr/bin/python3
"""Population screening on Dask distributed: one task per shard, each running the `relief` binary.

Every task runs `relief screen EXPORT --shard K/N --out OUT/shards/K` on whichever worker the scheduler picks;
the driver then merges the shard outputs with `relief screen --merge`, which writes the same bytes a single
`relief screen EXPORT --out OUT` would. Relief does the sharding itself (patient hash), so the export needs no
preparation; EXPORT and OUT must be paths every worker can read and write (one machine, NFS, a mounted bucket).

    /usr/bin/python3 deploy/dask/screen_dask.py --relief /opt/relief/relief --export /data/export \
        --out /data/screen --shards 8 --workers 2 --as-of 2026-11-21

Without --scheduler a LocalCluster is started on 127.0.0.1 (worker processes over TCP, no dashboard); with
--scheduler tcp://host:8786 the tasks go to an existing cluster. A JSON line on stdout reports the timings
and which worker ran each shard.
"""

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import time


def run_shard(relief, export, out, shard, shards, as_of, threads):
    """One Dask task: screen one shard with the relief binary; returns what the driver reports."""
    from distributed import get_worker

    target = os.path.join(out, "shards", f"{shard:05d}")
    command = relief + ["screen", *export, "--shard", f"{shard}/{shards}", "--out", target,
                        "--threads", str(threads), "--progress", "plain"]
    if as_of:
        command += ["--as-of", as_of]
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True)
    return {
        "shard": shard,
        "exit": result.returncode,
        "seconds": round(time.monotonic() - started, 3),
        "worker": get_worker().address,
        "stderr": result.stderr[-2000:],
        "out": target,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--relief", required=True, help="the relief command, e.g. /opt/relief/relief or 'dotnet relief.dll'")
    parser.add_argument("--export", required=True, nargs="+", help="export directory, files or manifest (as for relief screen)")
    parser.add_argument("--out", required=True, help="output directory (shards go to OUT/shards/K)")
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="worker processes of the LocalCluster")
    parser.add_argument("--threads", type=int, default=0, help="threads per relief task (default: cores / workers)")
    parser.add_argument("--as-of", default=None)
    parser.add_argument("--scheduler", default=None, help="an existing scheduler address instead of a LocalCluster")
    parser.add_argument("--keep-shards", action="store_true", help="keep OUT/shards after the merge")
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    relief = shlex.split(args.relief)
    threads = args.threads or max(1, (os.cpu_count() or 1) // args.workers)
    started = time.monotonic()
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        # Loopback only, worker processes over TCP, no dashboard: nothing listens beyond this machine.
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, protocol="tcp",
                               host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    try:
        scheduler = client.scheduler.address
        futures = [client.submit(run_shard, relief, args.export, args.out, k, args.shards, args.as_of, threads,
                                 key=f"relief-shard-{k}", pure=False)
                   for k in range(args.shards)]
        results = sorted(client.gather(futures), key=lambda r: r["shard"])
        screened = time.monotonic()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    failed = [r for r in results if r["exit"] != 0]
    for r in failed:
        sys.stderr.write(f"shard {r['shard']} failed (exit {r['exit']}):\n{r['stderr']}\n")
    if failed:
        return 1

    merge = subprocess.run(relief + ["screen", "--merge", *[r["out"] for r in results], "--out", args.out],
                           capture_output=True, text=True)
    if merge.returncode != 0:
        sys.stderr.write(merge.stderr)
        return merge.returncode
    if not args.keep_shards:
        shutil.rmtree(os.path.join(args.out, "shards"))
    print(json.dumps({
        "scheduler": scheduler,
        "workers": sorted({r["worker"] for r in results}),
        "shards": args.shards,
        "screen_seconds": round(screened - started, 3),
        "total_seconds": round(time.monotonic() - started, 3),
        "tasks": [{k: r[k] for k in ("shard", "worker", "seconds")} for r in results],
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
