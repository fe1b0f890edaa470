#pragma once
// A bar chart as plain SVG text (no library, no script): `crv-io stats --svg`.

#include <cstdint>
#include <string>
#include <vector>

namespace crv::cli {

struct Bar {
  std::string label;  ///< under the bar (every few bars when they are many)
  std::int64_t value = 0;
};

struct BarChart {
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<Bar> bars;
};

/// One panel per chart, stacked top to bottom: title, y axis with ticks at round values, x
/// axis with the bar labels, each bar's value in its <title> (shown on hover).
std::string bar_charts_svg(const std::vector<BarChart>& charts);

}  // namespace crv::cli
