// `crv-io parquet schema|meta|dump FILE`: inspect any Parquet file.

#include <algorithm>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/frame_output.hpp"
#include "cli/statistic_value.hpp"
#include "cli/stdin_input.hpp"
#include "crv/frame/canonical_json.hpp"
#include "crv/frame/frame.hpp"
#include "crv/frame/json.hpp"
#include "crv/frame/kernels.hpp"
#include "crv/frame/pretty_print.hpp"
#include "crv/parquet/reader.hpp"

namespace crv::cli {
namespace {

using parquet::ConvertedType;
using parquet::SchemaNode;
using parquet::Type;

struct ParquetOptions {
  std::string file;
  bool json = false;
  std::string columns;
  int64_t limit = -1;
  RowsOutput output;  ///< dump: --format (default: table on a terminal, else jsonl), --max-rows, --all
};

// ---- schema ------------------------------------------------------------------------------

std::string describe_element(const SchemaNode& e) {
  std::string text;
  if (e.repetition) {
    std::string r = parquet::to_string(*e.repetition);
    std::transform(r.begin(), r.end(), r.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    text += r + " ";
  }
  if (e.physical_type) {
    text += parquet::to_string(*e.physical_type);
    if (*e.physical_type == Type::FIXED_LEN_BYTE_ARRAY) text += "(" + std::to_string(e.type_length.value_or(0)) + ")";
  } else {
    text += "group";
  }
  text += " " + e.name;
  std::vector<std::string> notes;
  if (e.logical_type) notes.push_back(parquet::to_string(*e.logical_type));
  if (e.converted_type) {
    std::string c = parquet::to_string(*e.converted_type);
    if (*e.converted_type == ConvertedType::DECIMAL) {
      c += "(" + std::to_string(e.precision.value_or(0)) + "," + std::to_string(e.scale.value_or(0)) + ")";
    }
    notes.push_back("converted " + c);
  }
  if (e.field_id) notes.push_back("field_id=" + std::to_string(*e.field_id));
  if (!notes.empty()) {
    text += " (";
    for (size_t i = 0; i < notes.size(); ++i) text += (i ? ", " : "") + notes[i];
    text += ")";
  }
  return text;
}

void print_tree(std::ostream& out, const SchemaNode& node, int depth) {
  const std::string indent(static_cast<size_t>(depth) * 2, ' ');
  if (depth == 0) {
    out << "message " << node.name << " {\n";
  } else if (!node.children.empty()) {
    out << indent << describe_element(node) << " {\n";
  } else {
    out << indent << describe_element(node) << ";\n";
    return;
  }
  for (const SchemaNode& child : node.children) print_tree(out, child, depth + 1);
  out << indent << "}\n";
}

void run_schema(const ParquetOptions& options) {
  const auto reader = parquet::FileReader::open(options.file);
  std::ostringstream out;
  print_tree(out, reader->schema_tree(), 0);
  out << "\nframe schema:\n";
  for (const frame::Field& field : reader->frame_schema()) out << "  " << field.to_string() << "\n";
  std::cout << out.str();
}

// ---- meta --------------------------------------------------------------------------------

const SchemaNode* leaf_node(const SchemaNode& root, const std::vector<std::string>& path) {
  const SchemaNode* node = &root;
  for (const std::string& name : path) {
    const SchemaNode* next = nullptr;
    for (const SchemaNode& child : node->children) {
      if (child.name == name) next = &child;
    }
    if (!next) return nullptr;
    node = next;
  }
  return node;
}

nlohmann::json statistics_json(const parquet::ColumnStatistics& s, const SchemaNode* leaf, Type type) {
  nlohmann::json out = nlohmann::json::object();
  if (s.null_count) out["null_count"] = *s.null_count;
  if (s.distinct_count) out["distinct_count"] = *s.distinct_count;
  if (s.min_value)
    out["min"] = statistic_value(leaf, type, *s.min_value);
  else if (s.legacy_min)
    out["min_deprecated"] = statistic_value(leaf, type, *s.legacy_min);
  if (s.max_value)
    out["max"] = statistic_value(leaf, type, *s.max_value);
  else if (s.legacy_max)
    out["max_deprecated"] = statistic_value(leaf, type, *s.legacy_max);
  if (s.nan_count) out["nan_count"] = *s.nan_count;
  return out;
}

nlohmann::json column_json(const parquet::ColumnChunkView& c, const SchemaNode& schema) {
  nlohmann::json col;
  col["path"] = c.path();
  col["type"] = parquet::to_string(c.physical_type());
  col["codec"] = parquet::to_string(c.codec());
  nlohmann::json encodings = nlohmann::json::array();
  for (parquet::Encoding e : c.encodings()) encodings.push_back(parquet::to_string(e));
  col["encodings"] = encodings;
  col["num_values"] = c.num_values();
  col["total_compressed_size"] = c.total_compressed_size();
  col["total_uncompressed_size"] = c.total_uncompressed_size();
  col["data_page_offset"] = c.data_page_offset();
  if (const auto offset = c.dictionary_page_offset()) col["dictionary_page_offset"] = *offset;
  if (const auto statistics = c.statistics()) {
    col["statistics"] = statistics_json(*statistics, leaf_node(schema, c.path_in_schema()), c.physical_type());
  }
  col["page_index"] = c.has_page_index();
  return col;
}

nlohmann::json meta_json(const parquet::FileReader& reader) {
  const parquet::FileMetadataView m = reader.metadata();
  nlohmann::json j;
  j["file"] = reader.name();
  j["version"] = m.version();
  j["created_by"] = m.created_by();
  j["num_rows"] = m.num_rows();
  j["num_row_groups"] = m.num_row_groups();
  nlohmann::json kv = nlohmann::json::object();
  for (const auto& [key, value] : reader.key_value_metadata()) kv[key] = value;
  j["key_value_metadata"] = kv;
  nlohmann::json groups = nlohmann::json::array();
  for (int g = 0; g < m.num_row_groups(); ++g) {
    const parquet::RowGroupView rg = m.row_group(g);
    nlohmann::json group;
    group["index"] = g;
    group["num_rows"] = rg.num_rows();
    group["total_byte_size"] = rg.total_byte_size();
    if (const auto compressed = rg.total_compressed_size()) group["total_compressed_size"] = *compressed;
    nlohmann::json columns = nlohmann::json::array();
    for (int c = 0; c < rg.num_columns(); ++c) columns.push_back(column_json(rg.column(c), reader.schema_tree()));
    group["columns"] = columns;
    groups.push_back(group);
  }
  j["row_groups"] = groups;
  return j;
}

void run_meta(const ParquetOptions& options) {
  const auto reader = parquet::FileReader::open(options.file);
  const nlohmann::json j = meta_json(*reader);
  if (options.json) {
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::ostringstream out;
  out << "file: " << j["file"].get<std::string>() << "\n"
      << "created_by: " << j["created_by"].get<std::string>() << "\n"
      << "version: " << j["version"] << "\n"
      << "num_rows: " << j["num_rows"] << "\n"
      << "num_row_groups: " << j["num_row_groups"] << "\n";
  if (!j["key_value_metadata"].empty()) {
    out << "key_value_metadata:\n";
    for (const auto& [key, value] : j["key_value_metadata"].items())
      out << "  " << key << " = " << value.get<std::string>() << "\n";
  }
  for (const auto& group : j["row_groups"]) {
    out << "row group " << group["index"] << ": " << group["num_rows"] << " rows, " << group["total_byte_size"]
        << " bytes uncompressed\n";
    for (const auto& col : group["columns"]) {
      out << "  " << col["path"].get<std::string>() << ": " << col["type"].get<std::string>() << " "
          << col["codec"].get<std::string>() << " encodings=" << col["encodings"].dump()
          << " values=" << col["num_values"] << " compressed=" << col["total_compressed_size"]
          << " uncompressed=" << col["total_uncompressed_size"];
      if (col.contains("statistics")) out << " statistics=" << col["statistics"].dump();
      if (col["page_index"].get<bool>()) out << " page_index";
      out << "\n";
    }
  }
  std::cout << out.str();
}

// ---- dump --------------------------------------------------------------------------------

frame::JsonFieldHints hints_for(const parquet::FileReader& reader, std::vector<std::string>& path,
                                const frame::Field& field) {
  frame::JsonFieldHints hints;
  path.push_back(field.name);
  const SchemaNode* element = reader.node_of(path);
  hints.uuid = element && element->logical_type && std::holds_alternative<parquet::UUIDType>(*element->logical_type);
  for (const frame::Field& child : field.type->fields()) hints.children.push_back(hints_for(reader, path, child));
  path.pop_back();
  return hints;
}

std::string csv_cell(const frame::CanonicalJsonWriter& writer, const frame::Column& column, size_t index, int64_t row) {
  if (column.is_null(row)) return "";
  std::string text;
  writer.append_value(text, index, row);
  if (column.type_id() != frame::TypeId::Struct && column.type_id() != frame::TypeId::List && text.size() >= 2 &&
      text.front() == '"') {
    text = nlohmann::json::parse(text).get<std::string>();
  }
  if (text.find_first_of(",\"\n\r") != std::string::npos) {
    std::string quoted = "\"";
    for (char c : text) {
      if (c == '"') quoted.push_back('"');
      quoted.push_back(c);
    }
    return quoted + "\"";
  }
  return text;
}

void run_dump(const ParquetOptions& options) {
  const std::string format = resolved_format(options.output.format);
  const auto reader = parquet::FileReader::open(options.file);
  parquet::ReadOptions read;
  if (!options.columns.empty()) {
    std::stringstream list(options.columns);
    for (std::string name; std::getline(list, name, ',');) {
      if (!name.empty()) read.columns.push_back(name);
    }
  }
  if (options.limit >= 0) read.batch_size = std::max<int64_t>(1, std::min<int64_t>(read.batch_size, options.limit));
  auto batches = reader->batches(read);
  std::vector<frame::JsonFieldHints> hints;
  std::vector<std::string> path;
  std::vector<frame::Field> fields;
  for (const frame::Field& field : reader->frame_schema()) {
    if (read.columns.empty() || std::find(read.columns.begin(), read.columns.end(), field.name) != read.columns.end()) {
      fields.push_back(field);
    }
  }
  if (!read.columns.empty()) {
    std::vector<frame::Field> ordered;
    for (const std::string& name : read.columns) {
      for (const frame::Field& f : fields) {
        if (f.name == name) ordered.push_back(f);
      }
    }
    fields = ordered;
  }
  for (const frame::Field& field : fields) hints.push_back(hints_for(*reader, path, field));

  int64_t remaining = options.limit < 0 ? std::numeric_limits<int64_t>::max() : options.limit;
  std::vector<frame::Frame> table_parts;
  std::string out;
  if (format == "csv") {
    for (size_t c = 0; c < fields.size(); ++c) out += (c ? "," : "") + fields[c].name;
    out += "\n";
  }
  while (remaining > 0) {
    auto batch = batches->next();
    if (!batch) break;
    frame::Frame rows = batch->num_rows() > remaining ? batch->slice(0, remaining) : *batch;
    remaining -= rows.num_rows();
    if (format == "jsonl") {
      frame::append_canonical_jsonl(out, rows, hints);
    } else if (format == "csv") {
      const frame::CanonicalJsonWriter writer(rows, hints);
      for (int64_t r = 0; r < rows.num_rows(); ++r) {
        for (size_t c = 0; c < rows.num_columns(); ++c) {
          if (c) out.push_back(',');
          out += csv_cell(writer, rows.column(c), c, r);
        }
        out.push_back('\n');
      }
    } else {
      table_parts.push_back(rows);
    }
    std::cout << out;
    out.clear();
  }
  if (format == "table") {
    frame::Frame all = table_parts.empty() ? reader
                                                 ->read({.columns = read.columns,
                                                         .row_groups = {},
                                                         .filter = {},
                                                         .use_page_index = true,
                                                         .batch_size = 1})
                                                 .slice(0, 0)
                                           : frame::concat(table_parts);
    std::cout << frame_as_table(all, options.output);
  }
  std::cout << out << std::flush;
}

}  // namespace

void register_parquet(CLI::App& app) {
  CLI::App* parquet = app.add_subcommand("parquet", "inspect a Parquet file: schema, metadata, rows");
  parquet->require_subcommand(1);
  parquet->footer("Example:\n  crv-io parquet meta part.parquet");
  auto add_file_command = [parquet](const std::string& name, const std::string& description,
                                    void (*run)(const ParquetOptions&)) {
    const auto [command, options] = add_command<ParquetOptions>(*parquet, name, description, run);
    command->add_option("FILE", options->file, "Parquet file; - reads standard input")
        ->required()
        ->transform(stdin_as_file());
    command->footer("Example:\n  crv-io parquet " + name + " part.parquet");
    return std::pair{command, options};
  };

  add_file_command("schema", "the schema tree with physical and logical types", run_schema);

  const auto [meta, meta_options] =
      add_file_command("meta", "row groups, column chunks, encodings, codecs, sizes, statistics", run_meta);
  meta->add_flag("--json", meta_options->json, "print JSON");

  const auto [dump, dump_options] = add_file_command("dump", "the rows", run_dump);
  dump->add_option("--columns", dump_options->columns, "comma-separated top-level columns");
  dump->add_option("--limit", dump_options->limit, "at most N rows")->check(CLI::NonNegativeNumber);
  add_rows_output_options(*dump, dump_options->output);
}

}  // namespace crv::cli
