"""The GIL is released while crv-io works: another Python thread runs during an append."""

from __future__ import annotations

import dataclasses
import threading
import time

import numpy as np

import crv_io


def test_a_second_thread_runs_during_a_long_append(settings):
    # Rows enough for an append of a few tenths of a second: at 600k rows it had become
    # shorter than the 50 ms this test needs to tell.
    n = 3_000_000
    ticks = np.arange(n, dtype=np.int64)
    frame = crv_io.DataFrame({
        "tick": ticks,
        "observer_agent_id": np.tile(np.array(["A%d" % i for i in range(1000)], dtype=object), n // 1000),
        "edge_kind": ["self_to_positive_valence"] * n,
        "edge_weight": ticks / 7.0,
    })  # converted before the timing: the append itself is C++ only
    ds = crv_io.Dataset(dataclasses.replace(settings, inline_max_rows=0, tick_bucket_size=n), "run_gil")

    stamps = []
    stop = threading.Event()

    def spin():
        while not stop.is_set():
            stamps.append(time.perf_counter())
            for _ in range(200):
                pass

    thread = threading.Thread(target=spin)
    thread.start()
    time.sleep(0.05)
    start = time.perf_counter()
    ds.append("identity_edges", frame)
    end = time.perf_counter()
    stop.set()
    thread.join()

    elapsed = end - start
    assert elapsed > 0.05, f"the append took {elapsed:.3f}s, too short to tell"
    middle = [s for s in stamps if start + 0.2 * elapsed < s < end - 0.2 * elapsed]
    # Held, the GIL would stop the thread for the whole append (no stamp in its middle).
    assert len(middle) > 10, f"{len(middle)} iterations of the other thread in a {elapsed:.3f}s append"
    assert ds.scan("identity_edges").count() == n
