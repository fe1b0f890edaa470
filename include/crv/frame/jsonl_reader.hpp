#pragma once
/// @file
/// JSONL (one JSON object a line) read into a frame with simdjson, in chunks of bounded
/// size: the input is never held whole, only the columns built from it.

#include <crv/export.hpp>
#include <crv/frame/data_type.hpp>
#include <crv/frame/frame.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <vector>

namespace crv::frame {

/// Which columns a JSONL read makes, and of which types.
struct JsonlSchema {
  /// How `fields` is used.
  enum class Mode {
    /// The keys that occur, in first-seen order, each column of the type inferred from all
    /// its values (crv/frame/json.hpp, infer_type). A column named in `fields` (int64,
    /// float64 or utf8; other types are ignored as hints) is built in that type as it is
    /// read, as long as every value is one whose conversion cannot depend on the column's
    /// other values (integers into int64, numbers exact in a double into float64, strings
    /// into utf8); the first value that is not (a string among numbers, 2.0 or 2.5 into
    /// int64, a bool) sends the column back to inference, so the result and its errors are
    /// those of inference followed by the append's lossless cast, only faster.
    Infer,
    /// Exactly `fields`, in their order and types: a missing key is null, other keys are
    /// ignored, values convert as column_from_json converts them.
    Exact,
  };
  std::vector<Field> fields;  ///< type hints (Infer) or the exact columns (Exact)
  Mode mode = Mode::Infer;    ///< how `fields` is used
};

/// How a JSONL read proceeds.
struct JsonlReadOptions {
  /// Bytes read from the input at a time (a line longer than this grows the buffer to hold
  /// it). Tests use a few bytes, to split lines across chunks.
  std::size_t chunk_bytes = std::size_t{16} << 20;
  /// The input's size when known (a file), 0 otherwise (standard input); passed to
  /// `on_progress` as is.
  std::uint64_t total_bytes = 0;
  /// Called after each chunk with the bytes consumed so far and `total_bytes`.
  std::function<void(std::uint64_t consumed, std::uint64_t total)> on_progress;
};

/// The rows of `input`, one JSON object per non-empty line. FrameError naming the line
/// (and the column, when the error is inside one) on malformed JSON, bytes that are not
/// UTF-8, a number beyond a 64-bit float (1e400), a key twice in one object, a line nested
/// deeper than kMaxNestingDepth (crv/frame/limits.hpp), a line that is not an object, or a
/// value that does not convert or unify. Lines are parsed by simdjson; a line it refuses
/// is parsed again by nlohmann's parser, whose message (or value: an integer beyond 64
/// bits reads as a float) it is.
CRV_IO_EXPORT Frame read_jsonl(std::istream& input, const JsonlSchema& schema = {},
                               const JsonlReadOptions& options = {});

}  // namespace crv::frame
