#pragma once
// One line of a JSONL file parsed into a JSON value (private to the frame layer), with the
// checks nlohmann's own DOM parser does not make: nesting within the limit the writer and
// reader share (no recursion on the value later can then overflow the stack), no key twice
// in one object (nlohmann keeps the last silently), and every error naming the line.

#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

namespace crv::frame::detail {

/// The JSON value of `line`, the `line_number`-th line of the input (1-based, for the
/// messages). FrameError "JSONL line N[, column 'c']: ..." on malformed JSON, a number out
/// of the range of a 64-bit float, a duplicate key, or nesting deeper than kMaxNestingDepth.
nlohmann::ordered_json parse_jsonl_line(std::string_view line, int64_t line_number);

}  // namespace crv::frame::detail
