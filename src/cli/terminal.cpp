#include "cli/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace crv::cli {
namespace {

ColorMode color_mode = ColorMode::kAuto;

bool no_color_requested() {
  const char* value = std::getenv("NO_COLOR");
  return value != nullptr && value[0] != '\0';
}

bool color_for(bool is_terminal) {
  switch (color_mode) {
    case ColorMode::kAlways: return true;
    case ColorMode::kNever: return false;
    case ColorMode::kAuto: break;
  }
  return is_terminal && !no_color_requested();
}

std::size_t columns_from_env() {
  const char* value = std::getenv("COLUMNS");
  if (value == nullptr) return 0;
  char* end = nullptr;
  const long columns = std::strtol(value, &end, 10);
  return (end != value && *end == '\0' && columns > 0) ? static_cast<std::size_t>(columns) : 0;
}

std::size_t columns_from_terminal(int fd) {
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
  return size.ws_col;
}

}  // namespace

void set_color_mode(ColorMode mode) { color_mode = mode; }

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }
bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

std::size_t terminal_width() {
  if (const std::size_t columns = columns_from_env(); columns > 0) return columns;
  if (const std::size_t columns = columns_from_terminal(STDOUT_FILENO); columns > 0) return columns;
  if (const std::size_t columns = columns_from_terminal(STDERR_FILENO); columns > 0) return columns;
  return 100;
}

bool color_stdout() { return color_for(stdout_is_terminal()); }
bool color_stderr() { return color_for(stderr_is_terminal()); }

std::string paint(std::string_view text, Style style, bool enabled) {
  if (!enabled) return std::string(text);
  const char* code = "";
  switch (style) {
    case Style::kHeader: code = "\x1b[1m"; break;
    case Style::kError: code = "\x1b[1;31m"; break;
    case Style::kWarning: code = "\x1b[33m"; break;
    case Style::kHint: code = "\x1b[36m"; break;
    case Style::kDim: code = "\x1b[2m"; break;
  }
  return std::string(code) + std::string(text) + "\x1b[0m";
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  bool in_escape = false;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (in_escape) {
      in_escape = byte != 'm';
    } else if (byte == 0x1b) {
      in_escape = true;
    } else if ((byte & 0xC0) != 0x80) {
      ++width;
    }
  }
  return width;
}

}  // namespace crv::cli
