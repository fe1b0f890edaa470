// JSONL ingestion (what `crv-io append x.jsonl` runs): read_jsonl with the schema inferred,
// in one chunk and again in chunks of 1-13 bytes (which must give the same frame, or the same
// error: lines split across chunks), then with the schema it inferred (which must give the
// same frame), then the frame through the Parquet writer and reader (which must give it
// back). Every input must parse or fail with FrameError; the writer may refuse a frame
// Parquet cannot hold (an empty struct) with ParquetError, and the reader must read whatever
// the writer wrote.
//
// Depth cap: inputs nested deeper than kMaxDepth are skipped, so that the round trip's
// failures are real ones (the reader refuses lines past kMaxNestingDepth, 64, itself).
#include <crv/frame/error.hpp>
#include <crv/frame/frame.hpp>
#include <crv/frame/jsonl_reader.hpp>
#include <crv/frame/kernels.hpp>
#include <crv/parquet/error.hpp>
#include <crv/parquet/reader.hpp>
#include <crv/parquet/sink.hpp>
#include <crv/parquet/source.hpp>
#include <crv/parquet/writer.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <variant>

namespace {

using namespace crv;

constexpr int kMaxDepth = 48;
constexpr size_t kMaxInput = 64 * 1024;

// The deepest nesting of arrays and objects, outside strings.
int nesting_depth(std::string_view text) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  for (size_t k = 0; k < text.size(); ++k) {
    const char c = text[k];
    if (in_string) {
      if (c == '\\')
        ++k;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

/// The frame of `text`, or the FrameError's message.
std::variant<frame::Frame, std::string> parse(std::string_view text,
                                              const std::optional<std::vector<frame::Field>>& schema,
                                              size_t chunk_bytes) {
  std::istringstream input{std::string(text)};
  frame::JsonlReadOptions options;
  options.chunk_bytes = chunk_bytes;
  try {
    return frame::read_jsonl(
        input, schema ? frame::JsonlSchema{*schema, frame::JsonlSchema::Mode::Exact} : frame::JsonlSchema{}, options);
  } catch (const frame::FrameError& e) {
    return std::string(e.what());
  }
}

void check_parquet_round_trip(const frame::Frame& frame) {
  parquet::WriterOptions options;
  options.compression = parquet::CompressionCodec::UNCOMPRESSED;  // codecs: parquet_read's job
  options.row_group_size = 5;
  options.data_page_size = 64;
  parquet::MemorySink sink;
  try {
    parquet::write_frame(frame, sink, options);
  } catch (const parquet::ParquetError&) {
    return;  // a type Parquet cannot hold
  }
  const auto reader =
      parquet::FileReader::open(std::make_shared<parquet::MemorySource>(sink.take(), "round-trip.parquet"));
  parquet::ReadOptions read_options;
  read_options.threads = 1;
  if (!frame::equals(reader->read(read_options), frame)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (size > kMaxInput || nesting_depth(text) > kMaxDepth) return 0;
  const auto whole = parse(text, std::nullopt, size_t{1} << 20);
  const auto chunked = parse(text, std::nullopt, 1 + size % 13);
  if (whole.index() != chunked.index()) std::abort();
  if (const auto* error = std::get_if<std::string>(&whole)) {
    if (*error != std::get<std::string>(chunked)) std::abort();
    return 0;
  }
  const frame::Frame& inferred = std::get<frame::Frame>(whole);
  if (!frame::equals(std::get<frame::Frame>(chunked), inferred)) std::abort();
  const auto with_schema = parse(text, inferred.schema(), size_t{1} << 20);
  if (!std::holds_alternative<frame::Frame>(with_schema) ||
      !frame::equals(std::get<frame::Frame>(with_schema), inferred))
    std::abort();
  check_parquet_round_trip(inferred);
  return 0;
}
