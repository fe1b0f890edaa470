#pragma once
/// @file
/// JSONL read as a sequence of frames of bounded size, for inputs too large to hold as one
/// frame: each frame holds the rows of about `frame_bytes` of input, cut at a line's end.

#include <crv/export.hpp>
#include <crv/frame/frame.hpp>
#include <crv/frame/jsonl_reader.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <istream>

namespace crv::frame {

/// The rows of consecutive lines of the input: `first_line` and `last_line` are the input's
/// line numbers (from 1) of its first row and of the last line read into it; `end_offset`
/// the input's bytes consumed up to its end.
struct JsonlChunk {
  Frame frame;                   ///< the rows of the chunk's lines
  std::int64_t first_line = 0;   ///< the input's line number (from 1) of the first row
  std::int64_t last_line = 0;    ///< the input's line number of the last line read into it
  std::uint64_t end_offset = 0;  ///< input bytes consumed up to the chunk's end
};

/// Receives each chunk in input order; an exception it throws stops the read.
using JsonlChunkCallback = std::function<void(JsonlChunk)>;

/// Input bytes per frame by default: the columns of one frame take about half as much.
inline constexpr std::uint64_t kDefaultJsonlFrameBytes = std::uint64_t{64} << 20;

/// read_jsonl in frames: `on_chunk` gets, in order, a frame each time the lines read since
/// the last one reach `frame_bytes` (never an empty frame; nothing for an input without
/// rows). Each frame's columns are those of read_jsonl over its lines alone, so a column a
/// frame's lines lack is absent from it, and an inferred column's type is that frame's.
/// Errors as read_jsonl's, naming the input's line, thrown after the frames before it were
/// handed out; an exception from `on_chunk` stops the read and propagates.
CRV_IO_EXPORT void read_jsonl_chunks(std::istream& input, const JsonlChunkCallback& on_chunk,
                                     const JsonlSchema& schema = {}, const JsonlReadOptions& options = {},
                                     std::uint64_t frame_bytes = kDefaultJsonlFrameBytes);

/// read_jsonl_chunks of the file at `path`, the same frames with the same line numbers, parsed
/// on up to four worker threads (no more than the hardware has) while `on_chunk` runs on the
/// caller's thread: worker w parses frames w, w + W, ... and starts its next when the caller
/// has taken its last, so memory holds at most W + 1 frames. `options.on_progress` is called
/// from the workers, one call at a time, with the bytes parsed so far (never decreasing).
/// `options.total_bytes` is set from the file's size. An error names the file's line, as
/// read_jsonl_chunks's does, after the frames before it were handed out. std::runtime_error
/// when the file cannot be opened.
CRV_IO_EXPORT void read_jsonl_file_chunks(const std::filesystem::path& path, const JsonlChunkCallback& on_chunk,
                                          const JsonlSchema& schema = {}, JsonlReadOptions options = {},
                                          std::uint64_t frame_bytes = kDefaultJsonlFrameBytes);

}  // namespace crv::frame
