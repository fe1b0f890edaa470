#include "cli/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace crv::cli {
namespace {

constexpr double kWidth = 800;
constexpr double kPanelHeight = 320;
constexpr double kLeft = 80;  // room for the y tick labels and the y axis label
constexpr double kRight = 20;
constexpr double kTop = 40;     // the title
constexpr double kBottom = 60;  // the x tick labels and the x axis label

std::string escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

/// A round step (1, 2 or 5 times a power of ten) giving about five ticks up to `max`.
std::int64_t tick_step(std::int64_t max) {
  if (max <= 5) return 1;
  const double raw = static_cast<double>(max) / 5;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
    if (factor * power >= raw) return static_cast<std::int64_t>(factor * power);
  }
  return static_cast<std::int64_t>(10 * power);
}

std::string text_element(double x, double y, const std::string& text, const std::string& attributes) {
  return "  <text x=\"" + number(x) + "\" y=\"" + number(y) + "\" " + attributes + ">" + escaped(text) + "</text>\n";
}

std::string panel(const BarChart& chart, double top) {
  const double plot_height = kPanelHeight - kTop - kBottom;
  const double plot_width = kWidth - kLeft - kRight;
  const double base = top + kTop + plot_height;
  std::int64_t max = 1;
  for (const Bar& bar : chart.bars) max = std::max(max, bar.value);
  const std::int64_t step = tick_step(max);
  const std::int64_t axis_max = (max + step - 1) / step * step;

  std::string out = text_element(kWidth / 2, top + 24, chart.title, "text-anchor=\"middle\" font-size=\"16\"");
  for (std::int64_t value = 0; value <= axis_max; value += step) {
    const double y = base - plot_height * static_cast<double>(value) / static_cast<double>(axis_max);
    out += "  <line x1=\"" + number(kLeft) + "\" y1=\"" + number(y) + "\" x2=\"" + number(kWidth - kRight) +
           "\" y2=\"" + number(y) + "\" stroke=\"#ddd\"/>\n";
    out += text_element(kLeft - 6, y + 4, std::to_string(value), "text-anchor=\"end\" font-size=\"11\"");
  }
  const double slot = plot_width / static_cast<double>(std::max<std::size_t>(1, chart.bars.size()));
  const std::size_t label_every = std::max<std::size_t>(1, chart.bars.size() / 12);
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& bar = chart.bars[i];
    const double height = plot_height * static_cast<double>(bar.value) / static_cast<double>(axis_max);
    const double x = kLeft + slot * static_cast<double>(i);
    out += "  <rect x=\"" + number(x + slot * 0.1) + "\" y=\"" + number(base - height) + "\" width=\"" +
           number(slot * 0.8) + "\" height=\"" + number(height) + "\" fill=\"#4c78a8\"><title>" + escaped(bar.label) +
           ": " + std::to_string(bar.value) + "</title></rect>\n";
    if (i % label_every == 0) {
      out += text_element(x + slot / 2, base + 16, bar.label, "text-anchor=\"middle\" font-size=\"11\"");
    }
  }
  out += "  <line x1=\"" + number(kLeft) + "\" y1=\"" + number(base) + "\" x2=\"" + number(kWidth - kRight) +
         "\" y2=\"" + number(base) + "\" stroke=\"black\"/>\n";
  out += "  <line x1=\"" + number(kLeft) + "\" y1=\"" + number(top + kTop) + "\" x2=\"" + number(kLeft) + "\" y2=\"" +
         number(base) + "\" stroke=\"black\"/>\n";
  out += text_element(kLeft + plot_width / 2, base + 40, chart.x_label, "text-anchor=\"middle\" font-size=\"12\"");
  const double middle = top + kTop + plot_height / 2;
  out += text_element(18, middle, chart.y_label,
                      "text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 18 " + number(middle) + ")\"");
  return out;
}

}  // namespace

std::string bar_charts_svg(const std::vector<BarChart>& charts) {
  const double height = kPanelHeight * static_cast<double>(std::max<std::size_t>(1, charts.size()));
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                    number(kWidth) + "\" height=\"" + number(height) + "\" viewBox=\"0 0 " + number(kWidth) + " " +
                    number(height) + "\" font-family=\"sans-serif\">\n";
  out += "  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  for (std::size_t i = 0; i < charts.size(); ++i) out += panel(charts[i], kPanelHeight * static_cast<double>(i));
  return out + "</svg>\n";
}

}  // namespace crv::cli
