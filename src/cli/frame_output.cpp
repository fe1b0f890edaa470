#include "cli/frame_output.hpp"

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "crv/frame/canonical_json.hpp"
#include "crv/frame/json.hpp"
#include "crv/frame/pretty_print.hpp"

namespace crv::cli {
namespace {

void write_csv_field(std::ostream& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out << text;
    return;
  }
  out << '"';
  for (char c : text) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

void print_csv(std::ostream& out, const frame::Frame& frame) {
  const auto& schema = frame.schema();
  for (std::size_t k = 0; k < schema.size(); ++k) {
    if (k > 0) out << ',';
    write_csv_field(out, schema[k].name);
  }
  out << '\n';
  for (std::int64_t row = 0; row < frame.num_rows(); ++row) {
    for (std::size_t k = 0; k < frame.num_columns(); ++k) {
      if (k > 0) out << ',';
      const frame::Column& column = frame.column(k);
      if (column.is_null(row)) continue;
      const nlohmann::ordered_json value = frame::value_to_json(column, row);
      write_csv_field(out, value.is_string() ? value.get_ref<const std::string&>() : value.dump());
    }
    out << '\n';
  }
}

}  // namespace

void print_frame(std::ostream& out, const frame::Frame& frame, std::string_view format) {
  if (format == "csv") {
    print_csv(out, frame);
  } else if (format == "jsonl") {
    frame::write_canonical_jsonl(out, frame);
  } else {
    frame::PrintOptions options;
    options.max_rows = frame.num_rows();
    out << frame::to_string(frame, options) << '\n';
  }
}

}  // namespace crv::cli
