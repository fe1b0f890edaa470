#include "crv/io/scan.hpp"
#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "crv/frame/kernels.hpp"
#include "crv/io/errors.hpp"
#include "scan_plan.hpp"

namespace crv::io {

std::string Where::to_string() const {
  return fmt::format("{}, {}", tick_min ? fmt::format("[{}", *tick_min) : std::string("(-inf"),
                     tick_max ? fmt::format("{}]", *tick_max) : std::string("+inf)"));
}

Scan::Scan(std::shared_ptr<const ScanInput> input, Where where)
    : input_(std::move(input)), where_(where) {
  if (!input_ || input_->env == nullptr) throw IoError("a scan needs an input with an Env");
  if (where_.tick_min && where_.tick_max && *where_.tick_min > *where_.tick_max) {
    throw IoError("invalid tick range " + where_.to_string() + ": tick_min is greater than tick_max");
  }
}

Scan Scan::select(std::vector<std::string> columns) const {
  Scan scan = *this;
  scan.columns_ = std::move(columns);
  return scan;
}

Scan Scan::limit(std::int64_t rows) const {
  if (rows < 0) throw IoError("a scan limit must be >= 0, got " + std::to_string(rows));
  Scan scan = *this;
  scan.limit_ = limit_ ? std::min(*limit_, rows) : rows;
  return scan;
}

frame::Frame Scan::collect() const {
  const ScanExplanation plan = detail::plan_parts(*input_, where_);
  if (!limit_) {
    if (std::optional<frame::Frame> rows = detail::collect_concatenated(*input_, plan, where_, columns_)) return *rows;
  }
  std::vector<frame::Frame> pieces;
  std::vector<std::pair<std::string, std::vector<frame::Field>>> schemas;
  std::int64_t remaining = limit_.value_or(-1);
  for (const PartDecision& part : plan.parts) {
    if (!part.kept || remaining == 0) continue;
    const auto reader = detail::open_part(*input_, part);
    std::vector<int> row_groups = detail::kept_row_groups(detail::decide_row_groups(*reader, where_));
    if (row_groups.empty()) continue;
    frame::Frame rows = detail::filter_ticks(
        reader->read(detail::part_read_options(*reader, where_, columns_, std::move(row_groups))), where_);
    if (remaining >= 0 && rows.num_rows() > remaining) rows = rows.slice(0, remaining);
    if (remaining >= 0) remaining -= rows.num_rows();
    if (rows.num_rows() == 0) continue;
    schemas.emplace_back(part.relative_path, rows.schema());
    pieces.push_back(std::move(rows));
  }
  const std::vector<frame::Field> schema = detail::output_schema(input_->table, schemas, columns_);
  if (pieces.empty()) return detail::empty_frame(schema);
  for (frame::Frame& piece : pieces) piece = detail::conform(piece, schema);
  return pieces.size() == 1 ? pieces.front() : frame::concat(pieces);
}

std::int64_t Scan::count() const {
  const ScanExplanation plan = detail::plan_parts(*input_, where_);
  std::int64_t total = 0;
  for (const PartDecision& part : plan.parts) {
    if (!part.kept) continue;
    if (limit_ && total >= *limit_) break;
    const auto reader = detail::open_part(*input_, part);
    for (int group : detail::kept_row_groups(detail::decide_row_groups(*reader, where_))) {
      const std::int64_t rows = reader->metadata().row_groups[static_cast<std::size_t>(group)].num_rows;
      const auto range = where_.is_unbounded() ? std::nullopt : reader->int_column_range(group, "tick");
      const bool whole = where_.is_unbounded() ||
                         (range && where_.contains(range->first) && where_.contains(range->second));
      if (whole) {
        total += rows;
        continue;
      }
      parquet::ReadOptions options;
      options.columns = {"tick"};
      options.filter = parquet::IntRangeFilter{"tick", where_.tick_min, where_.tick_max};
      total += detail::filter_ticks(reader->read_row_group(group, options), where_).num_rows();
    }
  }
  return limit_ ? std::min(total, *limit_) : total;
}

ScanExplanation Scan::explain() const {
  ScanExplanation plan = detail::plan_parts(*input_, where_);
  for (PartDecision& part : plan.parts) {
    if (!part.kept) continue;
    const auto reader = detail::open_part(*input_, part);
    part.row_groups = detail::decide_row_groups(*reader, where_);
  }
  plan.columns = columns_;
  plan.limit = limit_;
  return plan;
}

}  // namespace crv::io
