// FileWriter: buffers frames (zero-copy slices) into row groups, writes each row group's
// column chunks through one ColumnChunkWriter per leaf, then the page index and the footer.
#include <crv/version.hpp>

#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "crv/parquet/error.hpp"
#include "crv/parquet/writer.hpp"
#include "parquet/schema/frame_to_parquet.hpp"
#include "parquet/writer/column_chunk_writer.hpp"

namespace crv::parquet {

namespace {

// The column writer of the last file a thread finished, kept for the next file it writes:
// its buffers (values, levels, pages) are reused instead of being allocated and faulted in
// again for every file, which dominates writing many small files (one per bucket). Kept
// only while it holds at most kMaxCachedWriterBytes.
thread_local std::optional<writer::ColumnChunkWriter> cached_column_writer;
constexpr size_t kMaxCachedWriterBytes = size_t{64} << 20;

}  // namespace

class FileWriter::Impl {
 public:
  Impl(OutputSink& sink, std::vector<frame::Field> fields, WriterOptions options)
      : sink_(sink), fields_(std::move(fields)), options_(std::move(options)) {
    if (options_.row_group_size <= 0) {
      throw ParquetError("row_group_size must be positive, got " + std::to_string(options_.row_group_size));
    }
    schema_ = schema::frame_to_parquet_schema(fields_);
    sink_.write(kParquetMagic.data(), kParquetMagic.size());
  }

  // Gives the column writer back to the thread's cache.
  ~Impl() {
    if (column_ && column_->retained_bytes() <= kMaxCachedWriterBytes) cached_column_writer = std::move(column_);
  }

  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  void write(const frame::Frame& frame) {
    check_open();
    check_schema(frame);
    int64_t offset = 0;
    const int64_t rows = frame.num_rows();
    while (offset < rows) {
      const int64_t take = std::min(rows - offset, options_.row_group_size - pending_rows_);
      pending_.push_back(offset == 0 && take == rows ? frame : frame.slice(offset, take));
      pending_rows_ += take;
      offset += take;
      if (pending_rows_ == options_.row_group_size) flush_row_group();
    }
  }

  void flush_row_group() {
    check_open();
    if (pending_rows_ == 0) return;
    const auto row_group_index = static_cast<int64_t>(row_groups_.size());
    RowGroup group;
    group.num_rows = pending_rows_;
    group.file_offset = sink_.position();
    int64_t uncompressed = 0;
    int64_t compressed = 0;
    std::vector<writer::WrittenColumnChunk> written;
    written.reserve(schema_.leaves.size());
    for (const auto& leaf : schema_.leaves) {
      pieces_.clear();
      for (const auto& frame : pending_) pieces_.push_back(frame.column(leaf.top_level_index));
      writer::ColumnChunkWriter& column = column_writer(leaf);
      column.encode(pieces_, row_group_index);
      written.push_back(column.write_to(sink_));
      const auto& md = *written.back().chunk.meta_data;
      uncompressed += md.total_uncompressed_size;
      compressed += md.total_compressed_size;
      group.columns.push_back(written.back().chunk);
    }
    group.total_byte_size = uncompressed;
    group.total_compressed_size = compressed;
    if (row_group_index <= std::numeric_limits<int16_t>::max()) group.ordinal = static_cast<int16_t>(row_group_index);
    row_groups_.push_back(std::move(group));
    page_indexes_.push_back(std::move(written));
    rows_written_ += pending_rows_;
    pending_.clear();
    pending_rows_ = 0;
  }

  const FileMetaData& close() {
    if (closed_) return metadata_;
    flush_row_group();
    metadata_.version = 2;
    metadata_.schema = schema_.elements;
    metadata_.num_rows = rows_written_;
    metadata_.row_groups = std::move(row_groups_);
    if (options_.write_page_index) write_page_index();
    if (!options_.key_value_metadata.empty()) {
      std::vector<KeyValue> kv;
      for (const auto& [key, value] : options_.key_value_metadata) kv.push_back({.key = key, .value = value});
      metadata_.key_value_metadata = std::move(kv);
    }
    metadata_.created_by = options_.created_by.empty() ? std::string(kCreatedBy) : options_.created_by;
    metadata_.column_orders = std::vector<ColumnOrder>(schema_.leaves.size(), TypeDefinedOrder{});

    std::vector<uint8_t> footer;
    serialize_file_metadata(metadata_, footer);
    const auto length = static_cast<uint32_t>(footer.size());
    uint8_t length_bytes[4] = {static_cast<uint8_t>(length), static_cast<uint8_t>(length >> 8),
                               static_cast<uint8_t>(length >> 16), static_cast<uint8_t>(length >> 24)};
    footer.insert(footer.end(), length_bytes, length_bytes + 4);
    footer.insert(footer.end(), kParquetMagic.begin(), kParquetMagic.end());
    sink_.write(footer.data(), footer.size());
    closed_ = true;
    return metadata_;
  }

