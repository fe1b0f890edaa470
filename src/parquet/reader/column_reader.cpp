// Column chunk -> pages -> levels and dense values.

#include "parquet/reader/column_reader.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

#include "parquet/reader/page_levels.hpp"

namespace crv::parquet::reader {
namespace {

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

ColumnReader::ColumnReader(const RandomAccessSource& source, const schema::FileLeaf& leaf, const ColumnChunk& chunk,
                           int64_t data_end, ErrorContext where)
    : source_(source),
      leaf_(leaf),
      meta_(*chunk.meta_data),
      range_(column_chunk_range(meta_, data_end, where)),
      pages_(meta_, std::move(where)),
      decoders_(leaf_, dictionary_) {}

LeafData ColumnReader::read_all(const RowRanges* rows) {
  if (rows != nullptr) filter_.emplace(*rows);
  std::vector<uint8_t> bytes(static_cast<size_t>(range_.end - range_.begin));
  source_.read_at(range_.begin, bytes.size(), bytes.data());
  LeafData out;
  read_chunk_pages(bytes.data(), bytes.size(), out);
  return out;
}

void ColumnReader::read_all_into(FlatColumnBuilder& out, ChunkScratch& scratch) {
  flat_ = &out;
  const auto size = static_cast<size_t>(range_.end - range_.begin);
  if (scratch.chunk.size() < size) scratch.chunk.resize(size);
  source_.read_at(range_.begin, size, scratch.chunk.data());
  // The page and level scratch of the task serve this chunk, and go back to it afterwards.
  pages_.swap_scratch(scratch.page);
  def_scratch_.swap(scratch.def);
  const auto give_back = [&] {
    pages_.swap_scratch(scratch.page);
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

void ColumnReader::read_chunk_pages(const uint8_t* data, size_t size, LeafData& out) {
  pages_.reset(data, size, 0);
  while (values_read_ < meta_.num_values) {
    const Page* page = pages_.next();
    if (page == nullptr) break;
    read_page(*page, out, false);
  }
  if (values_read_ != meta_.num_values) {
    fail("column chunk holds " + std::to_string(values_read_) + " values, its metadata announces " +
         std::to_string(meta_.num_values));
  }
}

LeafData ColumnReader::read_pages(const OffsetIndex& index, const RowRanges& rows, int64_t row_group_rows) {
  const auto& locations = index.page_locations;
  if (locations.empty()) return read_all(&rows);
  filter_.emplace(rows);
  LeafData out;
  read_dictionary_before(index, out);
  std::vector<uint8_t> bytes;
  for (size_t i = 0; i < locations.size(); ++i) {
    const PageLocation& location = locations[i];
    const int64_t first = location.first_row_index;
    const int64_t last = i + 1 < locations.size() ? locations[i + 1].first_row_index : row_group_rows;
    pages_.reset(nullptr, 0, static_cast<int64_t>(i));  // names page i in the errors below
    if (first < 0 || last < first || last > row_group_rows) fail("offset index has invalid first_row_index values");
    if (!rows.intersects(first, last)) continue;
    if (location.offset < range_.begin || location.compressed_page_size <= 0 ||
        location.compressed_page_size > range_.end - location.offset) {
      fail("offset index page location lies outside the column chunk");
    }
    bytes.resize(static_cast<size_t>(location.compressed_page_size));
    source_.read_at(location.offset, bytes.size(), bytes.data());
    filter_->start_at(first);
    values_read_ = 0;  // page selection: the chunk total does not apply
    pages_.reset(bytes.data(), bytes.size(), static_cast<int64_t>(i));
    if (const Page* page = pages_.next()) read_page(*page, out, true);
  }
  return out;
}

void ColumnReader::read_dictionary_before(const OffsetIndex& index, LeafData& out) {
  const int64_t first_page = index.page_locations[0].offset;
  if (first_page < range_.begin || first_page > range_.end) fail("offset index page 0 lies outside the column chunk");
  if (first_page == range_.begin) return;
  std::vector<uint8_t> head(static_cast<size_t>(first_page - range_.begin));
  source_.read_at(range_.begin, head.size(), head.data());
  pages_.reset(head.data(), head.size(), 0);
  while (!dictionary_.present) {
    const Page* page = pages_.next();
    if (page == nullptr) break;
    read_page(*page, out, false);
  }
}

void ColumnReader::read_page(const Page& page, LeafData& out, bool data_pages_only) {
  if (page.type != PageType::DICTIONARY_PAGE) {
    read_data_page(page, out);
    return;
  }
  if (data_pages_only) fail("dictionary page where the offset index lists a data page");
  read_dictionary_page(page);
}

void ColumnReader::read_dictionary_page(const Page& page) {
  if (seen_data_page_ || dictionary_.present) fail("dictionary page after the first data page");
  if (page.encoding != Encoding::PLAIN && page.encoding != Encoding::PLAIN_DICTIONARY) {
    fail("dictionary page encoding " + to_string(page.encoding) + " is not supported (PLAIN expected)");
  }
  dictionary_.page.assign(page.data, page.data + page.size);
  try {
    load_dictionary(leaf_, static_cast<int32_t>(page.num_values), dictionary_);
  } catch (const ParquetError& e) {
    fail(e.what());
  }
  if (flat_ != nullptr) flat_->set_dictionary(dictionary_);
}

void ColumnReader::check_page_value_count(int64_t num_values) const {
  if (num_values > meta_.num_values - values_read_) {
    fail("page holds more values than the column chunk's num_values (" + std::to_string(meta_.num_values) + ")");
  }
}

void ColumnReader::read_data_page(const Page& page, LeafData& out) {
  seen_data_page_ = true;
  check_page_value_count(page.num_values);
  DataPageSections sections(page, leaf_.max_rep, leaf_.max_def);
  try {
    if (flat_ != nullptr) {
      append_flat_page(page, sections);
    } else {
      append_leaf_page(page, sections, out);
    }
  } catch (const ParquetError& e) {
    if (!e.context().file.empty()) throw;
    fail(e.what());
  }
  values_read_ += page.num_values;
}

// A flat leaf (FlatColumnBuilder::supports) has no repetition levels.
void ColumnReader::append_flat_page(const Page& page, DataPageSections& sections) {
  const auto n = static_cast<size_t>(page.num_values);
  const int16_t* def = nullptr;
  size_t present = n;
  if (leaf_.max_def > 0) {
    if (def_scratch_.size() < n) def_scratch_.resize(n);
    sections.decode_def(def_scratch_.data());
    def = def_scratch_.data();
    present = count_present(def, n, leaf_.max_def);
  }
  const PageValues values{page.encoding, sections.values(), sections.values_size(), present};
  flat_->append_page(def, n, values, decoders_, dictionary_);
}

void ColumnReader::append_leaf_page(const Page& page, DataPageSections& sections, LeafData& out) {
  const auto n = static_cast<size_t>(page.num_values);
  const int64_t first_entry = out.num_entries;
  const int64_t first_value = out.num_values;
  if (leaf_.max_rep > 0) {
    out.rep.resize(out.rep.size() + n);
    sections.decode_rep(out.rep.data() + first_entry);
    check_first_repetition_level(out, first_entry, n);
  }
  size_t present = n;
  if (leaf_.max_def > 0) {
    out.def.resize(out.def.size() + n);
    int16_t* def = out.def.data() + first_entry;
    sections.decode_def(def);
    present = count_present(def, n, leaf_.max_def);
  }
  out.num_entries += static_cast<int64_t>(n);
  decoders_.decode(page.encoding, sections.values(), sections.values_size(), present, out);
  if (filter_) filter_->keep_rows(leaf_, out, first_entry, first_value);
}

// A repetition level above 0 continues the row before it: the first level read (of the
// column chunk, or of the first page the page index kept, which starts a row) has none to
// continue. Arrow refuses such a file; assembling it would misplace values.
void ColumnReader::check_first_repetition_level(const LeafData& out, int64_t first_entry, size_t n) const {
  if (values_read_ != 0 || n == 0 || out.rep[static_cast<size_t>(first_entry)] == 0) return;
  fail("the first repetition level is " + std::to_string(out.rep[static_cast<size_t>(first_entry)]) +
       ", not 0: the column's first value continues a row that does not exist (a damaged or "
       "misencoded file; rewrite it from its source)");
}

}  // namespace crv::parquet::reader
