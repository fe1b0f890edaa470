#pragma once
// The metadata structures of the Parquet format (apache/parquet-format, parquet.thrift),
// mirrored as plain C++ structs, and their Thrift compact protocol (de)serialization. Private
// to the parquet layer (tests may include it): the public API reads a file's metadata
// through the views of crv/parquet/metadata.hpp, and names the format's enums and logical
// types from crv/parquet/format.hpp.
//
// Conventions:
// - Thrift `optional` fields are std::optional; `required` fields are plain members.
// - Thrift `binary` and `string` fields are std::string (may hold arbitrary bytes).
// - Enums keep the exact Thrift values. A value unknown to this version is kept as is
//   (the enums are not range-checked on read); to_string() shows it as "UNKNOWN(<n>)".
// - Every member has a default member initializer, so designated initializers may name
//   only some members ({.type = PageType::DATA_PAGE, .crc = 5}) without warnings.
// - Thrift unions are std::variant; a member unknown to this version is kept as an
//   Unknown* alternative holding its field id.
// - Deserialization is safe on hostile input: any malformed byte sequence gives a
//   ParquetError (truncated data, oversized containers, excessive nesting, missing
//   required fields name the struct and the field), never a crash or an unbounded
//   allocation. Unknown fields are skipped.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "crv/export.hpp"
#include "crv/parquet/error.hpp"
#include "crv/parquet/format.hpp"

namespace crv::parquet {

// "PAR1": first and last 4 bytes of a Parquet file with a plaintext footer.
inline constexpr std::string_view kParquetMagic = "PAR1";
// "PARE": last 4 bytes of a Parquet file with an encrypted footer (not supported).
inline constexpr std::string_view kEncryptedParquetMagic = "PARE";

// ---------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------

struct SizeStatistics {
  std::optional<int64_t> unencoded_byte_array_data_bytes{};
  std::optional<std::vector<int64_t>> repetition_level_histogram{};
  std::optional<std::vector<int64_t>> definition_level_histogram{};
  bool operator==(const SizeStatistics&) const = default;
};

struct BoundingBox {
  double xmin = 0;
  double xmax = 0;
  double ymin = 0;
  double ymax = 0;
  std::optional<double> zmin{};
  std::optional<double> zmax{};
  std::optional<double> mmin{};
  std::optional<double> mmax{};
  bool operator==(const BoundingBox&) const = default;
};

struct GeospatialStatistics {
  std::optional<BoundingBox> bbox{};
  std::optional<std::vector<int32_t>> geospatial_types{};
  bool operator==(const GeospatialStatistics&) const = default;
};

// Min/max values are PLAIN-encoded values without the BYTE_ARRAY length prefix.
struct Statistics {
  std::optional<std::string> max{};  // deprecated: signed comparison only
  std::optional<std::string> min{};  // deprecated: signed comparison only
  std::optional<int64_t> null_count{};
  std::optional<int64_t> distinct_count{};
  std::optional<std::string> max_value{};
  std::optional<std::string> min_value{};
  std::optional<bool> is_max_value_exact{};
  std::optional<bool> is_min_value_exact{};
  std::optional<int64_t> nan_count{};
  bool operator==(const Statistics&) const = default;
};

// ---------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------

// One node of the schema tree, listed depth first. Groups have num_children and no type;
// leaves have a type and no num_children. The root has no repetition_type.
struct SchemaElement {
  std::optional<Type> type{};
  std::optional<int32_t> type_length{};
  std::optional<FieldRepetitionType> repetition_type{};
  std::string name{};  // required
  std::optional<int32_t> num_children{};
  std::optional<ConvertedType> converted_type{};
  std::optional<int32_t> scale{};
  std::optional<int32_t> precision{};
  std::optional<int32_t> field_id{};
  std::optional<LogicalType> logicalType{};
  std::optional<int32_t> vector_length{};
  bool operator==(const SchemaElement&) const = default;
};

// ---------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------

struct DataPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::PLAIN;
  Encoding definition_level_encoding = Encoding::RLE;
  Encoding repetition_level_encoding = Encoding::RLE;
  std::optional<Statistics> statistics{};
  bool operator==(const DataPageHeader&) const = default;
};

struct IndexPageHeader {
  bool operator==(const IndexPageHeader&) const = default;
};

struct DictionaryPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::PLAIN;
  std::optional<bool> is_sorted{};
  bool operator==(const DictionaryPageHeader&) const = default;
};

