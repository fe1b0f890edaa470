#include "crv/io/scan.hpp"
#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "crv/frame/kernels.hpp"
#include "crv/io/errors.hpp"
#include "io/scan_input.hpp"
#include "scan_output.hpp"
#include "scan_plan.hpp"

namespace crv::io {

std::string Where::to_string() const {
  return fmt::format("{}, {}", tick_min ? fmt::format("[{}", *tick_min) : std::string("(-inf"),
                     tick_max ? fmt::format("{}]", *tick_max) : std::string("+inf)"));
}

Scan::Scan(std::shared_ptr<const ScanInput> input, Where where) : input_(std::move(input)), where_(where) {
  if (!input_ || input_->env == nullptr) throw IoArgumentError("a scan needs an input with an Env");
}

Scan Scan::select(std::vector<std::string> columns) const {
  Scan scan = *this;
  scan.columns_ = std::move(columns);
  return scan;
}

Scan Scan::limit(std::int64_t rows) const {
  if (rows < 0) throw IoArgumentError("a scan limit must be >= 0, got " + std::to_string(rows));
  Scan scan = *this;
  scan.limit_ = limit_ ? std::min(*limit_, rows) : rows;
  return scan;
}

frame::Frame Scan::collect() const {
  const detail::ScanPlan plan(input_, where_, columns_, limit_);
  if (!limit_) {
    if (std::optional<frame::Frame> rows = detail::collect_concatenated(plan)) return *rows;
  }
  std::vector<frame::Frame> pieces;
  std::vector<std::pair<std::string, std::vector<frame::Field>>> schemas;
  std::int64_t remaining = limit_.value_or(-1);
  for (std::size_t k = 0; k < plan.kept_parts() && remaining != 0; ++k) {
    const detail::OpenedPart part = plan.open(k);
    if (!part.has_rows()) continue;
    frame::Frame rows = detail::filter_ticks(part.reader->read(part.options), where_);
    if (remaining >= 0 && rows.num_rows() > remaining) rows = rows.slice(0, remaining);
    if (remaining >= 0) remaining -= rows.num_rows();
    if (rows.num_rows() == 0) continue;
    schemas.emplace_back(part.part->relative_path, rows.schema());
    pieces.push_back(std::move(rows));
  }
  const std::vector<frame::Field> schema = detail::output_schema(input_->table, schemas, columns_);
  if (pieces.empty()) return detail::empty_frame(schema);
  for (frame::Frame& piece : pieces) piece = detail::conform(piece, schema);
  return pieces.size() == 1 ? pieces.front() : frame::concat(pieces);
}

namespace {

/// The rows of one kept row group within `where`: its row count when its tick statistics
/// lie inside the range, otherwise its ticks are read and counted.
std::int64_t count_row_group(const detail::OpenedPart& part, int group, const Where& where) {
  const std::int64_t rows = part.reader->num_rows(group);
  if (where.is_unbounded()) return rows;
  const auto range = part.reader->int_column_range(group, "tick");
  if (range && where.contains(range->first) && where.contains(range->second)) return rows;
  parquet::ReadOptions ticks;
  ticks.columns = {"tick"};
  ticks.filter = part.options.filter;
  return detail::filter_ticks(part.reader->read_row_group(group, ticks), where).num_rows();
}

}  // namespace

std::int64_t Scan::count() const {
  const detail::ScanPlan plan(input_, where_, columns_, limit_);
  std::int64_t total = 0;
  for (std::size_t k = 0; k < plan.kept_parts() && !(limit_ && total >= *limit_); ++k) {
    const detail::OpenedPart part = plan.open(k);
    for (int group : part.options.row_groups) total += count_row_group(part, group, where_);
  }
  return limit_ ? std::min(total, *limit_) : total;
}

ScanExplanation Scan::explain() const { return detail::ScanPlan(input_, where_, columns_, limit_).explain(); }

}  // namespace crv::io
