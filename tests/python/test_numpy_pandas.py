"""numpy and pandas in and out."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

import crv_io
from conftest import edges

# Every numpy scalar dtype crv-io stores, and the dtype it reads back as.
ROUND_TRIP_DTYPES = {
    "bool": "bool",
    "int8": "int8", "int16": "int16", "int32": "int32", "int64": "int64",
    "uint8": "uint8", "uint16": "uint16", "uint32": "uint32", "uint64": "uint64",
    "float32": "float32", "float64": "float64",
    "datetime64[ms]": "datetime64[ms]", "datetime64[us]": "datetime64[us]", "datetime64[ns]": "datetime64[ns]",
}


def _values(dtype: str, n: int) -> np.ndarray:
    if dtype == "bool":
        return np.arange(n) % 3 == 0
    if dtype.startswith("datetime64"):
        return (np.datetime64("2025-01-01T00:00:00", "s") + np.arange(n) * np.timedelta64(1, "h")).astype(dtype)
    info = np.iinfo(dtype) if dtype[0] in "iu" else np.finfo(dtype)
    values = np.linspace(0, 1, n)
    if dtype[0] in "iu":
        out = (np.arange(n, dtype=np.int64) * 7919 - 1000).astype(dtype)  # wraps in the narrow types
        out[0], out[-1] = info.min, info.max
        return out
    out = (values * 1e3 - 5e2).astype(dtype)
    out[0], out[1], out[2] = info.max, info.tiny, np.nan
    return out


def test_numpy_round_trip_of_every_scalar_dtype(settings):
    n = 257
    settings = dataclasses.replace(settings, strict_schema=False)
    data = {"tick": np.arange(n, dtype=np.int64), "observer_agent_id": np.array(["A"] * n),
            "edge_kind": np.array(["self_to_object"] * n, dtype=object), "edge_weight": np.zeros(n)}
    for dtype in ROUND_TRIP_DTYPES:
        data["x_" + dtype.replace("[", "_").rstrip("]")] = _values(dtype, n)
    ds = crv_io.Dataset(settings, "run_numpy")
    ds.append("identity_edges", data)
    ds.close()
    back = ds.read("identity_edges").to_numpy()
    for dtype, read_dtype in ROUND_TRIP_DTYPES.items():
        name = "x_" + dtype.replace("[", "_").rstrip("]")
        assert back[name].dtype == np.dtype(read_dtype), (name, back[name].dtype)
        np.testing.assert_array_equal(back[name], data[name], err_msg=name)
    np.testing.assert_array_equal(back["tick"], data["tick"])
    assert back["observer_agent_id"].dtype == object and back["observer_agent_id"][0] == "A"


def test_numpy_in_is_zero_copy_and_other_layouts_convert():
    ticks = np.arange(10, dtype=np.int64)
    df = crv_io.DataFrame({"tick": ticks, "strided": np.arange(20, dtype=np.float64)[::2],
                           "big_endian": np.arange(10, dtype=">i4"), "half": np.arange(10, dtype=np.float16),
                           "nat": np.array(["2025-01-01", "NaT"] * 5, dtype="datetime64[us]")})
    assert df.to_numpy("tick").ctypes.data == ticks.ctypes.data  # no copy in, no copy out
    assert df.schema == {"tick": "i64", "strided": "f64", "big_endian": "i32", "half": "f32",
                         "nat": "datetime[us]"}
    assert df["strided"] == [float(2 * i) for i in range(10)]
    assert df["big_endian"] == list(range(10))
    nat = df.to_numpy("nat")
    assert isinstance(nat, np.ma.MaskedArray) and nat.mask.tolist() == [False, True] * 5
    with pytest.raises(crv_io.IoSchemaError, match="dimensions"):
        crv_io.DataFrame({"x": np.zeros((2, 2))})
    with pytest.raises(crv_io.IoSchemaError, match="complex128"):
        crv_io.DataFrame({"x": np.zeros(2, dtype=complex)})


def test_nulls_come_out_masked(settings):
    ds = crv_io.Dataset(settings, "run_nulls")
    ds.append("identity_edges", {**edges(4), "edge_sign": [1, None, -1, None], "subject_id": [None] * 4})
    df = ds.read("identity_edges")
    sign = df.to_numpy("edge_sign")
    assert isinstance(sign, np.ma.MaskedArray) and sign.dtype == np.int64
    assert sign.mask.tolist() == [False, True, False, True]
    assert sign.compressed().tolist() == [1, -1]
    assert df.to_numpy("subject_id").tolist() == [None] * 4
    with pytest.raises(KeyError, match="no column 'nope'"):
        df.to_numpy("nope")


def test_pandas_round_trip(settings):
    frame = pd.DataFrame({
        "tick": np.array([0, 1, 2, 150], dtype=np.int64),
        "observer_agent_id": ["A0", "A1", "A2", "A3"],
        "edge_kind": ["self_to_object"] * 4,
        "edge_weight": [0.25, 0.5, np.nan, 1.0],
        "subject_id": ["s0", None, np.nan, "s3"],
        "edge_sign": pd.array([1, None, -1, 2], dtype="Int64"),
    })
    ds = crv_io.Dataset(settings, "run_pandas")
    summary = ds.append(crv_io.TableName.IDENTITY_EDGES, frame)
    assert summary["rows"] == 4 and summary["buckets"] == [0, 1]
    back = ds.read(crv_io.TableName.IDENTITY_EDGES).to_pandas()
    # The columns the parts have, in descriptor order (bucket first).
    assert list(back.columns) == ["bucket", "tick", "observer_agent_id", "edge_kind", "subject_id", "edge_weight",
                                  "edge_sign"]
    expected = frame.copy()
    expected.insert(0, "bucket", np.array([0, 0, 0, 1], dtype=np.int64))
    expected["subject_id"] = pd.Series(["s0", None, None, "s3"], dtype=object)
    pd.testing.assert_frame_equal(back[list(expected.columns)], expected)
    # And back in: the pandas frame read equals the rows read.
    ds2 = crv_io.Dataset(settings, "run_pandas_again")
    ds2.append("identity_edges", back)
    assert ds2.read("identity_edges").equals(ds.read("identity_edges"))  # NaN equal to NaN


def test_series_dict_and_lazy_conversions(settings):
    ds = crv_io.Dataset(settings, "run_series")
    data = edges(5)
    ds.append("identity_edges", {k: pd.Series(v) for k, v in data.items()})
    lf = ds.scan("identity_edges")
    assert lf.to_pydict()["tick"] == data["tick"]
    assert lf.to_pandas()["edge_weight"].tolist() == data["edge_weight"]
    assert lf.count() == 5
    assert lf.select("tick").limit(2).collect().to_pydict() == {"tick": [0, 1]}
