#include <crv/frame/canonical_json.hpp>

#include "frame/value_format.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <ostream>

namespace crv::frame {

/// A column resolved for writing: struct fields sliced once, the list item column, the
/// escaped keys of struct fields ("\"name\":"), and the UUID hint.
struct CanonicalJsonWriter::Node {
  Column column;
  TypeId id = TypeId::Bool;
  TimeUnit unit = TimeUnit::Second;
  int scale = 0;
  bool utc = false;
  bool uuid = false;
  std::vector<std::string> keys;
  std::vector<Node> children;
};

namespace {

using Node = CanonicalJsonWriter::Node;

const JsonFieldHints kNoHints{};

const JsonFieldHints& child_hints(const JsonFieldHints& hints, size_t i) {
  return i < hints.children.size() ? hints.children[i] : kNoHints;
}

std::string json_key(std::string_view name) {
  std::string key;
  append_json_string(key, name);
  key.push_back(':');
  return key;
}

Node make_node(const Column& column, const JsonFieldHints& hints) {
  Node node;
  node.column = column;
  const DataType& type = *column.type();
  node.id = type.id();
  node.unit = type.unit();
  node.scale = type.scale();
  node.utc = !type.timezone().empty();
  node.uuid = hints.uuid;
  if (node.id == TypeId::Struct) {
    for (int k = 0; k < column.num_children(); ++k) {
      node.keys.push_back(json_key(type.fields()[static_cast<size_t>(k)].name));
      node.children.push_back(make_node(column.child(k), child_hints(hints, static_cast<size_t>(k))));
    }
  } else if (node.id == TypeId::List) {
    node.children.push_back(make_node(column.list_items(), child_hints(hints, 0)));
  }
  return node;
}

// Lays out the shortest digits of std::to_chars(..., scientific) ("-d.ddde+XX") as
// ECMAScript's Number::toString: value = 0.d1..dk x 10^n.
void append_js_layout(std::string& out, const char* first, const char* last) {
  if (*first == '-') {
    out.push_back('-');
    ++first;
  }
  char digits[32];
  int k = 0;
  const char* p = first;
  for (; p != last && *p != 'e'; ++p) {
    if (*p != '.') digits[k++] = *p;
  }
  int exponent = 0;
  if (p != last) {
    ++p;
    if (*p == '+') ++p;
    std::from_chars(p, last, exponent);
  }
  while (k > 1 && digits[k - 1] == '0') --k;
  const int n = exponent + 1;
  if (k <= n && n <= 21) {
    out.append(digits, static_cast<size_t>(k));
    out.append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, static_cast<size_t>(n));
    out.push_back('.');
    out.append(digits + n, static_cast<size_t>(k - n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-n), '0');
    out.append(digits, static_cast<size_t>(k));
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out.append(digits + 1, static_cast<size_t>(k - 1));
    }
    out.push_back('e');
    out.push_back(n - 1 < 0 ? '-' : '+');
    char exp_text[8];
    const auto r = std::to_chars(exp_text, exp_text + sizeof(exp_text), std::abs(n - 1));
    out.append(exp_text, r.ptr);
  }
}

template <class T>
void append_number(std::string& out, T value) {
  if (std::isnan(value)) {
    out += "\"NaN\"";
  } else if (std::isinf(value)) {
    out += value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
  } else if (value == 0) {
    out += std::signbit(value) ? "-0" : "0";
  } else {
    char buffer[64];
    const auto r = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
    append_js_layout(out, buffer, r.ptr);
  }
}

template <class T>
void append_integer(std::string& out, T value) {
  char buffer[24];
  const auto r = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out.append(buffer, r.ptr);
}

void append_uuid(std::string& out, std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    const auto b = static_cast<uint8_t>(bytes[i]);
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  out.push_back('"');
}

void append_escaped_ascii(std::string& out, char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default: break;
  }
  const auto b = static_cast<uint8_t>(c);
  if (b < 0x20) {
    out += "\\u00";
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  } else {
    out.push_back(c);
  }
}

