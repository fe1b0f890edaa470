// Thrift compact protocol: writer/reader primitives, known byte sequences of the spec,
// skipping of unknown data, and hostile input.

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "crv/parquet/error.hpp"
#include "parquet/thrift/compact_reader.hpp"
#include "parquet/thrift/compact_writer.hpp"

namespace crv::parquet::thrift {
namespace {

using Bytes = std::vector<uint8_t>;

TEST(ThriftCompact, VarintExampleOfTheSpec) {
  Bytes out;
  CompactWriter w(out);
  w.write_varint(50399);
  EXPECT_EQ(out, (Bytes{0xDF, 0x89, 0x03}));
  CompactReader r(out.data(), out.size());
  EXPECT_EQ(r.read_varint64(), 50399u);
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(ThriftCompact, ZigzagMapsSmallMagnitudesToSmallNumbers) {
  EXPECT_EQ(zigzag_encode(0), 0u);
  EXPECT_EQ(zigzag_encode(-1), 1u);
  EXPECT_EQ(zigzag_encode(1), 2u);
  EXPECT_EQ(zigzag_encode(-2), 3u);
  EXPECT_EQ(zigzag_encode(2), 4u);
  EXPECT_EQ(zigzag_encode(std::numeric_limits<int64_t>::min()), std::numeric_limits<uint64_t>::max());
  for (int64_t v : {int64_t{0}, int64_t{-1}, int64_t{123456789}, int64_t{-987654321},
                    std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()}) {
    EXPECT_EQ(zigzag_decode(zigzag_encode(v)), v);
  }
}

TEST(ThriftCompact, IntegersRoundTripAtTheLimits) {
  Bytes out;
  CompactWriter w(out);
  const std::vector<int64_t> i64s = {0,
                                     1,
                                     -1,
                                     63,
                                     -64,
                                     64,
                                     1LL << 40,
                                     -(1LL << 40),
                                     std::numeric_limits<int64_t>::min(),
                                     std::numeric_limits<int64_t>::max()};
  for (int64_t v : i64s) w.write_i64(v);
  w.write_i32(std::numeric_limits<int32_t>::min());
  w.write_i32(std::numeric_limits<int32_t>::max());
  w.write_i16(std::numeric_limits<int16_t>::min());
  w.write_i8(-128);
  w.write_double(-1.5e300);
  w.write_binary("hello");
  w.write_binary("");

  CompactReader r(out.data(), out.size());
  for (int64_t v : i64s) EXPECT_EQ(r.read_i64(), v);
  EXPECT_EQ(r.read_i32(), std::numeric_limits<int32_t>::min());
  EXPECT_EQ(r.read_i32(), std::numeric_limits<int32_t>::max());
  EXPECT_EQ(r.read_i16(), std::numeric_limits<int16_t>::min());
  EXPECT_EQ(r.read_i8(), -128);
  EXPECT_EQ(r.read_double(), -1.5e300);
  EXPECT_EQ(r.read_string(), "hello");
  EXPECT_EQ(r.read_string(), "");
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(ThriftCompact, DoubleIsLittleEndian) {
  Bytes out;
  CompactWriter w(out);
  w.write_double(1.0);  // 0x3FF0000000000000
  EXPECT_EQ(out, (Bytes{0, 0, 0, 0, 0, 0, 0xF0, 0x3F}));
}

TEST(ThriftCompact, FieldHeadersUseDeltasUpTo15AndLongFormOtherwise) {
  Bytes out;
  CompactWriter w(out);
  w.begin_struct();
  w.field_i32(1, 5);        // delta 1: 0x15, zigzag(5)=10
  w.field_i32(16, -1);      // delta 15: 0xF5, zigzag(-1)=1
  w.field_i32(40, 2);       // delta 24: long form 0x05, zigzag(40)=80, value 4
  w.field_bool(41, true);   // delta 1, type BOOLEAN_TRUE: 0x11
  w.field_bool(42, false);  // 0x12
  w.field_i32(3, 7);        // going back: long form 0x05, zigzag(3)=6, value 14
  w.end_struct();
  EXPECT_EQ(out, (Bytes{0x15, 10, 0xF5, 1, 0x05, 80, 4, 0x11, 0x12, 0x05, 6, 14, 0x00}));

  CompactReader r(out.data(), out.size());
  r.begin_struct("Test");
  FieldHeader f;
  ASSERT_TRUE(r.next_field(f));
  EXPECT_EQ(f.id, 1);
  EXPECT_EQ(r.read_i32(), 5);
  ASSERT_TRUE(r.next_field(f));
  EXPECT_EQ(f.id, 16);
  EXPECT_EQ(r.read_i32(), -1);
  ASSERT_TRUE(r.next_field(f));
  EXPECT_EQ(f.id, 40);
  EXPECT_EQ(r.read_i32(), 2);
  ASSERT_TRUE(r.next_field(f));
  EXPECT_EQ(f.id, 41);
  EXPECT_TRUE(f.is_bool());
  EXPECT_TRUE(f.bool_value());
  ASSERT_TRUE(r.next_field(f));
  EXPECT_EQ(f.id, 42);
  EXPECT_FALSE(f.bool_value());
  ASSERT_TRUE(r.next_field(f));
  EXPECT_EQ(f.id, 3);
  EXPECT_EQ(r.read_i32(), 7);
  EXPECT_FALSE(r.next_field(f));
  r.end_struct();
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(ThriftCompact, NegativeFieldIdsUseTheLongForm) {
  Bytes out;
  CompactWriter w(out);
  w.begin_struct();
  w.field_i64(-3, 1);
  w.end_struct();
  CompactReader r(out.data(), out.size());
  r.begin_struct("Test");
  FieldHeader f;
  ASSERT_TRUE(r.next_field(f));
  EXPECT_EQ(f.id, -3);
  EXPECT_EQ(f.type, CompactType::I64);
  EXPECT_EQ(r.read_i64(), 1);
  EXPECT_FALSE(r.next_field(f));
}

TEST(ThriftCompact, ListHeadersShortAndLongForm) {
  Bytes out;
  CompactWriter w(out);
  w.list_begin(CompactType::I32, 3);
  EXPECT_EQ(out, (Bytes{0x35}));
  out.clear();
  w.list_begin(CompactType::BINARY, 15);
  EXPECT_EQ(out, (Bytes{0xF8, 15}));
  out.clear();

  w.list_begin(CompactType::BOOLEAN_TRUE, 20);
  for (int i = 0; i < 20; ++i) w.write_bool(i % 3 == 0);
  CompactReader r(out.data(), out.size());
  const ListHeader list = r.read_list_header();
  EXPECT_TRUE(list.is_bool());
  ASSERT_EQ(list.size, 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(r.read_bool_element(), i % 3 == 0);
}

// A struct holding unknown data of every kind; the reader skips it and reads the known field.
TEST(ThriftCompact, SkipsUnknownNestedStructsListsAndMaps) {
  Bytes out;
  CompactWriter w(out);
  w.begin_struct();
  w.field_struct_header(1);
  w.begin_struct();
  w.field_list_begin(1, CompactType::STRUCT, 2);
  for (int i = 0; i < 2; ++i) {
    w.begin_struct();
    w.field_binary(1, "x");
    w.field_double(2, 2.5);
    w.field_list_begin(3, CompactType::LIST, 1);
    w.list_begin(CompactType::I64, 2);
    w.write_i64(1);
    w.write_i64(-1);
    w.end_struct();
  }
  w.field_bool(2, true);
  w.field_i8(3, 7);
  w.end_struct();
  // field 2: a map<i32, binary> with 2 entries (written by hand: the writer has no maps)
  out.push_back(0x1B);  // delta 1, MAP
  out.push_back(2);     // size
  out.push_back(0x58);  // key I32, value BINARY
  out.push_back(2);
  out.push_back(1);
  out.push_back('a');
  out.push_back(4);
  out.push_back(1);
  out.push_back('b');
  // field 3: an empty map
  out.push_back(0x1B);
  out.push_back(0);
  // field 4: a 16-byte UUID
  out.push_back(0x1D);
  out.insert(out.end(), 16, 0xAB);
  // field 10 (delta 6 from the hand-written field 4), I32 42
  out.push_back(0x65);
  out.push_back(84);
  w.end_struct();

  CompactReader r(out.data(), out.size());
  r.begin_struct("Test");
  FieldHeader f;
  int32_t known = 0;
  while (r.next_field(f)) {
    if (f.id == 10) {
      known = r.read_i32();
    } else {
      r.skip_field(f);
    }
  }
  r.end_struct();
  EXPECT_EQ(known, 42);
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(ThriftCompact, TruncatedValuesThrow) {
  const Bytes varint = {0x80, 0x80};
  CompactReader r1(varint.data(), varint.size());
  EXPECT_THROW(r1.read_i64(), ParquetError);

  const Bytes binary = {10, 'a', 'b'};
  CompactReader r2(binary.data(), binary.size());
  EXPECT_THROW(r2.read_string(), ParquetError);

  const Bytes dbl = {1, 2, 3};
  CompactReader r3(dbl.data(), dbl.size());
  EXPECT_THROW(r3.read_double(), ParquetError);

  const Bytes empty;
  CompactReader r4(empty.data(), 0);
  r4.begin_struct("Test");
  FieldHeader f;
  EXPECT_THROW(r4.next_field(f), ParquetError);
}

TEST(ThriftCompact, OverlongVarintsAndOutOfRangeIntegersThrow) {
  const Bytes eleven(11, 0xFF);
  CompactReader r1(eleven.data(), eleven.size());
  EXPECT_THROW(r1.read_varint64(), ParquetError);

  // 10th byte > 1 overflows 64 bits.
  Bytes overflow(9, 0xFF);
  overflow.push_back(0x02);
  CompactReader r2(overflow.data(), overflow.size());
  EXPECT_THROW(r2.read_varint64(), ParquetError);

  Bytes big;
  CompactWriter w(big);
  w.write_i64(int64_t{1} << 40);
  CompactReader r3(big.data(), big.size());
  EXPECT_THROW(r3.read_i32(), ParquetError);
}

TEST(ThriftCompact, HugeListSizesAreRejectedBeforeAllocation) {
  Bytes out;
  CompactWriter w(out);
  out.push_back(0xF5);  // long form, I32
  w.write_varint(2'000'000'000);
  out.push_back(0);
  CompactReader r(out.data(), out.size());
  try {
    (void)r.read_list_header();
    FAIL() << "expected ParquetError";
  } catch (const ParquetError& e) {
    EXPECT_NE(std::string(e.what()).find("exceeds the remaining"), std::string::npos) << e.what();
  }

  // Size above int32.
  Bytes too_big = {0xF5};
  CompactWriter w2(too_big);
  w2.write_varint(uint64_t{1} << 33);
  CompactReader r2(too_big.data(), too_big.size());
  EXPECT_THROW(r2.read_list_header(), ParquetError);

  // Doubles need 8 bytes each.
  const Bytes doubles = {0x27, 1, 2, 3, 4, 5, 6, 7, 8};  // 2 doubles, only 8 bytes
  CompactReader r3(doubles.data(), doubles.size());
  EXPECT_THROW(r3.read_list_header(), ParquetError);
}

TEST(ThriftCompact, HugeMapSizesAreRejected) {
  Bytes out = {0x1B};  // field 1, MAP
  CompactWriter w(out);
  w.write_varint(1'000'000);
  out.push_back(0x55);
  out.push_back(0);
  CompactReader r(out.data(), out.size());
  r.begin_struct("Test");
  FieldHeader f;
  ASSERT_TRUE(r.next_field(f));
  EXPECT_THROW(r.skip_field(f), ParquetError);
}

TEST(ThriftCompact, DeepNestingIsRejected) {
  // 10'000 nested struct fields: field 1 of type STRUCT, again and again.
  Bytes nested_structs(10'000, 0x1C);
  nested_structs.insert(nested_structs.end(), 10'000, 0x00);
  CompactReader r1(nested_structs.data(), nested_structs.size());
  r1.begin_struct("Test");
  FieldHeader f;
  ASSERT_TRUE(r1.next_field(f));
  try {
    r1.skip_field(f);
    FAIL() << "expected ParquetError";
  } catch (const ParquetError& e) {
    EXPECT_NE(std::string(e.what()).find("nesting"), std::string::npos) << e.what();
  }

  // Lists of lists of lists...
  Bytes nested_lists(10'000, 0x19);  // list of 1 element of type LIST
  CompactReader r2(nested_lists.data(), nested_lists.size());
  EXPECT_THROW(r2.skip_element(CompactType::LIST), ParquetError);
}

TEST(ThriftCompact, InvalidTypesThrow) {
  const Bytes field = {0x1E};  // type 14
  CompactReader r1(field.data(), field.size());
  r1.begin_struct("Test");
  FieldHeader f;
  EXPECT_THROW(r1.next_field(f), ParquetError);

  const Bytes list = {0x10};  // element type 0 (STOP)
  CompactReader r2(list.data(), list.size());
  EXPECT_THROW(r2.read_list_header(), ParquetError);
}

TEST(ThriftCompact, ErrorsNameTheStructAndTheByte) {
  const Bytes data = {0x15};  // field 1 I32, value missing
  CompactReader r(data.data(), data.size());
  r.begin_struct("PageHeader");
  FieldHeader f;
  ASSERT_TRUE(r.next_field(f));
  try {
    (void)r.read_i32();
    FAIL() << "expected ParquetError";
  } catch (const ParquetError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("PageHeader"), std::string::npos) << message;
    EXPECT_NE(message.find("byte 1"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace crv::parquet::thrift
