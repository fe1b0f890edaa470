#pragma once
// Aligned plain-text listings (runs, tables, stats, log), laid out as `crv-io schema` lays
// out columns: a header, a rule of dashes, two spaces between columns, numbers to the right.

#include <string>
#include <vector>

namespace crv::cli {

struct TextColumn {
  std::string header;
  bool right = false;  ///< right-aligned (numbers)
};

/// The rows under their headers, each column as wide as its widest cell; the header bold
/// when `color`.
std::string aligned_table(const std::vector<TextColumn>& columns, const std::vector<std::vector<std::string>>& rows,
                          bool color);

/// 1234567 -> "1,234,567".
std::string thousands(long long value);

/// 1536 -> "1.5 KiB".
std::string human_bytes(long long bytes);

}  // namespace crv::cli