  [[nodiscard]] int64_t rows_written() const { return rows_written_ + pending_rows_; }

 private:
  // The column writer bound to `leaf`: the thread's cached one, or a new one, on first use.
  writer::ColumnChunkWriter& column_writer(const schema::LeafColumn& leaf) {
    if (!column_) {
      if (cached_column_writer) {
        column_ = std::move(cached_column_writer);
        cached_column_writer.reset();
      } else {
        column_.emplace(leaf, options_);
      }
    }
    column_->rebind(leaf, options_);
    return *column_;
  }

  void check_open() const {
    if (closed_) throw ParquetError("the Parquet file writer is closed");
  }

  void check_schema(const frame::Frame& frame) const {
    const auto& got = frame.schema();
    if (got.size() != fields_.size()) {
      throw ParquetError("frame has " + std::to_string(got.size()) + " columns, the writer's schema has " +
                         std::to_string(fields_.size()));
    }
    for (size_t i = 0; i < got.size(); ++i) {
      if (got[i].name != fields_[i].name) {
        throw ParquetError("frame column " + std::to_string(i) + " is '" + got[i].name + "', expected '" +
                           fields_[i].name + "'");
      }
      if (!frame::type_equals(got[i].type, fields_[i].type)) {
        throw ParquetError::at({.column_path = got[i].name}, "frame column type " + got[i].type->to_string() +
                                                                 " differs from the writer's " +
                                                                 fields_[i].type->to_string());
      }
      if (!fields_[i].nullable && frame.column(i).null_count() != 0) {
        throw ParquetError::at(
            {.column_path = got[i].name},
            "column is not nullable but holds " + std::to_string(frame.column(i).null_count()) + " nulls");
      }
    }
  }

  // All ColumnIndex structures, then all OffsetIndex structures (as Arrow lays them out).
  void write_page_index() {
    std::vector<uint8_t> bytes;
    for (size_t g = 0; g < page_indexes_.size(); ++g) {
      for (size_t c = 0; c < page_indexes_[g].size(); ++c) {
        const auto& index = page_indexes_[g][c].column_index;
        if (!index) continue;
        bytes.clear();
        serialize_column_index(*index, bytes);
        auto& chunk = metadata_.row_groups[g].columns[c];
        chunk.column_index_offset = sink_.position();
        chunk.column_index_length = static_cast<int32_t>(bytes.size());
        sink_.write(bytes.data(), bytes.size());
      }
    }
    for (size_t g = 0; g < page_indexes_.size(); ++g) {
      for (size_t c = 0; c < page_indexes_[g].size(); ++c) {
        bytes.clear();
        serialize_offset_index(page_indexes_[g][c].offset_index, bytes);
        auto& chunk = metadata_.row_groups[g].columns[c];
        chunk.offset_index_offset = sink_.position();
        chunk.offset_index_length = static_cast<int32_t>(bytes.size());
        sink_.write(bytes.data(), bytes.size());
      }
    }
  }

  OutputSink& sink_;
  std::vector<frame::Field> fields_;
  WriterOptions options_;
  schema::ParquetSchema schema_;
  // One writer for every column chunk: the chunks of a row group are encoded and written one
  // after the other, and nothing of a chunk outlives its write_to().
  std::optional<writer::ColumnChunkWriter> column_;
  std::vector<frame::Frame> pending_;
  std::vector<frame::Column> pieces_;
  int64_t pending_rows_ = 0;
  int64_t rows_written_ = 0;
  std::vector<RowGroup> row_groups_;
  std::vector<std::vector<writer::WrittenColumnChunk>> page_indexes_;
  FileMetaData metadata_;
  bool closed_ = false;
};

FileWriter::FileWriter(OutputSink& sink, std::vector<frame::Field> schema, WriterOptions options)
    : impl_(std::make_unique<Impl>(sink, std::move(schema), std::move(options))) {}

FileWriter::~FileWriter() = default;

void FileWriter::write(const frame::Frame& frame) { impl_->write(frame); }
void FileWriter::flush_row_group() { impl_->flush_row_group(); }
FileMetadataView FileWriter::close() { return FileMetadataView(&impl_->close()); }
int64_t FileWriter::rows_written() const { return impl_->rows_written(); }

int64_t write_frame(const frame::Frame& frame, OutputSink& sink, const WriterOptions& options) {
  FileWriter writer(sink, frame.schema(), options);
  writer.write(frame);
  return writer.close().num_rows();
}

}  // namespace crv::parquet
