"""A PEP 517 build backend for crv_io that needs nothing from PyPI: it configures and builds
the extension with CMake from the checkout (python/..), then packs the package built in
<build>/python/crv_io into a wheel.

Environment: CRV_IO_WHEEL_BUILD_DIR (the CMake build directory; default
<checkout>/build-wheel, reused by later builds; an existing tree such as `make build`'s
build/ is reused with its options), CRV_IO_CMAKE_ARGS (more -D options)."""

from __future__ import annotations

import base64
import hashlib
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import zipfile

_PYTHON_DIR = pathlib.Path(__file__).resolve().parents[1]
_SOURCE_DIR = _PYTHON_DIR.parent
_NAME = "crv_io"


def _version() -> str:
    text = (_SOURCE_DIR / "CMakeLists.txt").read_text()
    match = re.search(r"project\(crv_io VERSION ([0-9.]+)", text)
    if not match:
        raise RuntimeError("no version in CMakeLists.txt")
    return match.group(1)


def _tag() -> str:
    interpreter = f"cp{sys.version_info.major}{sys.version_info.minor}"
    abi = interpreter + getattr(sys, "abiflags", "")
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return f"{interpreter}-{abi}-{platform}"


def _metadata() -> str:
    return "\n".join([
        "Metadata-Version: 2.1",
        "Name: crv-io",
        f"Version: {_version()}",
        "Summary: The CRV stack's IO layer (the crv.io API), backed by crv-io",
        "Requires-Python: >=3.9",
        "Provides-Extra: numpy",
        "Requires-Dist: numpy; extra == \"numpy\"",
        "Provides-Extra: pandas",
        "Requires-Dist: pandas; extra == \"pandas\"",
        "Requires-Dist: numpy; extra == \"pandas\"",
        "",
        (_PYTHON_DIR / "README.md").read_text(),
    ])


def _build_package() -> pathlib.Path:
    build = pathlib.Path(os.environ.get("CRV_IO_WHEEL_BUILD_DIR", _SOURCE_DIR / "build-wheel"))
    python = os.path.realpath(sys.executable)
    cache = build / "CMakeCache.txt"
    if cache.exists():
        # An existing build tree (make build's, or an earlier wheel's): only what the package
        # needs is added, its other options are kept.
        configure = ["cmake", "-S", str(_SOURCE_DIR), "-B", str(build), "-DCRV_IO_PYTHON=ON"]
        if "Python_EXECUTABLE:" not in cache.read_text():
            configure.append(f"-DPython_EXECUTABLE={python}")
    else:
        configure = ["cmake", "-S", str(_SOURCE_DIR), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
                     "-DCRV_BUILD_TESTS=OFF", "-DCRV_BUILD_EXAMPLES=OFF", "-DCRV_IO_PYTHON=ON",
                     f"-DPython_EXECUTABLE={python}"]
        if shutil.which("ninja"):
            configure += ["-G", "Ninja"]
    configure += shlex.split(os.environ.get("CRV_IO_CMAKE_ARGS", ""))
    subprocess.run(configure, check=True, stdout=sys.stderr)
    subprocess.run(["cmake", "--build", str(build), "--target", "crv_io_python", "crv_io_python_files",
                    "-j", str(os.cpu_count() or 1)], check=True, stdout=sys.stderr)
    return build / "python" / _NAME


def _record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def _stripped(path: pathlib.Path) -> bytes:
    """The extension without its debug information (a RelWithDebInfo tree's .so is mostly
    DWARF); CRV_IO_WHEEL_KEEP_DEBUG=1 keeps it. Symbols stay, so backtraces keep names."""
    if os.environ.get("CRV_IO_WHEEL_KEEP_DEBUG") == "1":
        return path.read_bytes()
    strip = shutil.which("strip")
    if strip is None:
        raise RuntimeError("strip (binutils) is needed to pack the wheel; set CRV_IO_WHEEL_KEEP_DEBUG=1 to pack "
                           "the extension with its debug information instead")
    with tempfile.TemporaryDirectory() as scratch:
        out = pathlib.Path(scratch) / path.name
        subprocess.run([strip, "--strip-debug", "-o", str(out), str(path)], check=True, stdout=sys.stderr)
        return out.read_bytes()


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return pack_wheel(_build_package(), wheel_directory)


def pack_wheel(package: pathlib.Path, wheel_directory) -> str:
    """Packs a built package directory (<build>/python/crv_io) as a wheel in
    `wheel_directory`; returns the wheel's file name."""
    version = _version()
    dist_info = f"{_NAME}-{version}.dist-info"
    wheel_name = f"{_NAME}-{version}-{_tag()}.whl"
    files = {}
    for path in sorted(package.iterdir()):
        if path.is_file() and (path.suffix in (".py", ".pyi", ".so") or path.name == "py.typed"):
            files[f"{_NAME}/{path.name}"] = _stripped(path) if path.suffix == ".so" else path.read_bytes()
    files[f"{dist_info}/METADATA"] = _metadata().encode()
    files[f"{dist_info}/WHEEL"] = (f"Wheel-Version: 1.0\nGenerator: crv_io_build\nRoot-Is-Purelib: false\n"
                                   f"Tag: {_tag()}\n").encode()
    records = [_record_line(name, data) for name, data in files.items()]
    records.append(f"{dist_info}/RECORD,,")
    files[f"{dist_info}/RECORD"] = ("\n".join(records) + "\n").encode()
    os.makedirs(wheel_directory, exist_ok=True)
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel_name), "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            info.external_attr = (0o755 if name.endswith(".so") else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(info, data)
    return wheel_name


def build_sdist(sdist_directory, config_settings=None):
    raise RuntimeError("crv_io builds from the checkout (pip install ./python); there is no sdist")
