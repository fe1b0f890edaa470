"""The Arrow PyCapsule contract, without pyarrow: a ctypes consumer of what `read` and
scans export, and a ctypes producer handing `append` a stream (arrow_ctypes.py)."""

from __future__ import annotations

import gc
import sys

import numpy as np
import pytest

import crv_io
from arrow_ctypes import (ARRAY_NAME, SCHEMA_NAME, ArrowArray, ArrowSchema, ReleaseCounter, StreamProducer,
                          RequestedSchema, capsule_struct, consume_stream, decode, move, parse_schema)
from conftest import edges

DECISIONS = {
    "tick": [0, 1, 102],
    "agent_id": ["a", "b", "c"],
    "chosen_action": [{"kind": "buy", "qty": 2}, {"kind": "hold", "qty": None}, {"kind": "sell", "qty": 1}],
    "action_candidates": [[{"kind": "buy", "score": 0.5}, {"kind": "hold", "score": 0.25}], [],
                          [{"kind": "sell", "score": None}]],
    "token_value_estimates": [{"T1": 1.5}, {"T1": 2.0}, {"T1": None}],
}


def test_consumer_imports_what_read_exports(settings):
    ds = crv_io.Dataset(settings, "run_capsule")
    ds.append("decisions", DECISIONS)
    ds.append("identity_edges", {**edges(3), "subject_id": ["s0", None, "s2"], "edge_sign": [None, 1, -1]})
    df = ds.read("decisions")

    counter = ReleaseCounter()
    schema, batches, _ = consume_stream(df.__arrow_c_stream__(), counter)
    counter.check_each_ran_once()
    assert schema["format"] == "+s"
    assert [(c["name"], c["format"]) for c in schema["children"]] == [
        ("bucket", "l"), ("tick", "l"), ("agent_id", "u"), ("chosen_action", "+s"), ("action_candidates", "+l"),
        ("token_value_estimates", "+s")]
    chosen = schema["children"][3]
    assert [(c["name"], c["format"]) for c in chosen["children"]] == [("kind", "u"), ("qty", "l")]
    candidates = schema["children"][4]
    assert candidates["children"][0]["format"] == "+s"
    assert [c["format"] for c in candidates["children"][0]["children"]] == ["u", "g"]
    assert len(batches) == 1
    got = batches[0]
    assert got["bucket"] == [0, 0, 1]
    for column in ("tick", "agent_id", "chosen_action", "action_candidates", "token_value_estimates"):
        assert got[column] == DECISIONS[column], column
    assert got == df.to_pydict()

    # Top-level nulls (validity bitmaps) of a string and an int column.
    counter = ReleaseCounter()
    _, batches, _ = consume_stream(ds.read("identity_edges").__arrow_c_stream__(), counter)
    counter.check_each_ran_once()
    assert batches[0]["subject_id"] == ["s0", None, "s2"]
    assert batches[0]["edge_sign"] == [None, 1, -1]
    assert "object_id" not in batches[0]  # a read has the columns the parts have (as the reference's)


def test_array_and_schema_capsules(settings):
    ds = crv_io.Dataset(settings, "run_capsule_array")
    ds.append("decisions", DECISIONS)
    df = ds.read("decisions", where={"tick_min": 1})

    schema_capsule = df.__arrow_c_schema__()
    c_schema = move(capsule_struct(schema_capsule, SCHEMA_NAME, ArrowSchema))
    counter = ReleaseCounter()
    counter.schema(c_schema)
    assert [c["name"] for c in parse_schema(c_schema)["children"]] == df.columns
    c_schema.release(c_schema)
    counter.check_each_ran_once()

    schema_capsule, array_capsule = df.__arrow_c_array__()
    c_schema = move(capsule_struct(schema_capsule, SCHEMA_NAME, ArrowSchema))
    c_array = move(capsule_struct(array_capsule, ARRAY_NAME, ArrowArray))
    counter = ReleaseCounter()
    counter.schema(c_schema)
    counter.array(c_array)
    rows = decode(c_array, parse_schema(c_schema))
    assert [r["tick"] for r in rows] == [1, 102]
    assert rows[0]["chosen_action"] == {"kind": "hold", "qty": None}
    c_array.release(c_array)
    c_schema.release(c_schema)
    counter.check_each_ran_once()

    # A capsule dropped without being consumed releases its struct itself (no leak).
    del schema_capsule, array_capsule
    df.__arrow_c_array__()
    df.__arrow_c_stream__()
    gc.collect()


