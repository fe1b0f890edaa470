#include <crv/frame/pretty_print.hpp>

#include "frame/value_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace crv::frame {
namespace {

/// Number of UTF-8 code points (continuation bytes are not counted).
size_t display_width(std::string_view text) {
  size_t width = 0;
  for (char c : text)
    if ((static_cast<uint8_t>(c) & 0xC0) != 0x80) ++width;
  return width;
}

/// At most `max_width` code points, the last one "…" when cut.
std::string truncate(const std::string& text, size_t max_width) {
  if (max_width == 0 || display_width(text) <= max_width) return text;
  std::string out;
  size_t width = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool starts_code_point = (static_cast<uint8_t>(text[i]) & 0xC0) != 0x80;
    if (starts_code_point) {
      if (width + 1 == max_width) break;
      ++width;
    }
    out.push_back(text[i]);
  }
  return out + "…";
}

std::string escape_bytes(std::string_view bytes) {
  std::string out = "b\"";
  for (char c : bytes) {
    const auto u = static_cast<uint8_t>(c);
    if (u >= 0x20 && u < 0x7F && c != '"' && c != '\\') {
      out.push_back(c);
    } else {
      out += fmt::format("\\x{:02x}", u);
    }
  }
  return out + "\"";
}

std::string repeat(std::string_view piece, size_t count) {
  std::string out;
  out.reserve(piece.size() * count);
  for (size_t i = 0; i < count; ++i) out += piece;
  return out;
}

std::string pad_right(const std::string& text, size_t width) {
  const size_t w = display_width(text);
  return w >= width ? text : text + std::string(width - w, ' ');
}

}  // namespace

std::string format_cell(const Column& column, int64_t row) {
  if (column.is_null(row)) return "null";
  const DataType& type = *column.type();
  switch (type.id()) {
    case TypeId::Bool: return column.bool_value(row) ? "true" : "false";
    case TypeId::Int8: return fmt::format("{}", column.value<int8_t>(row));
    case TypeId::Int16: return fmt::format("{}", column.value<int16_t>(row));
    case TypeId::Int32: return fmt::format("{}", column.value<int32_t>(row));
    case TypeId::Int64: return fmt::format("{}", column.value<int64_t>(row));
    case TypeId::UInt8: return fmt::format("{}", column.value<uint8_t>(row));
    case TypeId::UInt16: return fmt::format("{}", column.value<uint16_t>(row));
    case TypeId::UInt32: return fmt::format("{}", column.value<uint32_t>(row));
    case TypeId::UInt64: return fmt::format("{}", column.value<uint64_t>(row));
    case TypeId::Float32: return detail::format_float(column.value<float>(row), true);
    case TypeId::Float64: return detail::format_double(column.value<double>(row), true);
    case TypeId::Decimal128:
      return detail::format_decimal128(reinterpret_cast<const uint8_t*>(column.string_value(row).data()), type.scale());
    case TypeId::Date32: return detail::format_date(column.value<int32_t>(row));
    case TypeId::Time32: return detail::format_time_of_day(column.value<int32_t>(row), type.unit());
    case TypeId::Time64: return detail::format_time_of_day(column.value<int64_t>(row), type.unit());
    case TypeId::Timestamp: {
      std::string text = detail::format_timestamp(column.value<int64_t>(row), type.unit(), ' ');
      if (!type.timezone().empty()) {
        text += ' ';
        text += type.timezone();
      }
      return text;
    }
    case TypeId::String: {
      const std::string_view value = column.string_value(row);
      std::string text;
      text.reserve(value.size() + 2);
      text += '"';
      text += value;
      text += '"';
      return text;
    }
    case TypeId::Binary:
    case TypeId::FixedSizeBinary: return escape_bytes(column.string_value(row));
    case TypeId::Struct: {
      std::string out = "{";
      for (int k = 0; k < column.num_children(); ++k) {
        if (k > 0) out += ",";
        out += format_cell(column.child(k), row);
      }
      return out + "}";
    }
    case TypeId::List: {
      const int32_t* offsets = column.list_offsets();
      const Column items = column.list_items();
      std::string out = "[";
      for (int32_t j = offsets[row]; j < offsets[row + 1]; ++j) {
        if (j > offsets[row]) out += ", ";
        out += format_cell(items, j);
      }
      return out + "]";
    }
  }
  return "?";
}

std::string to_string(const Frame& frame, const PrintOptions& options) {
  const size_t ncols = frame.num_columns();
  const int64_t nrows = frame.num_rows();
  std::string out = fmt::format("shape: ({}, {})\n", nrows, ncols);
  if (ncols == 0) return out + "┌┐\n└┘\n";

  const int64_t max_rows = std::max<int64_t>(options.max_rows, 0);
  const bool truncated = nrows > max_rows;
  const int64_t head = truncated ? (max_rows + 1) / 2 : nrows;
  const int64_t tail = truncated ? max_rows / 2 : 0;
  const auto max_width = static_cast<size_t>(std::max(options.max_col_width, 2));

  // cells[c][r]: the printed rows (head, an ellipsis row when truncated, tail).
  std::vector<std::vector<std::string>> cells(ncols);
  std::vector<std::string> headers(ncols);
  std::vector<std::string> dtypes(ncols);
  std::vector<size_t> widths(ncols);
  for (size_t c = 0; c < ncols; ++c) {
    const Column& column = frame.column(c);
    headers[c] = truncate(frame.schema()[c].name, max_width);
    dtypes[c] = truncate(column.type()->to_string(), max_width);
    auto& col_cells = cells[c];
    for (int64_t r = 0; r < head; ++r) col_cells.push_back(truncate(format_cell(column, r), max_width));
    if (truncated) col_cells.emplace_back("…");
    for (int64_t r = nrows - tail; r < nrows; ++r) col_cells.push_back(truncate(format_cell(column, r), max_width));
    size_t w = std::max({display_width(headers[c]), display_width(dtypes[c]), size_t{3}});
    for (const auto& cell : col_cells) w = std::max(w, display_width(cell));
    widths[c] = w;
  }

  auto rule = [&](std::string_view left, std::string_view fill, std::string_view mid, std::string_view right) {
    std::string line(left);
    for (size_t c = 0; c < ncols; ++c) {
      if (c > 0) line += mid;
      line += repeat(fill, widths[c] + 2);
    }
    return line + std::string(right) + "\n";
  };
  auto row_line = [&](auto&& text_of) {
    std::string line = "│";
    for (size_t c = 0; c < ncols; ++c) {
      if (c > 0) line += "┆";
      line += ' ';
      line += pad_right(text_of(c), widths[c]);
      line += ' ';
    }
    return line + "│\n";
  };

  out += rule("┌", "─", "┬", "┐");
  out += row_line([&](size_t c) { return headers[c]; });
  out += row_line([&](size_t) { return std::string("---"); });
  out += row_line([&](size_t c) { return dtypes[c]; });
  out += rule("╞", "═", "╪", "╡");
  const size_t printed = cells[0].size();
  for (size_t r = 0; r < printed; ++r) out += row_line([&](size_t c) { return cells[c][r]; });
  out += rule("└", "─", "┴", "┘");
  return out;
}

std::string to_string(const Column& column, const PrintOptions& options) {
  return to_string(Frame({{column.type()->to_string(), column}}), options);
}

std::ostream& operator<<(std::ostream& out, const Frame& frame) { return out << to_string(frame); }
std::ostream& operator<<(std::ostream& out, const Column& column) { return out << to_string(column); }

}  // namespace crv::frame
