#include "io/input_check.hpp"

#include <cstdio>
#include <string>

#include "crv/frame/limits.hpp"
#include "crv/frame/utf8.hpp"
#include "crv/io/errors.hpp"

namespace crv::io::detail {
namespace {

/// "byte 3 of the value (0xff)": where a flat value stops being UTF-8, for the message.
std::string where_in_value(const frame::Column& column, std::int64_t row) {
  const std::string_view value = column.string_value(row);
  const std::size_t at = frame::first_invalid_utf8_byte(value).value_or(value.size());
  if (at >= value.size()) return "it ends inside a multi-byte character";
  char hex[8];
  std::snprintf(hex, sizeof(hex), "0x%02x", static_cast<unsigned>(static_cast<unsigned char>(value[at])));
  return "byte " + std::to_string(at) + " of the value is " + hex;
}

}  // namespace

void check_input_limits(std::string_view table, const frame::Frame& frame) {
  if (const auto violation = frame::find_limit_violation(frame)) {
    throw IoSchemaError("table '" + std::string(table) + "': " + violation->problem + " (the reader's limit too); " +
                        violation->advice + ". Nothing was appended");
  }
}

void check_utf8(std::string_view table, const frame::Frame& frame) {
  for (std::size_t c = 0; c < frame.num_columns(); ++c) {
    const frame::Column& column = frame.column(c);
    const auto bad = frame::find_invalid_utf8(column);
    if (!bad) continue;
    const std::string detail = bad->path.empty() ? " (" + where_in_value(column, bad->row) + ")" : "";
    const std::string field =
        bad->path.empty() ? "" : ", field '" + bad->path.substr(bad->path[0] == '.' ? 1 : 0) + "'";
    throw IoSchemaError("table '" + std::string(table) + "', column '" + frame.schema()[c].name + "'" + field +
                        ", row " + std::to_string(bad->row) + ": not valid UTF-8" + detail +
                        "; str values must be UTF-8 text (readers such as Polars refuse other bytes): fix the "
                        "encoding at the source, or store raw bytes as base64 or hex text. Nothing was appended");
  }
}

}  // namespace crv::io::detail
