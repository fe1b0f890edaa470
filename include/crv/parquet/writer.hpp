#pragma once
/// @file
/// Frame -> Parquet file. The writer appends to an OutputSink the caller owns (so the io layer
/// can fsync and rename the file); it knows nothing of CRV.
///
///   FileWriter -> row group -> column writer (levels, encoding, pages, statistics) -> sink
#include <crv/export.hpp>
#include <crv/frame/data_type.hpp>
#include <crv/frame/frame.hpp>
#include <crv/parquet/error.hpp>
#include <crv/parquet/metadata.hpp>
#include <crv/parquet/sink.hpp>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace crv::parquet {

/// The data page header a writer emits: DataPageHeader (V1, what every reader reads) or
/// DataPageHeaderV2.
enum class DataPageVersion { V1, V2 };

/// How FileWriter writes a file.
struct CRV_IO_EXPORT WriterOptions {
  CompressionCodec compression = CompressionCodec::ZSTD;  ///< the codec of every page
  /// kDefaultCompressionLevel (compression.hpp) picks the codec's default (ZSTD 3).
  int compression_level = std::numeric_limits<int>::min();
  /// Rows per row group. A write() of more rows is split; fewer rows are buffered until the
  /// row group is full or the file is closed.
  int64_t row_group_size = 131072;
  /// Target uncompressed size of a data page, in bytes.
  int64_t data_page_size = 1 << 20;
  /// Dictionary-encode columns (RLE_DICTIONARY with a PLAIN dictionary page); a column chunk
  /// falls back to PLAIN once its dictionary grows past dictionary_page_size_limit bytes.
  bool dictionary = true;
  int64_t dictionary_page_size_limit = 1 << 20;  ///< see `dictionary`
  /// FLOAT and DOUBLE top-level columns whose values are not dictionary-encoded (mostly
  /// distinct values, or past the dictionary limit) are written BYTE_STREAM_SPLIT instead of
  /// PLAIN: their bytes, grouped by significance, compress several times better (Arrow,
  /// DuckDB, Polars and Spark read it). Floats inside structs and lists stay PLAIN: Polars
  /// (polars-parquet 0.54) fails on BYTE_STREAM_SPLIT pages of nested columns with nulls. Fixed-width columns keep the
  /// dictionary only when at most half of a sample of their first values (a few thousand) is distinct.
  bool byte_stream_split_floating = true;
  DataPageVersion data_page_version = DataPageVersion::V1;  ///< the data page header version
  /// Column-chunk statistics (null_count, min_value, max_value) and page statistics.
  bool write_statistics = true;
  /// ColumnIndex and OffsetIndex after the row groups, so readers can skip pages.
  bool write_page_index = true;
  /// File key-value metadata, in order.
  std::vector<std::pair<std::string, std::string>> key_value_metadata;
  /// Empty: "crv-io version <version>".
  std::string created_by;
};

/// Writes frames as one Parquet file to a sink, row group by row group; close() writes the
/// footer.
class CRV_IO_EXPORT FileWriter {
 public:
  /// `schema` fixes the columns: names, frame types, and nullability (a non-nullable field is
  /// written REQUIRED). Throws ParquetError for a type Parquet cannot hold (e.g. an empty
  /// struct).
  FileWriter(OutputSink& sink, std::vector<frame::Field> schema, WriterOptions options = {});
  ~FileWriter();
  FileWriter(const FileWriter&) = delete;
  FileWriter& operator=(const FileWriter&) = delete;

  /// Appends rows. The frame must have the writer's columns (same names, order and types).
  void write(const frame::Frame& frame);
  /// Writes the buffered rows as a row group now (no-op when none are buffered).
  void flush_row_group();
  /// Flushes, writes the page index and the footer. Returns the file metadata as written (a
  /// view valid while the writer lives).
  FileMetadataView close();

  [[nodiscard]] int64_t rows_written() const;  ///< rows given to write() so far, buffered included

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

/// One-shot: writes `frame` as a complete file (schema from the frame). Returns the rows written.
CRV_IO_EXPORT int64_t write_frame(const frame::Frame& frame, OutputSink& sink, const WriterOptions& options = {});

}  // namespace crv::parquet
