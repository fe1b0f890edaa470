#include "parquet/writer/column_chunk_writer.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <type_traits>
#include <variant>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/bit_util.hpp"
#include "parquet/encoding/byte_stream_split.hpp"
#include "parquet/encoding/plain.hpp"
#include "parquet/encoding/rle_bit_packed_encoder.hpp"

namespace crv::parquet::writer {

namespace {

bool can_dictionary_encode(Type type) {
  return type == Type::INT32 || type == Type::INT64 || type == Type::FLOAT || type == Type::DOUBLE ||
         type == Type::BYTE_ARRAY;
}

uint64_t fixed_value_bits(const schema::LeafColumn& leaf) {
  switch (leaf.physical_type) {
    case Type::BOOLEAN:
      return 1;
    case Type::INT32:
    case Type::FLOAT:
      return 32;
    case Type::INT64:
    case Type::DOUBLE:
      return 64;
    case Type::INT96:
      return 96;
    case Type::FIXED_LEN_BYTE_ARRAY:
      return 8 * static_cast<uint64_t>(leaf.type_length);
    case Type::BYTE_ARRAY:
      return 32;  // the length prefix; the bytes are added per value
  }
  return 64;
}

int32_t checked_page_size(size_t size, const schema::LeafColumn& leaf, int64_t row_group) {
  if (size > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    throw ParquetError::at({.row_group = row_group, .column_path = leaf.dotted_path},
                           "page of " + std::to_string(size) + " bytes exceeds the 2 GiB page size limit");
  }
  return static_cast<int32_t>(size);
}

}  // namespace

ColumnChunkWriter::ColumnChunkWriter(const schema::LeafColumn& leaf, const WriterOptions& options)
    : leaf_(&leaf),
      options_(&options),
      codec_(make_codec(options.compression, options.compression_level)),
      codec_kind_(options.compression),
      codec_level_(options.compression_level),
      dictionary_allowed_(options.dictionary && can_dictionary_encode(leaf.physical_type)),
      byte_stream_split_(options.byte_stream_split_floating && leaf.steps.size() == 1 &&
                         (leaf.physical_type == Type::FLOAT || leaf.physical_type == Type::DOUBLE)),
      level_bits_def_(encoding::bit_width_of(static_cast<uint64_t>(leaf.max_definition_level))),
      level_bits_rep_(encoding::bit_width_of(static_cast<uint64_t>(leaf.max_repetition_level))),
      shredder_(leaf) {}

void ColumnChunkWriter::rebind(const schema::LeafColumn& leaf, const WriterOptions& options) {
  leaf_ = &leaf;
  options_ = &options;
  if (options.compression != codec_kind_ || options.compression_level != codec_level_) {
    codec_ = make_codec(options.compression, options.compression_level);
    codec_kind_ = options.compression;
    codec_level_ = options.compression_level;
  }
  dictionary_allowed_ = options.dictionary && can_dictionary_encode(leaf.physical_type);
  byte_stream_split_ = options.byte_stream_split_floating && leaf.steps.size() == 1 &&
                       (leaf.physical_type == Type::FLOAT || leaf.physical_type == Type::DOUBLE);
  level_bits_def_ = encoding::bit_width_of(static_cast<uint64_t>(leaf.max_definition_level));
  level_bits_rep_ = encoding::bit_width_of(static_cast<uint64_t>(leaf.max_repetition_level));
  shredder_.rebind(leaf);
}

size_t ColumnChunkWriter::retained_bytes() const noexcept {
  return shredder_.retained_bytes() + values_.retained_bytes() + dictionary_page_.capacity() + data_pages_.capacity() +
         levels_.capacity() + values_bytes_.capacity() + body_.capacity() + compressed_.capacity() +
         header_.capacity() + seen_entries_.capacity() + pages_.capacity() * sizeof(PageRecord) +
         page_stats_.capacity() * sizeof(PageStatistics);
}

namespace {

// Calls f(encoder) with the chunk's dictionary encoder, if it has one.
template <class Dictionary, class F>
void with_dictionary(Dictionary& dictionary, F&& f) {
  std::visit(
      [&](auto& encoder) {
        if constexpr (!std::is_same_v<std::remove_cvref_t<decltype(encoder)>, std::monostate>) f(encoder);
      },
      dictionary);
}

}  // namespace

void ColumnChunkWriter::reset_dictionary() {
  dictionary_ = std::monostate{};
  dictionary_pages_written_ = 0;
  if (!use_dictionary_) return;
  switch (leaf_->physical_type) {
    case Type::INT32:
      dictionary_.emplace<encoding::DictionaryEncoder<int32_t>>();
      break;
    case Type::INT64:
      dictionary_.emplace<encoding::DictionaryEncoder<int64_t>>();
      break;
    case Type::FLOAT:
      dictionary_.emplace<encoding::DictionaryEncoder<float>>();
      break;
    case Type::DOUBLE:
      dictionary_.emplace<encoding::DictionaryEncoder<double>>();
      break;
    case Type::BYTE_ARRAY:
      dictionary_.emplace<encoding::ByteArrayDictionaryEncoder>();
      break;
    default:
      use_dictionary_ = false;
      break;
  }
}

namespace {

// Values looked at to decide whether a fixed-width column chunk is dictionary-encoded, and
// the fewest for which the sample decides (smaller chunks keep the dictionary).
constexpr size_t kDictionarySample = 4096;
constexpr size_t kDictionarySampleMinimum = 64;

template <typename T>
size_t distinct_in_sample(const std::vector<T>& values, size_t n) {
  encoding::DictionaryEncoder<T> encoder;
  encoder.put(values.data(), n);
  return encoder.num_entries();
}

}  // namespace

bool ColumnChunkWriter::dictionary_pays_off() const {
  const size_t n = std::min(values_.size(), kDictionarySample);
  if (n < kDictionarySampleMinimum) return true;
  size_t distinct = 0;
  switch (leaf_->physical_type) {
    case Type::INT32:
      distinct = distinct_in_sample(values_.int32s, n);
      break;
    case Type::INT64:
      distinct = distinct_in_sample(values_.int64s, n);
      break;
    case Type::FLOAT:
      distinct = distinct_in_sample(values_.floats, n);
      break;
    case Type::DOUBLE:
      distinct = distinct_in_sample(values_.doubles, n);
      break;
    default:
      // Byte arrays: a dictionary of mostly distinct strings costs about as much as PLAIN.
      return true;
  }
  return 2 * distinct <= n;
}

size_t ColumnChunkWriter::dictionary_byte_size() const {
  size_t size = 0;
  with_dictionary(dictionary_, [&](const auto& encoder) { size = encoder.dictionary_byte_size(); });
  return size;
}

size_t ColumnChunkWriter::dictionary_entries() const {
  size_t entries = 0;
  with_dictionary(dictionary_, [&](const auto& encoder) { entries = encoder.num_entries(); });
  return entries;
}

void ColumnChunkWriter::encode(const std::vector<frame::Column>& pieces, int64_t row_group) {
  row_group_ = row_group;
  shredder_.clear();
  for (const auto& piece : pieces) shredder_.add(piece);
  values_.gather(*leaf_, shredder_.value_runs());

  data_pages_.clear();
  dictionary_page_.clear();
  pages_.clear();
  page_stats_.clear();
  page_has_values_.clear();
  chunk_stats_ = PageStatistics{};
  encoding_stats_.clear();
  num_levels_ = shredder_.num_levels();
  total_uncompressed_ = 0;
  dictionary_uncompressed_ = 0;
  dictionary_compressed_ = 0;
  use_dictionary_ = dictionary_allowed_ && dictionary_pays_off();
  reset_dictionary();

  const auto& rep = shredder_.repetition_levels();
  const auto n = static_cast<size_t>(num_levels_);
  size_t level = 0;
  size_t value = 0;
  int64_t row = 0;
  while (level < n) {
    size_t value_end = value;
    const size_t level_end = find_page_end(level, value, &value_end);
    int64_t rows = 0;
    if (rep.empty()) {
      rows = static_cast<int64_t>(level_end - level);
    } else {
      rows = std::count(rep.begin() + static_cast<std::ptrdiff_t>(level),
                        rep.begin() + static_cast<std::ptrdiff_t>(level_end), int16_t{0});
    }
    encode_page(level, level_end, value, value_end, row, rows);
    level = level_end;
    value = value_end;
    row += rows;
  }
  if (dictionary_pages_written_ > 0) build_dictionary_page();
}

size_t ColumnChunkWriter::find_page_end(size_t level_begin, size_t value_begin, size_t* value_end) const {
  const auto& def = shredder_.definition_levels();
  const auto& rep = shredder_.repetition_levels();
  const auto n = static_cast<size_t>(num_levels_);
  const uint64_t target_bits = 8 * static_cast<uint64_t>(std::max<int64_t>(options_->data_page_size, 1));
  const uint64_t value_bits = fixed_value_bits(*leaf_);
  const bool byte_arrays = leaf_->physical_type == Type::BYTE_ARRAY;
  const auto* views = values_.byte_arrays.data();
  const int16_t max_def = leaf_->max_definition_level;
  const auto level_bits = static_cast<uint64_t>(level_bits_def_ + level_bits_rep_);
  // Cap the levels of a page so its num_values fits the header's int32.
  const size_t max_levels = static_cast<size_t>(std::numeric_limits<int32_t>::max());

  if (def.empty() && rep.empty()) {
    size_t count = 0;
    if (byte_arrays) {
      uint64_t bits = 0;
      size_t v = value_begin;
      while (v < n && (v == value_begin || bits < target_bits)) {
        bits += value_bits + 8 * static_cast<uint64_t>(views[v].size);
        ++v;
      }
      count = v - value_begin;
    } else {
      count = static_cast<size_t>(std::max<uint64_t>(1, target_bits / value_bits));
      count = std::min(count, n - level_begin);
    }
    count = std::min(count, max_levels);
    *value_end = value_begin + count;
    return level_begin + count;
  }

  uint64_t bits = 0;
  size_t l = level_begin;
  size_t v = value_begin;
  if (rep.empty()) {
    // Definition levels only: every level starts a row. Blocks of levels that keep the page
    // under its target are taken whole; the block in which the page fills up is walked
    // level by level, so the page ends where the level-by-level walk alone would end it.
    constexpr size_t kBlock = 2048;
    while (l < n) {
      if (l > level_begin && (bits >= target_bits || l - level_begin >= max_levels)) break;
      const size_t block_end = std::min({n, l + kBlock, level_begin + max_levels});
      size_t present = 0;
      for (size_t k = l; k < block_end; ++k) present += def[k] == max_def ? 1 : 0;
      uint64_t block_bits = (block_end - l) * level_bits + present * value_bits;
      if (byte_arrays) {
        uint64_t bytes = 0;
        for (size_t k = v; k < v + present; ++k) bytes += views[k].size;
        block_bits += 8 * bytes;
      }
      if (bits + block_bits < target_bits) {
        bits += block_bits;
        l = block_end;
        v += present;
        continue;
      }
      for (; l < block_end; ++l) {
        if (l > level_begin && bits >= target_bits) break;
        bits += level_bits;
        if (def[l] == max_def) {
          bits += value_bits;
          if (byte_arrays) bits += 8 * static_cast<uint64_t>(views[v].size);
          ++v;
        }
      }
      if (l < block_end) break;
    }
    *value_end = v;
    return l;
  }
  while (l < n) {
    if (l > level_begin && (bits >= target_bits || l - level_begin >= max_levels) && rep[l] == 0) {
      break;
    }
    bits += level_bits;
    if (def.empty() || def[l] == max_def) {
      bits += value_bits;
      if (byte_arrays) bits += 8 * static_cast<uint64_t>(views[v].size);
      ++v;
    }
    ++l;
  }
  *value_end = v;
  return l;
}

void ColumnChunkWriter::encode_values_plain(size_t begin, size_t end, std::vector<uint8_t>& out) const {
  const size_t n = end - begin;
  switch (leaf_->physical_type) {
    case Type::BOOLEAN:
      encoding::plain_encode_booleans(values_.booleans.data() + begin, n, out);
      break;
    case Type::INT32:
      encoding::plain_encode(values_.int32s.data() + begin, n, out);
      break;
    case Type::INT64:
      encoding::plain_encode(values_.int64s.data() + begin, n, out);
      break;
    case Type::FLOAT:
      encoding::plain_encode(values_.floats.data() + begin, n, out);
      break;
    case Type::DOUBLE:
      encoding::plain_encode(values_.doubles.data() + begin, n, out);
      break;
    case Type::BYTE_ARRAY:
      encoding::plain_encode_byte_arrays(values_.byte_arrays.data() + begin, n, out);
      break;
    case Type::FIXED_LEN_BYTE_ARRAY: {
      const auto width = static_cast<size_t>(leaf_->type_length);
      encoding::plain_encode_fixed(values_.fixed.data() + begin * width, n, width, out);
      break;
    }
    case Type::INT96:
      throw ParquetError::at({.column_path = leaf_->dotted_path}, "INT96 columns are not written");
  }
}

void ColumnChunkWriter::encode_values_byte_stream_split(size_t begin, size_t end, std::vector<uint8_t>& out) const {
  const size_t n = end - begin;
  if (leaf_->physical_type == Type::FLOAT) {
    encoding::byte_stream_split_encode(values_.floats.data() + begin, n, out);
  } else {
    encoding::byte_stream_split_encode(values_.doubles.data() + begin, n, out);
  }
}

void ColumnChunkWriter::put_dictionary_values(size_t begin, size_t end) {
  with_dictionary(dictionary_, [&](auto& encoder) {
    using Value = typename std::remove_cvref_t<decltype(encoder)>::value_type;
    encoder.put(values_.typed<Value>().data() + begin, end - begin);
  });
}

void ColumnChunkWriter::write_dictionary_indices(std::vector<uint8_t>& out) {
  with_dictionary(dictionary_, [&](auto& encoder) { encoder.write_indices(out); });
}

void ColumnChunkWriter::compress_into(const std::vector<uint8_t>& input, std::vector<uint8_t>& out) {
  out.clear();
  codec_->compress(std::span<const uint8_t>(input.data(), input.size()), out);
}

void ColumnChunkWriter::append_page(const PageHeader& header, const std::vector<uint8_t>& body,
                                    std::vector<uint8_t>& out) {
  header_.clear();
  serialize_page_header(header, header_);
  out.insert(out.end(), header_.begin(), header_.end());
  out.insert(out.end(), body.begin(), body.end());
}

void ColumnChunkWriter::count_encoding(PageType type, Encoding encoding) {
  for (auto& s : encoding_stats_) {
    if (s.page_type == type && s.encoding == encoding) {
      ++s.count;
      return;
    }
  }
  encoding_stats_.push_back({.page_type = type, .encoding = encoding, .count = 1});
}

void ColumnChunkWriter::encode_page(size_t level_begin, size_t level_end, size_t value_begin, size_t value_end,
                                    int64_t first_row, int64_t num_rows) {
  const size_t num_levels = level_end - level_begin;
  const size_t num_values = value_end - value_begin;
  const auto& def = shredder_.definition_levels();
  const auto& rep = shredder_.repetition_levels();
  const bool uncompressed = options_->compression == CompressionCodec::UNCOMPRESSED;

  PageStatistics stats;
  stats.null_count = static_cast<int64_t>(num_levels - num_values);
  const bool want_min_max = options_->write_statistics || options_->write_page_index;

  // V1: levels and values in one body, encoded in place; V2: the values apart (they are
  // compressed without the levels).
  const bool v1 = options_->data_page_version == DataPageVersion::V1;
  std::vector<uint8_t>& values_out = v1 ? body_ : values_bytes_;
  values_bytes_.clear();
  if (v1) {
    body_.clear();
    if (!rep.empty()) {
      encoding::encode_rle_bit_packed(rep.data() + level_begin, num_levels, level_bits_rep_,
                                      encoding::RleLengthPrefix::kFourBytes, body_);
    }
    if (!def.empty()) {
      encoding::encode_rle_bit_packed(def.data() + level_begin, num_levels, level_bits_def_,
                                      encoding::RleLengthPrefix::kFourBytes, body_);
    }
  }
  Encoding value_encoding = Encoding::PLAIN;
  if (use_dictionary_) {
    put_dictionary_values(value_begin, value_end);
    if (want_min_max) {
      if (const auto* bytes = std::get_if<encoding::ByteArrayDictionaryEncoder>(&dictionary_)) {
        compute_min_max_of_entries(*bytes, bytes->indices(), seen_entries_, stats);
      } else {
        compute_min_max(*leaf_, values_, value_begin, value_end, stats);
      }
    }
    write_dictionary_indices(values_out);
    value_encoding = Encoding::RLE_DICTIONARY;
    ++dictionary_pages_written_;
  } else {
    if (want_min_max) compute_min_max(*leaf_, values_, value_begin, value_end, stats);
    if (byte_stream_split_) {
      encode_values_byte_stream_split(value_begin, value_end, values_out);
      value_encoding = Encoding::BYTE_STREAM_SPLIT;
    } else {
      encode_values_plain(value_begin, value_end, values_out);
    }
  }

  PageHeader header;
  size_t uncompressed_size = 0;
  const std::vector<uint8_t>* body = nullptr;
  if (v1) {
    uncompressed_size = body_.size();
    if (uncompressed) {
      body = &body_;
    } else {
      compress_into(body_, compressed_);
      body = &compressed_;
    }
    header.type = PageType::DATA_PAGE;
    DataPageHeader data;
    data.num_values = static_cast<int32_t>(num_levels);
    data.encoding = value_encoding;
    data.definition_level_encoding = Encoding::RLE;
    data.repetition_level_encoding = Encoding::RLE;
    if (options_->write_statistics) data.statistics = to_thrift_statistics(*leaf_, stats);
    header.data_page_header = std::move(data);
  } else {
    levels_.clear();
    if (!rep.empty()) {
      encoding::encode_rle_bit_packed(rep.data() + level_begin, num_levels, level_bits_rep_,
                                      encoding::RleLengthPrefix::kNone, levels_);
    }
    const size_t rep_bytes = levels_.size();
    if (!def.empty()) {
      encoding::encode_rle_bit_packed(def.data() + level_begin, num_levels, level_bits_def_,
                                      encoding::RleLengthPrefix::kNone, levels_);
    }
    const size_t def_bytes = levels_.size() - rep_bytes;
    uncompressed_size = levels_.size() + values_bytes_.size();
    body_.assign(levels_.begin(), levels_.end());
    if (uncompressed) {
      body_.insert(body_.end(), values_bytes_.begin(), values_bytes_.end());
    } else {
      compress_into(values_bytes_, compressed_);
      body_.insert(body_.end(), compressed_.begin(), compressed_.end());
    }
    body = &body_;
    header.type = PageType::DATA_PAGE_V2;
    DataPageHeaderV2 data;
    data.num_values = static_cast<int32_t>(num_levels);
    data.num_nulls = static_cast<int32_t>(num_levels - num_values);
    data.num_rows = static_cast<int32_t>(num_rows);
    data.encoding = value_encoding;
    data.definition_levels_byte_length = static_cast<int32_t>(def_bytes);
    data.repetition_levels_byte_length = static_cast<int32_t>(rep_bytes);
    data.is_compressed = !uncompressed;
    if (options_->write_statistics) data.statistics = to_thrift_statistics(*leaf_, stats);
    header.data_page_header_v2 = std::move(data);
  }
  header.uncompressed_page_size = checked_page_size(uncompressed_size, *leaf_, row_group_);
  header.compressed_page_size = checked_page_size(body->size(), *leaf_, row_group_);

  const auto offset = static_cast<int64_t>(data_pages_.size());
  append_page(header, *body, data_pages_);
  const auto page_bytes = static_cast<int64_t>(data_pages_.size()) - offset;
  pages_.push_back({.offset = offset,
                    .size = checked_page_size(static_cast<size_t>(page_bytes), *leaf_, row_group_),
                    .first_row = first_row});
  total_uncompressed_ += static_cast<int64_t>(header_.size() + uncompressed_size);
  count_encoding(header.type, value_encoding);
  merge_statistics(*leaf_, chunk_stats_, stats);
  page_stats_.push_back(std::move(stats));
  page_has_values_.push_back(num_values > 0 ? 1 : 0);

  if (use_dictionary_ && dictionary_byte_size() > static_cast<size_t>(std::max<int64_t>(
                                                      options_->dictionary_page_size_limit, 0))) {
    use_dictionary_ = false;  // PLAIN for the rest of the column chunk
  }
}

void ColumnChunkWriter::build_dictionary_page() {
  body_.clear();
  with_dictionary(dictionary_, [&](const auto& encoder) { encoder.write_dictionary(body_); });
  const std::vector<uint8_t>* body = &body_;
  if (options_->compression != CompressionCodec::UNCOMPRESSED) {
    compress_into(body_, compressed_);
    body = &compressed_;
  }
  PageHeader header;
  header.type = PageType::DICTIONARY_PAGE;
  header.uncompressed_page_size = checked_page_size(body_.size(), *leaf_, row_group_);
  header.compressed_page_size = checked_page_size(body->size(), *leaf_, row_group_);
  DictionaryPageHeader dict;
  dict.num_values = static_cast<int32_t>(dictionary_entries());
  dict.encoding = Encoding::PLAIN;
  header.dictionary_page_header = dict;
  append_page(header, *body, dictionary_page_);
  dictionary_uncompressed_ = static_cast<int64_t>(header_.size() + body_.size());
  dictionary_compressed_ = static_cast<int64_t>(dictionary_page_.size());
}

WrittenColumnChunk ColumnChunkWriter::write_to(OutputSink& sink) {
  WrittenColumnChunk out;
  ColumnMetaData md;
  md.type = leaf_->physical_type;
  md.path_in_schema = leaf_->path_in_schema;
  md.codec = options_->compression;
  md.num_values = num_levels_;

  const bool has_dictionary = !dictionary_page_.empty();
  if (has_dictionary) {
    md.dictionary_page_offset = sink.position();
    sink.write(dictionary_page_.data(), dictionary_page_.size());
  }
  md.data_page_offset = sink.position();
  sink.write(data_pages_.data(), data_pages_.size());
  md.total_uncompressed_size = total_uncompressed_ + dictionary_uncompressed_;
  md.total_compressed_size = static_cast<int64_t>(data_pages_.size()) + dictionary_compressed_;

  bool plain_pages = false;
  bool dictionary_pages = false;
  bool byte_stream_split_pages = false;
  for (const auto& s : encoding_stats_) {
    if (s.encoding == Encoding::PLAIN) plain_pages = true;
    if (s.encoding == Encoding::RLE_DICTIONARY) dictionary_pages = true;
    if (s.encoding == Encoding::BYTE_STREAM_SPLIT) byte_stream_split_pages = true;
  }
  if (has_dictionary || plain_pages) md.encodings.push_back(Encoding::PLAIN);
  md.encodings.push_back(Encoding::RLE);
  if (dictionary_pages) md.encodings.push_back(Encoding::RLE_DICTIONARY);
  if (byte_stream_split_pages) md.encodings.push_back(Encoding::BYTE_STREAM_SPLIT);
  std::vector<PageEncodingStats> encoding_stats;
  encoding_stats.reserve(encoding_stats_.size() + 1);
  if (has_dictionary) {
    encoding_stats.push_back({.page_type = PageType::DICTIONARY_PAGE, .encoding = Encoding::PLAIN, .count = 1});
  }
  for (const auto& s : encoding_stats_) encoding_stats.push_back(s);
  md.encoding_stats = std::move(encoding_stats);
  if (options_->write_statistics) md.statistics = to_thrift_statistics(*leaf_, chunk_stats_);

  out.offset_index.page_locations.reserve(pages_.size());
  for (const auto& p : pages_) {
    out.offset_index.page_locations.push_back(
        {.offset = md.data_page_offset + p.offset, .compressed_page_size = p.size, .first_row_index = p.first_row});
  }
  bool index_complete = true;
  ColumnIndex index;
  std::vector<int64_t> null_counts;
  for (size_t i = 0; i < page_stats_.size(); ++i) {
    const auto& s = page_stats_[i];
    const bool all_null = !s.has_min_max;
    index.null_pages.push_back(all_null ? 1 : 0);
    index.min_values.push_back(all_null ? std::string() : s.min);
    index.max_values.push_back(all_null ? std::string() : s.max);
    null_counts.push_back(s.null_count);
  }
  // A page whose values are all NaN has values but no min/max: no valid column index.
  for (size_t i = 0; i < page_stats_.size(); ++i) {
    if (!page_stats_[i].has_min_max && page_has_values_[i] != 0) index_complete = false;
  }
  index.null_counts = std::move(null_counts);
  index.boundary_order = compute_boundary_order(*leaf_, page_stats_);
  if (options_->write_page_index && index_complete) out.column_index = std::move(index);

  out.chunk.file_offset = 0;
  out.chunk.meta_data = std::move(md);
  return out;
}

}  // namespace crv::parquet::writer
