// FileReader on layouts no engine of the interop tests writes: legacy 2-level lists,
// repeated fields without a LIST annotation, the "array" / "<name>_tuple" element rules of
// the format's backward-compatibility section, MAP and MAP_KEY_VALUE, INT96 timestamps,
// FLOAT16, INTERVAL, BSON, ENUM, JSON, the UINT_* and TIMESTAMP_* converted types, and
// DECIMAL on INT32, INT64 and BYTE_ARRAY (precision > 38 as exact text). The files are
// assembled by hand from SchemaElements and PLAIN-encoded v1 data pages.
#include <gtest/gtest.h>
#include <crv/frame/canonical_json.hpp>
#include <crv/frame/frame.hpp>
#include <crv/parquet/error.hpp>
#include <crv/parquet/reader.hpp>
#include "parquet/metadata/thrift_types.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parquet/encoding/plain.hpp"
#include "parquet/encoding/rle_bit_packed_encoder.hpp"

namespace crv::parquet {
namespace {

// ---- schema elements ----

SchemaElement root(int32_t children) {
  SchemaElement e;
  e.name = "schema";
  e.num_children = children;
  return e;
}

SchemaElement group(const std::string& name, FieldRepetitionType repetition, int32_t children,
                    std::optional<ConvertedType> converted = std::nullopt,
                    std::optional<LogicalType> logical = std::nullopt) {
  SchemaElement e;
  e.name = name;
  e.repetition_type = repetition;
  e.num_children = children;
  e.converted_type = converted;
  e.logicalType = std::move(logical);
  return e;
}

SchemaElement leaf(const std::string& name, FieldRepetitionType repetition, Type type,
                   std::optional<ConvertedType> converted = std::nullopt,
                   std::optional<LogicalType> logical = std::nullopt) {
  SchemaElement e;
  e.name = name;
  e.repetition_type = repetition;
  e.type = type;
  e.converted_type = converted;
  e.logicalType = std::move(logical);
  return e;
}

SchemaElement fixed_leaf(const std::string& name, FieldRepetitionType repetition, int32_t width,
                         std::optional<ConvertedType> converted = std::nullopt,
                         std::optional<LogicalType> logical = std::nullopt) {
  SchemaElement e = leaf(name, repetition, Type::FIXED_LEN_BYTE_ARRAY, converted, std::move(logical));
  e.type_length = width;
  return e;
}

SchemaElement decimal_leaf(const std::string& name, Type type, int32_t precision, int32_t scale) {
  SchemaElement e = leaf(name, FieldRepetitionType::OPTIONAL, type, ConvertedType::DECIMAL);
  e.precision = precision;
  e.scale = scale;
  return e;
}

constexpr auto kRequired = FieldRepetitionType::REQUIRED;
constexpr auto kOptional = FieldRepetitionType::OPTIONAL;
constexpr auto kRepeated = FieldRepetitionType::REPEATED;

// ---- PLAIN values ----

template <class T>
std::vector<uint8_t> plain(const std::vector<T>& values) {
  std::vector<uint8_t> out;
  encoding::plain_encode(values.data(), values.size(), out);
  return out;
}

std::vector<uint8_t> plain_bytes(const std::vector<std::string>& values) {
  std::vector<int32_t> offsets{0};
  std::string data;
  for (const std::string& v : values) {
    data += v;
    offsets.push_back(static_cast<int32_t>(data.size()));
  }
  std::vector<uint8_t> out;
  encoding::plain_encode_byte_arrays(offsets.data(), reinterpret_cast<const uint8_t*>(data.data()), values.size(), out);
  return out;
}

std::vector<uint8_t> plain_fixed(const std::vector<std::string>& values, size_t width) {
  std::string data;
  for (const std::string& v : values) data += v;
  std::vector<uint8_t> out;
  encoding::plain_encode_fixed(reinterpret_cast<const uint8_t*>(data.data()), values.size(), width, out);
  return out;
}

// ---- column chunks and the file ----

// One leaf column: its levels (one entry per level triple; empty when the max is 0) and
// its non-null values, PLAIN-encoded.
struct LeafChunk {
  Type type;
  std::vector<std::string> path;
  int16_t max_rep = 0;
  int16_t max_def = 0;
  std::vector<int16_t> rep;
  std::vector<int16_t> def;
  std::vector<uint8_t> values;
  int32_t num_values = 0;  // level triples
};

// A flat optional column: definition level 1 where `valid`, else 0.
LeafChunk optional_column(const std::string& name, Type type, const std::vector<bool>& valid,
                          std::vector<uint8_t> values) {
  LeafChunk chunk{type, {name}, 0, 1, {}, {}, std::move(values), static_cast<int32_t>(valid.size())};
  for (bool v : valid) chunk.def.push_back(v ? 1 : 0);
  return chunk;
}

// A v1 level section: 4-byte little-endian length, then the RLE/bit-packed hybrid.
void append_levels(const std::vector<int16_t>& levels, int16_t max_level, std::vector<uint8_t>& out) {
  encoding::encode_rle_bit_packed(levels.data(), levels.size(), std::bit_width(static_cast<uint16_t>(max_level)),
                                  encoding::RleLengthPrefix::kFourBytes, out);
}

std::vector<uint8_t> finish_file(std::vector<uint8_t> file, std::vector<SchemaElement> schema, int64_t num_rows,
                                 RowGroup row_group);

// A file of one row group: each leaf in one uncompressed PLAIN data page v1.
std::vector<uint8_t> assemble_file(std::vector<SchemaElement> schema, int64_t num_rows,
                                   const std::vector<LeafChunk>& leaves) {
  std::vector<uint8_t> file{'P', 'A', 'R', '1'};
  RowGroup row_group;
  row_group.num_rows = num_rows;
  for (const LeafChunk& chunk : leaves) {
    std::vector<uint8_t> body;
    if (chunk.max_rep > 0) append_levels(chunk.rep, chunk.max_rep, body);
    if (chunk.max_def > 0) append_levels(chunk.def, chunk.max_def, body);
    body.insert(body.end(), chunk.values.begin(), chunk.values.end());

    PageHeader header;
    header.type = PageType::DATA_PAGE;
    header.uncompressed_page_size = static_cast<int32_t>(body.size());
    header.compressed_page_size = static_cast<int32_t>(body.size());
    header.data_page_header =
        DataPageHeader{chunk.num_values, Encoding::PLAIN, Encoding::RLE, Encoding::RLE, std::nullopt};
    std::vector<uint8_t> page;
    serialize_page_header(header, page);
    page.insert(page.end(), body.begin(), body.end());

    ColumnMetaData meta;
    meta.type = chunk.type;
    meta.encodings = {Encoding::PLAIN, Encoding::RLE};
    meta.path_in_schema = chunk.path;
    meta.codec = CompressionCodec::UNCOMPRESSED;
    meta.num_values = chunk.num_values;
    meta.total_uncompressed_size = static_cast<int64_t>(page.size());
    meta.total_compressed_size = static_cast<int64_t>(page.size());
    meta.data_page_offset = static_cast<int64_t>(file.size());
    ColumnChunk column;
    column.file_offset = meta.data_page_offset;
    column.meta_data = meta;
    row_group.columns.push_back(column);
    row_group.total_byte_size += static_cast<int64_t>(page.size());
    file.insert(file.end(), page.begin(), page.end());
  }
  return finish_file(std::move(file), std::move(schema), num_rows, std::move(row_group));
}

// `file` (the magic and the column chunks of `row_group`) with its footer.
std::vector<uint8_t> finish_file(std::vector<uint8_t> file, std::vector<SchemaElement> schema, int64_t num_rows,
                                 RowGroup row_group) {
  FileMetaData metadata;
  metadata.schema = std::move(schema);
  metadata.num_rows = num_rows;
  metadata.row_groups.push_back(std::move(row_group));
  metadata.created_by = "crv-io test_reader_legacy";
  std::vector<uint8_t> footer;
  serialize_file_metadata(metadata, footer);
  file.insert(file.end(), footer.begin(), footer.end());
  const auto length = static_cast<uint32_t>(footer.size());
  for (int i = 0; i < 4; ++i) file.push_back(static_cast<uint8_t>(length >> (8 * i)));
  file.insert(file.end(), {'P', 'A', 'R', '1'});
  return file;
}

frame::Frame read_file(std::vector<uint8_t> bytes) {
  return FileReader::open(std::make_shared<MemorySource>(std::move(bytes), "legacy.parquet"))->read();
}

std::string types_of(const frame::Frame& frame) {
  std::string out;
  for (const frame::Field& f : frame.schema()) out += (out.empty() ? "" : "; ") + f.name + ": " + f.type->to_string();
  return out;
}

std::string rows_of(const frame::Frame& frame) {
  std::string out;
  frame::append_canonical_jsonl(out, frame);
  return out;
}

// ---- lists ----

// optional group my_list (LIST) { repeated int32 element; }
TEST(ReaderLegacy, TwoLevelList) {
  const std::vector<SchemaElement> schema{root(1), group("my_list", kOptional, 1, ConvertedType::LIST),
                                          leaf("element", kRepeated, Type::INT32)};
  // [1, 2], [], null, [3]
  const LeafChunk element{Type::INT32,     {"my_list", "element"},    1, 2, {0, 1, 0, 0, 0},
                          {2, 2, 1, 0, 2}, plain<int32_t>({1, 2, 3}), 5};
  const frame::Frame frame = read_file(assemble_file(schema, 4, {element}));
  EXPECT_EQ(types_of(frame), "my_list: list[i32]");
  EXPECT_FALSE(frame.schema()[0].type->item_field().nullable);
  EXPECT_EQ(rows_of(frame), "{\"my_list\":[1,2]}\n{\"my_list\":[]}\n{\"my_list\":null}\n{\"my_list\":[3]}\n");
}

// The first repetition level of a column chunk must be 0: a level above 0 continues a row,
// and there is none before the first. Arrow refuses such a file; so does the reader, naming
// the column, the row group and the page.
TEST(ReaderLegacy, FirstRepetitionLevelAboveZeroIsRefused) {
  const std::vector<SchemaElement> schema{root(1), group("my_list", kOptional, 1, ConvertedType::LIST),
                                          leaf("element", kRepeated, Type::INT32)};
  const LeafChunk good{Type::INT32, {"my_list", "element"}, 1, 2, {0, 1, 0}, {2, 2, 2}, plain<int32_t>({1, 2, 3}), 3};
  EXPECT_EQ(rows_of(read_file(assemble_file(schema, 2, {good}))), "{\"my_list\":[1,2]}\n{\"my_list\":[3]}\n");

  const LeafChunk bad{Type::INT32, {"my_list", "element"}, 1, 2, {1, 1, 0}, {2, 2, 2}, plain<int32_t>({1, 2, 3}), 3};
  try {
    read_file(assemble_file(schema, 1, {bad}));
    FAIL() << "read a column whose first repetition level is 1";
  } catch (const ParquetError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("legacy.parquet"), std::string::npos) << message;
    EXPECT_NE(message.find("my_list.element"), std::string::npos) << message;
    EXPECT_NE(message.find("page 0"), std::string::npos) << message;
    EXPECT_NE(message.find("the first repetition level is 1, not 0"), std::string::npos) << message;
  }
}

// repeated int64 nums; repeated group points { required int32 x; optional binary name (UTF8); }
TEST(ReaderLegacy, RepeatedFieldsWithoutListAnnotation) {
  const std::vector<SchemaElement> schema{root(2), leaf("nums", kRepeated, Type::INT64), group("points", kRepeated, 2),
                                          leaf("x", kRequired, Type::INT32),
                                          leaf("name", kOptional, Type::BYTE_ARRAY, ConvertedType::UTF8)};
  // row 0: nums [10, 20], points [{1, "a"}]; row 1: nums [], points [{2, null}, {3, "c"}]
  const LeafChunk nums{Type::INT64, {"nums"}, 1, 1, {0, 1, 0}, {1, 1, 0}, plain<int64_t>({10, 20}), 3};
  const LeafChunk x{Type::INT32, {"points", "x"}, 1, 1, {0, 0, 1}, {1, 1, 1}, plain<int32_t>({1, 2, 3}), 3};
  const LeafChunk name{Type::BYTE_ARRAY, {"points", "name"}, 1, 2, {0, 0, 1}, {2, 1, 2}, plain_bytes({"a", "c"}), 3};
  const frame::Frame frame = read_file(assemble_file(schema, 2, {nums, x, name}));
  EXPECT_EQ(types_of(frame), "nums: list[i64]; points: list[struct{x: i32, name: str}]");
  EXPECT_FALSE(frame.schema()[0].nullable);
  EXPECT_EQ(rows_of(frame),
            "{\"nums\":[10,20],\"points\":[{\"x\":1,\"name\":\"a\"}]}\n"
            "{\"nums\":[],\"points\":[{\"x\":2,\"name\":null},{\"x\":3,\"name\":\"c\"}]}\n");
}

// The element of a LIST is the repeated group itself when it is named "array" or
// "<list name>_tuple" or has several fields; else its only child (three-level list).
TEST(ReaderLegacy, ArrayAndTupleElementNames) {
  const std::vector<SchemaElement> schema{root(4),
                                          group("a", kOptional, 1, ConvertedType::LIST),
                                          group("array", kRepeated, 1),
                                          leaf("str", kRequired, Type::BYTE_ARRAY, ConvertedType::UTF8),
                                          group("b", kRequired, 1, std::nullopt, ListType{}),
                                          group("b_tuple", kRepeated, 1),
                                          leaf("v", kRequired, Type::INT32),
                                          group("c", kOptional, 1, ConvertedType::LIST),
                                          group("list", kRepeated, 1),
                                          leaf("element", kOptional, Type::INT32),
                                          group("d", kOptional, 1, ConvertedType::LIST),
                                          group("pair", kRepeated, 2),
                                          leaf("p", kRequired, Type::INT32),
                                          leaf("q", kOptional, Type::INT32)};
  // a: [{"x"}], null;  b: [{5}, {6}], [];  c: [null, 7], [];  d: [{1, null}], [{2, 3}]
  const LeafChunk a{Type::BYTE_ARRAY, {"a", "array", "str"}, 1, 2, {0, 0}, {2, 0}, plain_bytes({"x"}), 2};
  const LeafChunk b{Type::INT32, {"b", "b_tuple", "v"}, 1, 1, {0, 1, 0}, {1, 1, 0}, plain<int32_t>({5, 6}), 3};
  const LeafChunk c{Type::INT32, {"c", "list", "element"}, 1, 3, {0, 1, 0}, {2, 3, 1}, plain<int32_t>({7}), 3};
  const LeafChunk dp{Type::INT32, {"d", "pair", "p"}, 1, 2, {0, 0}, {2, 2}, plain<int32_t>({1, 2}), 2};
  const LeafChunk dq{Type::INT32, {"d", "pair", "q"}, 1, 3, {0, 0}, {2, 3}, plain<int32_t>({3}), 2};
  const frame::Frame frame = read_file(assemble_file(schema, 2, {a, b, c, dp, dq}));
  EXPECT_EQ(types_of(frame),
            "a: list[struct{str: str}]; b: list[struct{v: i32}]; c: list[i32]; d: list[struct{p: i32, q: i32}]");
  EXPECT_EQ(rows_of(frame),
            "{\"a\":[{\"str\":\"x\"}],\"b\":[{\"v\":5},{\"v\":6}],\"c\":[null,7],\"d\":[{\"p\":1,\"q\":null}]}\n"
            "{\"a\":null,\"b\":[],\"c\":[],\"d\":[{\"p\":2,\"q\":3}]}\n");
}

// A list of lists as old parquet-mr writes it: a 2-level list whose repeated group is
// itself a LIST-annotated 2-level list (the format's backward-compatibility rule 3). Read
// as list<list<i32>>, as Arrow, DuckDB and Spark do, not as list<struct{array: list<i32>}>.
TEST(ReaderLegacy, TwoLevelListOfTwoLevelLists) {
  const std::vector<SchemaElement> schema{root(1), group("a", kOptional, 1, ConvertedType::LIST),
                                          group("array", kRepeated, 1, ConvertedType::LIST),
                                          leaf("array", kRepeated, Type::INT32)};
  // [[1, 2], [3]], null, [], [[]]
  const LeafChunk values{Type::INT32,        {"a", "array", "array"},   2, 3, {0, 2, 1, 0, 0, 0},
                         {3, 3, 3, 0, 1, 2}, plain<int32_t>({1, 2, 3}), 6};
  const frame::Frame frame = read_file(assemble_file(schema, 4, {values}));
  EXPECT_EQ(types_of(frame), "a: list[list[i32]]");
  EXPECT_FALSE(frame.schema()[0].type->item_field().nullable);
  EXPECT_EQ(rows_of(frame), "{\"a\":[[1,2],[3]]}\n{\"a\":null}\n{\"a\":[]}\n{\"a\":[[]]}\n");
}

// MAP (key_value with key and value) and the legacy MAP_KEY_VALUE annotation (fields with
// other names): list of struct{key, value}.
TEST(ReaderLegacy, MapAndMapKeyValue) {
  const std::vector<SchemaElement> schema{root(2),
                                          group("m", kOptional, 1, ConvertedType::MAP),
                                          group("key_value", kRepeated, 2, ConvertedType::MAP_KEY_VALUE),
                                          leaf("key", kRequired, Type::BYTE_ARRAY, ConvertedType::UTF8),
                                          leaf("value", kOptional, Type::INT32),
                                          group("mk", kRequired, 1, ConvertedType::MAP_KEY_VALUE),
                                          group("map", kRepeated, 2),
                                          leaf("k", kRequired, Type::INT32),
                                          leaf("v", kRequired, Type::BYTE_ARRAY, ConvertedType::UTF8)};
  // m: [{"a", 1}, {"b", null}], null, [];  mk: [{1, "x"}], [{2, "y"}, {3, "z"}], []
  const LeafChunk key{Type::BYTE_ARRAY, {"m", "key_value", "key"}, 1, 2, {0, 1, 0, 0},
                      {2, 2, 0, 1},     plain_bytes({"a", "b"}),   4};
  const LeafChunk value{Type::INT32,  {"m", "key_value", "value"}, 1, 3, {0, 1, 0, 0},
                        {3, 2, 0, 1}, plain<int32_t>({1}),         4};
  const LeafChunk k{Type::INT32, {"mk", "map", "k"}, 1, 1, {0, 0, 1, 0}, {1, 1, 1, 0}, plain<int32_t>({1, 2, 3}), 4};
  const LeafChunk v{Type::BYTE_ARRAY, {"mk", "map", "v"},           1, 1, {0, 0, 1, 0},
                    {1, 1, 1, 0},     plain_bytes({"x", "y", "z"}), 4};
  const frame::Frame frame = read_file(assemble_file(schema, 3, {key, value, k, v}));
  EXPECT_EQ(types_of(frame), "m: list[struct{key: str, value: i32}]; mk: list[struct{key: i32, value: str}]");
  EXPECT_EQ(
      rows_of(frame),
      "{\"m\":[{\"key\":\"a\",\"value\":1},{\"key\":\"b\",\"value\":null}],\"mk\":[{\"key\":1,\"value\":\"x\"}]}\n"
      "{\"m\":null,\"mk\":[{\"key\":2,\"value\":\"y\"},{\"key\":3,\"value\":\"z\"}]}\n"
      "{\"m\":[],\"mk\":[]}\n");
}

// ---- column chunks ----

// parquet-mr writes a column chunk without values as its dictionary page alone, with
// data_page_offset 0 and dictionary_page_offset set. Arrow and DuckDB read such a file (no
// rows); so does the reader.
TEST(ReaderLegacy, ChunkWithoutValuesWhoseDataPageOffsetIsZero) {
  const std::vector<SchemaElement> schema{root(1), leaf("s", kOptional, Type::BYTE_ARRAY, ConvertedType::UTF8)};
  const std::vector<uint8_t> entries = plain_bytes({"never used"});
  PageHeader header;
  header.type = PageType::DICTIONARY_PAGE;
  header.uncompressed_page_size = static_cast<int32_t>(entries.size());
  header.compressed_page_size = static_cast<int32_t>(entries.size());
  header.dictionary_page_header = DictionaryPageHeader{1, Encoding::PLAIN, std::nullopt};
  std::vector<uint8_t> file{'P', 'A', 'R', '1'};
  const auto page_offset = static_cast<int64_t>(file.size());
  serialize_page_header(header, file);
  file.insert(file.end(), entries.begin(), entries.end());

  ColumnMetaData meta;
  meta.type = Type::BYTE_ARRAY;
  meta.encodings = {Encoding::PLAIN, Encoding::RLE_DICTIONARY};
  meta.path_in_schema = {"s"};
  meta.codec = CompressionCodec::UNCOMPRESSED;
  meta.num_values = 0;
  meta.total_compressed_size = static_cast<int64_t>(file.size()) - page_offset;
  meta.total_uncompressed_size = meta.total_compressed_size;
  meta.data_page_offset = 0;
  meta.dictionary_page_offset = page_offset;
  RowGroup row_group;
  row_group.columns.push_back(ColumnChunk{.file_offset = page_offset, .meta_data = meta});
  const frame::Frame frame = read_file(finish_file(std::move(file), schema, 0, std::move(row_group)));
  EXPECT_EQ(types_of(frame), "s: str");
  EXPECT_EQ(frame.num_rows(), 0);
}

// ---- legacy and rare leaf types ----

std::string int96(uint64_t nanos_of_day, uint32_t julian_day) {
  std::string bytes(12, '\0');
  std::memcpy(bytes.data(), &nanos_of_day, 8);
  std::memcpy(bytes.data() + 8, &julian_day, 4);
  return bytes;
}

std::string half(uint16_t bits) { return std::string{static_cast<char>(bits & 0xFF), static_cast<char>(bits >> 8)}; }

TEST(ReaderLegacy, Int96Float16IntervalBsonEnumJson) {
  const std::vector<SchemaElement> schema{root(6),
                                          leaf("ts96", kOptional, Type::INT96),
                                          fixed_leaf("f16", kOptional, 2, std::nullopt, Float16Type{}),
                                          fixed_leaf("interval", kOptional, 12, ConvertedType::INTERVAL),
                                          leaf("bson", kOptional, Type::BYTE_ARRAY, ConvertedType::BSON),
                                          leaf("enum", kOptional, Type::BYTE_ARRAY, ConvertedType::ENUM),
                                          leaf("json", kOptional, Type::BYTE_ARRAY, std::nullopt, JsonType{})};
  const std::vector<bool> valid{true, true, false, true, true, true};
  const std::string ts_bytes = int96(0, 2440588) + int96(86399999999999, 2440587) + int96(3723000000001, 2460311) +
                               int96(0, 2404064) + int96(1, 2440589);
  const std::vector<uint8_t> ts(ts_bytes.begin(), ts_bytes.end());
  const std::string interval = std::string("\x01\0\0\0\x02\0\0\0\x03\0\0\0", 12);
  const std::vector<LeafChunk> leaves{
      optional_column("ts96", Type::INT96, valid, ts),
      optional_column("f16", Type::FIXED_LEN_BYTE_ARRAY, valid,
                      plain_fixed({half(0x3C00), half(0xC000), half(0x7C00), half(0x0001), half(0x7E00)}, 2)),
      optional_column("interval", Type::FIXED_LEN_BYTE_ARRAY, valid,
                      plain_fixed({interval, interval, interval, interval, interval}, 12)),
      optional_column("bson", Type::BYTE_ARRAY, valid,
                      plain_bytes({std::string("\x05\0\0\0\0", 5), "", "hi", "abc", "\xff"})),
      optional_column("enum", Type::BYTE_ARRAY, valid, plain_bytes({"RED", "GREEN", "", "bl\"ue", "日本"})),
      optional_column("json", Type::BYTE_ARRAY, valid, plain_bytes({"{\"a\":1}", "[]", "null", "1.5", "\"s\""}))};
  const frame::Frame frame = read_file(assemble_file(schema, 6, leaves));
  EXPECT_EQ(types_of(frame),
            "ts96: datetime[us]; f16: f32; interval: fixed_size_binary[12]; bson: binary; enum: str; json: str");
  EXPECT_EQ(frame.column(2).type_id(), frame::TypeId::FixedSizeBinary);
  const std::string expected =
      R"({"ts96":"1970-01-01T00:00:00.000000","f16":1,"interval":"AQAAAAIAAAADAAAA","bson":"BQAAAAA=","enum":"RED","json":"{\"a\":1}"})"
      "\n"
      R"({"ts96":"1969-12-31T23:59:59.999999","f16":-2,"interval":"AQAAAAIAAAADAAAA","bson":"","enum":"GREEN","json":"[]"})"
      "\n"
      R"({"ts96":null,"f16":null,"interval":null,"bson":null,"enum":null,"json":null})"
      "\n"
      R"({"ts96":"2024-01-01T01:02:03.000000","f16":"Infinity","interval":"AQAAAAIAAAADAAAA","bson":"aGk=","enum":"","json":"null"})"
      "\n"
      R"({"ts96":"1870-01-01T00:00:00.000000","f16":5.9604645e-8,"interval":"AQAAAAIAAAADAAAA","bson":"YWJj","enum":"bl\"ue","json":"1.5"})"
      "\n"
      R"({"ts96":"1970-01-02T00:00:00.000000","f16":"NaN","interval":"AQAAAAIAAAADAAAA","bson":"/w==","enum":"日本","json":"\"s\""})"
      "\n";
  EXPECT_EQ(rows_of(frame), expected);
}

