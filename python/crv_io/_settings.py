"""IoSettings (REFERENCE.md section 8): the seed's fields and defaults, and crv-io's own."""

from __future__ import annotations

import dataclasses
import os
from typing import Any, Dict, Mapping, Optional, Union

from . import _native

__all__ = ["IoSettings", "ValuationSettings"]


@dataclasses.dataclass
class ValuationSettings:
    """The reference's nested ``valuation`` settings."""

    enabled: bool = False
    cost_method: str = "wac"  # wac | fifo | lifo | specific_lot
    price_source: str = "last_trade"  # last_trade | baseline_value | vwap_window | oracle
    vwap_window_ticks: int = 10
    currency: str = "native"


@dataclasses.dataclass
class IoSettings:
    """Where and how runs are written. Checked when made: an invalid value raises
    IoConfigError naming the field and the value.

    The seed's fields come first; the others are crv-io's (the append log, threads,
    vacuum; README "Settings")."""

    root_dir: Union[str, "os.PathLike[str]"] = "out"
    partitioning: str = "tick_buckets"
    tick_bucket_size: int = 100
    row_group_size: int = 128 * 1024
    compression: str = "zstd"  # zstd | lz4 | snappy (also gzip, brotli, uncompressed)
    strict_schema: bool = True
    write_manifest_every_n: int = 1
    fs_protocol: str = "file"
    fs_options: Dict[str, str] = dataclasses.field(default_factory=dict)
    compression_level: int = 3
    write_threads: int = 0
    inline_max_rows: int = 10000
    inline_max_bytes: int = 4 << 20
    log_segment_bytes: int = 4 << 20
    vacuum_grace_seconds: int = 600
    valuation: ValuationSettings = dataclasses.field(default_factory=ValuationSettings)

    def __post_init__(self) -> None:
        if isinstance(self.valuation, Mapping):
            self.valuation = ValuationSettings(**self.valuation)
        _native.settings_check(self._to_native())

    def _to_native(self) -> Dict[str, Any]:
        fields = dataclasses.asdict(self)
        fields["root_dir"] = os.fspath(self.root_dir)
        return fields

    @classmethod
    def _from_native(cls, fields: Mapping[str, Any]) -> "IoSettings":
        fields = dict(fields)
        fields["valuation"] = ValuationSettings(**fields["valuation"])
        return cls(**fields)

    @classmethod
    def load(cls, path: Optional[Union[str, "os.PathLike[str]"]] = None) -> "IoSettings":
        """Defaults, overlaid by TOML, overlaid by the ``CRV_IO_*`` environment.

        TOML: ``path`` when given; otherwise ``./crv.toml`` (``[io]`` or top-level keys),
        then ``./pyproject.toml`` (``[tool.crv.io]``). Raises IoConfigError naming the
        source (variable, or file and key) and the value of an invalid setting."""
        return cls._from_native(_native.settings_load(None if path is None else os.fspath(path)))
