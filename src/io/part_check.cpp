#include "io/part_check.hpp"

#include <algorithm>
#include <map>

#include "crv/core/table_descriptor.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "io/range_text.hpp"

namespace crv::io::detail {
namespace {

bool in_family(core::DType dtype, const frame::DataType& type) {
  switch (dtype) {
    case core::DType::I64: return type.is_integer();
    case core::DType::F64: return type.is_numeric();
    case core::DType::Str: return type.id() == frame::TypeId::String;
    case core::DType::Struct: return type.id() == frame::TypeId::Struct;
    case core::DType::ListStruct: return type.id() == frame::TypeId::List;
  }
  return false;
}

}  // namespace

void check_fields_against_descriptor(core::TableName table, const std::vector<frame::Field>& fields,
                                     std::string_view what) {
  const core::TableDescriptor& descriptor = core::get_table(table);
  const std::string table_name(core::to_string(table));
  std::vector<std::string> missing;
  for (const core::ColumnSpec& spec : descriptor.columns) {
    const auto field =
        std::find_if(fields.begin(), fields.end(), [&spec](const frame::Field& f) { return f.name == spec.name; });
    if (field == fields.end()) {
      if (descriptor.is_required(spec.name)) missing.push_back(spec.name);
      continue;
    }
    if (!in_family(spec.dtype, *field->type)) {
      throw IoSchemaError(std::string(what) + ": column '" + spec.name + "' is " + field->type->to_string() +
                          ", but table '" + table_name + "' declares it " + std::string(core::to_string(spec.dtype)));
    }
  }
  if (!missing.empty()) {
    std::string names;
    for (const std::string& name : missing) names += (names.empty() ? "'" : ", '") + name + "'";
    throw IoSchemaError(std::string(what) + " lacks the required column(s) " + names + " of table '" + table_name +
                        "': it is not a part of this table");
  }
}

void check_part(const parquet::FileReader& reader, const std::string& file, const PartExpectation& expected) {
  const std::string_view table_name = core::to_string(expected.table);
  // The messages are built only on a disagreement: the checks run for every part of a read.
  const auto what = [&] { return "part '" + file + "'"; };
  const auto hint = [&] { return rebuild_manifest_hint(expected.run_id, table_name); };

  // Key-value metadata: absent keys are accepted (other writers), a contradiction is not.
  const std::map<std::string, std::string> metadata = reader.key_value_metadata();
  const auto contradicts = [&](const char* key, std::string_view want) {
    const auto it = metadata.find(key);
    if (it == metadata.end() || it->second == want) return;
    throw IoManifestError(what() + " says " + key + " = '" + it->second + "', but it is read as a part of table '" +
                          std::string(table_name) + "' of run '" + std::string(expected.run_id) +
                          "': it was written for another " + (std::string_view(key) == "crv_run_id" ? "run" : "table") +
                          " (copied or moved in by hand?); move it out and " + hint());
  };
  contradicts("crv_run_id", expected.run_id);
  contradicts("crv_table_name", table_name);

  check_fields_against_descriptor(expected.table, reader.frame_schema(), "part '" + file + "'");

  if (!expected.listed) return;
  const PartEntry& listed = *expected.listed;
  const auto by = [&] {
    if (!expected.listed_by.empty()) return std::string(expected.listed_by);
    if (!expected.settings) return std::string("the manifest");
    return "the manifest '" + manifest_path(*expected.settings, expected.run_id, expected.table).string() + "'";
  };
  if (reader.num_rows() != listed.rows) {
    throw IoManifestError(what() + " does not agree with " + by() + ": the manifest says " +
                          std::to_string(listed.rows) + " rows, the file has " + std::to_string(reader.num_rows()) +
                          " (the file was replaced or the manifest is stale); " + hint());
  }
  // The tick range from the statistics of the row groups (footer only).
  std::optional<std::pair<std::int64_t, std::int64_t>> range;
  bool complete = true;
  for (int group = 0; group < reader.num_row_groups(); ++group) {
    if (reader.num_rows(group) == 0) continue;
    const auto stats = reader.int_column_range(group, "tick");
    if (!stats) {
      complete = false;
      continue;
    }
    if (!range) {
      range = *stats;
    } else {
      range->first = std::min(range->first, stats->first);
      range->second = std::max(range->second, stats->second);
    }
  }
  if (!range) return;
  const bool agrees = complete ? (range->first == listed.tick_min && range->second == listed.tick_max)
                               : (range->first >= listed.tick_min && range->second <= listed.tick_max);
  if (!agrees) {
    throw IoManifestError(what() + " does not agree with " + by() + ": the manifest says ticks " +
                          range_text(listed.tick_min, listed.tick_max) + ", the file's statistics say " +
                          range_text(range->first, range->second) + (complete ? "" : " (some row groups have none)") +
                          "; " + hint());
  }
}

}  // namespace crv::io::detail
