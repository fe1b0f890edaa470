// Shredding: definition and repetition levels of nested and nullable frame columns against
// hand-computed expectations, and the frame -> Parquet schema mapping.
#include <gtest/gtest.h>

#include <crv/frame/column.hpp>
#include <crv/frame/data_type.hpp>
#include <crv/parquet/error.hpp>

#include <vector>

#include "parquet/schema/frame_to_parquet.hpp"
#include "parquet/writer/leaf_values.hpp"
#include "parquet/writer/level_shredder.hpp"

namespace crv::parquet {
namespace {

namespace fr = crv::frame;
using schema::frame_to_parquet_schema;
using writer::LeafValues;
using writer::LevelShredder;

struct Shredded {
  std::vector<int16_t> def;
  std::vector<int16_t> rep;
  LeafValues values;
};

Shredded shred(const schema::LeafColumn& leaf, const std::vector<fr::Column>& pieces) {
  LevelShredder s(leaf);
  s.clear();
  for (const auto& p : pieces) s.add(p);
  Shredded out{s.definition_levels(), s.repetition_levels(), {}};
  out.values.gather(leaf, s.value_runs());
  return out;
}

TEST(ParquetShredding, ListOfNullableItems) {
  // [[1, 2], null, [], [null, 3]]
  const auto items = fr::Column::from<int64_t>({1, 2, std::nullopt, 3});
  const auto list = fr::Column::list_of({0, 2, 2, 2, 4}, items, {true, false, true, true});
  const auto ps = frame_to_parquet_schema({{"l", list.type(), true}});
  ASSERT_EQ(ps.leaves.size(), 1U);
  const auto& leaf = ps.leaves[0];
  EXPECT_EQ(leaf.max_definition_level, 3);
  EXPECT_EQ(leaf.max_repetition_level, 1);
  const auto r = shred(leaf, {list});
  EXPECT_EQ(r.def, (std::vector<int16_t>{3, 3, 0, 1, 2, 3}));
  EXPECT_EQ(r.rep, (std::vector<int16_t>{0, 1, 0, 0, 0, 1}));
  EXPECT_EQ(r.values.int64s, (std::vector<int64_t>{1, 2, 3}));
}

TEST(ParquetShredding, SlicedListsAndSeveralPieces) {
  const auto items = fr::Column::from<int64_t>({10, 11, 12, 13, 14});
  const auto list = fr::Column::list_of({0, 1, 3, 5}, items);  // [10], [11, 12], [13, 14]
  const auto ps = frame_to_parquet_schema({{"l", list.type(), true}});
  const auto r = shred(ps.leaves[0], {list.slice(1, 2), list.slice(0, 1)});
  EXPECT_EQ(r.rep, (std::vector<int16_t>{0, 1, 0, 1, 0}));
  EXPECT_EQ(r.values.int64s, (std::vector<int64_t>{11, 12, 13, 14, 10}));
}

TEST(ParquetShredding, NullStructsAndNullChildren) {
  // {a: 1}, null, {a: null}, {a: 4}; the struct is sliced to drop its first row.
  const auto a = fr::Column::from<int32_t>({9, 1, 2, std::nullopt, 4});
  const auto st = fr::Column::struct_of({{"a", a}}, {true, true, false, true, true}).slice(1, 4);
  const auto ps = frame_to_parquet_schema({{"s", st.type(), true}});
  EXPECT_EQ(ps.leaves[0].max_definition_level, 2);
  EXPECT_EQ(ps.leaves[0].max_repetition_level, 0);
  const auto r = shred(ps.leaves[0], {st});
  EXPECT_EQ(r.def, (std::vector<int16_t>{2, 0, 1, 2}));
  EXPECT_TRUE(r.rep.empty());
  EXPECT_EQ(r.values.int32s, (std::vector<int32_t>{1, 4}));
}

TEST(ParquetShredding, ListOfStructOfList) {
  // Row 0: [{b: [1, 2]}, {b: []}], row 1: [null, {b: null}], row 2: [{b: [3]}]
  const auto leaf_items = fr::Column::from<int32_t>({1, 2, 3});
  const auto b = fr::Column::list_of({0, 2, 2, 2, 2, 3}, leaf_items, {true, true, true, false, true});
  const auto structs = fr::Column::struct_of({{"b", b}}, {true, true, false, true, true});
  const auto outer = fr::Column::list_of({0, 2, 4, 5}, structs);
  const auto ps = frame_to_parquet_schema({{"o", outer.type(), true}});
  const auto& leaf = ps.leaves[0];
  EXPECT_EQ(leaf.path_in_schema, (std::vector<std::string>{"o", "list", "element", "b", "list", "element"}));
  // o(1) list(2) element(3) b(4) list(5) element(6)
  EXPECT_EQ(leaf.max_definition_level, 6);
  EXPECT_EQ(leaf.max_repetition_level, 2);
  const auto r = shred(leaf, {outer});
  EXPECT_EQ(r.def, (std::vector<int16_t>{6, 6, 4, 2, 3, 6}));
  EXPECT_EQ(r.rep, (std::vector<int16_t>{0, 2, 1, 0, 1, 0}));
  EXPECT_EQ(r.values.int32s, (std::vector<int32_t>{1, 2, 3}));
}

TEST(ParquetShredding, RequiredFieldsAddNoLevels) {
  const auto items = fr::Column::from<int64_t>({1, 2, 3});
  const auto list = fr::Column::list_of({0, 2, 2, 3}, items, {}, false);
  const auto ps = frame_to_parquet_schema({{"l", list.type(), false}});
  const auto& leaf = ps.leaves[0];
  EXPECT_EQ(leaf.max_definition_level, 1);  // only the repeated group
  const auto r = shred(leaf, {list});
  EXPECT_EQ(r.def, (std::vector<int16_t>{1, 1, 0, 1}));
  EXPECT_EQ(r.rep, (std::vector<int16_t>{0, 1, 0, 0}));
}

TEST(ParquetShredding, ConversionsOfValues) {
  const auto ts = fr::Column::from<int64_t>({1, -2});
  fr::ArrayData d = ts.data();
  d.type = fr::timestamp(fr::TimeUnit::Second);
  const auto seconds = fr::Column::make(d);
  const auto ps = frame_to_parquet_schema({{"t", seconds.type(), true}});
  EXPECT_EQ(shred(ps.leaves[0], {seconds}).values.int64s, (std::vector<int64_t>{1000, -2000}));
  const auto u8 = fr::Column::from<uint8_t>({200, 3});
  const auto pu = frame_to_parquet_schema({{"u", u8.type(), true}});
  EXPECT_EQ(shred(pu.leaves[0], {u8}).values.int32s, (std::vector<int32_t>{200, 3}));
}

TEST(ParquetSchemaMapping, TypesAndAnnotations) {
  const auto ps = frame_to_parquet_schema({
      {"i8", fr::int8(), true},
      {"u16", fr::uint16(), true},
      {"u64", fr::uint64(), false},
      {"dec9", fr::decimal128(9, 2), true},
      {"dec18", fr::decimal128(18, 3), true},
      {"dec38", fr::decimal128(38, 4), true},
      {"date", fr::date32(), true},
      {"t_ms", fr::time32(fr::TimeUnit::Milli), true},
      {"t_ns", fr::time64(fr::TimeUnit::Nano), true},
      {"ts_s", fr::timestamp(fr::TimeUnit::Second, "UTC"), true},
      {"ts_us", fr::timestamp(fr::TimeUnit::Micro), true},
      {"fsb", fr::fixed_size_binary(5), true},
      {"bin", fr::binary(), true},
      {"st", fr::struct_({{"x", fr::float32(), false}}), false},
      {"l", fr::list(fr::boolean()), true},
  });
  const auto& e = ps.elements;
  auto find = [&](const std::string& name) -> const SchemaElement& {
    for (const auto& el : e) {
      if (el.name == name) return el;
    }
    throw std::runtime_error("missing " + name);
  };
  EXPECT_EQ(find("i8").type, Type::INT32);
  EXPECT_EQ(find("i8").converted_type, ConvertedType::INT_8);
  EXPECT_EQ(std::get<IntType>(*find("i8").logicalType), (IntType{8, true}));
  EXPECT_EQ(find("u16").converted_type, ConvertedType::UINT_16);
  EXPECT_EQ(find("u64").type, Type::INT64);
  EXPECT_EQ(find("u64").repetition_type, FieldRepetitionType::REQUIRED);
  EXPECT_EQ(std::get<IntType>(*find("u64").logicalType), (IntType{64, false}));
  EXPECT_EQ(find("dec9").type, Type::INT32);
  EXPECT_EQ(find("dec18").type, Type::INT64);
  EXPECT_EQ(find("dec38").type, Type::FIXED_LEN_BYTE_ARRAY);
  EXPECT_EQ(find("dec38").type_length, 16);
  EXPECT_EQ(find("dec38").precision, 38);
  EXPECT_EQ(find("dec38").scale, 4);
  EXPECT_EQ(find("dec38").converted_type, ConvertedType::DECIMAL);
  EXPECT_EQ(find("date").converted_type, ConvertedType::DATE);
  EXPECT_EQ(std::get<TimeType>(*find("t_ms").logicalType).unit, TimeUnit::MILLIS);
  EXPECT_EQ(find("t_ns").type, Type::INT64);
  EXPECT_EQ(std::get<TimeType>(*find("t_ns").logicalType).unit, TimeUnit::NANOS);
  const auto ts_s = std::get<TimestampType>(*find("ts_s").logicalType);
  EXPECT_TRUE(ts_s.isAdjustedToUTC);
  EXPECT_EQ(ts_s.unit, TimeUnit::MILLIS);
  EXPECT_EQ(find("ts_s").converted_type, ConvertedType::TIMESTAMP_MILLIS);
  EXPECT_FALSE(std::get<TimestampType>(*find("ts_us").logicalType).isAdjustedToUTC);
  EXPECT_EQ(find("fsb").type_length, 5);
  EXPECT_FALSE(find("bin").logicalType.has_value());
  EXPECT_EQ(find("st").repetition_type, FieldRepetitionType::REQUIRED);
  EXPECT_EQ(find("st").num_children, 1);
  EXPECT_EQ(find("x").repetition_type, FieldRepetitionType::REQUIRED);
  EXPECT_EQ(find("l").converted_type, ConvertedType::LIST);
  EXPECT_EQ(find("list").repetition_type, FieldRepetitionType::REPEATED);
  EXPECT_EQ(find("element").type, Type::BOOLEAN);
  EXPECT_EQ(ps.leaves.size(), 15U);
}

TEST(ParquetSchemaMapping, DecimalWidths) {
  EXPECT_EQ(schema::decimal_byte_width(1), 1);
  EXPECT_EQ(schema::decimal_byte_width(2), 1);
  EXPECT_EQ(schema::decimal_byte_width(3), 2);
  EXPECT_EQ(schema::decimal_byte_width(19), 9);
  EXPECT_EQ(schema::decimal_byte_width(38), 16);
}

TEST(ParquetSchemaMapping, NestedEmptyStructNamesItsPath) {
  try {
    (void)frame_to_parquet_schema({{"outer", fr::struct_({{"inner", fr::struct_({}), true}}), true}});
    FAIL() << "no error";
  } catch (const ParquetError& e) {
    EXPECT_NE(std::string(e.what()).find("outer.inner"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace crv::parquet
