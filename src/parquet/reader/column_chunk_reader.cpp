// Column chunk -> pages -> levels and dense values.

#include "parquet/reader/column_chunk_reader.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

#include "parquet/reader/page_levels.hpp"

namespace crv::parquet::reader {
namespace {

// Values a page may announce beyond 8 per byte of its data (bit width 0 dictionary indices
// and RLE runs describe many values in few bytes).
constexpr int64_t kPageValueAllowance = int64_t{1} << 20;

// The entries whose definition level is `max_def` (a value is present). Counted in 16-bit
// lanes over blocks (vectorised) rather than in std::count's 64-bit ones.
size_t count_present(const int16_t* def, size_t n, int16_t max_def) {
  constexpr size_t kBlock = 32768;
  size_t total = 0;
  for (size_t at = 0; at < n; at += kBlock) {
    const size_t end = std::min(n, at + kBlock);
    uint16_t block = 0;
    for (size_t i = at; i < end; ++i) block = static_cast<uint16_t>(block + (def[i] == max_def ? 1 : 0));
    total += block;
  }
  return total;
}

}  // namespace

ChunkRange column_chunk_range(const ColumnMetaData& meta, int64_t data_end, const ErrorContext& where) {
  auto fail = [&where](const std::string& what) { throw ParquetError::at(where, what); };
  if (meta.total_compressed_size < 0) fail("negative total_compressed_size");
  if (meta.num_values < 0) fail("negative num_values");
  const bool has_dictionary_page = meta.dictionary_page_offset && *meta.dictionary_page_offset > 0;
  // parquet-mr writes a chunk without values as its dictionary page alone, with
  // data_page_offset 0; Arrow and DuckDB read it (as no values), and so does this reader.
  const bool dictionary_page_only = has_dictionary_page && meta.num_values == 0 && meta.data_page_offset == 0;
  int64_t begin = meta.data_page_offset;
  if (has_dictionary_page && (*meta.dictionary_page_offset < begin || dictionary_page_only)) {
    begin = *meta.dictionary_page_offset;
  }
  if (begin < 4 || begin > data_end) {
    fail("column chunk starts at offset " + std::to_string(begin) + ", outside the data section [4, " +
         std::to_string(data_end) + ")");
  }
  if (meta.total_compressed_size > data_end - begin) {
    fail("column chunk of " + std::to_string(meta.total_compressed_size) + " bytes at offset " + std::to_string(begin) +
         " runs past the data section end " + std::to_string(data_end));
  }
  const int64_t end = begin + meta.total_compressed_size;
  if (!dictionary_page_only && (meta.data_page_offset < begin || meta.data_page_offset > end)) {
    fail("data_page_offset outside the column chunk");
  }
  return {begin, end};
}

ColumnChunkReader::ColumnChunkReader(const RandomAccessSource& source, const schema::FileLeaf& leaf,
                                     const ColumnChunk& chunk, int64_t data_end, ErrorContext where)
    : source_(source), leaf_(leaf), meta_(*chunk.meta_data), where_(std::move(where)) {
  range_ = column_chunk_range(meta_, data_end, where_);
  try {
    codec_ = make_codec(meta_.codec);
  } catch (const ParquetError& e) {
    fail(e.what());
  }
}

void ColumnChunkReader::fail(const std::string& what) const { throw ParquetError::at(page_context(), what); }

ErrorContext ColumnChunkReader::page_context() const {
  ErrorContext at = where_;
  at.page = page_ordinal_;
  return at;
}

LeafData ColumnChunkReader::read_all(const RowRanges* rows) {
  rows_ = rows;
  current_row_ = -1;
  range_cursor_ = 0;
  std::vector<uint8_t> bytes(static_cast<size_t>(range_.end - range_.begin));
  source_.read_at(range_.begin, bytes.size(), bytes.data());
  LeafData out;
  read_chunk_pages(bytes.data(), bytes.size(), out);
  return out;
}

void ColumnChunkReader::read_all_into(FlatColumnBuilder& out, ChunkScratch& scratch) {
  rows_ = nullptr;
  flat_ = &out;
  const auto size = static_cast<size_t>(range_.end - range_.begin);
  if (scratch.chunk.size() < size) scratch.chunk.resize(size);
  source_.read_at(range_.begin, size, scratch.chunk.data());
  // The page and level scratch of the task serve this chunk, and go back to it afterwards.
  page_scratch_.swap(scratch.page);
  def_scratch_.swap(scratch.def);
  const auto give_back = [&] {
    page_scratch_.swap(scratch.page);
    def_scratch_.swap(scratch.def);
    flat_ = nullptr;
  };
  try {
    LeafData unused;
    read_chunk_pages(scratch.chunk.data(), size, unused);
  } catch (...) {
    give_back();
    throw;
  }
  give_back();
}

void ColumnChunkReader::read_chunk_pages(const uint8_t* data, size_t size, LeafData& out) {
  size_t pos = 0;
  while (pos < size && values_read_ < meta_.num_values) {
    pos += handle_page(data + pos, size - pos, out, false);
    ++page_ordinal_;
  }
  if (values_read_ != meta_.num_values) {
    fail("column chunk holds " + std::to_string(values_read_) + " values, its metadata announces " +
         std::to_string(meta_.num_values));
  }
}

void ColumnChunkReader::append_flat_page(Encoding encoding, const int16_t* def, size_t n, size_t present,
                                         const uint8_t* values, size_t size) {
  flat_->append_page(leaf_, def, n, encoding, values, size, present, dictionary_);
}

LeafData ColumnChunkReader::read_pages(const OffsetIndex& index, const RowRanges& rows, int64_t row_group_rows) {
  rows_ = &rows;
  LeafData out;
  const auto& pages = index.page_locations;
  if (pages.empty()) return read_all(&rows);
  // The dictionary page lies before the first data page.
  if (pages[0].offset < range_.begin || pages[0].offset > range_.end) fail("offset index page 0 lies outside the column chunk");
  if (pages[0].offset > range_.begin) {
    std::vector<uint8_t> head(static_cast<size_t>(pages[0].offset - range_.begin));
    source_.read_at(range_.begin, head.size(), head.data());
    size_t pos = 0;
    while (pos < head.size() && !dictionary_.present) {
      pos += handle_page(head.data() + pos, head.size() - pos, out, false);
    }
  }
  std::vector<uint8_t> page;
  for (size_t i = 0; i < pages.size(); ++i) {
    page_ordinal_ = static_cast<int64_t>(i);
    const PageLocation& loc = pages[i];
    const int64_t first = loc.first_row_index;
    const int64_t last = i + 1 < pages.size() ? pages[i + 1].first_row_index : row_group_rows;
    if (first < 0 || last < first || last > row_group_rows) fail("offset index has invalid first_row_index values");
    if (!rows.intersects(first, last)) continue;
    if (loc.offset < range_.begin || loc.compressed_page_size <= 0 || loc.compressed_page_size > range_.end - loc.offset) {
      fail("offset index page location lies outside the column chunk");
    }
    page.resize(static_cast<size_t>(loc.compressed_page_size));
    source_.read_at(loc.offset, page.size(), page.data());
    current_row_ = first - 1;
    range_cursor_ = 0;
    values_read_ = 0;  // page selection: the chunk total does not apply
    handle_page(page.data(), page.size(), out, true);
  }
  return out;
}

void ColumnChunkReader::check_page_value_count(int64_t num_values, int64_t page_bytes) {
  if (num_values < 0) fail("negative num_values in page header");
  if (num_values > page_bytes * 8 + kPageValueAllowance) {
    fail("page announces " + std::to_string(num_values) + " values in " + std::to_string(page_bytes) + " bytes");
  }
  if (num_values > meta_.num_values - values_read_) {
    fail("page holds more values than the column chunk's num_values (" + std::to_string(meta_.num_values) + ")");
  }
}

size_t ColumnChunkReader::handle_page(const uint8_t* data, size_t size, LeafData& out, bool data_pages_only) {
  PageHeader header;
  size_t header_size = 0;
  try {
    header = deserialize_page_header(data, size, &header_size);
  } catch (const ParquetError& e) {
    fail(std::string("bad page header: ") + e.what());
  }
  if (header.compressed_page_size < 0 || static_cast<uint64_t>(header.compressed_page_size) > size - header_size) {
    fail("page body of " + std::to_string(header.compressed_page_size) + " bytes runs past the column chunk (" +
         std::to_string(size - header_size) + " bytes left)");
  }
  if (header.uncompressed_page_size < 0 || header.uncompressed_page_size > kMaxPageBytes) {
    fail("invalid uncompressed_page_size " + std::to_string(header.uncompressed_page_size));
  }
  const uint8_t* body = data + header_size;
  switch (header.type) {
    case PageType::DICTIONARY_PAGE:
      if (data_pages_only) fail("dictionary page where the offset index lists a data page");
      read_dictionary_page(header, body);
      break;
    case PageType::DATA_PAGE: read_data_page_v1(header, body, out); break;
    case PageType::DATA_PAGE_V2: read_data_page_v2(header, body, out); break;
    default: break;  // index pages and unknown page types are skipped
  }
  return header_size + static_cast<size_t>(header.compressed_page_size);
}

const uint8_t* ColumnChunkReader::decompress(const uint8_t* data, size_t size, size_t uncompressed,
                                             std::vector<uint8_t>& scratch) {
  if (meta_.codec == CompressionCodec::UNCOMPRESSED) {
    if (size != uncompressed) {
      fail("uncompressed page has compressed size " + std::to_string(size) + " but uncompressed size " +
           std::to_string(uncompressed));
    }
    return data;
  }
  if (scratch.size() < uncompressed) scratch.resize(uncompressed);
  try {
    codec_->decompress({data, size}, scratch.data(), uncompressed);
  } catch (const ParquetError& e) {
    fail(e.what());
  }
  return scratch.data();
}

void ColumnChunkReader::read_dictionary_page(const PageHeader& header, const uint8_t* body) {
  if (!header.dictionary_page_header) fail("dictionary page without a dictionary_page_header");
  if (seen_data_page_ || dictionary_.present) fail("dictionary page after the first data page");
  const DictionaryPageHeader& h = *header.dictionary_page_header;
  if (h.encoding != Encoding::PLAIN && h.encoding != Encoding::PLAIN_DICTIONARY) {
    fail("dictionary page encoding " + to_string(h.encoding) + " is not supported (PLAIN expected)");
  }
  const auto uncompressed = static_cast<size_t>(header.uncompressed_page_size);
  std::vector<uint8_t> scratch;
  const uint8_t* bytes = decompress(body, static_cast<size_t>(header.compressed_page_size), uncompressed, scratch);
  dictionary_.page.assign(bytes, bytes + uncompressed);
  try {
    load_dictionary(leaf_, h.num_values, dictionary_);
  } catch (const ParquetError& e) {
    fail(e.what());
  }
  if (flat_ != nullptr) flat_->set_dictionary(dictionary_);
}

template <class DecodeRep, class DecodeDef, class Values>
void ColumnChunkReader::read_levels_and_values(Encoding encoding, size_t n, DecodeRep&& decode_rep,
                                               DecodeDef&& decode_def, Values&& values, LeafData& out) {
  const int64_t first_entry = out.num_entries;
  const int64_t first_value = out.num_values;
  try {
    if (flat_ != nullptr) {
      // A flat leaf (FlatColumnBuilder::supports): no repetition levels.
      const int16_t* def = nullptr;
      size_t present = n;
      if (leaf_.max_def > 0) {
        if (def_scratch_.size() < n) def_scratch_.resize(n);
        decode_def(def_scratch_.data());
        def = def_scratch_.data();
        present = count_present(def, n, leaf_.max_def);
      }
      const auto [data, size] = values();
      append_flat_page(encoding, def, n, present, data, size);
    } else {
      if (leaf_.max_rep > 0) {
        out.rep.resize(out.rep.size() + n);
        decode_rep(out.rep.data() + first_entry);
        // A repetition level above 0 continues the row before it: the first level read (of
        // the column chunk, or of the first page the page index kept, which starts a row)
        // has none to continue. Arrow refuses such a file; assembling it would misplace values.
        if (values_read_ == 0 && n > 0 && out.rep[first_entry] != 0) {
          fail("the first repetition level is " + std::to_string(out.rep[first_entry]) +
               ", not 0: the column's first value continues a row that does not exist (a damaged or "
               "misencoded file; rewrite it from its source)");
        }
      }
      size_t present = n;
      if (leaf_.max_def > 0) {
        out.def.resize(out.def.size() + n);
        int16_t* def = out.def.data() + first_entry;
        decode_def(def);
        present = count_present(def, n, leaf_.max_def);
      }
      out.num_entries += static_cast<int64_t>(n);
      const auto [data, size] = values();
      decode_page_values(leaf_, encoding, data, size, present, dictionary_, index_scratch_, out);
    }
  } catch (const ParquetError& e) {
    if (!e.context().file.empty()) throw;
    fail(e.what());
  }
  values_read_ += static_cast<int64_t>(n);
  if (flat_ == nullptr) finish_page(out, first_entry, first_value);
}

void ColumnChunkReader::read_data_page_v1(const PageHeader& header, const uint8_t* body, LeafData& out) {
  if (!header.data_page_header) fail("data page without a data_page_header");
  seen_data_page_ = true;
  const DataPageHeader& h = *header.data_page_header;
  const auto size = static_cast<size_t>(header.uncompressed_page_size);
  check_page_value_count(h.num_values, header.uncompressed_page_size);
  const uint8_t* page = decompress(body, static_cast<size_t>(header.compressed_page_size), size, page_scratch_);
  const auto n = static_cast<size_t>(h.num_values);
  // Levels and values one after the other in the decompressed page, each level stream
  // length-prefixed (RLE) or not (BIT_PACKED).
  size_t pos = 0;
  read_levels_and_values(
      h.encoding, n,
      [&](int16_t* rep) {
        pos += decode_levels_v1(h.repetition_level_encoding, leaf_.max_rep, page + pos, size - pos, n, rep);
      },
      [&](int16_t* def) {
        pos += decode_levels_v1(h.definition_level_encoding, leaf_.max_def, page + pos, size - pos, n, def);
      },
      [&] { return std::pair{page + pos, size - pos}; }, out);
}

void ColumnChunkReader::read_data_page_v2(const PageHeader& header, const uint8_t* body, LeafData& out) {
  if (!header.data_page_header_v2) fail("data page v2 without a data_page_header_v2");
  seen_data_page_ = true;
  const DataPageHeaderV2& h = *header.data_page_header_v2;
  check_page_value_count(h.num_values, header.uncompressed_page_size);
  const int64_t rl = h.repetition_levels_byte_length;
  const int64_t dl = h.definition_levels_byte_length;
  if (rl < 0 || dl < 0 || rl + dl > header.compressed_page_size || rl + dl > header.uncompressed_page_size) {
    fail("data page v2 level lengths (" + std::to_string(rl) + ", " + std::to_string(dl) + ") exceed the page");
  }
  const auto n = static_cast<size_t>(h.num_values);
  // Uncompressed levels (unprefixed RLE) first, then the values, compressed on their own.
  read_levels_and_values(
      h.encoding, n,
      [&](int16_t* rep) { decode_levels_v2(leaf_.max_rep, body, static_cast<size_t>(rl), n, rep); },
      [&](int16_t* def) { decode_levels_v2(leaf_.max_def, body + rl, static_cast<size_t>(dl), n, def); },
      [&] {
        const uint8_t* values = body + rl + dl;
        const auto compressed = static_cast<size_t>(header.compressed_page_size - rl - dl);
        const auto uncompressed = static_cast<size_t>(header.uncompressed_page_size - rl - dl);
        if (h.is_compressed && meta_.codec != CompressionCodec::UNCOMPRESSED) {
          values = decompress(values, compressed, uncompressed, page_scratch_);
        } else if (compressed != uncompressed) {
          fail("uncompressed data page v2 has different compressed and uncompressed sizes");
        }
        return std::pair{values, uncompressed};
      },
      out);
}

// With row filtering: keeps only the page's entries (and their values) whose row is in rows_.
void ColumnChunkReader::finish_page(LeafData& out, int64_t first_entry, int64_t first_value) {
  if (rows_ == nullptr) return;
  const auto& ranges = rows_->ranges();
  const bool has_rep = !out.rep.empty();
  const bool has_def = !out.def.empty();
  const size_t width = physical_value_width(leaf_);
  const bool is_bytes = leaf_.physical == Type::BYTE_ARRAY;
  int64_t write_entry = first_entry;
  int64_t write_value = first_value;
  int64_t value = first_value;
  int64_t run_begin = -1;  // source index of the pending run of kept values
  int64_t run_length = 0;
  auto flush_run = [&] {
    if (run_length == 0) return;
    if (run_begin != write_value) {
      if (is_bytes) {
        auto& offsets = out.bytes.offsets;
        auto& bytes = out.bytes.bytes;
        const int32_t src_begin = offsets[static_cast<size_t>(run_begin)];
        const int32_t src_end = offsets[static_cast<size_t>(run_begin + run_length)];
        const int32_t dst_begin = offsets[static_cast<size_t>(write_value)];
        std::memmove(bytes.data() + dst_begin, bytes.data() + src_begin, static_cast<size_t>(src_end - src_begin));
        for (int64_t k = 0; k < run_length; ++k) {
          offsets[static_cast<size_t>(write_value + k + 1)] =
              dst_begin + (offsets[static_cast<size_t>(run_begin + k + 1)] - src_begin);
        }
      } else {
        uint8_t* base = out.fixed.mutable_data();
        std::memmove(base + write_value * static_cast<int64_t>(width), base + run_begin * static_cast<int64_t>(width),
                     static_cast<size_t>(run_length) * width);
      }
    }
    write_value += run_length;
    run_length = 0;
  };
  for (int64_t e = first_entry; e < out.num_entries; ++e) {
    if (!has_rep || out.rep[static_cast<size_t>(e)] == 0) ++current_row_;
    while (range_cursor_ < ranges.size() && ranges[range_cursor_].end <= current_row_) ++range_cursor_;
    const bool keep = range_cursor_ < ranges.size() && ranges[range_cursor_].begin <= current_row_;
    const bool has_value = !has_def || out.def[static_cast<size_t>(e)] == leaf_.max_def;
    if (keep) {
      if (has_def) out.def[static_cast<size_t>(write_entry)] = out.def[static_cast<size_t>(e)];
      if (has_rep) out.rep[static_cast<size_t>(write_entry)] = out.rep[static_cast<size_t>(e)];
      ++write_entry;
      if (has_value) {
        if (run_length == 0) run_begin = value;
        ++run_length;
      }
    } else if (has_value) {
      flush_run();
    }
    if (has_value) ++value;
  }
  flush_run();
  out.num_entries = write_entry;
  out.num_values = write_value;
  if (has_def) out.def.resize(static_cast<size_t>(write_entry));
  if (has_rep) out.rep.resize(static_cast<size_t>(write_entry));
  if (is_bytes) {
    out.bytes.offsets.resize(static_cast<size_t>(write_value) + 1);
    out.bytes.bytes.resize(static_cast<size_t>(out.bytes.offsets.back()));
  } else {
    out.fixed.resize(write_value * static_cast<int64_t>(width), false);
  }
}

}  // namespace crv::parquet::reader
