#include "cli/text_table.hpp"

#include <algorithm>
#include <cstdio>

#include "cli/terminal.hpp"

namespace crv::cli {
namespace {

std::string aligned(const std::string& text, std::size_t width, bool right) {
  const std::string fill(width - std::min(width, display_width(text)), ' ');
  return right ? fill + text : text + fill;
}

}  // namespace

std::string aligned_table(const std::vector<TextColumn>& columns, const std::vector<std::vector<std::string>>& rows,
                          bool color) {
  std::vector<std::size_t> widths;
  for (const TextColumn& column : columns) widths.push_back(display_width(column.header));
  for (const auto& row : rows) {
    for (std::size_t k = 0; k < row.size() && k < widths.size(); ++k) {
      widths[k] = std::max(widths[k], display_width(row[k]));
    }
  }
  const auto line = [&](const auto& cell_of, bool bold) {
    std::string text;
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const std::string cell = aligned(cell_of(k), widths[k], columns[k].right);
      // The last column is not padded: no trailing blanks.
      text += "  " + paint(k + 1 == columns.size() && !columns[k].right ? cell_of(k) : cell, Style::kHeader, bold);
    }
    // An empty last header (the histogram's bars) would leave blanks at the end of the line.
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text + "\n";
  };
  std::string out = line([&](std::size_t k) { return columns[k].header; }, color);
  out += line([&](std::size_t k) { return std::string(widths[k], '-'); }, false);
  for (const auto& row : rows) {
    out += line([&](std::size_t k) { return k < row.size() ? row[k] : std::string(); }, false);
  }
  return out;
}

std::string thousands(long long value) {
  std::string digits = std::to_string(value);
  const std::size_t first = digits[0] == '-' ? 1 : 0;
  for (std::size_t i = digits.size(); i > first + 3; i -= 3) digits.insert(i - 3, ",");
  return digits;
}

std::string human_bytes(long long bytes) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(kUnits)) {
    value /= 1024;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", value, kUnits[unit]);
  return text;
}

}  // namespace crv::cli
