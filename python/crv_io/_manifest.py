"""TableManifest (REFERENCE.md section 4): a table's manifest.json as objects."""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, List, Mapping

__all__ = ["PartMeta", "PartitionMeta", "TableManifest"]


@dataclasses.dataclass
class PartMeta:
    """One Parquet part of a bucket; ``path`` is relative to the bucket directory."""

    path: str
    rows: int
    bytes: int
    tick_min: int
    tick_max: int
    created_at: str

    def to_dict(self) -> Dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass
class PartitionMeta:
    """One bucket: its parts and their totals."""

    bucket_id: int
    state: str
    tick_min: int
    tick_max: int
    row_count: int
    byte_size: int
    parts: List[PartMeta] = dataclasses.field(default_factory=list)

    def to_dict(self) -> Dict[str, Any]:
        out = dataclasses.asdict(self)
        out["parts"] = [part.to_dict() for part in self.parts]
        return out


@dataclasses.dataclass
class TableManifest:
    """A table's manifest: ``partitions`` keyed by bucket id (an int; the file's keys are
    the zero-padded ids)."""

    table: str
    version: int
    created_at: str
    updated_at: str
    partitions: Dict[int, PartitionMeta] = dataclasses.field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "TableManifest":
        """From the manifest.json form."""
        partitions: Dict[int, PartitionMeta] = {}
        for entry in data.get("partitions", {}).values():
            parts = [PartMeta(**part) for part in entry.get("parts", [])]
            fields = {k: v for k, v in entry.items() if k != "parts"}
            partitions[int(entry["bucket_id"])] = PartitionMeta(parts=parts, **fields)
        return cls(table=data["table"], version=data["version"], created_at=data["created_at"],
                   updated_at=data["updated_at"], partitions=dict(sorted(partitions.items())))

    def to_dict(self) -> Dict[str, Any]:
        """The manifest.json form (partition keys zero-padded to 6 digits)."""
        return {
            "table": self.table,
            "version": self.version,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "partitions": {f"{bucket:06d}": entry.to_dict() for bucket, entry in sorted(self.partitions.items())},
        }

    @property
    def total_rows(self) -> int:
        return sum(entry.row_count for entry in self.partitions.values())

    @property
    def total_bytes(self) -> int:
        return sum(entry.byte_size for entry in self.partitions.values())

    @property
    def buckets(self) -> List[int]:
        return sorted(self.partitions)
