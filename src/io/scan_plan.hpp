#pragma once
// A scan planned once (private to the io layer). The plan decides, each decision with its
// reason for explain():
//   1. the manifest's partitions (buckets) by tick range,
//   2. the parts of the kept partitions by their listed tick range (or all the parts a
//      directory walk finds), then the append log's inline rows,
//   3. each kept part's row groups by their tick statistics,
//   4. pages, through the page index, inside the reader (the read options' filter).
// Levels 1-2 are decided when the plan is made; levels 3-4 when a kept part is opened
// (a footer read), so that a streamed scan holds only the parts it is reading. Every way of
// consuming a scan executes a ScanPlan: collect (part by part, or concatenated), count,
// batches and explain. Row groups are decided here only: the reader is handed the kept
// ones and does not prune them again.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crv/io/scan.hpp"
#include "crv/parquet/reader.hpp"
#include "io/scan_input.hpp"

namespace crv::io::detail {

/// A kept part, opened: its row-group decisions, and the read options of the kept ones
/// (the selection restricted to the part's columns, the tick filter for pages and rows).
struct OpenedPart {
  const PartDecision* part = nullptr;
  std::unique_ptr<parquet::FileReader> reader;
  std::vector<parquet::RowGroupDecision> row_groups;
  parquet::ReadOptions options;  ///< options.row_groups: the kept row groups, in order

  /// Whether some row group of the part is kept (nothing to read otherwise).
  bool has_rows() const { return !options.row_groups.empty(); }
};

class ScanPlan {
 public:
  /// Plans levels 1 and 2 (no file is opened).
  ScanPlan(std::shared_ptr<const ScanInput> input, const Where& where, std::vector<std::string> selection,
           std::optional<std::int64_t> limit);

  const ScanInput& input() const { return *input_; }
  const Where& where() const { return where_; }
  const std::vector<std::string>& selection() const { return selection_; }
  const std::optional<std::int64_t>& limit() const { return limit_; }

  /// The kept parts, in bucket order (each bucket's inline rows after its files).
  std::size_t kept_parts() const { return kept_.size(); }
  const PartDecision& kept_part(std::size_t index) const;

  /// Opens the index-th kept part and decides its row groups (levels 3 and 4). Safe to call
  /// from several threads at once. IoManifestError when a listed file is gone; IoReadError,
  /// IoManifestError or ParquetError when it is damaged or not what the manifest says.
  OpenedPart open(std::size_t index) const;

  /// Every decision, the row groups of every kept part included (each kept part opened).
  ScanExplanation explain() const;

 private:
  std::shared_ptr<const ScanInput> input_;
  Where where_;
  std::vector<std::string> selection_;
  std::optional<std::int64_t> limit_;
  ScanExplanation levels_1_and_2_;
  std::vector<std::size_t> kept_;  ///< indices into levels_1_and_2_.parts
};

/// Scan::collect() without a limit when every kept part selects the same columns with the
/// same types: the parts are decoded straight into the output columns (no per-part frames,
/// no concatenation copy), columns in parallel. nullopt when the parts differ (the caller
/// then reads part by part).
std::optional<frame::Frame> collect_concatenated(const ScanPlan& plan);

}  // namespace crv::io::detail