def test_export_is_zero_copy_and_keeps_the_memory_alive_until_released():
    ticks = np.arange(1000, dtype=np.int64)
    base = sys.getrefcount(ticks)
    df = crv_io.DataFrame({"tick": ticks})
    assert sys.getrefcount(ticks) == base + 1  # the frame's buffer wraps the array
    capsule = df.__arrow_c_stream__()
    del df
    gc.collect()
    assert sys.getrefcount(ticks) == base + 1  # the stream keeps it

    counter = ReleaseCounter()
    _, batches, addresses = consume_stream(capsule, counter)
    counter.check_each_ran_once()
    assert addresses == [ticks.ctypes.data]  # the consumer saw the array's own memory
    assert batches[0]["tick"] == list(range(1000))
    del capsule
    gc.collect()
    assert sys.getrefcount(ticks) == base  # every reference dropped once released


def test_read_results_and_numpy_views_share_one_buffer(settings):
    ds = crv_io.Dataset(settings, "run_views")
    ds.append("identity_edges", edges(50))
    df = ds.read("identity_edges")
    view = df.to_numpy("tick")
    assert not view.flags.writeable
    counter = ReleaseCounter()
    _, _, addresses = consume_stream(df.__arrow_c_stream__(), counter)
    assert addresses == [df.to_numpy("bucket").ctypes.data]
    del df
    gc.collect()
    assert view.tolist() == list(range(50))  # the view keeps the column alive


def test_scan_streams_batch_by_batch(settings):
    import dataclasses

    settings = dataclasses.replace(settings, inline_max_rows=0, row_group_size=64)
    ds = crv_io.Dataset(settings, "run_scan_stream")
    for first in range(0, 1000, 250):
        ds.append("identity_edges", edges(250, first))
    lf = ds.scan("identity_edges", where={"tick_min": 10, "tick_max": 989})
    counter = ReleaseCounter()
    schema, batches, _ = consume_stream(lf.__arrow_c_stream__(), counter)
    counter.check_each_ran_once()
    assert len(batches) >= 10  # parts (one per bucket and append) read one by one
    ticks = [t for batch in batches for t in batch["tick"]]
    assert ticks == list(range(10, 990))
    assert [c["name"] for c in schema["children"]] == lf.collect().columns
    assert sum(len(b) for b in lf.iter_batches()) == 980


def test_append_takes_a_producers_stream_and_releases_everything_once(settings):
    # subject_id as string views ("vu"), as a Polars frame exports its strings.
    columns = [("tick", "l"), ("observer_agent_id", "u"), ("edge_kind", "u"), ("edge_weight", "g"),
               ("subject_id", "vu")]
    batches = [
        {"tick": [0, 1], "observer_agent_id": ["A0", "A1"], "edge_kind": ["self_to_object"] * 2,
         "edge_weight": [0.5, 1.5], "subject_id": ["s", None]},
        {"tick": [150], "observer_agent_id": ["A2"], "edge_kind": ["self_to_agent"],
         "edge_weight": [2.5], "subject_id": ["a subject id longer than twelve bytes"]},
    ]
    producer = StreamProducer(columns, batches)
    ds = crv_io.Dataset(settings, "run_producer")
    summary = ds.append("identity_edges", producer)
    assert summary["rows"] == 3 and summary["buckets"] == [0, 1]
    gc.collect()
    producer.check_each_released_once()
    got = ds.read("identity_edges").to_pydict()
    assert got["tick"] == [0, 1, 150]
    assert got["subject_id"] == ["s", None, "a subject id longer than twelve bytes"]
    assert got["edge_weight"] == [0.5, 1.5, 2.5]
    assert got["observer_agent_id"] == ["A0", "A1", "A2"]


def test_a_stream_failing_mid_way_is_a_clear_error_and_writes_nothing(settings, tmp_path):
    columns = [("tick", "l"), ("observer_agent_id", "u"), ("edge_kind", "u"), ("edge_weight", "g")]
    batch = {"tick": [0, 1], "observer_agent_id": ["A0", "A1"], "edge_kind": ["self_to_object"] * 2,
             "edge_weight": [0.5, 1.5]}
    producer = StreamProducer(columns, [batch, batch, batch], fail_at=1, message=b"producer exploded")
    ds = crv_io.Dataset(settings, "run_failing")
    with pytest.raises(crv_io.IoError) as raised:
        ds.append("identity_edges", producer)
    message = str(raised.value)
    assert "producer exploded" in message and "errno 5" in message and "batch 1" in message, message
    assert "nothing was written" in message
    gc.collect()
    producer.check_each_released_once()
    assert ds.read("identity_edges").height == 0
    assert ds.manifest("identity_edges") is None
    table_dir = tmp_path / "out" / "runs" / "run_failing" / "tables" / "identity_edges"
    assert not list(table_dir.rglob("*.parquet"))


