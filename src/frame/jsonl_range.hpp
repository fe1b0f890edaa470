#pragma once
// read_jsonl over the first bytes of a stream (private to the frame layer): what each half of
// a file read in parallel (jsonl_file_reader.cpp), and each segment of a file read in frames
// (jsonl_chunk_reader.cpp), runs.

#include <crv/frame/frame.hpp>
#include <crv/frame/jsonl_chunk_reader.hpp>
#include <crv/frame/jsonl_reader.hpp>

#include <cstdint>
#include <functional>
#include <istream>

namespace crv::frame::detail {

/// The frames of the next `max_bytes` bytes of `input` (all of it: UINT64_MAX), one each time
/// the non-blank lines read since the last reach `frame_bytes` (read_jsonl_chunks;
/// UINT64_MAX: one frame). Lines are numbered from lines_before + 1 (in frames and errors);
/// returns the number of lines read, blank ones included.
std::int64_t read_jsonl_frames(std::istream& input, std::uint64_t max_bytes, const JsonlSchema& schema,
                               const JsonlReadOptions& options, std::uint64_t frame_bytes,
                               const std::function<void(JsonlChunk)>& on_frame, std::int64_t lines_before = 0);

/// read_jsonl of the next `max_bytes` bytes of `input`, lines numbered from the first of them.
Frame read_jsonl_range(std::istream& input, std::uint64_t max_bytes, const JsonlSchema& schema,
                       const JsonlReadOptions& options);

}  // namespace crv::frame::detail
