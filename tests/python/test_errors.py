"""crv-io's errors as the seed's Python classes, with the library's messages."""

from __future__ import annotations

import dataclasses
import json
import subprocess

import pytest

import crv_io
from conftest import edges


def test_the_classes():
    for cls in (crv_io.IoConfigError, crv_io.IoSchemaError, crv_io.IoWriteError, crv_io.IoManifestError):
        assert issubclass(cls, crv_io.IoError)
    assert issubclass(crv_io.IoError, Exception)
    assert crv_io.IoSchemaError.__module__ == "crv_io"
    assert crv_io.IoSchemaError.__name__ == "IoSchemaError"


def test_config_errors(tmp_path, monkeypatch):
    with pytest.raises(crv_io.IoConfigError, match="compression"):
        crv_io.IoSettings(compression="bogus")
    with pytest.raises(crv_io.IoConfigError, match="tick_bucket_size"):
        crv_io.IoSettings(tick_bucket_size=0)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CRV_IO_TICK_BUCKET_SIZE", "ten")
    with pytest.raises(crv_io.IoConfigError, match="CRV_IO_TICK_BUCKET_SIZE") as raised:
        crv_io.IoSettings.load()
    assert "ten" in str(raised.value)
    monkeypatch.delenv("CRV_IO_TICK_BUCKET_SIZE")
    (tmp_path / "crv.toml").write_text('[io]\ntick_bucket_size = 25\ncompression = "lz4"\n')
    loaded = crv_io.IoSettings.load()
    assert (loaded.tick_bucket_size, loaded.compression) == (25, "lz4")
    monkeypatch.setenv("CRV_IO_COMPRESSION", "snappy")
    assert crv_io.IoSettings.load().compression == "snappy"  # env > TOML > defaults
    assert crv_io.IoSettings.load(tmp_path / "crv.toml").tick_bucket_size == 25


def test_schema_errors_have_the_cli_messages(settings, tmp_path, cli):
    ds = crv_io.Dataset(settings, "run_errors")
    rows = edges(3)
    del rows["edge_weight"]
    with pytest.raises(crv_io.IoSchemaError, match="edge_weight") as raised:
        ds.append("identity_edges", rows)
    # The same rows through the C++ binary: the same message.
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(dict(zip(rows, values))) + "\n" for values in zip(*rows.values())))
    result = subprocess.run([str(cli), "append", "--root", str(settings.root_dir), "--run", "run_errors",
                             "--table", "identity_edges", str(path)], capture_output=True, text=True)
    assert result.returncode == 3
    assert str(raised.value) in result.stderr

    with pytest.raises(crv_io.IoSchemaError, match="surprise"):
        ds.append("identity_edges", {**edges(2), "surprise": [1, 2]})
    with pytest.raises(crv_io.IoSchemaError, match="tick"):
        ds.append("identity_edges", {"observer_agent_id": ["a"], "edge_kind": ["self_to_object"], "edge_weight": [1.0]})
    with pytest.raises(crv_io.IoSchemaError):
        ds.append("identity_edges", {**edges(2), "tick": [-1, 0]})
    with pytest.raises(crv_io.IoSchemaError, match="identity_edges"):  # lists the canonical names
        ds.append("not_a_table", edges(2))
    with pytest.raises(crv_io.IoSchemaError, match="edge_kind"):
        ds.append("identity_edges", {**edges(2), "edge_kind": ["nonsense"] * 2}, validate_rows=True)
    assert ds.append("identity_edges", edges(0))["rows"] == 0  # empty: a no-op
    assert ds.read("identity_edges").height == 0
    with pytest.raises(ValueError, match="tick_low"):
        ds.read("identity_edges", where={"tick_low": 1})
    with pytest.raises(TypeError):
        ds.append(3, edges(1))


def test_run_id_write_and_manifest_errors(settings, tmp_path):
    with pytest.raises(crv_io.IoError, match="run id"):
        crv_io.Dataset(settings, "..")
    # An invalid argument is its own class (a subclass of IoError), raised when the Dataset is
    # bound: also for a run id longer than a directory name may be.
    with pytest.raises(crv_io.IoArgumentError, match="more than a file name may have"):
        crv_io.Dataset(settings, "r" * 256)
    assert issubclass(crv_io.IoArgumentError, crv_io.IoError) and issubclass(crv_io.IoReadError, crv_io.IoError)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the root should be")
    with pytest.raises((crv_io.IoWriteError, crv_io.IoError)) as raised:
        ds = crv_io.Dataset(dataclasses.replace(settings, root_dir=str(blocked), inline_max_rows=0), "run_w")
        ds.append("identity_edges", edges(2))
    assert type(raised.value) is crv_io.IoWriteError, type(raised.value)

    ds = crv_io.Dataset(dataclasses.replace(settings, inline_max_rows=0), "run_m")
    ds.append("identity_edges", edges(2))
    manifest = tmp_path / "out" / "runs" / "run_m" / "tables" / "identity_edges" / "manifest.json"
    manifest.write_text("{ not json")
    with pytest.raises(crv_io.IoManifestError, match="manifest"):
        crv_io.Dataset(dataclasses.replace(settings, inline_max_rows=0), "run_m").manifest("identity_edges")
    rebuilt = crv_io.Dataset(dataclasses.replace(settings, inline_max_rows=0), "run_m").rebuild_manifest(
        "identity_edges")
    assert rebuilt.total_rows == 2 and rebuilt.buckets == [0]
