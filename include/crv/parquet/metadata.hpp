#pragma once
/// @file
/// Read-only views of a Parquet file's metadata: the file (its footer), its row groups, their
/// column chunks and the chunks' statistics; and the schema tree. As in Arrow's
/// parquet/metadata.h, the format's Thrift structs stay behind the implementation
/// (src/parquet/metadata/thrift_types.hpp), so that the public API does not change when the
/// format gains a field.
///
/// A view is a pointer into the metadata its FileReader (or FileWriter) holds: it is valid as
/// long as that reader or writer, and cheap to copy. The metadata it reads has been validated
/// when the file was opened (or written): every column chunk has its ColumnMetaData.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crv/export.hpp"
#include "crv/parquet/format.hpp"

namespace crv::parquet {

struct FileMetaData;  ///< the decoded footer (private: src/parquet/metadata/thrift_types.hpp)
struct RowGroup;
struct ColumnChunk;

/// A column chunk's statistics as the file stores them. Bounds are the format's PLAIN
/// encoding of a value without the BYTE_ARRAY length prefix (little-endian numbers, the bytes
/// of a string); decode them by the column's schema node (SchemaNode).
struct ColumnStatistics {
  std::optional<int64_t> null_count;                         ///< nulls in the chunk
  std::optional<int64_t> distinct_count;                     ///< distinct values (rarely written)
  std::optional<int64_t> nan_count;                          ///< NaN values of a float column
  std::optional<std::string> min_value;                      ///< the min under the column's sort order
  std::optional<std::string> max_value;                      ///< the max under the column's sort order
  std::optional<std::string> legacy_min;                     ///< the deprecated min field (signed comparison)
  std::optional<std::string> legacy_max;                     ///< the deprecated max field (signed comparison)
  bool operator==(const ColumnStatistics&) const = default;  ///< memberwise
};

/// A read-only view of one column chunk's metadata in a file's footer (valid while the
/// FileReader or metadata it came from lives).
class CRV_IO_EXPORT ColumnChunkView {
 public:
  /// The leaf's path of schema names, from the top level ("a", "list", "element").
  [[nodiscard]] const std::vector<std::string>& path_in_schema() const;
  /// The path joined with dots.
  [[nodiscard]] std::string path() const;
  [[nodiscard]] Type physical_type() const;                             ///< the leaf's physical type
  [[nodiscard]] CompressionCodec codec() const;                         ///< the codec of its pages
  [[nodiscard]] const std::vector<Encoding>& encodings() const;         ///< the encodings its pages use
  [[nodiscard]] int64_t num_values() const;                             ///< values, nulls included
  [[nodiscard]] int64_t total_compressed_size() const;                  ///< bytes in the file, headers included
  [[nodiscard]] int64_t total_uncompressed_size() const;                ///< bytes once decompressed
  [[nodiscard]] int64_t data_page_offset() const;                       ///< file offset of the first data page
  [[nodiscard]] std::optional<int64_t> dictionary_page_offset() const;  ///< file offset of the dictionary page, if any
  [[nodiscard]] std::optional<ColumnStatistics> statistics() const;     ///< the chunk's statistics, if written
  /// Whether the chunk has both a ColumnIndex and an OffsetIndex (pages can be skipped).
  [[nodiscard]] bool has_page_index() const;

 private:
  friend class RowGroupView;
  explicit ColumnChunkView(const ColumnChunk* chunk) : chunk_(chunk) {}
  const ColumnChunk* chunk_;
};

/// A read-only view of one row group's metadata in a file's footer.
class CRV_IO_EXPORT RowGroupView {
 public:
  [[nodiscard]] int64_t num_rows() const;  ///< rows of the row group
  /// Uncompressed bytes of the row group's column data.
  [[nodiscard]] int64_t total_byte_size() const;
  [[nodiscard]] std::optional<int64_t> total_compressed_size()
      const;  ///< bytes in the file, when the writer recorded it
  /// One column chunk per leaf column, in schema order.
  [[nodiscard]] int num_columns() const;
  /// ParquetError when there is no such column.
  [[nodiscard]] ColumnChunkView column(int index) const;

 private:
  friend class FileMetadataView;
  explicit RowGroupView(const RowGroup* group) : group_(group) {}
  const RowGroup* group_;
};

class FileMetadataView;
namespace detail {
/// The Thrift struct behind a view (for the parquet layer and its tests).
const FileMetaData& thrift_of(const FileMetadataView& view);
}  // namespace detail

/// A read-only view of a file's footer (FileMetaData): row groups, key-value metadata.
class CRV_IO_EXPORT FileMetadataView {
 public:
  /// The format version the writer declared (1 or 2).
  [[nodiscard]] int32_t version() const;
  [[nodiscard]] int64_t num_rows() const;  ///< rows of the file
  /// The writer's name and version, e.g. "parquet-cpp-arrow version 17.0.0"; empty if absent.
  [[nodiscard]] std::string created_by() const;
  [[nodiscard]] int num_row_groups() const;  ///< row groups of the file
  /// ParquetError when there is no such row group.
  [[nodiscard]] RowGroupView row_group(int index) const;
  /// The file's key-value metadata in file order (a key without a value maps to "").
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> key_value_metadata() const;

  /// For the parquet layer: a view of metadata it holds.
  explicit FileMetadataView(const FileMetaData* file) : file_(file) {}

 private:
  friend const FileMetaData& detail::thrift_of(const FileMetadataView& view);
  const FileMetaData* file_;
};

/// One node of the Parquet schema tree, root first (for `crv-io parquet schema` and for
/// callers that need an annotation the frame type does not carry, e.g. UUID). The root has
/// no repetition; groups have children and no physical type; leaves the other way round.
struct SchemaNode {
  std::string name;                               ///< the element's name
  std::optional<FieldRepetitionType> repetition;  ///< REQUIRED, OPTIONAL or REPEATED; none for the root
  std::optional<Type> physical_type;              ///< leaves only
  std::optional<int32_t> type_length;             ///< FIXED_LEN_BYTE_ARRAY width
  std::optional<ConvertedType> converted_type;    ///< the legacy annotation
  std::optional<int32_t> scale;                   ///< of a DECIMAL converted type
  std::optional<int32_t> precision;               ///< of a DECIMAL converted type
  std::optional<int32_t> field_id;                ///< the writer's field id
  std::optional<LogicalType> logical_type;        ///< the annotation (logical type)
  std::vector<SchemaNode> children;               ///< a group's fields, in order
};

}  // namespace crv::parquet
