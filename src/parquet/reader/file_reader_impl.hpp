#pragma once
// FileReader's private state, shared by file_reader.cpp and batch_reader.cpp.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crv/parquet/reader.hpp"
#include "parquet/reader/statistics_range.hpp"
#include "parquet/schema/parquet_to_frame.hpp"

namespace crv::parquet {

class FileReader::Impl {
 public:
  explicit Impl(std::shared_ptr<RandomAccessSource> src);

  [[nodiscard]] ErrorContext where(std::optional<int64_t> row_group = std::nullopt) const;
  [[nodiscard]] size_t column_index(const std::string& name) const;
  [[nodiscard]] const schema::FileLeaf& filter_leaf(const IntRangeFilter& filter) const;
  [[nodiscard]] std::optional<reader::IntRange> int_range(int row_group, const schema::FileLeaf& leaf) const;
  void check_row_group(int row_group) const;
  [[nodiscard]] std::vector<RowGroupDecision> prune(const IntRangeFilter& filter) const;
  // options.row_groups (or all), minus the ones the filter's statistics rule out.
  [[nodiscard]] std::vector<int> selected_row_groups(const ReadOptions& options) const;
  // Indices of the projected top-level columns.
  [[nodiscard]] std::vector<size_t> projection(const ReadOptions& options) const;
  [[nodiscard]] std::vector<frame::Field> projected_fields(const std::vector<size_t>& columns) const;
  [[nodiscard]] frame::Frame empty_frame(const std::vector<size_t>& columns) const;
  // One row group (only the rows of the pages the filter keeps, when the page index is used).
  [[nodiscard]] frame::Frame read_group(int row_group, const std::vector<size_t>& columns, const ReadOptions& options) const;

  std::shared_ptr<RandomAccessSource> source;
  FileMetaData metadata;
  int64_t data_end = 0;
  schema::FileSchema schema;
};

}  // namespace crv::parquet