void write_value(std::string& out, const Node& node, int64_t row) {
  const Column& column = node.column;
  if (column.is_null(row)) {
    out += "null";
    return;
  }
  switch (node.id) {
    case TypeId::Bool: out += column.bool_value(row) ? "true" : "false"; return;
    case TypeId::Int8: append_integer(out, column.value<int8_t>(row)); return;
    case TypeId::Int16: append_integer(out, column.value<int16_t>(row)); return;
    case TypeId::Int32: append_integer(out, column.value<int32_t>(row)); return;
    case TypeId::Int64: append_integer(out, column.value<int64_t>(row)); return;
    case TypeId::UInt8: append_integer(out, column.value<uint8_t>(row)); return;
    case TypeId::UInt16: append_integer(out, column.value<uint16_t>(row)); return;
    case TypeId::UInt32: append_integer(out, column.value<uint32_t>(row)); return;
    case TypeId::UInt64: append_integer(out, column.value<uint64_t>(row)); return;
    case TypeId::Float32: append_number(out, column.value<float>(row)); return;
    case TypeId::Float64: append_number(out, column.value<double>(row)); return;
    case TypeId::Decimal128:
      out.push_back('"');
      detail::append_decimal128(out, reinterpret_cast<const uint8_t*>(column.string_value(row).data()), node.scale);
      out.push_back('"');
      return;
    case TypeId::Date32:
      out.push_back('"');
      detail::append_date(out, column.value<int32_t>(row));
      out.push_back('"');
      return;
    case TypeId::Time32:
      out.push_back('"');
      detail::append_time_of_day(out, column.value<int32_t>(row), node.unit);
      out.push_back('"');
      return;
    case TypeId::Time64:
      out.push_back('"');
      detail::append_time_of_day(out, column.value<int64_t>(row), node.unit);
      out.push_back('"');
      return;
    case TypeId::Timestamp:
      out.push_back('"');
      detail::append_timestamp(out, column.value<int64_t>(row), node.unit, 'T');
      if (node.utc) out.push_back('Z');
      out.push_back('"');
      return;
    case TypeId::String: append_json_string(out, column.string_value(row)); return;
    case TypeId::FixedSizeBinary:
      if (node.uuid) {
        append_uuid(out, column.string_value(row));
        return;
      }
      [[fallthrough]];
    case TypeId::Binary:
      out.push_back('"');
      detail::append_base64(out, column.string_value(row));
      out.push_back('"');
      return;
    case TypeId::Struct:
      out.push_back('{');
      for (size_t k = 0; k < node.children.size(); ++k) {
        if (k > 0) out.push_back(',');
        out += node.keys[k];
        write_value(out, node.children[k], row);
      }
      out.push_back('}');
      return;
    case TypeId::List: {
      out.push_back('[');
      const int32_t* offsets = column.list_offsets();
      const Node& items = node.children[0];
      for (int32_t j = offsets[row]; j < offsets[row + 1]; ++j) {
        if (j > offsets[row]) out.push_back(',');
        write_value(out, items, j);
      }
      out.push_back(']');
      return;
    }
  }
}

}  // namespace

void append_canonical_number(std::string& out, double value) { append_number(out, value); }
void append_canonical_number(std::string& out, float value) { append_number(out, value); }

void append_json_string(std::string& out, std::string_view text) {
  // UTF-8 is copied as is; invalid sequences become U+FFFD, one per maximal invalid
  // subpart (the WHATWG decoder, as TextDecoder and JavaScript engines do).
  static constexpr char kReplacement[] = "\xEF\xBF\xBD";
  out.push_back('"');
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const auto b = static_cast<uint8_t>(text[i]);
    if (b < 0x80) {
      if (b < 0x20 || b == '"' || b == '\\') {
        append_escaped_ascii(out, text[i]);
        ++i;
        continue;
      }
      // A run of ASCII that needs no escape is copied at once.
      size_t end = i + 1;
      while (end < n) {
        const auto c = static_cast<uint8_t>(text[end]);
        if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') break;
        ++end;
      }
      out.append(text.data() + i, end - i);
      i = end;
      continue;
    }
    size_t needed = 0;
    uint8_t lower = 0x80;
    uint8_t upper = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      needed = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      needed = 2;
      if (b == 0xE0) lower = 0xA0;
      if (b == 0xED) upper = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      needed = 3;
      if (b == 0xF0) lower = 0x90;
      if (b == 0xF4) upper = 0x8F;
    } else {
      out += kReplacement;
      ++i;
      continue;
    }
    size_t seen = 0;
    while (seen < needed && i + 1 + seen < n) {
      const auto c = static_cast<uint8_t>(text[i + 1 + seen]);
      if (c < lower || c > upper) break;
      lower = 0x80;
      upper = 0xBF;
      ++seen;
    }
    if (seen == needed) {
      out.append(text.data() + i, needed + 1);
    } else {
      out += kReplacement;  // the invalid byte that follows is decoded on its own
    }
    i += seen + 1;
  }
  out.push_back('"');
}

CanonicalJsonWriter::CanonicalJsonWriter(const Frame& frame, const std::vector<JsonFieldHints>& hints) {
  keys_.reserve(frame.num_columns());
  columns_.reserve(frame.num_columns());
  for (size_t c = 0; c < frame.num_columns(); ++c) {
    keys_.push_back(json_key(frame.schema()[c].name));
    columns_.push_back(make_node(frame.column(c), c < hints.size() ? hints[c] : kNoHints));
  }
}

CanonicalJsonWriter::~CanonicalJsonWriter() = default;

void CanonicalJsonWriter::append_row(std::string& out, int64_t row) const {
  out.push_back('{');
  for (size_t c = 0; c < columns_.size(); ++c) {
    if (c > 0) out.push_back(',');
    out += keys_[c];
    write_value(out, columns_[c], row);
  }
  out += "}\n";
}

void CanonicalJsonWriter::append_rows(std::string& out, int64_t begin, int64_t end) const {
  for (int64_t row = begin; row < end; ++row) append_row(out, row);
}

void CanonicalJsonWriter::append_value(std::string& out, size_t column, int64_t row) const {
  write_value(out, columns_.at(column), row);
}

void append_canonical_value(std::string& out, const Column& column, int64_t row, const JsonFieldHints& hints) {
  write_value(out, make_node(column, hints), row);
}

void append_canonical_jsonl(std::string& out, const Frame& frame, const std::vector<JsonFieldHints>& hints) {
  CanonicalJsonWriter(frame, hints).append_rows(out, 0, frame.num_rows());
}

void write_canonical_jsonl(std::ostream& out, const Frame& frame, const std::vector<JsonFieldHints>& hints) {
  constexpr size_t kChunk = 64 * 1024;
  const CanonicalJsonWriter writer(frame, hints);
  std::string text;
  text.reserve(kChunk + kChunk / 4);
  for (int64_t row = 0; row < frame.num_rows(); ++row) {
    writer.append_row(text, row);
    if (text.size() >= kChunk) {
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
      text.clear();
    }
  }
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace crv::frame