// Levels are RLE without length prefix and never compressed; the values section is
// compressed when is_compressed (absent on the wire means true; always written).
struct DataPageHeaderV2 {
  int32_t num_values = 0;
  int32_t num_nulls = 0;
  int32_t num_rows = 0;
  Encoding encoding = Encoding::PLAIN;
  int32_t definition_levels_byte_length = 0;
  int32_t repetition_levels_byte_length = 0;
  bool is_compressed = true;
  std::optional<Statistics> statistics{};
  bool operator==(const DataPageHeaderV2&) const = default;
};

struct PageHeader {
  PageType type = PageType::DATA_PAGE;
  int32_t uncompressed_page_size = 0;  // excluding this header
  int32_t compressed_page_size = 0;    // excluding this header
  std::optional<int32_t> crc{};        // CRC-32 of the page bytes after the header
  std::optional<DataPageHeader> data_page_header{};
  std::optional<IndexPageHeader> index_page_header{};
  std::optional<DictionaryPageHeader> dictionary_page_header{};
  std::optional<DataPageHeaderV2> data_page_header_v2{};
  bool operator==(const PageHeader&) const = default;
};

// ---------------------------------------------------------------------------------------
// Column chunks, row groups
// ---------------------------------------------------------------------------------------

struct KeyValue {
  std::string key{};  // required
  std::optional<std::string> value{};
  bool operator==(const KeyValue&) const = default;
};

struct SortingColumn {
  int32_t column_idx = 0;
  bool descending = false;
  bool nulls_first = false;
  bool operator==(const SortingColumn&) const = default;
};

struct PageEncodingStats {
  PageType page_type = PageType::DATA_PAGE;
  Encoding encoding = Encoding::PLAIN;
  int32_t count = 0;
  bool operator==(const PageEncodingStats&) const = default;
};

struct ColumnMetaData {
  Type type = Type::BOOLEAN;
  std::vector<Encoding> encodings{};
  std::vector<std::string> path_in_schema{};
  CompressionCodec codec = CompressionCodec::UNCOMPRESSED;
  int64_t num_values = 0;
  int64_t total_uncompressed_size = 0;  // all pages including headers
  int64_t total_compressed_size = 0;    // all pages including headers
  std::optional<std::vector<KeyValue>> key_value_metadata{};
  int64_t data_page_offset = 0;
  std::optional<int64_t> index_page_offset{};
  std::optional<int64_t> dictionary_page_offset{};
  std::optional<Statistics> statistics{};
  std::optional<std::vector<PageEncodingStats>> encoding_stats{};
  std::optional<int64_t> bloom_filter_offset{};
  std::optional<int32_t> bloom_filter_length{};
  std::optional<SizeStatistics> size_statistics{};
  std::optional<GeospatialStatistics> geospatial_statistics{};
  bool operator==(const ColumnMetaData&) const = default;
};

struct EncryptionWithFooterKey {
  bool operator==(const EncryptionWithFooterKey&) const = default;
};
struct EncryptionWithColumnKey {
  std::vector<std::string> path_in_schema{};
  std::optional<std::string> key_metadata{};
  bool operator==(const EncryptionWithColumnKey&) const = default;
};
using ColumnCryptoMetaData = std::variant<EncryptionWithFooterKey, EncryptionWithColumnKey>;

struct ColumnChunk {
  std::optional<std::string> file_path{};
  int64_t file_offset = 0;                    // deprecated, write 0
  std::optional<ColumnMetaData> meta_data{};  // optional in Thrift, always written
  std::optional<int64_t> offset_index_offset{};
  std::optional<int32_t> offset_index_length{};
  std::optional<int64_t> column_index_offset{};
  std::optional<int32_t> column_index_length{};
  // Encryption (recognized only to reject encrypted files).
  std::optional<ColumnCryptoMetaData> crypto_metadata{};
  std::optional<std::string> encrypted_column_metadata{};
  bool operator==(const ColumnChunk&) const = default;
};

struct RowGroup {
  std::vector<ColumnChunk> columns{};
  int64_t total_byte_size = 0;  // uncompressed column data
  int64_t num_rows = 0;
  std::optional<std::vector<SortingColumn>> sorting_columns{};
  std::optional<int64_t> file_offset{};
  std::optional<int64_t> total_compressed_size{};
  std::optional<int16_t> ordinal{};
  bool operator==(const RowGroup&) const = default;
};

// ---------------------------------------------------------------------------------------
// Column orders, page index
// ---------------------------------------------------------------------------------------

struct TypeDefinedOrder {
  bool operator==(const TypeDefinedOrder&) const = default;
};
struct IEEE754TotalOrder {
  bool operator==(const IEEE754TotalOrder&) const = default;
};
struct Int96TimestampOrder {
  bool operator==(const Int96TimestampOrder&) const = default;
};
struct UnknownColumnOrder {
  int16_t field_id = 0;
  bool operator==(const UnknownColumnOrder&) const = default;
};
// Field ids: TYPE_ORDER 1, IEEE_754_TOTAL_ORDER 2, INT96_TIMESTAMP_ORDER 3.
using ColumnOrder = std::variant<TypeDefinedOrder, IEEE754TotalOrder, Int96TimestampOrder, UnknownColumnOrder>;

