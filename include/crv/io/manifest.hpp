#pragma once
/// @file
/// The per-table manifest.json (REFERENCE.md section 4).

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "crv/export.hpp"
#include "crv/io/env.hpp"
#include "crv/io/errors.hpp"

namespace crv::io {

inline constexpr int kManifestVersion = 1;                    ///< the "version" manifest.json files are written with
inline constexpr const char* kPartitionStateReady = "ready";  ///< the state of every partition written

/// One Parquet part of a bucket; `path` is relative to the bucket directory.
struct PartEntry {
  std::string path;           ///< "part-<32 hex>.parquet"
  std::int64_t rows = 0;      ///< rows in the file
  std::int64_t bytes = 0;     ///< size of the file
  std::int64_t tick_min = 0;  ///< smallest tick in the file
  std::int64_t tick_max = 0;  ///< largest tick in the file
  std::string created_at;     ///< ISO-8601 UTC

  bool operator==(const PartEntry&) const = default;  ///< memberwise
};

/// One bucket: its parts and their totals.
struct CRV_IO_EXPORT PartitionEntry {
  std::int64_t bucket_id = 0;                ///< tick / tick_bucket_size
  std::string state = kPartitionStateReady;  ///< always "ready" (the reference's key)
  std::int64_t tick_min = 0;                 ///< smallest tick of its parts
  std::int64_t tick_max = 0;                 ///< largest tick of its parts
  std::int64_t row_count = 0;                ///< rows of its parts
  std::int64_t byte_size = 0;                ///< bytes of its parts
  std::vector<PartEntry> parts;              ///< in the order they were added

  bool operator==(const PartitionEntry&) const = default;  ///< memberwise
  /// Whether [tick_min, tick_max] meets the inclusive range (an absent bound is open).
  bool overlaps(std::optional<std::int64_t> range_min, std::optional<std::int64_t> range_max) const;
};

/// A table's manifest.json: every committed Parquet part of the table, by bucket. Readers
/// other than crv-io (Polars, DuckDB, the reference) find the parts through it.
struct CRV_IO_EXPORT TableManifest {
  std::string table;               ///< the table's name
  int version = kManifestVersion;  ///< the format's version
  std::string created_at;          ///< ISO-8601 UTC, "2025-01-01T00:00:00.000000+00:00"
  std::string updated_at;          ///< ISO-8601 UTC, the last write
  /// Keyed by bucket id; serialized under the zero-padded key ("000123").
  std::map<std::int64_t, PartitionEntry> partitions;

  bool operator==(const TableManifest&) const = default;  ///< memberwise

  /// An empty manifest, its created_at and updated_at set to `created_at` (ISO-8601 UTC;
  /// empty: set by its first part, or to the Env's clock when it is saved).
  static TableManifest create(std::string table, std::string created_at = {});

  /// Adds a part to a bucket (creating the partition), updates the bucket's tick range,
  /// row_count and byte_size; updated_at becomes the part's created_at (the manifest was
  /// last changed when its newest part was committed), and so does an empty created_at.
  void add_part(std::int64_t bucket_id, PartEntry part);
  /// Removes the part named `path` from a bucket, recomputing the bucket's totals (and
  /// dropping the partition when it becomes empty); false when it is not listed.
  bool remove_part(std::int64_t bucket_id, std::string_view path);
  /// Whether the bucket lists a part named `path`.
  bool has_part(std::int64_t bucket_id, std::string_view path) const;

  /// Partitions meeting the inclusive tick range, in bucket order.
  std::vector<const PartitionEntry*> partitions_overlapping(std::optional<std::int64_t> tick_min,
                                                            std::optional<std::int64_t> tick_max) const;

  std::int64_t total_rows() const;   ///< rows of every part
  std::int64_t total_bytes() const;  ///< bytes of every part
  std::size_t part_count() const;    ///< parts of every bucket
  /// The table's tick range; nullopt when the manifest has no partitions.
  std::optional<std::int64_t> tick_min() const;
  std::optional<std::int64_t> tick_max() const;  ///< see tick_min()
  /// Sorted bucket ids.
  std::vector<std::int64_t> bucket_ids() const;

  /// Keys in the reference order (table, version, created_at, updated_at, partitions).
  nlohmann::ordered_json to_json() const;
  /// Unknown keys are ignored; a missing key or a value of the wrong type is an
  /// IoManifestError naming the key.
  static TableManifest from_json(const nlohmann::json& json);
};

/// The manifest at `path`; nullopt when the file does not exist; IoManifestError when it
/// cannot be read or is not a valid manifest.
CRV_IO_EXPORT std::optional<TableManifest> load_manifest(Env& env, const std::filesystem::path& path);

/// The manifest at `path` from its text (already read); IoManifestError naming `path` when
/// the text is not a valid manifest.
CRV_IO_EXPORT TableManifest parse_manifest(std::string_view text, const std::filesystem::path& path);

/// "run `crv-io rebuild-manifest --run R --table T` ...": what to do about a manifest that
/// disagrees with the files (the tail of the reader's errors).
CRV_IO_EXPORT std::string rebuild_manifest_hint(std::string_view run_id, std::string_view table);

/// The checks a reader makes of a manifest before reading any part it lists: every part
/// path is a plain part name inside its bucket directory (is_canonical_part_name: no
/// slash, no "..", not absolute) and no part is listed twice in a bucket. IoManifestError
/// naming the manifest file `path`, the entry and what to do otherwise.
CRV_IO_EXPORT void check_manifest_parts(const TableManifest& manifest, const std::filesystem::path& path,
                                        std::string_view run_id);

/// The text save_manifest writes: to_json().dump(2) and a newline, byte for byte, built
/// without the intermediate JSON document.
CRV_IO_EXPORT std::string manifest_text(const TableManifest& manifest);

/// Writes the manifest atomically and durably (tmp, fsync, rename, directory fsync). On
/// any failure the tmp file is removed, the previous manifest is left intact and
/// IoManifestError is thrown.
CRV_IO_EXPORT void save_manifest(Env& env, const std::filesystem::path& path, const TableManifest& manifest);

}  // namespace crv::io
