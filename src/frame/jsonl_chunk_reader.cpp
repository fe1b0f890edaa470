// JSONL in frames of bounded size. A file is cut into the segments the sequential read would
// make frames of, parsed on worker threads while the consumer takes them in order, so that
// parsing (most of an append's work) and what the consumer does with a frame (an append
// encodes it as Parquet) use every core.

#include <crv/frame/jsonl_chunk_reader.hpp>

#include <cstring>
#include <exception>
#include <fstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "frame/jsonl_range.hpp"
#include "frame/jsonl_segment_parsers.hpp"
#include "frame/jsonl_segments.hpp"

namespace crv::frame {
namespace {

std::ifstream open_chunk_input(const std::filesystem::path& path) {
  std::ifstream input(path, std::ios::binary);
  if (!input) throw std::runtime_error("cannot open '" + path.string() + "': " + std::strerror(errno));
  return input;
}

}  // namespace

void read_jsonl_chunks(std::istream& input, const JsonlChunkCallback& on_chunk, const JsonlSchema& schema,
                       const JsonlReadOptions& options, std::uint64_t frame_bytes) {
  detail::read_jsonl_frames(input, UINT64_MAX, schema, options, frame_bytes, on_chunk);
}

void read_jsonl_file_chunks(const std::filesystem::path& path, const JsonlChunkCallback& on_chunk,
                            const JsonlSchema& schema, JsonlReadOptions options, std::uint64_t frame_bytes) {
  std::ifstream probe = open_chunk_input(path);
  std::error_code size_error;
  const std::uintmax_t size = std::filesystem::file_size(path, size_error);
  if (size_error) {  // not a regular file: one parser, in order
    read_jsonl_chunks(probe, on_chunk, schema, options, frame_bytes);
    return;
  }
  options.total_bytes = size;
  const std::vector<detail::JsonlSegment> segments = detail::jsonl_segments(probe, size, frame_bytes);
  detail::SegmentParsers parsers(path, segments, schema, options);
  std::int64_t lines_before = 0;
  for (std::size_t k = 0; k < segments.size(); ++k) {
    detail::ParsedSegment parsed = parsers.take(k);
    if (parsed.error) {
      // Parsed again here, now that the lines before it are counted, for the error's line.
      parsers.stop();
      std::ifstream input = open_chunk_input(path);
      input.seekg(static_cast<std::streamoff>(segments[k].begin));
      JsonlReadOptions again;
      again.chunk_bytes = options.chunk_bytes;
      detail::read_jsonl_frames(
          input, segments[k].end - segments[k].begin, schema, again, UINT64_MAX, [](JsonlChunk) {}, lines_before);
      std::rethrow_exception(parsed.error);
    }
    if (parsed.chunk) {
      JsonlChunk& chunk = *parsed.chunk;
      chunk.first_line += lines_before;
      chunk.last_line += lines_before;
      chunk.end_offset += segments[k].begin;
      on_chunk(std::move(chunk));  // an exception stops the parsers (their destructor)
    }
    lines_before += parsed.lines;
  }
  parsers.finish_progress();
}

}  // namespace crv::frame
