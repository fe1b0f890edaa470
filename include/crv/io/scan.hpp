#pragma once
/// @file
/// Lazy scans of a table (REFERENCE.md section 6), pruned at three levels: manifest
/// partitions, each part's tick range, row-group statistics (and pages through the page
/// index); rows are then filtered by tick exactly.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "crv/core/inclusive_range.hpp"
#include "crv/export.hpp"
#include "crv/frame/frame.hpp"
#include "crv/io/env.hpp"
#include "crv/io/manifest.hpp"
#include "crv/io/settings.hpp"
#include "crv/io/table_ref.hpp"
#include "crv/parquet/reader.hpp"

namespace crv::io {

/// Inclusive tick bounds; an absent bound is open.
struct CRV_IO_EXPORT Where {
  std::optional<std::int64_t> tick_min;  ///< the smallest tick selected; nullopt: no lower bound
  std::optional<std::int64_t> tick_max;  ///< the largest tick selected; nullopt: no upper bound

  bool operator==(const Where&) const = default;                ///< the same bounds
  bool is_unbounded() const { return !tick_min && !tick_max; }  ///< whether it selects every tick
  /// Whether `tick` is within the bounds.
  bool contains(std::int64_t tick) const {
    return (!tick_min || tick >= *tick_min) && (!tick_max || tick <= *tick_max);
  }
  /// Whether [low, high] meets the bounds (never when tick_min > tick_max: such bounds
  /// select nothing, as the reference's filter does).
  bool overlaps(std::int64_t low, std::int64_t high) const { return core::overlaps(low, high, tick_min, tick_max); }
  /// "[0, 120]", "[0, +inf)", "(-inf, +inf)".
  std::string to_string() const;
};

/// What a scan reads (private: made by Dataset::scan; io/scan_input.hpp).
struct ScanInput;

/// A pruning decision about a partition (bucket) of the manifest.
struct PartitionDecision {
  std::int64_t bucket_id = 0;  ///< the bucket
  bool kept = true;            ///< whether its parts are read
  std::string reason;          ///< why, e.g. the bucket's tick range against the bounds
};

/// A pruning decision about one part file, and about its row groups when it was kept.
struct PartDecision {
  std::filesystem::path path;                         ///< absolute
  std::string relative_path;                          ///< "bucket=000000/part-<hex>.parquet"
  std::int64_t bucket_id = 0;                         ///< the part's bucket
  bool kept = true;                                   ///< whether it is read
  std::string reason;                                 ///< why
  std::vector<parquet::RowGroupDecision> row_groups;  ///< kept parts only
  /// Set for inline rows of the append log (then `path` is empty).
  std::shared_ptr<const std::string> inline_parquet;
  /// The manifest's (or the log's) entry, which the file's footer must agree with (row
  /// count, tick range); nullopt for inline rows and for parts found by a directory walk.
  std::optional<PartEntry> listed;
};

/// The plan of a scan, as explain() reports it.
struct CRV_IO_EXPORT ScanExplanation {
  std::string table;                          ///< the table's name
  Where where;                                ///< the scan's bounds
  bool from_manifest = true;                  ///< false: no manifest, parts found by a directory walk
  std::vector<PartitionDecision> partitions;  ///< manifest partitions (empty on a walk)
  std::vector<PartDecision> parts;            ///< every part considered (inline rows of the log included)
  std::vector<std::string> columns;           ///< the selection (empty: all)
  std::optional<std::int64_t> limit;          ///< the scan's row limit

  std::size_t parts_kept() const;         ///< parts that are read
  std::size_t row_groups_kept() const;    ///< row groups read, in the kept parts
  std::size_t row_groups_pruned() const;  ///< row groups of kept parts skipped by their statistics
  nlohmann::json to_json() const;         ///< the plan as JSON, for tools
  /// A readable multi-line report.
  std::string to_string() const;
};

/// Reads a scan batch by batch (at most ReadOptions::batch_size rows each), in bounded memory.
class CRV_IO_EXPORT ScanBatchReader {
 public:
  ScanBatchReader(ScanBatchReader&&) noexcept;             ///< takes over the open scan
  ScanBatchReader& operator=(ScanBatchReader&&) noexcept;  ///< takes over the open scan
  ~ScanBatchReader();
  /// The next non-empty batch (filtered, selected, within the limit), or nullopt at the
  /// end. Every batch has the same columns and types.
  std::optional<frame::Frame> next();
  /// The columns of every batch (known before the first one; also when there is none).
  const std::vector<frame::Field>& schema() const;

 private:
  friend class Scan;
  class Impl;
  explicit ScanBatchReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// A lazy scan, like a Polars LazyFrame: nothing is read until collect(), batches(),
/// count() or explain(). Scans are cheap values; select() and limit() return new ones.
class CRV_IO_EXPORT Scan {
 public:
  /// A scan of `input` (made by Dataset::scan and read; ScanInput is private).
  Scan(std::shared_ptr<const ScanInput> input, Where where);

  /// Only these columns, in this order (IoSchemaError at collection when one does not
  /// exist in the table).
  Scan select(std::vector<std::string> columns) const;
  /// At most `rows` rows.
  Scan limit(std::int64_t rows) const;

  /// The rows: the table's columns (descriptor order, then extras) or the selection.
  /// Parts lacking a column get nulls. No part selected: an empty frame.
  frame::Frame collect() const;
  /// The rows as collect() has them, one batch at a time: memory bounded by a batch.
  ScanBatchReader batches() const;
  /// The number of matching rows (row groups entirely within the range are counted from
  /// their metadata; others decode the tick column only).
  std::int64_t count() const;
  /// What a read would open and skip, and why; reads footers and page indexes only.
  ScanExplanation explain() const;

  const Where& where() const { return where_; }                         ///< the tick bounds
  const std::vector<std::string>& columns() const { return columns_; }  ///< the selection (empty: all)
  std::optional<std::int64_t> row_limit() const { return limit_; }      ///< the limit(), if any

 private:
  std::shared_ptr<const ScanInput> input_;
  Where where_;
  std::vector<std::string> columns_;
  std::optional<std::int64_t> limit_;
};

}  // namespace crv::io
