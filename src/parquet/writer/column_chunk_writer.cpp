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
    case Type::BOOLEAN: return 1;
    case Type::INT32:
    case Type::FLOAT: return 32;
    case Type::INT64:
    case Type::DOUBLE: return 64;
    case Type::INT96: return 96;
    case Type::FIXED_LEN_BYTE_ARRAY: return 8 * static_cast<uint64_t>(leaf.type_length);
    case Type::BYTE_ARRAY: return 32;  // the length prefix; the bytes are added per value
  }
  return 64;
}

}  // namespace

ColumnChunkWriter::ColumnChunkWriter(const schema::LeafColumn& leaf, const WriterOptions& options)
    : leaf_(&leaf),
      options_(&options),
      dictionary_allowed_(options.dictionary && can_dictionary_encode(leaf.physical_type)),
      byte_stream_split_(options.byte_stream_split_floating && leaf.steps.size() == 1 &&
                         (leaf.physical_type == Type::FLOAT || leaf.physical_type == Type::DOUBLE)),
      level_bits_def_(encoding::bit_width_of(static_cast<uint64_t>(leaf.max_definition_level))),
      level_bits_rep_(encoding::bit_width_of(static_cast<uint64_t>(leaf.max_repetition_level))),
      shredder_(leaf),
      page_writer_(options) {}

void ColumnChunkWriter::rebind(const schema::LeafColumn& leaf, const WriterOptions& options) {
  leaf_ = &leaf;
  options_ = &options;
  page_writer_.rebind(options);
  dictionary_allowed_ = options.dictionary && can_dictionary_encode(leaf.physical_type);
  byte_stream_split_ = options.byte_stream_split_floating && leaf.steps.size() == 1 &&
                       (leaf.physical_type == Type::FLOAT || leaf.physical_type == Type::DOUBLE);
  level_bits_def_ = encoding::bit_width_of(static_cast<uint64_t>(leaf.max_definition_level));
  level_bits_rep_ = encoding::bit_width_of(static_cast<uint64_t>(leaf.max_repetition_level));
  shredder_.rebind(leaf);
}

