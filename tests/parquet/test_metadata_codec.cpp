// The generic decoder of described structs (parquet/thrift/read_described.hpp) on inputs the
// round-trip tests do not make: lists of the wrong element type, repeated fields and union
// members, required fields of union members, SET headers, content in empty structs.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "parquet/metadata/thrift_codec.hpp"
#include "parquet/metadata/thrift_types.hpp"

namespace crv::parquet {
namespace {

using Bytes = std::vector<uint8_t>;
using thrift::CompactType;

std::string error_of(const Bytes& bytes) {
  try {
    (void)metadata::deserialize_struct<ColumnMetaData>(bytes.data(), bytes.size());
  } catch (const ParquetError& e) {
    return e.what();
  }
  return "";
}

TEST(ParquetMetadataCodec, ListOfTheWrongElementTypeNamesTheField) {
  Bytes bytes;
  thrift::CompactWriter w(bytes);
  w.begin_struct();
  w.field_i32(1, 0);
  w.field_list_begin(2, CompactType::BINARY, 1);  // encodings: list<i32>
  w.write_binary("x");
  w.end_struct();
  EXPECT_EQ(error_of(bytes),
            "malformed Thrift data (in ColumnMetaData) at byte 4: list 'encodings' has element type 8, expected 5");
}

TEST(ParquetMetadataCodec, RepeatedFieldsAndMembersKeepTheLast) {
  Bytes bytes;
  thrift::CompactWriter w(bytes);
  w.begin_struct();
  w.field_binary(1, "first");
  w.field_binary(2, "v");
  w.field_binary(1, "second");
  w.end_struct();
  const auto kv = metadata::deserialize_struct<KeyValue>(bytes.data(), bytes.size());
  EXPECT_EQ(kv, (KeyValue{"second", "v"}));

  bytes.clear();
  thrift::CompactWriter u(bytes);
  u.begin_struct();
  u.field_struct_header(5);  // DECIMAL
  u.begin_struct();
  u.field_i32(1, 2);
  u.field_i32(2, 10);
  u.end_struct();
  u.field_struct_header(1);  // then STRING
  u.begin_struct();
  u.end_struct();
  u.end_struct();
  EXPECT_EQ(metadata::deserialize_struct<LogicalType>(bytes.data(), bytes.size()), LogicalType{StringType{}});
}

TEST(ParquetMetadataCodec, RequiredFieldsOfUnionMembersAreChecked) {
  Bytes bytes;
  thrift::CompactWriter w(bytes);
  w.begin_struct();
  w.field_struct_header(5);  // DECIMAL without precision
  w.begin_struct();
  w.field_i32(1, 2);
  w.end_struct();
  w.end_struct();
  try {
    (void)metadata::deserialize_struct<LogicalType>(bytes.data(), bytes.size());
    FAIL() << "expected ParquetError";
  } catch (const ParquetError& e) {
    EXPECT_STREQ(e.what(), "Thrift struct DecimalType is missing required field 'precision'");
  }
}

TEST(ParquetMetadataCodec, SetHeadersReadAsLists) {
  Bytes bytes;
  thrift::CompactWriter w(bytes);
  w.begin_struct();
  w.field_list_begin(2, CompactType::BINARY, 0);
  w.field_list_begin(3, CompactType::BINARY, 0);
  w.field_i32(4, 1);
  // null_pages (field 1) last, as a SET: long-form header (type SET, zigzag id 1).
  bytes.push_back(0x0A);
  bytes.push_back(0x02);
  w.list_begin(CompactType::BOOLEAN_TRUE, 2);
  w.write_bool(true);
  w.write_bool(false);
  w.end_struct();
  const auto index = metadata::deserialize_struct<ColumnIndex>(bytes.data(), bytes.size());
  EXPECT_EQ(index.null_pages, (std::vector<uint8_t>{1, 0}));
  EXPECT_EQ(index.boundary_order, BoundaryOrder::ASCENDING);
}

TEST(ParquetMetadataCodec, ContentOfEmptyStructsIsSkipped) {
  Bytes bytes;
  thrift::CompactWriter w(bytes);
  w.begin_struct();
  w.field_struct_header(1);  // TYPE_ORDER, with a field this version does not know
  w.begin_struct();
  w.field_i64(3, 99);
  w.end_struct();
  w.end_struct();
  EXPECT_EQ(metadata::deserialize_struct<ColumnOrder>(bytes.data(), bytes.size()), ColumnOrder{TypeDefinedOrder{}});

  // A union member of an unexpected wire type is skipped: no member set.
  bytes.clear();
  thrift::CompactWriter u(bytes);
  u.begin_struct();
  u.field_i32(2, 7);
  u.end_struct();
  EXPECT_EQ(metadata::deserialize_struct<ColumnOrder>(bytes.data(), bytes.size()), ColumnOrder{UnknownColumnOrder{0}});
}

}  // namespace
}  // namespace crv::parquet
