// Scan::collect() of parts that share their columns: one concatenated read.

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "crv/core/parallel_tasks.hpp"
#include "crv/frame/kernels.hpp"
#include "scan_output.hpp"
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

std::optional<frame::Frame> collect_concatenated(const ScanPlan& plan) {
  const std::size_t kept = plan.kept_parts();
  std::vector<std::unique_ptr<parquet::FileReader>> readers;
  std::vector<parquet::FileRead> reads;
  std::vector<frame::Field> fields;
  std::vector<frame::Frame> groups;
  std::int64_t rows = 0;
  for (std::size_t first = 0; first < kept; first += kPartsPerRead) {
    const std::size_t count = std::min(kPartsPerRead, kept - first);
    std::vector<OpenedPart> opened(count);
    // Opening a part is a few reads and a footer to parse: for a stream's hundreds of small
    // sealed parts that is a good share of the scan, so the parts are opened in parallel.
    core::run_tasks(count, core::hardware_threads(), [&](std::size_t k) { opened[k] = plan.open(first + k); });
    for (OpenedPart& part : opened) {
      if (!part.has_rows()) continue;
      std::vector<frame::Field> part_fields = selected_fields(*part.reader, part.options);
      if (fields.empty() && groups.empty() && reads.empty()) {
        fields = std::move(part_fields);
      } else if (!same_fields(fields, part_fields)) {
        return std::nullopt;
      }
      reads.push_back({part.reader.get(), std::move(part.options)});
      readers.push_back(std::move(part.reader));
    }
    if (!reads.empty()) {
      frame::Frame group = filter_ticks(parquet::FileReader::read_concatenated(reads), plan.where());
      rows += group.num_rows();
      groups.push_back(std::move(group));
      reads.clear();
      readers.clear();
    }
  }
  if (groups.empty() || rows == 0) return std::nullopt;  // the part-by-part path builds the empty frame
  const std::vector<frame::Field> schema =
      output_schema(plan.input().table, {{plan.kept_part(0).relative_path, fields}}, plan.selection());
  std::vector<frame::Frame> pieces;
  for (frame::Frame& group : groups) {
    if (group.num_rows() > 0) pieces.push_back(conform(group, schema));
  }
  return pieces.size() == 1 ? pieces.front() : frame::concat(pieces);
}

}  // namespace crv::io::detail
