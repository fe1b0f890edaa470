"""``python -m crv_io`` is the crv-io command line; a run written from Python is read by the
C++ API (the crv-io binary) with identical rows, and by Polars and DuckDB (the Node
interop harness, when its packages are installed)."""

from __future__ import annotations

import dataclasses
import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

import crv_io
from conftest import SOURCE_DIR, cpp_rows, edges, run_cli
from test_capsule import DECISIONS


def python_m(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "crv_io", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_python_m_runs_the_cli_commands(settings, cli, tmp_path):
    schema = python_m("schema", "identity_edges", "--json")
    assert schema.returncode == 0, schema.stderr
    assert schema.stdout == run_cli(cli, "schema", "identity_edges", "--json")

    ds = crv_io.Dataset(settings, "run_cli")
    ds.append("identity_edges", edges(30))
    ds.close()
    args = ["read", "--root", settings.root_dir, "--run", "run_cli", "--table", "identity_edges", "--format", "csv"]
    read = python_m(*args)
    assert read.returncode == 0, read.stderr
    assert read.stdout == run_cli(cli, *args)

    version = python_m("--version")
    assert version.stdout.strip() == f"crv-io {crv_io.__version__}"
    bad = python_m("read", "--run", "x")  # usage error: exit 2 as the binary
    assert bad.returncode == 2 == subprocess.run([str(cli), "read", "--run", "x"], capture_output=True).returncode
    missing = python_m("manifest", "--root", settings.root_dir, "--run", "run_cli", "--table", "no_such")
    assert missing.returncode != 0 and "no_such" in missing.stderr


def _python_run(settings, run):
    ds = crv_io.Dataset(settings, run)
    ds.append("identity_edges", {**edges(240), "subject_id": [None if t % 3 else f"s{t}" for t in range(240)],
                                 "edge_sign": [t % 2 or None for t in range(240)]})
    # The same columns in every part (Polars scans the parts as one schema).
    ds.append("identity_edges", {**edges(60, 240), "subject_id": ["x"] * 60, "edge_sign": [-1] * 60})
    ds.append("decisions", DECISIONS)
    ds.close()
    return ds


@pytest.mark.parametrize("inline", [False, True], ids=["parts", "inline-then-sealed"])
def test_a_python_run_reads_the_same_in_cpp(settings, cli, inline):
    settings = dataclasses.replace(settings, inline_max_rows=10000 if inline else 0)
    ds = _python_run(settings, "run_interop")
    for table in ("identity_edges", "decisions"):
        rows = ds.read(table).to_dicts()
        assert rows == cpp_rows(cli, settings.root_dir, "run_interop", table), table
    assert len(ds.read("identity_edges")) == 300
    manifest = json.loads(run_cli(cli, "manifest", "--root", settings.root_dir, "--run", "run_interop",
                                  "--table", "identity_edges"))
    assert manifest == ds.manifest("identity_edges").to_dict()


def test_polars_and_duckdb_read_a_python_run(settings, cli):
    node = os.environ.get("CRV_NODE") or shutil.which("node")
    harness = SOURCE_DIR / "tests" / "interop"
    if not node or not (harness / "node_modules" / "nodejs-polars").exists():
        pytest.skip("the Node interop packages are not installed (scripts/install-interop.sh)")
    ds = _python_run(dataclasses.replace(settings, inline_max_rows=0), "run_node")
    expected = ds.read("identity_edges").to_dicts()
    for engine in ("polars", "duckdb"):
        result = subprocess.run([node, str(harness / "read_run.mjs"), "--root", str(settings.root_dir), "--run",
                                 "run_node", "--table", "identity_edges", "--engine", engine],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        got = [json.loads(line) for line in result.stdout.splitlines() if line]
        key = lambda r: (r["tick"], r["observer_agent_id"])  # noqa: E731
        columns = ["bucket", "tick", "observer_agent_id", "edge_kind", "subject_id", "edge_weight", "edge_sign"]
        assert sorted(({c: r[c] for c in columns} for r in got), key=key) == \
            sorted(({c: r[c] for c in columns} for r in expected), key=key), engine
