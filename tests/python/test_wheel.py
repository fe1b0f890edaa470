"""The wheel `pip install .` builds: the in-tree backend packs the built package with the
extension stripped of its debug information, and the wheel's contents import and work."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import zipfile

import pytest

import crv_io
from conftest import SOURCE_DIR

sys.path.insert(0, str(SOURCE_DIR / "python" / "build_backend"))
import crv_io_build  # noqa: E402


def elf_sections(path: pathlib.Path) -> list:
    out = subprocess.run(["readelf", "-S", "-W", str(path)], check=True, capture_output=True, text=True).stdout
    return [word for line in out.splitlines() for word in line.split() if word.startswith(".")]


def test_the_wheel_holds_a_stripped_extension_that_imports(tmp_path):
    package = pathlib.Path(crv_io.__file__).parent
    extension = next(package.glob("_native*.so"))
    name = crv_io_build.pack_wheel(package, tmp_path / "dist")
    with zipfile.ZipFile(tmp_path / "dist" / name) as wheel:
        names = wheel.namelist()
        assert "crv_io/__init__.py" in names and "crv_io/__init__.pyi" in names and "crv_io/py.typed" in names
        assert any(n.startswith("crv_io-") and n.endswith(".dist-info/RECORD") for n in names)
        wheel.extractall(tmp_path / "site")
    packed = tmp_path / "site" / "crv_io" / extension.name
    assert not [s for s in elf_sections(packed) if s.startswith(".debug")], "the wheel's extension keeps DWARF"
    if any(s.startswith(".debug") for s in elf_sections(extension)):
        assert packed.stat().st_size < extension.stat().st_size
    # The stripped extension still has its symbols and works: a run written and read back.
    script = ("import crv_io, sys; s = crv_io.IoSettings(root_dir=sys.argv[1]); ds = crv_io.Dataset(s, 'r1');"
              "ds.append('identity_edges', {'tick': [1, 2], 'observer_agent_id': ['a', 'b'],"
              "'edge_kind': ['self_to_positive_valence'] * 2, 'edge_weight': [0.5, 1.0]});"
              "print(crv_io.__file__, ds.read('identity_edges').height)")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path / "root")], env=env, check=True,
                         capture_output=True, text=True, cwd=tmp_path).stdout.split()
    assert out[0].startswith(str(tmp_path / "site")) and out[1] == "2"


def test_keep_debug_packs_the_extension_as_built(tmp_path, monkeypatch):
    monkeypatch.setenv("CRV_IO_WHEEL_KEEP_DEBUG", "1")
    package = pathlib.Path(crv_io.__file__).parent
    extension = next(package.glob("_native*.so"))
    name = crv_io_build.pack_wheel(package, tmp_path)
    with zipfile.ZipFile(tmp_path / name) as wheel:
        assert wheel.read(f"crv_io/{extension.name}") == extension.read_bytes()
