#!/usr/bin/env python3
"""crv-io from Python (issue 11: appending and reading the W1 rows from Python costs at most
10% more than from C++), run by bench/runner.mjs as the engine "python" of the W1 and W4 cases:

    PYTHONPATH=BUILD/python python3 bench/peers/python_peer.py --workload W1|W4 --n N --ticks T
        [--repeat R] [--dir TMPDIR]

The rows are the benchmark rows of ../shared/bench/WORKLOADS.md, built before the timed phase
and handed over as a Polars or pyarrow user hands them: an object that has only
``__arrow_c_stream__`` (the rows are staged through crv-io itself, since neither Polars nor
pyarrow is installable here: appended once from a dict, read back, and exported through the
Arrow C stream interface). W1 times ``Dataset.append`` of that stream and ``close()`` in a
fresh root, as crv_bench W1 times append and close; W4 times ``Dataset.read`` of the whole
table and the export of the result as an Arrow C stream (what ``polars.DataFrame(result)``
asks for first), as crv_bench W4 times ``Dataset::read``. Prints one JSON line: {engine,
workload, n, seconds (median), all_seconds, peak_rss_bytes, bytes_on_disk, rows}.
"""

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time

import numpy as np

import crv_io

TABLE = "identity_edges"
RUN = "run_bench0"
EDGE_KINDS = ["self_to_object", "self_to_agent", "agent_to_object", "agent_to_agent", "object_to_object"]


def benchmark_rows(n: int, rows_per_tick: int) -> dict:
    """Rows [0, n) of the benchmark rows (bench/benchmark_rows.cpp), as a dict of columns."""
    i = np.arange(n, dtype=np.int64)
    agents = np.array([f"agent_{k}" for k in range(1000)], dtype=object)
    tokens = np.array([f"token_{k}" for k in range(50)], dtype=object)

    def some(values: np.ndarray, present: np.ndarray) -> list:
        out = values.copy()
        out[~present] = None
        return out.tolist()

    weight = ((i.astype(np.uint64) * np.uint64(2654435761)) & np.uint64(0xFFFFFFFF)).astype(np.float64) / 4294967296.0
    sign = [(1 if k % 3 == 0 else -1) if k % 2 == 0 else None for k in range(n)]
    return {
        "tick": i // rows_per_tick,
        "observer_agent_id": agents[(i * 7919) % 1000].tolist(),
        "edge_kind": np.array(EDGE_KINDS, dtype=object)[i % 5].tolist(),
        "subject_id": some(agents[(i * 31) % 1000], i % 2 == 0),
        "object_id": some(tokens[i % 50], i % 3 == 0),
        "related_agent_id": some(agents[(i * 17) % 1000], i % 4 == 0),
        "token_id": some(tokens[i % 50], i % 5 == 0),
        "edge_weight": weight,
        "edge_sign": sign,
    }


class ArrowStream:
    """Only the Arrow C stream interface of `source`, so that append imports it as it imports a
    Polars or pyarrow frame (not through crv_io's own DataFrame)."""

    def __init__(self, source) -> None:
        self._source = source

    def __arrow_c_stream__(self, requested_schema=None):
        return self._source.__arrow_c_stream__(requested_schema)


def settle() -> None:
    """As crv_bench and the other peers: sync, then CRV_BENCH_SETTLE_MS (1000) of pause."""
    subprocess.run(["sync"], check=True)
    time.sleep(int(os.environ.get("CRV_BENCH_SETTLE_MS", "1000")) / 1000)


def bytes_on_disk(path: str) -> int:
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files)


def settings(root: str) -> crv_io.IoSettings:
    return crv_io.IoSettings(root_dir=root, tick_bucket_size=100)


def staged_rows(args, scratch: str) -> ArrowStream:
    columns = benchmark_rows(args.n, max(1, args.n // args.ticks))
    stage = os.path.join(scratch, "stage")
    dataset = crv_io.Dataset(settings(stage), RUN)
    dataset.append(TABLE, columns)
    dataset.close()
    frame = dataset.read(TABLE).select(*columns.keys())
    shutil.rmtree(stage)
    return ArrowStream(frame)


def run_append(args, scratch: str) -> dict:
    rows = staged_rows(args, scratch)
    seconds, on_disk = [], 0
    for r in range(args.repeat):
        root = os.path.join(scratch, f"w1-{r}")
        settle()
        start = time.perf_counter()
        dataset = crv_io.Dataset(settings(root), RUN)
        dataset.append(TABLE, rows)
        dataset.close()
        seconds.append(time.perf_counter() - start)
        on_disk = bytes_on_disk(root)
        if dataset.read(TABLE).height != args.n:
            raise SystemExit("W1: the appended rows do not read back")
        shutil.rmtree(root)
    return {"seconds": seconds, "bytes_on_disk": on_disk, "rows": args.n}


def run_read(args, scratch: str) -> dict:
    rows = staged_rows(args, scratch)
    root = os.path.join(scratch, "w4")
    writer = crv_io.Dataset(settings(root), RUN)
    writer.append(TABLE, rows)
    writer.close()
    settle()
    seconds, read_rows = [], 0
    dataset = crv_io.Dataset(settings(root), RUN)  # opened once, as crv_bench W4 does
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = dataset.read(TABLE)
        capsule = result.__arrow_c_stream__()
        read_rows = result.height
        del capsule, result  # freed inside the timed phase, as crv_bench's frame is
        seconds.append(time.perf_counter() - start)
    if read_rows != args.n:
        raise SystemExit(f"W4 read {read_rows} rows, expected {args.n}")
    return {"seconds": seconds, "bytes_on_disk": bytes_on_disk(root), "rows": read_rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workload", required=True, choices=["W1", "W4"])
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--ticks", type=int, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", default=tempfile.gettempdir())
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="crv-python-peer-", dir=args.dir)
    try:
        result = run_append(args, scratch) if args.workload == "W1" else run_read(args, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps({
        "engine": "python", "workload": args.workload, "n": args.n,
        "seconds": statistics.median(result["seconds"]), "all_seconds": result["seconds"],
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "bytes_on_disk": result["bytes_on_disk"], "rows": result["rows"],
    }))


if __name__ == "__main__":
    main()
