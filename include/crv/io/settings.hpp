#pragma once
/// @file
/// IoSettings (REFERENCE.md section 8): defaults, TOML file, CRV_IO_* environment.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "crv/export.hpp"
#include "crv/io/env_vars.hpp"

namespace crv::io {

/// The `valuation` block of the settings, kept for the reference's keys (crv-io itself
/// does not value holdings).
struct ValuationSettings {
  bool enabled = false;                     ///< whether valuation is on
  std::string cost_method = "wac";          ///< wac | fifo | lifo | specific_lot
  std::string price_source = "last_trade";  ///< last_trade | baseline_value | vwap_window | oracle
  std::int64_t vwap_window_ticks = 10;      ///< >= 1
  std::string currency = "native";          ///< the unit of values

  bool operator==(const ValuationSettings&) const = default;  ///< memberwise
};

/// Where and how runs are stored: defaults, or IoSettings::load() from TOML and CRV_IO_*
/// variables. Dataset checks them (IoConfigError).
struct CRV_IO_EXPORT IoSettings {
  std::filesystem::path root_dir = "out";     ///< runs are stored under root_dir/runs/RUN_ID
  std::string partitioning = "tick_buckets";  ///< the only partitioning
  std::int64_t tick_bucket_size = 100;        ///< >= 1
  std::int64_t row_group_size = 131072;       ///< >= 1
  /// Parquet codec: "zstd" | "lz4" | "snappy" (the reference's choices), or "gzip" |
  /// "brotli" | "uncompressed". Loading lower-cases the value and also accepts "none"
  /// for "uncompressed" and "lz4_raw" for "lz4".
  std::string compression = "zstd";
  int compression_level = 3;                      ///< codec level where the codec has one (zstd, gzip, brotli)
  std::string fs_protocol = "file";               ///< the only protocol
  std::map<std::string, std::string> fs_options;  ///< kept for the reference's keys; unused by the file protocol
  bool strict_schema = true;                      ///< refuse columns a table's descriptor does not have
  std::int64_t write_manifest_every_n = 1;        ///< >= 1
  /// Threads an append writes its parts (one per bucket) on: 0 picks the hardware
  /// concurrency, capped at 4. The files written do not depend on it.
  std::int64_t write_threads = 0;  ///< >= 0
  /// An append (per table of a commit) of at most this many rows keeps its rows inline in
  /// the run's append log until its bucket is sealed; 0 switches inlining off (every
  /// append writes Parquet parts, as the reference does).
  std::int64_t inline_max_rows = 10000;  ///< >= 0
  /// ... and whose rows encode to at most this many bytes per bucket.
  std::int64_t inline_max_bytes = 4 << 20;  ///< >= 0
  /// The append log starts a new segment file past this size.
  std::int64_t log_segment_bytes = 4 << 20;  ///< >= 4096
  /// Parts replaced by a seal or compaction, leftovers of crashed writers and retired log
  /// segments are deleted only once they are this old, so that a reader that had listed
  /// or opened them finishes its read.
  std::int64_t vacuum_grace_seconds = 600;  ///< >= 0
  ValuationSettings valuation;              ///< the reference's valuation block

  bool operator==(const IoSettings&) const = default;  ///< memberwise

  /// Defaults, overlaid by TOML, overlaid by CRV_IO_* variables of `env` (an empty
  /// variable counts as unset).
  /// TOML: `path` when given (its [io] table, [tool.crv.io] table, or top-level keys);
  /// otherwise `search_dir`/crv.toml ([io] or top-level keys), then
  /// `search_dir`/pyproject.toml ([tool.crv.io]); the first file yielding settings wins.
  /// Throws IoConfigError naming the source and value of any invalid setting, or a
  /// TOML file that does not parse (or a given path that does not exist).
  static IoSettings load(std::optional<std::filesystem::path> path = std::nullopt,
                         const EnvVars& env = EnvVars::process(), const std::filesystem::path& search_dir = ".");

  /// Checks every field (sizes >= 1, known compression, partitioning, protocol,
  /// valuation methods); IoConfigError naming the field and value.
  void validate() const;

  /// All fields as a JSON object (valuation nested, fs_options as an object).
  nlohmann::json to_json() const;
};

/// The CRV_IO_* variables load() reads.
inline constexpr const char* kEnvPrefix = "CRV_IO_";

}  // namespace crv::io
