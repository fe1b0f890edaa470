// Page headers -> checked, decompressed pages.

#include "parquet/reader/page_reader.hpp"

#include <zlib.h>

#include <string>
#include <utility>

namespace crv::parquet::reader {
namespace {

// Values a page may announce beyond 8 per byte of its data (bit width 0 dictionary indices
// and RLE runs describe many values in few bytes).
constexpr int64_t kPageValueAllowance = int64_t{1} << 20;

}  // namespace

PageReader::PageReader(const ColumnMetaData& meta, ErrorContext where) : meta_(meta), where_(std::move(where)) {
  try {
    codec_ = make_codec(meta_.codec);
  } catch (const ParquetError& e) {
    throw ParquetError::at(where_, e.what());
  }
}

void PageReader::reset(const uint8_t* data, size_t size, int64_t first_ordinal) {
  data_ = data;
  size_ = size;
  pos_ = 0;
  ordinal_ = first_ordinal;
  next_ordinal_ = first_ordinal;
}

ErrorContext PageReader::context() const {
  ErrorContext at = where_;
  at.page = ordinal_;
  return at;
}

void PageReader::fail(const std::string& what) const { throw ParquetError::at(context(), what); }

const Page* PageReader::next() {
  while (pos_ < size_) {
    const uint8_t* body = read_header();
    pos_ += static_cast<size_t>(header_.compressed_page_size);
    switch (header_.type) {
      case PageType::DICTIONARY_PAGE: make_dictionary_page(body); return &page_;
      case PageType::DATA_PAGE: make_data_page_v1(body); return &page_;
      case PageType::DATA_PAGE_V2: make_data_page_v2(body); return &page_;
      default: break;  // index pages and unknown page types are skipped
    }
  }
  return nullptr;
}

const uint8_t* PageReader::read_header() {
  ordinal_ = next_ordinal_++;
  const size_t left = size_ - pos_;
  size_t header_size = 0;
  try {
    header_ = deserialize_page_header(data_ + pos_, left, &header_size);
  } catch (const ParquetError& e) {
    fail(std::string("bad page header: ") + e.what());
  }
  if (header_.compressed_page_size < 0 || static_cast<uint64_t>(header_.compressed_page_size) > left - header_size) {
    fail("page body of " + std::to_string(header_.compressed_page_size) + " bytes runs past the column chunk (" +
         std::to_string(left - header_size) + " bytes left)");
  }
  if (header_.uncompressed_page_size < 0 || header_.uncompressed_page_size > kMaxPageBytes) {
    fail("invalid uncompressed_page_size " + std::to_string(header_.uncompressed_page_size));
  }
  pos_ += header_size;
  const uint8_t* body = data_ + pos_;
  if (header_.crc) check_crc(body);
  return body;
}

// The CRC-32 (zlib's polynomial, as parquet.thrift specifies) of the page's bytes as stored.
void PageReader::check_crc(const uint8_t* body) const {
  const auto size = static_cast<uInt>(header_.compressed_page_size);
  const auto computed = static_cast<uint32_t>(crc32(crc32(0L, Z_NULL, 0), body, size));
  const auto stored = static_cast<uint32_t>(*header_.crc);
  if (computed != stored) {
    fail("page CRC mismatch: the header says " + std::to_string(stored) + ", the page's " +
         std::to_string(header_.compressed_page_size) + " bytes give " + std::to_string(computed) +
         " (a damaged file)");
  }
}

void PageReader::check_value_count(int64_t num_values) const {
  if (num_values < 0) fail("negative num_values in page header");
  if (num_values > int64_t{header_.uncompressed_page_size} * 8 + kPageValueAllowance) {
    fail("page announces " + std::to_string(num_values) + " values in " +
         std::to_string(header_.uncompressed_page_size) + " bytes");
  }
}

const uint8_t* PageReader::decompress(const uint8_t* data, size_t size, size_t uncompressed) {
  if (meta_.codec == CompressionCodec::UNCOMPRESSED) {
    if (size != uncompressed) {
      fail("uncompressed page has compressed size " + std::to_string(size) + " but uncompressed size " +
           std::to_string(uncompressed));
    }
    return data;
  }
  if (scratch_.size() < uncompressed) scratch_.resize(uncompressed);
  try {
    codec_->decompress({data, size}, scratch_.data(), uncompressed);
  } catch (const ParquetError& e) {
    fail(e.what());
  }
  return scratch_.data();
}

void PageReader::make_dictionary_page(const uint8_t* body) {
  if (!header_.dictionary_page_header) fail("dictionary page without a dictionary_page_header");
  const DictionaryPageHeader& h = *header_.dictionary_page_header;
  page_ =
      Page{.type = PageType::DICTIONARY_PAGE, .header = &header_, .num_values = h.num_values, .encoding = h.encoding};
  page_.size = static_cast<size_t>(header_.uncompressed_page_size);
  page_.data = decompress(body, static_cast<size_t>(header_.compressed_page_size), page_.size);
}

void PageReader::make_data_page_v1(const uint8_t* body) {
  if (!header_.data_page_header) fail("data page without a data_page_header");
  const DataPageHeader& h = *header_.data_page_header;
  check_value_count(h.num_values);
  page_ = Page{.type = PageType::DATA_PAGE, .header = &header_, .num_values = h.num_values, .encoding = h.encoding};
  page_.size = static_cast<size_t>(header_.uncompressed_page_size);
  page_.data = decompress(body, static_cast<size_t>(header_.compressed_page_size), page_.size);
}

// Levels first, uncompressed and unprefixed; then the values, compressed on their own.
void PageReader::make_data_page_v2(const uint8_t* body) {
  if (!header_.data_page_header_v2) fail("data page v2 without a data_page_header_v2");
  const DataPageHeaderV2& h = *header_.data_page_header_v2;
  check_value_count(h.num_values);
  const int64_t rl = h.repetition_levels_byte_length;
  const int64_t dl = h.definition_levels_byte_length;
  if (rl < 0 || dl < 0 || rl + dl > header_.compressed_page_size || rl + dl > header_.uncompressed_page_size) {
    fail("data page v2 level lengths (" + std::to_string(rl) + ", " + std::to_string(dl) + ") exceed the page");
  }
  page_ = Page{.type = PageType::DATA_PAGE_V2, .header = &header_, .num_values = h.num_values, .encoding = h.encoding};
  page_.rep_levels = body;
  page_.rep_levels_size = static_cast<size_t>(rl);
  page_.def_levels = body + rl;
  page_.def_levels_size = static_cast<size_t>(dl);
  const uint8_t* values = body + rl + dl;
  const auto compressed = static_cast<size_t>(header_.compressed_page_size - rl - dl);
  page_.size = static_cast<size_t>(header_.uncompressed_page_size - rl - dl);
  if (h.is_compressed && meta_.codec != CompressionCodec::UNCOMPRESSED) {
    page_.data = decompress(values, compressed, page_.size);
  } else if (compressed != page_.size) {
    fail("uncompressed data page v2 has different compressed and uncompressed sizes");
  } else {
    page_.data = values;
  }
}

}  // namespace crv::parquet::reader