// INT96 as Spark writes year 9999: beyond 64-bit nanoseconds (which end in 2262). Read in
// microseconds by default; in nanoseconds (OpenOptions) it is an error naming the column and
// the value, never a wrapped date.
TEST(ReaderLegacy, Int96BeyondNanosecondRange) {
  const std::vector<SchemaElement> schema{root(1), leaf("ts96", kOptional, Type::INT96)};
  const std::string ts_bytes = int96(86399999999999, 5373484) + int96(1000, 2440588);  // 9999-12-31T23:59:59.999999999
  const std::vector<LeafChunk> leaves{
      optional_column("ts96", Type::INT96, {true, true}, std::vector<uint8_t>(ts_bytes.begin(), ts_bytes.end()))};
  const std::vector<uint8_t> file = assemble_file(schema, 2, leaves);
  const frame::Frame frame = read_file(file);
  EXPECT_EQ(types_of(frame), "ts96: datetime[us]");
  EXPECT_EQ(rows_of(frame), "{\"ts96\":\"9999-12-31T23:59:59.999999\"}\n{\"ts96\":\"1970-01-01T00:00:00.000001\"}\n");

  const auto open = [&file](frame::TimeUnit unit) {
    return FileReader::open(std::make_shared<MemorySource>(file, "legacy.parquet"), OpenOptions{.int96_unit = unit});
  };
  EXPECT_EQ(rows_of(open(frame::TimeUnit::Milli)->read()),
            "{\"ts96\":\"9999-12-31T23:59:59.999\"}\n{\"ts96\":\"1970-01-01T00:00:00.000\"}\n");
  const auto nanos = open(frame::TimeUnit::Nano);
  EXPECT_EQ(nanos->frame_schema()[0].type->to_string(), "datetime[ns]");
  try {
    nanos->read();
    FAIL() << "read year 9999 as 64-bit nanoseconds";
  } catch (const ParquetError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("column 'ts96'"), std::string::npos) << message;
    EXPECT_NE(message.find("Julian day 5373484 and 86399999999999 ns into the day"), std::string::npos) << message;
    EXPECT_NE(message.find("64-bit nanoseconds"), std::string::npos) << message;
  }
}

