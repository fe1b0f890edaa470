"""Shared helpers of the crv_io tests: the C++ side (the crv-io binary and the quickstart
example) found from the environment ctest sets, or in ../../build."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
from typing import Any, Dict, List

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("CRV_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
_BUILD = SOURCE_DIR / "build"

if "crv_io" not in sys.modules and not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(_BUILD / "python"))


def _tool(variable: str, default: pathlib.Path) -> pathlib.Path:
    path = pathlib.Path(os.environ.get(variable, default))
    if not path.exists():
        pytest.skip(f"{path} not built (set {variable})")
    return path


@pytest.fixture
def cli() -> pathlib.Path:
    """The crv-io binary (the C++ API's reader and writer in these tests)."""
    return _tool("CRV_IO_CLI", _BUILD / "crv-io")


@pytest.fixture
def quickstart_binary() -> pathlib.Path:
    return _tool("CRV_QUICKSTART", _BUILD / "crv_quickstart")


def run_cli(cli: pathlib.Path, *args: Any, cwd: Any = None) -> str:
    result = subprocess.run([str(cli), *map(str, args)], capture_output=True, text=True, cwd=cwd)
    assert result.returncode == 0, f"crv-io {' '.join(map(str, args))}: {result.stderr}"
    return result.stdout


def cpp_rows(cli: pathlib.Path, root: Any, run: str, table: str) -> List[Dict[str, Any]]:
    """The table's rows as the C++ API reads them (``crv-io read --format jsonl``)."""
    out = run_cli(cli, "read", "--root", root, "--run", run, "--table", table, "--format", "jsonl")
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture
def settings(tmp_path):
    """Settings on a fresh root."""
    import crv_io

    return crv_io.IoSettings(root_dir=str(tmp_path / "out"))


def edges(n: int, first_tick: int = 0) -> Dict[str, list]:
    """identity_edges rows (required columns), ticks first_tick .. first_tick + n - 1."""
    ticks = list(range(first_tick, first_tick + n))
    return {
        "tick": ticks,
        "observer_agent_id": [f"A{t % 7}" for t in ticks],
        "edge_kind": ["self_to_positive_valence"] * n,
        "edge_weight": [t / 8 for t in ticks],
    }
