#pragma once
/// @file
/// Parquet file -> Frame. Modelled on Arrow's layering:
///   FileReader -> row group -> column reader -> page reader -> decoder -> record assembly
/// Reads everything mainstream writers produce; a corrupt or hostile file is a ParquetError
/// that says what is wrong and where (file, row group, column, page).
#include <crv/export.hpp>
#include <crv/frame/data_type.hpp>
#include <crv/frame/frame.hpp>
#include <crv/parquet/error.hpp>
#include <crv/parquet/metadata.hpp>
#include <crv/parquet/source.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace crv::parquet {

/// An inclusive range on an integer leaf column (INT32/INT64, top-level). Used to prune row
/// groups by their statistics and pages by the page index. Reading with a filter returns the
/// rows of the kept row groups/pages: a superset of the matching rows (callers filter exactly).
struct IntRangeFilter {
  std::string column;          ///< the column's name
  std::optional<int64_t> min;  ///< smallest value kept; nullopt: no lower bound
  std::optional<int64_t> max;  ///< largest value kept; nullopt: no upper bound
};

/// How a file's columns map to frame types (fixed when the file is opened: frame_schema()
/// follows it).
struct OpenOptions {
  /// The unit INT96 timestamps (legacy Impala/Spark) are read in. Microseconds by default, as
  /// DuckDB reads them: 64-bit nanoseconds end in 2262, and Spark writes dates up to 9999. A
  /// value outside the unit's 64-bit range is a ParquetError naming the column and the value.
  frame::TimeUnit int96_unit = frame::TimeUnit::Micro;
};

/// What a read of a file decodes.
struct ReadOptions {
  /// Top-level column names (nested columns are read whole). Empty: all columns.
  std::vector<std::string> columns;
  /// Row groups to read, in order, as given (the filter then skips only pages and rows).
  /// Empty: all the row groups that the filter's statistics do not rule out.
  std::vector<int> row_groups;
  std::optional<IntRangeFilter> filter;  ///< prune row groups and pages outside a range
  /// Use the page index (when the file has one) to skip pages outside the filter.
  bool use_page_index = true;
  /// Upper bound of the rows per batch of BatchReader.
  int64_t batch_size = 65536;
  /// Threads decoding the columns of a read (0: the hardware's concurrency). The result is
  /// the same for any count.
  int threads = 0;
};

/// What the page index of a filter's column keeps of one row group (for explain()).
struct PageDecision {
  int pages = 0;          ///< of the filter column's chunk
  int pages_kept = 0;     ///< pages that overlap the filter
  int64_t rows_kept = 0;  ///< the rows of the kept pages (read; then filtered exactly)
};

/// Why a row group was kept or skipped (for explain()).
struct RowGroupDecision {
  int row_group = 0;   ///< the row group's index
  bool kept = true;    ///< whether it is read
  std::string reason;  ///< why, e.g. its statistics against the filter
  /// Set by explain() for a kept row group whose filter column has a page index.
  std::optional<PageDecision> pages;
};

/// Reads a file batch by batch (FileReader::batches), in bounded memory.
class CRV_IO_EXPORT BatchReader {
 public:
  virtual ~BatchReader() = default;
  /// The next batch of at most batch_size rows, or nullopt at the end.
  virtual std::optional<frame::Frame> next() = 0;
};

class FileReader;

/// One file's share of FileReader::read_concatenated(): the file and what to read of it.
struct FileRead {
  const FileReader* file = nullptr;  ///< the file (not owned)
  ReadOptions options;               ///< what to read of it
};

/// A Parquet file opened for reading: its footer is read and checked at open(), then any
/// columns, row groups or batches of it are decoded into frames.
class CRV_IO_EXPORT FileReader {
 public:
  /// Reads and checks the footer of `source` (ParquetError when it is not a valid file).
  static std::unique_ptr<FileReader> open(std::shared_ptr<RandomAccessSource> source, const OpenOptions& options = {});
  /// Opens the file at `path` (FileSource) and reads its footer.
  static std::unique_ptr<FileReader> open(const std::filesystem::path& path, const OpenOptions& options = {});
  ~FileReader();
  FileReader(const FileReader&) = delete;
  FileReader& operator=(const FileReader&) = delete;

  /// The footer: row groups, column chunks, statistics (a view valid while the reader lives).
  [[nodiscard]] FileMetadataView metadata() const;
  /// The Parquet schema as a tree, root first (built on first use).
  [[nodiscard]] const SchemaNode& schema_tree() const;
  /// The frame schema the file maps to (logical types mapped without loss).
  [[nodiscard]] const std::vector<frame::Field>& frame_schema() const;
  /// The schema node a frame field comes from (in schema_tree()), by its path of frame field
  /// names from the top level (list items are named "item"); nullptr when there is no such
  /// field. Lets callers see annotations the frame type does not carry (e.g. UUID).
  [[nodiscard]] const SchemaNode* node_of(const std::vector<std::string>& frame_path) const;
  [[nodiscard]] int num_row_groups() const;  ///< row groups of the file
  [[nodiscard]] int64_t num_rows() const;    ///< rows of the file
  /// The rows of one row group (ParquetError when there is no such row group).
  [[nodiscard]] int64_t num_rows(int row_group) const;
  [[nodiscard]] std::map<std::string, std::string> key_value_metadata() const;  ///< the footer's key-value pairs
  [[nodiscard]] const std::string& name() const;  ///< the source's name (the path), for messages

  /// Statistics of an integer top-level column in one row group, when present.
  [[nodiscard]] std::optional<std::pair<int64_t, int64_t>> int_column_range(int row_group,
                                                                            const std::string& column) const;
  /// Row-group pruning by statistics: one decision per row group.
  [[nodiscard]] std::vector<RowGroupDecision> prune_row_groups(const IntRangeFilter& filter) const;
  /// The pages of one row group that the filter column's page index keeps, as a read with
  /// this filter decides them; nullopt when the chunk has no page index (every page is read).
  /// Reads the page index (two small reads): for explain(), not for the read path.
  [[nodiscard]] std::optional<PageDecision> decide_pages(int row_group, const IntRangeFilter& filter) const;

  /// The rows `options` select, as one frame.
  frame::Frame read(const ReadOptions& options = {}) const;
  /// The rows of one row group (`options.row_groups` is ignored).
  frame::Frame read_row_group(int row_group, const ReadOptions& options = {}) const;
  /// The rows `options` select, in batches of at most ReadOptions::batch_size rows.
  std::unique_ptr<BatchReader> batches(const ReadOptions& options = {}) const;

  /// The rows read from several files, one file after the other, as one frame: what
  /// files[i].read(options) returns, concatenated, but decoded straight into the output
  /// columns (no concatenation copy). Every file must select the same column names and
  /// types (ParquetError otherwise). `threads` as ReadOptions::threads.
  static frame::Frame read_concatenated(const std::vector<FileRead>& reads, int threads = 0);

 private:
  class Impl;
  explicit FileReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace crv::parquet
