#pragma once
// FileReader's private state, shared by file_reader.cpp and batch_reader.cpp.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "crv/parquet/reader.hpp"
#include "parquet/reader/flat_column_builder.hpp"
#include "parquet/reader/page_index.hpp"
#include "parquet/reader/public_schema_tree.hpp"
#include "parquet/reader/row_ranges.hpp"
#include "parquet/reader/statistics_range.hpp"
#include "parquet/schema/parquet_to_frame.hpp"

namespace crv::parquet {

namespace reader {
struct ChunkScratch;
}  // namespace reader

class FileReader::Impl {
 public:
  // One row group to read: its file, the file's projected columns, and the rows kept by the
  // filter's page index (nullopt: every row).
  struct GroupRead {
    const Impl* file = nullptr;
    const std::vector<size_t>* columns = nullptr;
    int row_group = 0;
    std::optional<reader::RowRanges> rows;
    int64_t num_rows = 0;  // rows read from the group
  };

  Impl(std::shared_ptr<RandomAccessSource> src, const OpenOptions& options);

  [[nodiscard]] ErrorContext where(std::optional<int64_t> row_group = std::nullopt) const;
  [[nodiscard]] size_t column_index(const std::string& name) const;
  [[nodiscard]] const schema::FileLeaf& filter_leaf(const IntRangeFilter& filter) const;
  /// The pages of row group `g` that the filter column's page index keeps (nullopt without a
  /// page index): the one call behind a read's page pruning and explain's page decisions.
  [[nodiscard]] std::optional<reader::PageSelection> select_pages(int g, const IntRangeFilter& filter) const;
  [[nodiscard]] std::optional<reader::IntRange> int_range(int row_group, const schema::FileLeaf& leaf) const;
  void check_row_group(int row_group) const;
  [[nodiscard]] std::vector<RowGroupDecision> prune(const IntRangeFilter& filter) const;
  // options.row_groups as given, or all of them minus the ones the filter's statistics rule out.
  [[nodiscard]] std::vector<int> selected_row_groups(const ReadOptions& options) const;
  // Indices of the projected top-level columns.
  [[nodiscard]] std::vector<size_t> projection(const ReadOptions& options) const;
  [[nodiscard]] std::vector<frame::Field> projected_fields(const std::vector<size_t>& columns) const;
  [[nodiscard]] frame::Frame empty_frame(const std::vector<size_t>& columns) const;
  // The plan of one row group: the rows the filter's page index keeps (only the rows of
  // the kept pages are read).
  [[nodiscard]] GroupRead plan_group(int row_group, const std::vector<size_t>& columns,
                                     const ReadOptions& options) const;
  // One top-level column of a planned group through levels and record assembly.
  [[nodiscard]] frame::Column read_group_column(const GroupRead& group, size_t column) const;
  // One flat top-level column of a planned group (every row) appended to `out`.
  void append_group_column(const GroupRead& group, size_t column, reader::FlatColumnBuilder& out,
                           reader::ChunkScratch& scratch) const;

  // The rows of `groups` one after another as a frame of `fields`, column by column on
  // `threads` threads.
  [[nodiscard]] static frame::Frame read_groups(const std::vector<GroupRead>& groups,
                                                const std::vector<frame::Field>& fields, int threads,
                                                const ErrorContext& where);

  // The schema tree of the public API, built on first use (thread-safe).
  [[nodiscard]] const reader::PublicSchemaTree& public_tree() const {
    std::call_once(public_tree_once_, [this] { public_tree_ = reader::build_public_schema_tree(schema.tree); });
    return *public_tree_;
  }

  std::shared_ptr<RandomAccessSource> source;
  FileMetaData metadata;
  int64_t data_end = 0;
  schema::FileSchema schema;

 private:
  mutable std::once_flag public_tree_once_;
  mutable std::unique_ptr<reader::PublicSchemaTree> public_tree_;
};

}  // namespace crv::parquet
