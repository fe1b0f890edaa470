#pragma once
// What the CLI knows of the terminal: whether a stream is one, how wide it is, and whether
// to colour. Decided once per process, so every command agrees (a pipe gets plain text).

#include <cstddef>
#include <string>
#include <string_view>

namespace crv::cli {

/// --color: auto (a terminal without NO_COLOR), always, never.
enum class ColorMode { kAuto, kAlways, kNever };

/// Set from the global --color option before a command runs.
void set_color_mode(ColorMode mode);

/// Whether standard output (fd 1) or standard error (fd 2) is a terminal.
bool stdout_is_terminal();
bool stderr_is_terminal();

/// The width to fit output into: COLUMNS when it is a positive number, else the terminal's
/// (TIOCGWINSZ on stdout, then stderr), else 100.
std::size_t terminal_width();

/// Whether to colour what goes to stdout (fd 1) or stderr (fd 2): --color always, or auto on a
/// terminal when NO_COLOR is unset or empty (https://no-color.org: an explicit flag wins).
bool color_stdout();
bool color_stderr();

enum class Style { kHeader, kError, kWarning, kHint, kDim };

/// `text` wrapped in the ANSI escape of `style` when `enabled`, else `text` as it is.
std::string paint(std::string_view text, Style style, bool enabled);

/// Display width of UTF-8 text: code points, not counting continuation bytes or escapes.
std::size_t display_width(std::string_view text);

}  // namespace crv::cli
