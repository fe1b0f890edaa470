// Canonical JSON rows.

#include "cli/canonical_json.hpp"

#include <charconv>
#include <cmath>
#include <string_view>

#include <nlohmann/json.hpp>

#include "crv/frame/json.hpp"

namespace crv::cli {
namespace {

// Lays out a to_chars scientific result ("-d.ddde+XX") as ECMAScript Number::toString does.
std::string js_layout(std::string_view scientific) {
  std::string out;
  if (!scientific.empty() && scientific[0] == '-') {
    out.push_back('-');
    scientific.remove_prefix(1);
  }
  const size_t e_pos = scientific.find('e');
  std::string digits;
  for (char c : scientific.substr(0, e_pos)) {
    if (c != '.') digits.push_back(c);
  }
  int exponent = 0;
  std::from_chars(scientific.data() + e_pos + 1 + (scientific[e_pos + 1] == '+' ? 1 : 0), scientific.data() + scientific.size(), exponent);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<size_t>(n));
    out.push_back('.');
    out += digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-n), '0');
    out += digits;
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out += digits.substr(1);
    }
    out.push_back('e');
    out.push_back(n - 1 < 0 ? '-' : '+');
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

template <class T>
std::string format_number(T value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return std::signbit(value) ? "-0" : "0";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  return js_layout(std::string_view(buffer, static_cast<size_t>(result.ptr - buffer)));
}

void append_json_string(std::string& out, std::string_view text) {
  out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void append_float_value(std::string& out, const std::string& text, bool finite) {
  if (finite) {
    out += text;
  } else {
    out.push_back('"');
    out += text;
    out.push_back('"');
  }
}

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = (uint32_t{static_cast<uint8_t>(bytes[i])} << 16) | (uint32_t{static_cast<uint8_t>(bytes[i + 1])} << 8) |
                       static_cast<uint8_t>(bytes[i + 2]);
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], kAlphabet[v & 63]};
  }
  if (i + 1 == bytes.size()) {
    const uint32_t v = uint32_t{static_cast<uint8_t>(bytes[i])} << 16;
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == bytes.size()) {
    const uint32_t v = (uint32_t{static_cast<uint8_t>(bytes[i])} << 16) | (uint32_t{static_cast<uint8_t>(bytes[i + 1])} << 8);
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], '='};
  }
  return out;
}

std::string uuid_text(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    const auto b = static_cast<uint8_t>(bytes[i]);
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

const JsonHints kNoHints{};

const JsonHints& child_hints(const JsonHints& hints, size_t i) { return i < hints.children.size() ? hints.children[i] : kNoHints; }

}  // namespace

std::string format_js_number(double value) { return format_number(value); }
std::string format_js_number(float value) { return format_number(value); }

void append_canonical_json(std::string& out, const frame::Column& column, int64_t row, const JsonHints& hints) {
  if (column.is_null(row)) {
    out += "null";
    return;
  }
  const frame::DataType& type = *column.type();
  switch (type.id()) {
    case frame::TypeId::Bool: out += column.bool_value(row) ? "true" : "false"; return;
    case frame::TypeId::Int8: out += std::to_string(column.value<int8_t>(row)); return;
    case frame::TypeId::Int16: out += std::to_string(column.value<int16_t>(row)); return;
    case frame::TypeId::Int32: out += std::to_string(column.value<int32_t>(row)); return;
    case frame::TypeId::Int64: out += std::to_string(column.value<int64_t>(row)); return;
    case frame::TypeId::UInt8: out += std::to_string(column.value<uint8_t>(row)); return;
    case frame::TypeId::UInt16: out += std::to_string(column.value<uint16_t>(row)); return;
    case frame::TypeId::UInt32: out += std::to_string(column.value<uint32_t>(row)); return;
    case frame::TypeId::UInt64: out += std::to_string(column.value<uint64_t>(row)); return;
    case frame::TypeId::Float32: {
      const float v = column.value<float>(row);
      append_float_value(out, format_number(v), std::isfinite(v));
      return;
    }
    case frame::TypeId::Float64: {
      const double v = column.value<double>(row);
      append_float_value(out, format_number(v), std::isfinite(v));
      return;
    }
    case frame::TypeId::String: append_json_string(out, column.string_value(row)); return;
    case frame::TypeId::Binary: append_json_string(out, base64(column.string_value(row))); return;
    case frame::TypeId::FixedSizeBinary:
      append_json_string(out, hints.uuid ? uuid_text(column.string_value(row)) : base64(column.string_value(row)));
      return;
    case frame::TypeId::Struct: {
      out.push_back('{');
      for (int k = 0; k < column.num_children(); ++k) {
        if (k > 0) out.push_back(',');
        append_json_string(out, type.fields()[static_cast<size_t>(k)].name);
        out.push_back(':');
        append_canonical_json(out, column.child(k), row, child_hints(hints, static_cast<size_t>(k)));
      }
      out.push_back('}');
      return;
    }
    case frame::TypeId::List: {
      out.push_back('[');
      const int32_t* offsets = column.list_offsets();
      const frame::Column items = column.list_items();
      for (int32_t j = offsets[row]; j < offsets[row + 1]; ++j) {
        if (j > offsets[row]) out.push_back(',');
        append_canonical_json(out, items, j, child_hints(hints, 0));
      }
      out.push_back(']');
      return;
    }
    default:
      // Decimal128, Date32, Time32, Time64, Timestamp: the frame's JSON text is canonical.
      out += frame::value_to_json(column, row).dump();
      return;
  }
}

void append_canonical_rows(std::string& out, const frame::Frame& frame, const std::vector<JsonHints>& hints) {
  for (int64_t r = 0; r < frame.num_rows(); ++r) {
    out.push_back('{');
    for (size_t c = 0; c < frame.num_columns(); ++c) {
      if (c > 0) out.push_back(',');
      append_json_string(out, frame.schema()[c].name);
      out.push_back(':');
      append_canonical_json(out, frame.column(c), r, c < hints.size() ? hints[c] : kNoHints);
    }
    out += "}\n";
  }
}

}  // namespace crv::cli
