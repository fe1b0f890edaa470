// Scan::collect() of parts that share their columns: one concatenated read.

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "crv/frame/kernels.hpp"
#include "scan_plan.hpp"

namespace crv::io::detail {
namespace {

// Parts read together at most (bounds the files open at once); more parts are read in
// groups and the groups concatenated.
constexpr std::size_t kPartsPerRead = 256;

bool same_fields(const std::vector<frame::Field>& a, const std::vector<frame::Field>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || !frame::type_equals(a[i].type, b[i].type)) return false;
  }
  return true;
}

// The fields `options` selects from `reader` (all of them when the selection is empty).
std::vector<frame::Field> selected_fields(const parquet::FileReader& reader, const parquet::ReadOptions& options) {
  if (options.columns.empty()) return reader.frame_schema();
  std::vector<frame::Field> fields;
  for (const std::string& name : options.columns) {
    for (const frame::Field& field : reader.frame_schema()) {
      if (field.name == name) fields.push_back(field);
    }
  }
  return fields;
}

}  // namespace

std::optional<frame::Frame> collect_concatenated(const ScanInput& input, const ScanExplanation& plan,
                                                 const Where& where, const std::vector<std::string>& selection) {
  std::vector<std::unique_ptr<parquet::FileReader>> readers;
  std::vector<parquet::FileRead> reads;
  std::vector<frame::Field> fields;
  std::vector<frame::Frame> groups;
  std::int64_t rows = 0;
  const auto read_group = [&] {
    if (reads.empty()) return;
    frame::Frame group = filter_ticks(parquet::FileReader::read_concatenated(reads), where);
    rows += group.num_rows();
    groups.push_back(std::move(group));
    reads.clear();
    readers.clear();
  };
  for (const PartDecision& part : plan.parts) {
    if (!part.kept) continue;
    std::unique_ptr<parquet::FileReader> reader = open_part(input, part);
    std::vector<int> row_groups = kept_row_groups(decide_row_groups(*reader, where));
    if (row_groups.empty()) continue;
    parquet::ReadOptions options = part_read_options(*reader, where, selection, std::move(row_groups));
    std::vector<frame::Field> part_fields = selected_fields(*reader, options);
    if (fields.empty() && groups.empty()) {
      fields = std::move(part_fields);
    } else if (!same_fields(fields, part_fields)) {
      return std::nullopt;
    }
    reads.push_back({reader.get(), std::move(options)});
    readers.push_back(std::move(reader));
    if (reads.size() == kPartsPerRead) read_group();
  }
  read_group();
  if (groups.empty() || rows == 0) return std::nullopt;  // the part-by-part path builds the empty frame
  const std::vector<frame::Field> schema = output_schema(input.table, {{plan.parts.front().relative_path, fields}}, selection);
  std::vector<frame::Frame> pieces;
  for (frame::Frame& group : groups) {
    if (group.num_rows() > 0) pieces.push_back(conform(group, schema));
  }
  return pieces.size() == 1 ? pieces.front() : frame::concat(pieces);
}

}  // namespace crv::io::detail