TEST(ReaderLegacy, UnsignedAndTimestampConvertedTypes) {
  const std::vector<SchemaElement> schema{root(6),
                                          leaf("u8", kOptional, Type::INT32, ConvertedType::UINT_8),
                                          leaf("u16", kOptional, Type::INT32, ConvertedType::UINT_16),
                                          leaf("u32", kOptional, Type::INT32, ConvertedType::UINT_32),
                                          leaf("u64", kOptional, Type::INT64, ConvertedType::UINT_64),
                                          leaf("ts_ms", kOptional, Type::INT64, ConvertedType::TIMESTAMP_MILLIS),
                                          leaf("ts_us", kRequired, Type::INT64, ConvertedType::TIMESTAMP_MICROS)};
  const std::vector<bool> valid{true, false, true};
  LeafChunk ts_us{Type::INT64, {"ts_us"}, 0, 0, {}, {}, plain<int64_t>({1, 0, 1704067200123456}), 3};
  const std::vector<LeafChunk> leaves{optional_column("u8", Type::INT32, valid, plain<int32_t>({255, 0})),
                                      optional_column("u16", Type::INT32, valid, plain<int32_t>({65535, 1})),
                                      optional_column("u32", Type::INT32, valid, plain<int32_t>({-1, 2147483647})),
                                      optional_column("u64", Type::INT64, valid, plain<int64_t>({-1, INT64_MIN})),
                                      optional_column("ts_ms", Type::INT64, valid, plain<int64_t>({-1, 1704067200123})),
                                      ts_us};
  const frame::Frame frame = read_file(assemble_file(schema, 3, leaves));
  EXPECT_EQ(types_of(frame),
            "u8: u8; u16: u16; u32: u32; u64: u64; ts_ms: datetime[ms, UTC]; ts_us: datetime[us, UTC]");
  EXPECT_FALSE(frame.schema()[5].nullable);
  EXPECT_EQ(
      rows_of(frame),
      R"({"u8":255,"u16":65535,"u32":4294967295,"u64":18446744073709551615,"ts_ms":"1969-12-31T23:59:59.999Z","ts_us":"1970-01-01T00:00:00.000001Z"})"
      "\n"
      R"({"u8":null,"u16":null,"u32":null,"u64":null,"ts_ms":null,"ts_us":"1970-01-01T00:00:00.000000Z"})"
      "\n"
      R"({"u8":0,"u16":1,"u32":2147483647,"u64":9223372036854775808,"ts_ms":"2024-01-01T00:00:00.123Z","ts_us":"2024-01-01T00:00:00.123456Z"})"
      "\n");
}

