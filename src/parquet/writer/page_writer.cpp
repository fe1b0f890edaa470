// Column chunk pages: levels, compression, headers.

#include "parquet/writer/page_writer.hpp"

#include <limits>
#include <string>
#include <utility>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/rle_bit_packed_encoder.hpp"

namespace crv::parquet::writer {

PageWriter::PageWriter(const WriterOptions& options)
    : options_(&options),
      codec_(make_codec(options.compression, options.compression_level)),
      codec_kind_(options.compression),
      codec_level_(options.compression_level) {}

void PageWriter::rebind(const WriterOptions& options) {
  options_ = &options;
  if (options.compression == codec_kind_ && options.compression_level == codec_level_) return;
  codec_ = make_codec(options.compression, options.compression_level);
  codec_kind_ = options.compression;
  codec_level_ = options.compression_level;
}

void PageWriter::start_chunk(const schema::LeafColumn& leaf, int64_t row_group) {
  leaf_ = &leaf;
  row_group_ = row_group;
  dictionary_page_.clear();
  data_pages_.clear();
  records_.clear();
  encoding_stats_.clear();
  data_uncompressed_ = 0;
  dictionary_uncompressed_ = 0;
}

size_t PageWriter::retained_bytes() const noexcept {
  return dictionary_page_.capacity() + data_pages_.capacity() + records_.capacity() * sizeof(PageRecord) +
         levels_.capacity() + values_.capacity() + body_.capacity() + compressed_.capacity() + header_.capacity();
}

int32_t PageWriter::checked_page_size(size_t size) const {
  if (size > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    throw ParquetError::at({.row_group = row_group_, .column_path = leaf_->dotted_path},
                           "page of " + std::to_string(size) + " bytes exceeds the 2 GiB page size limit");
  }
  return static_cast<int32_t>(size);
}

std::vector<uint8_t>& PageWriter::begin_data_page(const int16_t* rep, int rep_bits, const int16_t* def, int def_bits,
                                                  size_t num_levels) {
  // v1: levels and values in one body, encoded in place; v2: the values apart (they are
  // compressed without the levels).
  const bool v1 = options_->data_page_version == DataPageVersion::V1;
  const auto prefix = v1 ? encoding::RleLengthPrefix::kFourBytes : encoding::RleLengthPrefix::kNone;
  std::vector<uint8_t>& levels = v1 ? body_ : levels_;
  levels.clear();
  if (rep != nullptr) encoding::encode_rle_bit_packed(rep, num_levels, rep_bits, prefix, levels);
  rep_bytes_ = levels.size();
  if (def != nullptr) encoding::encode_rle_bit_packed(def, num_levels, def_bits, prefix, levels);
  values_.clear();
  return v1 ? body_ : values_;
}

void PageWriter::finish_data_page(DataPageFacts facts) {
  PageHeader header;
  size_t uncompressed_size = 0;
  const std::vector<uint8_t>* body = nullptr;
  if (options_->data_page_version == DataPageVersion::V1) {
    uncompressed_size = body_.size();
    body = &compress(body_);
    header.type = PageType::DATA_PAGE;
    header.data_page_header = DataPageHeader{.num_values = static_cast<int32_t>(facts.num_levels),
                                             .encoding = facts.encoding,
                                             .definition_level_encoding = Encoding::RLE,
                                             .repetition_level_encoding = Encoding::RLE,
                                             .statistics = std::move(facts.statistics)};
  } else {
    uncompressed_size = levels_.size() + values_.size();
    const std::vector<uint8_t>& values = compress(values_);
    body_.assign(levels_.begin(), levels_.end());
    body_.insert(body_.end(), values.begin(), values.end());
    body = &body_;
    header.type = PageType::DATA_PAGE_V2;
    header.data_page_header_v2 =
        DataPageHeaderV2{.num_values = static_cast<int32_t>(facts.num_levels),
                         .num_nulls = static_cast<int32_t>(facts.num_levels - facts.num_values),
                         .num_rows = static_cast<int32_t>(facts.num_rows),
                         .encoding = facts.encoding,
                         .definition_levels_byte_length = static_cast<int32_t>(levels_.size() - rep_bytes_),
                         .repetition_levels_byte_length = static_cast<int32_t>(rep_bytes_),
                         .is_compressed = compressed(),
                         .statistics = std::move(facts.statistics)};
  }
  header.uncompressed_page_size = checked_page_size(uncompressed_size);
  header.compressed_page_size = checked_page_size(body->size());

  const auto offset = static_cast<int64_t>(data_pages_.size());
  append_page(header, *body, data_pages_);
  const auto page_bytes = static_cast<size_t>(static_cast<int64_t>(data_pages_.size()) - offset);
  records_.push_back({.offset = offset, .size = checked_page_size(page_bytes), .first_row = facts.first_row});
  data_uncompressed_ += static_cast<int64_t>(header_.size() + uncompressed_size);
  count_encoding(facts.encoding);
}

std::vector<uint8_t>& PageWriter::begin_dictionary_page() {
  body_.clear();
  return body_;
}

void PageWriter::finish_dictionary_page(int32_t num_entries) {
  const std::vector<uint8_t>& body = compress(body_);
  PageHeader header;
  header.type = PageType::DICTIONARY_PAGE;
  header.uncompressed_page_size = checked_page_size(body_.size());
  header.compressed_page_size = checked_page_size(body.size());
  header.dictionary_page_header = DictionaryPageHeader{.num_values = num_entries, .encoding = Encoding::PLAIN};
  append_page(header, body, dictionary_page_);
  dictionary_uncompressed_ = static_cast<int64_t>(header_.size() + body_.size());
}

const std::vector<uint8_t>& PageWriter::compress(const std::vector<uint8_t>& input) {
  if (!compressed()) return input;
  compressed_.clear();
  codec_->compress(std::span<const uint8_t>(input.data(), input.size()), compressed_);
  return compressed_;
}

void PageWriter::append_page(const PageHeader& header, const std::vector<uint8_t>& body, std::vector<uint8_t>& out) {
  header_.clear();
  serialize_page_header(header, header_);
  out.insert(out.end(), header_.begin(), header_.end());
  out.insert(out.end(), body.begin(), body.end());
}

void PageWriter::count_encoding(Encoding encoding) {
  for (auto& s : encoding_stats_) {
    if (s.encoding == encoding) {
      ++s.count;
      return;
    }
  }
  const PageType type =
      options_->data_page_version == DataPageVersion::V1 ? PageType::DATA_PAGE : PageType::DATA_PAGE_V2;
  encoding_stats_.push_back({.page_type = type, .encoding = encoding, .count = 1});
}

}  // namespace crv::parquet::writer