size_t ColumnChunkWriter::retained_bytes() const noexcept {
  return shredder_.retained_bytes() + values_.retained_bytes() + page_writer_.retained_bytes() +
         seen_entries_.capacity() + page_stats_.capacity() * sizeof(PageStatistics);
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
    case Type::INT32: dictionary_.emplace<encoding::DictionaryEncoder<int32_t>>(); break;
    case Type::INT64: dictionary_.emplace<encoding::DictionaryEncoder<int64_t>>(); break;
    case Type::FLOAT: dictionary_.emplace<encoding::DictionaryEncoder<float>>(); break;
    case Type::DOUBLE: dictionary_.emplace<encoding::DictionaryEncoder<double>>(); break;
    case Type::BYTE_ARRAY: dictionary_.emplace<encoding::ByteArrayDictionaryEncoder>(); break;
    default: use_dictionary_ = false; break;
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
    case Type::INT32: distinct = distinct_in_sample(values_.int32s, n); break;
    case Type::INT64: distinct = distinct_in_sample(values_.int64s, n); break;
    case Type::FLOAT: distinct = distinct_in_sample(values_.floats, n); break;
    case Type::DOUBLE: distinct = distinct_in_sample(values_.doubles, n); break;
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

  page_writer_.start_chunk(*leaf_, row_group);
  page_stats_.clear();
  page_has_values_.clear();
  chunk_stats_ = PageStatistics{};
  num_levels_ = shredder_.num_levels();
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
    case Type::BOOLEAN: encoding::plain_encode_booleans(values_.booleans.data() + begin, n, out); break;
    case Type::INT32: encoding::plain_encode(values_.int32s.data() + begin, n, out); break;
    case Type::INT64: encoding::plain_encode(values_.int64s.data() + begin, n, out); break;
    case Type::FLOAT: encoding::plain_encode(values_.floats.data() + begin, n, out); break;
    case Type::DOUBLE: encoding::plain_encode(values_.doubles.data() + begin, n, out); break;
    case Type::BYTE_ARRAY: encoding::plain_encode_byte_arrays(values_.byte_arrays.data() + begin, n, out); break;
    case Type::FIXED_LEN_BYTE_ARRAY: {
      const auto width = static_cast<size_t>(leaf_->type_length);
      encoding::plain_encode_fixed(values_.fixed.data() + begin * width, n, width, out);
      break;
    }
    case Type::INT96: throw ParquetError::at({.column_path = leaf_->dotted_path}, "INT96 columns are not written");
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

void ColumnChunkWriter::encode_page(size_t level_begin, size_t level_end, size_t value_begin, size_t value_end,
                                    int64_t first_row, int64_t num_rows) {
  const size_t num_levels = level_end - level_begin;
  const size_t num_values = value_end - value_begin;
  const auto& def = shredder_.definition_levels();
  const auto& rep = shredder_.repetition_levels();
  std::vector<uint8_t>& values_out =
      page_writer_.begin_data_page(rep.empty() ? nullptr : rep.data() + level_begin, level_bits_rep_,
                                   def.empty() ? nullptr : def.data() + level_begin, level_bits_def_, num_levels);
  PageStatistics stats;
  stats.null_count = static_cast<int64_t>(num_levels - num_values);
  DataPageFacts facts{.num_levels = static_cast<int64_t>(num_levels),
                      .num_values = static_cast<int64_t>(num_values),
                      .num_rows = num_rows,
                      .first_row = first_row,
                      .encoding = encode_page_values(value_begin, value_end, stats, values_out)};
  if (options_->write_statistics) facts.statistics = to_thrift_statistics(*leaf_, stats);
  page_writer_.finish_data_page(std::move(facts));
  merge_statistics(*leaf_, chunk_stats_, stats);
  page_stats_.push_back(std::move(stats));
  page_has_values_.push_back(num_values > 0 ? 1 : 0);

  if (use_dictionary_ &&
      dictionary_byte_size() > static_cast<size_t>(std::max<int64_t>(options_->dictionary_page_size_limit, 0))) {
    use_dictionary_ = false;  // PLAIN for the rest of the column chunk
  }
}

Encoding ColumnChunkWriter::encode_page_values(size_t begin, size_t end, PageStatistics& stats,
                                               std::vector<uint8_t>& out) {
  const bool want_min_max = options_->write_statistics || options_->write_page_index;
  if (use_dictionary_) {
    put_dictionary_values(begin, end);
    if (want_min_max) {
      if (const auto* bytes = std::get_if<encoding::ByteArrayDictionaryEncoder>(&dictionary_)) {
        // The page's distinct entries, not its values: fewer comparisons of long strings.
        compute_min_max_of_entries(*bytes, bytes->indices(), seen_entries_, stats);
      } else {
        compute_min_max(*leaf_, values_, begin, end, stats);
      }
    }
    write_dictionary_indices(out);
    ++dictionary_pages_written_;
    return Encoding::RLE_DICTIONARY;
  }
  if (want_min_max) compute_min_max(*leaf_, values_, begin, end, stats);
  if (byte_stream_split_) {
    encode_values_byte_stream_split(begin, end, out);
    return Encoding::BYTE_STREAM_SPLIT;
  }
  encode_values_plain(begin, end, out);
  return Encoding::PLAIN;
}

void ColumnChunkWriter::build_dictionary_page() {
  std::vector<uint8_t>& entries = page_writer_.begin_dictionary_page();
  with_dictionary(dictionary_, [&](const auto& encoder) { encoder.write_dictionary(entries); });
  page_writer_.finish_dictionary_page(static_cast<int32_t>(dictionary_entries()));
}

WrittenColumnChunk ColumnChunkWriter::write_to(OutputSink& sink) {
  WrittenColumnChunk out;
  ColumnMetaData md;
  md.type = leaf_->physical_type;
  md.path_in_schema = leaf_->path_in_schema;
  md.codec = options_->compression;
  md.num_values = num_levels_;

  const std::vector<uint8_t>& dictionary_page = page_writer_.dictionary_page();
  const std::vector<uint8_t>& data_pages = page_writer_.data_pages();
  const bool has_dictionary = !dictionary_page.empty();
  if (has_dictionary) {
    md.dictionary_page_offset = sink.position();
    sink.write(dictionary_page.data(), dictionary_page.size());
  }
  md.data_page_offset = sink.position();
  sink.write(data_pages.data(), data_pages.size());
  md.total_uncompressed_size = page_writer_.total_uncompressed();
  md.total_compressed_size = page_writer_.total_compressed();
  const std::vector<PageEncodingStats>& page_encodings = page_writer_.data_page_encodings();

  bool plain_pages = false;
  bool dictionary_pages = false;
  bool byte_stream_split_pages = false;
  for (const auto& s : page_encodings) {
    if (s.encoding == Encoding::PLAIN) plain_pages = true;
    if (s.encoding == Encoding::RLE_DICTIONARY) dictionary_pages = true;
    if (s.encoding == Encoding::BYTE_STREAM_SPLIT) byte_stream_split_pages = true;
  }
  if (has_dictionary || plain_pages) md.encodings.push_back(Encoding::PLAIN);
  md.encodings.push_back(Encoding::RLE);
  if (dictionary_pages) md.encodings.push_back(Encoding::RLE_DICTIONARY);
  if (byte_stream_split_pages) md.encodings.push_back(Encoding::BYTE_STREAM_SPLIT);
  std::vector<PageEncodingStats> encoding_stats;
  encoding_stats.reserve(page_encodings.size() + 1);
  if (has_dictionary) {
    encoding_stats.push_back({.page_type = PageType::DICTIONARY_PAGE, .encoding = Encoding::PLAIN, .count = 1});
  }
  for (const auto& s : page_encodings) encoding_stats.push_back(s);
  md.encoding_stats = std::move(encoding_stats);
  if (options_->write_statistics) md.statistics = to_thrift_statistics(*leaf_, chunk_stats_);

  out.offset_index.page_locations.reserve(page_writer_.records().size());
  for (const PageRecord& p : page_writer_.records()) {
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