// Big-endian two's complement bytes of a small signed value, `size` bytes.
std::string big_endian(int64_t value, size_t size) {
  std::string out(size, value < 0 ? '\xff' : '\0');
  for (size_t i = 0; i < std::min<size_t>(size, 8); ++i)
    out[size - 1 - i] = static_cast<char>((static_cast<uint64_t>(value) >> (8 * i)) & 0xFF);
  return out;
}

TEST(ReaderLegacy, DecimalsOnEveryPhysicalType) {
  const SchemaElement logical_bytes =
      leaf("dec_ba", kOptional, Type::BYTE_ARRAY, std::nullopt, DecimalType{.scale = 3, .precision = 20});
  SchemaElement fixed = decimal_leaf("dec_fixed", Type::FIXED_LEN_BYTE_ARRAY, 4, 1);
  fixed.type_length = 2;
  const std::vector<SchemaElement> schema{
      root(5),       decimal_leaf("dec32", Type::INT32, 9, 2),          decimal_leaf("dec64", Type::INT64, 18, 4),
      logical_bytes, decimal_leaf("dec_wide", Type::BYTE_ARRAY, 40, 5), fixed};
  // 10^39 + 1 = 0x02_F050FE93_8943ACC4_5F655680_00000001: 17 bytes, precision 40 (> 38).
  const std::string ten_pow_39_plus_1("\x02\xf0\x50\xfe\x93\x89\x43\xac\xc4\x5f\x65\x56\x80\x00\x00\x00\x01", 17);
  std::string minus_ten_pow_39_minus_1 = ten_pow_39_plus_1;  // two's complement negation
  for (char& c : minus_ten_pow_39_minus_1) c = static_cast<char>(~static_cast<uint8_t>(c));
  for (size_t i = minus_ten_pow_39_minus_1.size(); i-- > 0;) {
    if (++reinterpret_cast<uint8_t&>(minus_ten_pow_39_minus_1[i]) != 0) break;
  }
  const std::vector<bool> valid{true, true, false};
  const std::vector<LeafChunk> leaves{
      optional_column("dec32", Type::INT32, valid, plain<int32_t>({-5, 999999999})),
      optional_column("dec64", Type::INT64, valid, plain<int64_t>({123456789012345678, -1})),
      optional_column("dec_ba", Type::BYTE_ARRAY, valid, plain_bytes({big_endian(-1, 1), big_endian(1234567, 9)})),
      optional_column("dec_wide", Type::BYTE_ARRAY, valid, plain_bytes({ten_pow_39_plus_1, minus_ten_pow_39_minus_1})),
      optional_column("dec_fixed", Type::FIXED_LEN_BYTE_ARRAY, valid,
                      plain_fixed({big_endian(-32768 / 4, 2), big_endian(999, 2)}, 2))};
  const frame::Frame frame = read_file(assemble_file(schema, 3, leaves));
  EXPECT_EQ(types_of(frame),
            "dec32: decimal(9,2); dec64: decimal(18,4); dec_ba: decimal(20,3); dec_wide: str; dec_fixed: decimal(4,1)");
  EXPECT_EQ(
      rows_of(frame),
      R"({"dec32":"-0.05","dec64":"12345678901234.5678","dec_ba":"-0.001","dec_wide":"10000000000000000000000000000000000.00001","dec_fixed":"-819.2"})"
      "\n"
      R"({"dec32":"9999999.99","dec64":"-0.0001","dec_ba":"1234.567","dec_wide":"-10000000000000000000000000000000000.00001","dec_fixed":"99.9"})"
      "\n"
      R"({"dec32":null,"dec64":null,"dec_ba":null,"dec_wide":null,"dec_fixed":null})"
      "\n");
}

}  // namespace
}  // namespace crv::parquet
