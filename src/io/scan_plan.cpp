#include "scan_plan.hpp"
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "crv/frame/kernels.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "io/log/inline_rows_io.hpp"
#include "io/part_check.hpp"
#include "io/part_io.hpp"
#include "io/range_text.hpp"
#include "scan_output.hpp"

namespace crv::io::detail {
namespace {

std::string relation(const Where& where, std::int64_t low, std::int64_t high) {
  return fmt::format("manifest ticks {} {} {}", range_text(low, high),
                     where.overlaps(low, high) ? "overlap" : "outside", where.to_string());
}

void add_inline_rows(const ScanInput& input, const Where& where, ScanExplanation& plan) {
  if (input.inline_rows.empty()) return;
  for (const InlineRowsInput& rows : input.inline_rows) {
    PartDecision part;
    part.relative_path = bucket_dir_name(rows.bucket_id) + "/(" + rows.label + ")";
    part.bucket_id = rows.bucket_id;
    part.kept = where.overlaps(rows.tick_min, rows.tick_max);
    part.reason = fmt::format("inline ticks {} {} {}", range_text(rows.tick_min, rows.tick_max),
                              part.kept ? "overlap" : "outside", where.to_string());
    part.inline_parquet = rows.parquet;
    plan.parts.push_back(std::move(part));
  }
  // Each bucket's inline rows after its parts: rows come in bucket order, then append order.
  std::stable_sort(plan.parts.begin(), plan.parts.end(),
                   [](const PartDecision& a, const PartDecision& b) { return a.bucket_id < b.bucket_id; });
}

ScanExplanation plan_files(const ScanInput& input, const Where& where) {
  ScanExplanation plan;
  plan.table = std::string(core::to_string(input.table));
  plan.where = where;
  const std::filesystem::path dir = table_dir(input.settings, input.run_id, input.table);
  if (input.manifest) {
    plan.from_manifest = !input.walked;
    // The path checks are never skipped: a listed path leaving its bucket directory would read
    // another table's (or run's) files.
    check_manifest_parts(*input.manifest, manifest_path(input.settings, input.run_id, input.table), input.run_id);
    for (const auto& [bucket_id, partition] : input.manifest->partitions) {
      const bool kept = where.overlaps(partition.tick_min, partition.tick_max);
      plan.partitions.push_back({bucket_id, kept, relation(where, partition.tick_min, partition.tick_max)});
      if (!kept) continue;
      for (const PartEntry& entry : partition.parts) {
        PartDecision part;
        part.relative_path = bucket_dir_name(bucket_id) + "/" + entry.path;
        part.path = dir / bucket_dir_name(bucket_id) / entry.path;
        part.bucket_id = bucket_id;
        part.kept = where.overlaps(entry.tick_min, entry.tick_max);
        part.reason = input.walked ? "no manifest: found by the directory walk, " +
                                         relation(where, entry.tick_min, entry.tick_max)
                                   : relation(where, entry.tick_min, entry.tick_max);
        part.listed = entry;
        plan.parts.push_back(std::move(part));
      }
    }
    return plan;
  }
  plan.from_manifest = false;
  Env& env = *input.env;
  if (!env.is_directory(dir)) return plan;
  for (const std::string& bucket_name : env.list_dir(dir)) {
    const std::optional<std::int64_t> bucket_id = parse_bucket_dir_name(bucket_name);
    if (!bucket_id || !env.is_directory(dir / bucket_name)) continue;
    for (const std::string& file_name : env.list_dir(dir / bucket_name)) {
      if (is_tmp_file_name(file_name) || !is_part_file_name(file_name)) continue;
      PartDecision part;
      part.relative_path = bucket_name + "/" + file_name;
      part.path = dir / bucket_name / file_name;
      part.bucket_id = *bucket_id;
      part.kept = is_canonical_part_name(file_name);
      part.reason = part.kept
                        ? "no manifest: found by the directory walk (tick range unknown before its footer)"
                        : "no manifest: found by the directory walk, skipped: not a part name (part-<32 hex>.parquet)";
      plan.parts.push_back(std::move(part));
    }
  }
  return plan;
}

std::vector<parquet::RowGroupDecision> decide_row_groups(const parquet::FileReader& reader, const Where& where) {
  if (!where.is_unbounded()) {
    return reader.prune_row_groups(parquet::IntRangeFilter{"tick", where.tick_min, where.tick_max});
  }
  std::vector<parquet::RowGroupDecision> decisions;
  for (int group = 0; group < reader.num_row_groups(); ++group) {
    decisions.push_back({.row_group = group, .kept = true, .reason = "no tick bounds", .pages = std::nullopt});
  }
  return decisions;
}

// Level 4 for explain(): what the page index keeps of each kept row group, as the read with
// `options` (its tick filter) decides it. Not done when a plan is opened for reading: the
// reader decides pages itself, and this costs a page-index read per row group.
void decide_pages(const parquet::FileReader& reader, const parquet::ReadOptions& options,
                  std::vector<parquet::RowGroupDecision>& decisions) {
  if (!options.filter || !options.use_page_index) return;
  for (parquet::RowGroupDecision& decision : decisions) {
    if (decision.kept) decision.pages = reader.decide_pages(decision.row_group, *options.filter);
  }
}

std::vector<int> kept_row_groups(const std::vector<parquet::RowGroupDecision>& decisions) {
  std::vector<int> kept;
  for (const parquet::RowGroupDecision& decision : decisions) {
    if (decision.kept) kept.push_back(decision.row_group);
  }
  return kept;
}

std::unique_ptr<parquet::FileReader> open_part(const ScanInput& input, const PartDecision& part) {
  if (part.inline_parquet) return open_inline_rows(part.inline_parquet, part.relative_path);
  std::unique_ptr<parquet::FileReader> reader;
  try {
    reader = open_parquet_file(*input.env, part.path);
  } catch (const IoError& error) {
    // The open's ENOENT, not a stat before it: a scan of a stream's sealed buckets opens
    // hundreds of small parts, and a path lookup is a tenth of what opening one costs.
    if (!input.manifest || (error.sys_errno() != ENOENT && error.sys_errno() != ENOTDIR)) throw;
    throw IoManifestError("the manifest of table '" + std::string(core::to_string(input.table)) + "' lists '" +
                          part.relative_path +
                          "', which does not exist (run rebuild-manifest to re-derive it from the files)");
  }
  check_part(*reader, part.path.string(),
             PartExpectation{input.run_id, input.table, part.listed ? &*part.listed : nullptr, {}, &input.settings});
  return reader;
}

parquet::ReadOptions part_read_options(const parquet::FileReader& reader, const Where& where,
                                       const std::vector<std::string>& selection, std::vector<int> row_groups) {
  parquet::ReadOptions options;
  options.row_groups = std::move(row_groups);
  if (!where.is_unbounded()) {
    options.filter = parquet::IntRangeFilter{"tick", where.tick_min, where.tick_max};
  }
  if (!selection.empty()) {
    const auto has = [&reader](const std::string& name) {
      const auto& schema = reader.frame_schema();
      return std::any_of(schema.begin(), schema.end(),
                         [&name](const frame::Field& field) { return field.name == name; });
    };
    for (const std::string& name : selection) {
      if (has(name)) options.columns.push_back(name);
    }
    const bool tick_selected = std::find(selection.begin(), selection.end(), "tick") != selection.end();
    if (!where.is_unbounded() && !tick_selected && has("tick")) options.columns.push_back("tick");
    if (options.columns.empty()) {
      // Nothing of the selection in this part: one column keeps its row count.
      options.columns.push_back(reader.frame_schema().front().name);
    }
  }
  return options;
}

}  // namespace

ScanPlan::ScanPlan(std::shared_ptr<const ScanInput> input, const Where& where, std::vector<std::string> selection,
                   std::optional<std::int64_t> limit)
    : input_(std::move(input)), where_(where), selection_(std::move(selection)), limit_(limit) {
  levels_1_and_2_ = plan_files(*input_, where_);
  add_inline_rows(*input_, where_, levels_1_and_2_);
  levels_1_and_2_.columns = selection_;
  levels_1_and_2_.limit = limit_;
  for (std::size_t i = 0; i < levels_1_and_2_.parts.size(); ++i) {
    if (levels_1_and_2_.parts[i].kept) kept_.push_back(i);
  }
}

const PartDecision& ScanPlan::kept_part(std::size_t index) const { return levels_1_and_2_.parts[kept_.at(index)]; }

OpenedPart ScanPlan::open(std::size_t index) const {
  OpenedPart opened;
  opened.part = &kept_part(index);
  opened.reader = open_part(*input_, *opened.part);
  opened.row_groups = decide_row_groups(*opened.reader, where_);
  opened.options = part_read_options(*opened.reader, where_, selection_, kept_row_groups(opened.row_groups));
  return opened;
}

ScanExplanation ScanPlan::explain() const {
  ScanExplanation explanation = levels_1_and_2_;
  for (std::size_t k = 0; k < kept_.size(); ++k) {
    OpenedPart opened = open(k);
    decide_pages(*opened.reader, opened.options, opened.row_groups);
    explanation.parts[kept_[k]].row_groups = std::move(opened.row_groups);
  }
  return explanation;
}

frame::Frame filter_ticks(const frame::Frame& frame, const Where& where) {
  if (where.is_unbounded() || frame.num_rows() == 0) return frame;
  const frame::Column& tick = frame.column("tick");
  if (tick.type_id() != frame::TypeId::Int64) {
    throw IoSchemaError("column 'tick' is " + tick.type()->to_string() + ", not i64");
  }
  const std::int64_t* ticks = tick.values<std::int64_t>();
  std::vector<std::uint8_t> mask(static_cast<std::size_t>(frame.num_rows()));
  std::int64_t kept = 0;
  for (std::int64_t row = 0; row < frame.num_rows(); ++row) {
    const bool keep = tick.is_valid(row) && where.contains(ticks[row]);
    mask[static_cast<std::size_t>(row)] = keep ? 1 : 0;
    kept += keep ? 1 : 0;
  }
  if (kept == frame.num_rows()) return frame;
  return frame::filter(frame, mask);
}

}  // namespace crv::io::detail
