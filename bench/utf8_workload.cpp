#include "utf8_workload.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "benchmark_rows.hpp"
#include "crv/frame/utf8.hpp"

namespace crv::bench {
namespace {

/// The median seconds of `repeat` runs of `body`.
double time_median(int repeat, const std::function<void()>& body) {
  std::vector<double> runs;
  for (int r = 0; r < repeat; ++r) {
    const double start = now_seconds();
    body();
    runs.push_back(now_seconds() - start);
  }
  return median(runs);
}

double gb_per_second(std::size_t bytes, double seconds) {
  return seconds > 0 ? static_cast<double>(bytes) / seconds / 1e9 : 0;
}

/// `bytes` bytes (about) of well-formed text mixing one- to four-byte sequences.
std::string multibyte_text(std::size_t bytes) {
  const std::string piece = "agent-17 saw Zoë's trade · сделка 取引 ✓ 🚀; ";
  std::string text;
  text.reserve(bytes + piece.size());
  while (text.size() < bytes) text += piece;
  return text;
}

}  // namespace

Result run_utf8_validation(const Options& options) {
  const frame::Frame rows = benchmark_rows(0, options.n, std::max<std::int64_t>(1, options.n / options.ticks));
  std::vector<frame::Column> strings;
  std::string joined;
  for (std::size_t c = 0; c < rows.num_columns(); ++c) {
    const frame::Column& column = rows.column(c);
    if (column.type_id() != frame::TypeId::String) continue;
    strings.push_back(column);
    for (std::int64_t i = 0; i < column.length(); ++i) joined += column.string_value(i);
  }
  if (joined.empty()) throw std::runtime_error("U8: the benchmark rows have no str values");
  const std::string multibyte = multibyte_text(joined.size());

  bool all_valid = true;
  Result result;
  for (int r = 0; r < options.repeat; ++r) {
    const double start = now_seconds();
    for (const frame::Column& column : strings) all_valid = all_valid && !frame::find_invalid_utf8(column);
    result.seconds.push_back(now_seconds() - start);
  }
  const double one_buffer = time_median(options.repeat, [&] { all_valid = all_valid && frame::is_valid_utf8(joined); });
  const double text = time_median(options.repeat, [&] { all_valid = all_valid && frame::is_valid_utf8(multibyte); });
  const void* found = nullptr;
  const double scan = time_median(options.repeat, [&] { found = std::memchr(joined.data(), 0xFF, joined.size()); });
  if (!all_valid || found != nullptr) throw std::runtime_error("U8: valid UTF-8 was judged invalid");

  result.extra["str_columns"] = strings.size();
  result.extra["str_bytes"] = joined.size();
  result.extra["columns_gb_per_s"] = gb_per_second(joined.size(), median(result.seconds));
  result.extra["ascii_gb_per_s"] = gb_per_second(joined.size(), one_buffer);
  result.extra["multibyte_gb_per_s"] = gb_per_second(multibyte.size(), text);
  result.extra["memchr_gb_per_s"] = gb_per_second(joined.size(), scan);
  return result;
}

}  // namespace crv::bench
