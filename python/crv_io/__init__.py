"""crv_io: the CRV stack's IO layer (the seed's ``crv.io`` API), backed by crv-io (C++).

Append-only, tick-bucketed Parquet datasets of the canonical CRV tables, with per-table
manifests, schema validation, durable appends and pruned scans. Data goes in and out
through the Arrow PyCapsule interface (Polars, pyarrow; zero-copy), dicts of lists or
numpy arrays, and pandas::

    from crv_io import IoSettings, Dataset, TableName

    settings = IoSettings(root_dir="out", tick_bucket_size=100)
    ds = Dataset(settings, run_id="20250101-000000")
    summary = ds.append(TableName.IDENTITY_EDGES, {"tick": [0, 1], ...})
    lf = ds.scan(TableName.IDENTITY_EDGES, where={"tick_min": 0, "tick_max": 120})
    print(lf.collect())
"""

from . import _native
from ._dataset import Dataset, RunId, write_run_bundle_manifest
from ._frame import DataFrame, LazyFrame
from ._manifest import PartitionMeta, PartMeta, TableManifest
from ._settings import IoSettings, ValuationSettings
from ._tables import TableName

IoError = _native.IoError
IoConfigError = _native.IoConfigError
IoSchemaError = _native.IoSchemaError
IoWriteError = _native.IoWriteError
IoManifestError = _native.IoManifestError
IoArgumentError = _native.IoArgumentError
IoReadError = _native.IoReadError

__version__ = _native.version()

__all__ = [
    "DataFrame",
    "Dataset",
    "IoArgumentError",
    "IoConfigError",
    "IoError",
    "IoManifestError",
    "IoReadError",
    "IoSchemaError",
    "IoSettings",
    "IoWriteError",
    "LazyFrame",
    "PartMeta",
    "PartitionMeta",
    "RunId",
    "TableManifest",
    "TableName",
    "ValuationSettings",
    "table_columns",
    "write_run_bundle_manifest",
]


def table_columns(table: "TableName | str") -> "list[tuple[str, str, bool]]":
    """The descriptor of a canonical table: ``[(column, dtype, required)]`` in order."""
    from ._tables import table_name

    name = table_name(table)
    for table_, columns in _native.table_descriptors():
        if table_ == name:
            return list(columns)
    raise IoSchemaError(f"unknown table '{name}'")
