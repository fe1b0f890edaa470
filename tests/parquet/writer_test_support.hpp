#pragma once
// Helpers of the writer tests: write a frame to memory, parse the footer back, and walk the
// pages of a column chunk (headers and decompressed bodies).
#include <crv/parquet/compression.hpp>
#include <crv/parquet/sink.hpp>
#include <crv/parquet/writer.hpp>
#include "parquet/metadata/thrift_types.hpp"

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace crv::parquet::test {

inline std::vector<uint8_t> write_to_memory(const frame::Frame& frame, const WriterOptions& options = {}) {
  MemorySink sink;
  write_frame(frame, sink, options);
  return sink.take();
}

inline FileMetaData read_footer(const std::vector<uint8_t>& file) {
  if (file.size() < 12) throw std::runtime_error("file too short");
  if (std::memcmp(file.data(), "PAR1", 4) != 0 || std::memcmp(file.data() + file.size() - 4, "PAR1", 4) != 0) {
    throw std::runtime_error("magic missing");
  }
  uint32_t length = 0;
  std::memcpy(&length, file.data() + file.size() - 8, 4);
  return deserialize_file_metadata(file.data() + file.size() - 8 - length, length);
}

struct Page {
  int64_t offset = 0;
  PageHeader header;
  size_t header_size = 0;
  std::vector<uint8_t> raw;           // the page bytes after the header, as stored
  std::vector<uint8_t> uncompressed;  // v1 and dictionary: the whole body; v2: levels + values
};

inline std::vector<Page> read_pages(const std::vector<uint8_t>& file, const ColumnMetaData& md) {
  std::vector<Page> pages;
  int64_t pos = md.dictionary_page_offset.value_or(md.data_page_offset);
  const int64_t end = pos + md.total_compressed_size;
  auto codec = make_codec(md.codec);
  while (pos < end) {
    Page p;
    p.offset = pos;
    p.header = deserialize_page_header(file.data() + pos, static_cast<size_t>(end - pos), &p.header_size);
    const uint8_t* body = file.data() + pos + static_cast<int64_t>(p.header_size);
    const auto stored = static_cast<size_t>(p.header.compressed_page_size);
    p.raw.assign(body, body + stored);
    p.uncompressed.resize(static_cast<size_t>(p.header.uncompressed_page_size));
    size_t levels = 0;
    bool compressed = md.codec != CompressionCodec::UNCOMPRESSED;
    if (p.header.data_page_header_v2) {
      const auto& v2 = *p.header.data_page_header_v2;
      levels = static_cast<size_t>(v2.definition_levels_byte_length + v2.repetition_levels_byte_length);
      compressed = compressed && v2.is_compressed;
      std::memcpy(p.uncompressed.data(), body, levels);
    }
    if (compressed) {
      codec->decompress({body + levels, stored - levels}, p.uncompressed.data() + levels,
                        p.uncompressed.size() - levels);
    } else {
      std::memcpy(p.uncompressed.data() + levels, body + levels, stored - levels);
    }
    pages.push_back(std::move(p));
    pos += static_cast<int64_t>(pages.back().header_size) + static_cast<int64_t>(stored);
  }
  return pages;
}

}  // namespace crv::parquet::test
