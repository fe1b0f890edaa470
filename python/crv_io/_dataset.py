"""Dataset (the seed's ``crv.io.Dataset``) and the run bundle manifest."""

from __future__ import annotations

import os
from typing import Any, Dict, List, Mapping, Optional, Union

from . import _native
from ._frame import DataFrame, LazyFrame, to_native_frame
from ._manifest import TableManifest
from ._settings import IoSettings
from ._tables import TableName, table_name

__all__ = ["Dataset", "RunId", "write_run_bundle_manifest"]

_WHERE_KEYS = ("tick_min", "tick_max")


class RunId(str):
    """A run id (the seed's ``crv.core.ids.RunId``): a str; Dataset checks it
    (``^[A-Za-z0-9._:-]+$``, not ``.`` or ``..``)."""

    __slots__ = ()


def _where(where: Optional[Mapping[str, Any]]) -> "tuple[Optional[int], Optional[int]]":
    if where is None:
        return None, None
    if not isinstance(where, Mapping):
        raise TypeError(f"where is a dict with tick_min and/or tick_max, not {type(where).__name__}")
    unknown = [key for key in where if key not in _WHERE_KEYS]
    if unknown:
        raise ValueError(f"unknown where key(s) {', '.join(map(repr, unknown))}: only tick_min and tick_max (inclusive)")
    bounds = []
    for key in _WHERE_KEYS:
        value = where.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            if hasattr(value, "__index__"):
                value = value.__index__()
            else:
                raise TypeError(f"where[{key!r}] is an int, not {type(value).__name__}")
        bounds.append(value)
    return bounds[0], bounds[1]


class Dataset:
    """One run of a root (``<root>/runs/<run_id>/``): appends, scans, manifests.

    Raises IoConfigError for invalid settings and IoError for an invalid run id. Durability,
    locking and the append log are the library's: an append is durable when it returns. The
    GIL is released while crv-io works, and one Dataset may be shared by threads (its calls
    run one at a time). ``close()`` (or leaving a ``with`` block) seals the buckets this
    Dataset wrote inline, so that Polars, DuckDB and the reference see every row."""

    def __init__(self, settings: Optional[IoSettings] = None, run_id: Union[str, RunId, None] = None) -> None:
        if run_id is None:
            raise TypeError("Dataset() needs a run_id")
        self._settings = IoSettings() if settings is None else settings
        if not isinstance(self._settings, IoSettings):
            raise TypeError(f"settings is an IoSettings, not {type(settings).__name__}")
        self._native = _native.Dataset(self._settings._to_native(), str.__str__(run_id))

    @property
    def settings(self) -> IoSettings:
        return self._settings

    @property
    def run_id(self) -> str:
        return self._native.run_id

    def append(self, table: Union[TableName, str], df: Any, *, validate_schema: bool = True,
               validate_rows: bool = False) -> Dict[str, Any]:
        """Appends ``df`` to ``table`` (a Polars or pyarrow object through the Arrow PyCapsule
        interface, zero-copy; a DataFrame; a pandas DataFrame; or a dict of lists or numpy
        arrays). Validated, split by bucket (``tick // tick_bucket_size``; a ``bucket``
        column is recomputed) and durable when it returns.

        Returns ``{"table", "run_id", "parts": [{"bucket_id", "path", "rows", "bytes",
        "tick_min", "tick_max"}], "rows", "buckets"}``. Raises IoSchemaError (validation),
        IoWriteError (a part or the log), IoError (an Arrow stream that fails); on an error
        nothing of the append is visible."""
        name = table_name(table)
        frame = to_native_frame(df)
        return self._native.append(name, frame, bool(validate_schema), bool(validate_rows))

    def scan(self, table: Union[TableName, str], where: Optional[Mapping[str, Any]] = None) -> LazyFrame:
        """A lazy scan, pruned by the inclusive ``where={"tick_min": a, "tick_max": b}`` (either
        may be absent) at the manifest, part and row-group levels, and filtered exactly."""
        name = table_name(table)
        tick_min, tick_max = _where(where)
        return LazyFrame(self._native.scan(name, tick_min, tick_max), name)

    def read(self, table: Union[TableName, str], where: Optional[Mapping[str, Any]] = None,
             limit: Optional[int] = None) -> DataFrame:
        """``scan(table, where)`` limited to ``limit`` rows, collected."""
        tick_min, tick_max = _where(where)
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
            raise ValueError(f"limit is a non-negative int, not {limit!r}")
        return DataFrame._wrap(self._native.read(table_name(table), tick_min, tick_max, limit))

    def manifest(self, table: Union[TableName, str]) -> Optional[TableManifest]:
        """The table's manifest (with the append log's later commits applied); None when the
        table has no manifest.json yet."""
        data = self._native.manifest(table_name(table))
        return None if data is None else TableManifest.from_dict(data)

    def rebuild_manifest(self, table: Union[TableName, str]) -> TableManifest:
        """Re-derives the manifest from the part files, writes it atomically, returns it."""
        return TableManifest.from_dict(self._native.rebuild_manifest(table_name(table)))

    def seal(self, table: Union[TableName, str, None] = None) -> List[Dict[str, Any]]:
        """Writes the inline rows of every bucket (of one table) as Parquet parts listed in
        manifest.json; returns what each seal did."""
        return self._native.seal(None if table is None else table_name(table))

    def close(self) -> None:
        """Waits for background seals and seals the buckets this Dataset wrote inline.
        Idempotent; appending after close() works."""
        self._native.close()

    def __enter__(self) -> "Dataset":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Dataset(root_dir={os.fspath(self._settings.root_dir)!r}, run_id={self.run_id!r})"


def write_run_bundle_manifest(settings: IoSettings, run_id: Union[str, RunId],
                              meta: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
    """Writes ``<root>/runs/<run_id>/bundle.manifest.json`` atomically and returns the payload:
    ``schema_version``, ``run`` {run_id, created_at, core_schema_v, git}, ``env``, ``io``,
    ``tables`` (from the per-table manifests), ``artifacts``, ``meta``."""
    if not isinstance(settings, IoSettings):
        raise TypeError(f"settings is an IoSettings, not {type(settings).__name__}")
    if meta is not None and not isinstance(meta, Mapping):
        raise TypeError(f"meta is a dict, not {type(meta).__name__}")
    return _native.write_run_bundle_manifest(settings._to_native(), str.__str__(run_id),
                                             None if meta is None else dict(meta))