def test_append_takes_an_arrow_array_and_a_crv_result(settings):
    source = crv_io.DataFrame(edges(4))

    class ArrayOnly:  # only __arrow_c_array__ (a RecordBatch-like producer)
        def __arrow_c_array__(self, requested_schema=None):
            return source.__arrow_c_array__()

    ds = crv_io.Dataset(settings, "run_array_in")
    assert ds.append("identity_edges", ArrayOnly())["rows"] == 4
    # A result of read goes back in (here through its stream, as any consumer would).
    again = ds.read("identity_edges")

    class StreamOnly:
        def __arrow_c_stream__(self, requested_schema=None):
            return again.__arrow_c_stream__()

    ds2 = crv_io.Dataset(settings, "run_stream_in")
    ds2.append("identity_edges", StreamOnly())
    assert ds2.read("identity_edges").equals(again)


def test_not_a_table_is_a_schema_error(settings):
    class IntArray:
        def __arrow_c_array__(self, requested_schema=None):
            col = crv_io.DataFrame({"x": [1, 2]})
            schema, array = col.__arrow_c_array__()
            return schema, array

    ds = crv_io.Dataset(settings, "run_bad")
    with pytest.raises(crv_io.IoSchemaError, match="missing required|tick"):
        ds.append("identity_edges", IntArray())
    with pytest.raises(TypeError):
        ds.append("identity_edges", 42)


def own_columns(df):
    """(name, format, nullable=True) of the columns `df` exports."""
    capsule = df.__arrow_c_schema__()
    return [(c["name"], c["format"], True) for c in parse_schema(capsule_struct(capsule, SCHEMA_NAME, ArrowSchema))["children"]]


def test_requested_schema_casts_the_columns_it_changes(settings):
    ds = crv_io.Dataset(settings, "run_requested")
    ds.append("identity_edges", edges(5))
    df = ds.read("identity_edges")
    own = own_columns(df)
    changed = [(name, {"tick": "i", "edge_weight": "u"}.get(name, fmt), nullable) for name, fmt, nullable in own]
    request = RequestedSchema(changed)

    counter = ReleaseCounter()
    schema, batches, _ = consume_stream(df.__arrow_c_stream__(request.capsule), counter)
    counter.check_each_ran_once()
    assert [(c["name"], c["format"]) for c in schema["children"]] == [(n, f) for n, f, _ in changed]
    assert batches[0]["tick"] == [0, 1, 2, 3, 4]
    assert batches[0]["edge_weight"] == ["0.0", "0.125", "0.25", "0.375", "0.5"]
    assert batches[0]["observer_agent_id"] == df.to_pydict()["observer_agent_id"]

    # The array capsules and a scan's stream take the same request.
    schema_capsule, array_capsule = df.__arrow_c_array__(request.capsule)
    exported = parse_schema(capsule_struct(schema_capsule, SCHEMA_NAME, ArrowSchema))
    assert [c["format"] for c in exported["children"]] == [f for _, f, _ in changed]
    counter = ReleaseCounter()
    _, batches, _ = consume_stream(ds.scan("identity_edges").__arrow_c_stream__(request.capsule), counter)
    counter.check_each_ran_once()
    assert batches[0]["tick"] == [0, 1, 2, 3, 4]
    # The producer reads the request and leaves it to its owner.
    assert request.release_calls == 0


def test_a_request_that_cannot_be_met_is_a_schema_error_naming_the_column(settings):
    ds = crv_io.Dataset(settings, "run_requested_bad")
    ds.append("identity_edges", {**edges(3, 300), "edge_sign": [None, 1, -1]})
    df = ds.read("identity_edges")
    own = own_columns(df)

    def request(change):
        return RequestedSchema([change.get(name, (name, fmt, nullable)) for name, fmt, nullable in own]).capsule

    with pytest.raises(crv_io.IoSchemaError, match=r"column 'tick' row 0: the i64 value 300 does not convert"):
        df.__arrow_c_stream__(request({"tick": ("tick", "c", True)}))
    with pytest.raises(crv_io.IoSchemaError, match=r"'edge_sign' has 1 nulls"):
        df.__arrow_c_array__(request({"edge_sign": ("edge_sign", "l", False)}))
    with pytest.raises(crv_io.IoSchemaError, match=r"names and their order must match"):
        ds.scan("identity_edges").__arrow_c_stream__(request({"tick": ("ticks", "l", True)}))
    with pytest.raises(crv_io.IoSchemaError, match=r"requested_schema must be a struct"):
        df.__arrow_c_stream__(RequestedSchema([], top="l").capsule)
    with pytest.raises(crv_io.IoSchemaError, match=r"requested_schema\(\) returned a capsule named 'arrow_array'"):
        df.__arrow_c_stream__(df.__arrow_c_array__()[1])