struct PageLocation {
  int64_t offset = 0;
  int32_t compressed_page_size = 0;  // including the page header
  int64_t first_row_index = 0;
  bool operator==(const PageLocation&) const = default;
};

struct OffsetIndex {
  std::vector<PageLocation> page_locations{};
  std::optional<std::vector<int64_t>> unencoded_byte_array_data_bytes{};
  bool operator==(const OffsetIndex&) const = default;
};

// Stored as std::vector<uint8_t> (not vector<bool>): one 0/1 entry per page.
struct ColumnIndex {
  std::vector<uint8_t> null_pages{};
  std::vector<std::string> min_values{};
  std::vector<std::string> max_values{};
  BoundaryOrder boundary_order = BoundaryOrder::UNORDERED;
  std::optional<std::vector<int64_t>> null_counts{};
  std::optional<std::vector<int64_t>> repetition_level_histograms{};
  std::optional<std::vector<int64_t>> definition_level_histograms{};
  std::optional<std::vector<int64_t>> nan_counts{};
  bool operator==(const ColumnIndex&) const = default;
};

// ---------------------------------------------------------------------------------------
// File metadata
// ---------------------------------------------------------------------------------------

struct AesGcmV1 {
  std::optional<std::string> aad_prefix{};
  std::optional<std::string> aad_file_unique{};
  std::optional<bool> supply_aad_prefix{};
  bool operator==(const AesGcmV1&) const = default;
};
struct AesGcmCtrV1 {
  std::optional<std::string> aad_prefix{};
  std::optional<std::string> aad_file_unique{};
  std::optional<bool> supply_aad_prefix{};
  bool operator==(const AesGcmCtrV1&) const = default;
};
using EncryptionAlgorithm = std::variant<AesGcmV1, AesGcmCtrV1>;

struct FileMetaData {
  int32_t version = 1;
  std::vector<SchemaElement> schema{};  // depth first, root first
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups{};
  std::optional<std::vector<KeyValue>> key_value_metadata{};
  std::optional<std::string> created_by{};
  std::optional<std::vector<ColumnOrder>> column_orders{};  // one per leaf column
  // Encryption (recognized only to reject encrypted files).
  std::optional<EncryptionAlgorithm> encryption_algorithm{};
  std::optional<std::string> footer_signing_key_metadata{};
  bool operator==(const FileMetaData&) const = default;
};

// ---------------------------------------------------------------------------------------
// Serialization (Thrift compact protocol)
// ---------------------------------------------------------------------------------------
// serialize_*: appends the encoding of the value to `out`.
// deserialize_*: decodes one value from the start of [data, data + size); trailing bytes
// are allowed (a page header is followed by the page). When `consumed` is not null it
// receives the number of bytes read. Throws ParquetError on malformed input.

CRV_IO_EXPORT void serialize_file_metadata(const FileMetaData& value, std::vector<uint8_t>& out);
CRV_IO_EXPORT void serialize_page_header(const PageHeader& value, std::vector<uint8_t>& out);
CRV_IO_EXPORT void serialize_column_index(const ColumnIndex& value, std::vector<uint8_t>& out);
CRV_IO_EXPORT void serialize_offset_index(const OffsetIndex& value, std::vector<uint8_t>& out);

// Also rejects encrypted files: a footer with encryption_algorithm or
// footer_signing_key_metadata, or a column chunk with crypto_metadata or
// encrypted_column_metadata gives ParquetError "encrypted Parquet files are not supported".
[[nodiscard]] CRV_IO_EXPORT FileMetaData deserialize_file_metadata(const uint8_t* data, size_t size,
                                                                   size_t* consumed = nullptr);
[[nodiscard]] CRV_IO_EXPORT PageHeader deserialize_page_header(const uint8_t* data, size_t size,
                                                               size_t* consumed = nullptr);
[[nodiscard]] CRV_IO_EXPORT ColumnIndex deserialize_column_index(const uint8_t* data, size_t size,
                                                                 size_t* consumed = nullptr);
[[nodiscard]] CRV_IO_EXPORT OffsetIndex deserialize_offset_index(const uint8_t* data, size_t size,
                                                                 size_t* consumed = nullptr);

[[nodiscard]] CRV_IO_EXPORT std::string to_string(const ColumnOrder& value);

}  // namespace crv::parquet
