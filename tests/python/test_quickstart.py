"""The seed's quickstart and run-bundle quickstart, line for line (crv_io for crv.io, a
dict for the Polars frame), and their results against the C++ API's."""

from __future__ import annotations

import json
import subprocess

from conftest import cpp_rows, run_cli


def test_seed_quickstart_equals_the_cpp_quickstart(tmp_path, monkeypatch, capsys, cli, quickstart_binary):
    monkeypatch.chdir(tmp_path)
    # ---- the seed's quickstart -------------------------------------------------------
    from crv_io import IoSettings, Dataset
    from crv_io import TableName

    # Configure where to write (default: out)
    settings = IoSettings(root_dir="out", tick_bucket_size=100)

    # Bind to a run
    ds = Dataset(settings, run_id="20250101-000000")

    # Prepare a minimal identity_edges frame (only required columns)
    df = {
        "tick": [0, 1, 2, 101],
        "observer_agent_id": ["A0", "A1", "A2", "A0"],
        "edge_kind": ["self_to_object"] * 4,
        "edge_weight": [0.0, 0.1, 0.2, 0.3],
    }

    # Append atomically; returns a summary
    summary = ds.append(TableName.IDENTITY_EDGES, df)
    print(summary)

    # Scan with pruning (by tick range)
    lf = ds.scan(TableName.IDENTITY_EDGES, where={"tick_min": 0, "tick_max": 120})
    print(lf.collect())

    # Inspect manifest
    m = ds.manifest(TableName.IDENTITY_EDGES)
    print(m)
    # ---- end of the seed's quickstart ------------------------------------------------
    printed = capsys.readouterr().out
    assert "'table': 'identity_edges'" in printed
    assert "shape: (4, 5)" in printed

    # The C++ quickstart (examples/quickstart.cpp) on another root.
    cpp = subprocess.run([str(quickstart_binary), str(tmp_path / "cpp")], capture_output=True, text=True, check=True)
    cpp_summary, _ = json.JSONDecoder().raw_decode(cpp.stdout.lstrip())

    def without_paths(s):
        return {**s, "parts": [{k: v for k, v in p.items() if k != "path"} for p in s["parts"]]}

    assert list(summary) == ["table", "run_id", "parts", "rows", "buckets"]
    assert without_paths(summary) == without_paths(cpp_summary)
    assert summary["rows"] == 4 and summary["buckets"] == [0, 1]

    rows = lf.collect().to_dicts()
    assert rows == cpp_rows(cli, tmp_path / "cpp", "20250101-000000", "identity_edges")
    assert rows == cpp_rows(cli, tmp_path / "out", "20250101-000000", "identity_edges")
    assert [r["tick"] for r in rows] == [0, 1, 2, 101]
    assert [r["bucket"] for r in rows] == [0, 0, 0, 1]

    # Sealed (as the C++ quickstart does before printing its manifest), the manifests agree
    # but for part names and times.
    ds.close()
    m = ds.manifest(TableName.IDENTITY_EDGES)
    cpp_manifest = json.loads(run_cli(cli, "manifest", "--root", tmp_path / "cpp", "--run", "20250101-000000",
                                      "--table", "identity_edges"))

    def shape(manifest):
        return {key: {k: v for k, v in entry.items() if k != "parts"} | {
            "parts": [{k: v for k, v in p.items() if k not in ("path", "created_at")} for p in entry["parts"]]}
            for key, entry in manifest["partitions"].items()}

    assert m is not None and m.table == "identity_edges"
    assert sorted(m.partitions) == [0, 1]
    assert shape(m.to_dict()) == shape(cpp_manifest)


def test_seed_run_bundle_quickstart(tmp_path, monkeypatch, capsys, cli):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CRV_IO_ROOT_DIR", str(tmp_path / "out"))
    from crv_io import Dataset, IoSettings as _Settings

    Dataset(_Settings(root_dir=str(tmp_path / "out"), inline_max_rows=0), "20250101-000000").append(
        "identity_edges", {"tick": [0, 150], "observer_agent_id": ["A", "B"], "edge_kind": ["self_to_object"] * 2,
                           "edge_weight": [0.5, 1.5]})
    # ---- the seed's run bundle quickstart --------------------------------------------
    from crv_io import IoSettings
    from crv_io import write_run_bundle_manifest
    from crv_io import RunId

    # Resolve settings with precedence (env > TOML > defaults)
    settings = IoSettings.load()
    run_id = RunId("20250101-000000")

    payload = write_run_bundle_manifest(settings, run_id, meta={"note": "demo"})
    # Writes: <root>/runs/<run_id>/bundle.manifest.json
    print(payload["io"], payload["tables"].keys())
    # ---- end --------------------------------------------------------------------------
    printed = capsys.readouterr().out
    assert "dict_keys(['identity_edges'])" in printed
    assert settings.root_dir == str(tmp_path / "out")

    written = json.loads((tmp_path / "out" / "runs" / "20250101-000000" / "bundle.manifest.json").read_text())
    assert written == payload
    assert list(payload) == ["schema_version", "run", "env", "io", "tables", "artifacts", "meta"]
    assert payload["meta"] == {"note": "demo"}
    assert payload["io"] == {"root_dir": str(tmp_path / "out"), "partitioning": "tick_buckets",
                             "tick_bucket_size": 100, "row_group_size": 131072, "compression": "zstd"}
    edges = payload["tables"]["identity_edges"]
    assert edges["rows"] == edges["total_rows"] == 2
    assert (edges["tick_min"], edges["tick_max"], edges["buckets"]) == (0, 150, [0, 1])

    # The C++ API's payload for the same run: the same tables and io blocks.
    cpp = json.loads(run_cli(cli, "bundle", "--root", tmp_path / "out", "--run", "20250101-000000",
                             "--meta", '{"note": "demo"}', cwd=tmp_path))
    assert cpp["tables"] == payload["tables"]
    assert cpp["io"] == payload["io"]
    assert cpp["meta"] == payload["meta"]
