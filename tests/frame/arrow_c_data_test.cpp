#include <crv/frame/arrow_c_data.hpp>
#include <crv/frame/json.hpp>
#include <crv/frame/kernels.hpp>

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <vector>

namespace crv::frame {
namespace {

using nlohmann::json;

Column round_trip(const Column& c) {
  ArrowArray array;
  ArrowSchema schema;
  export_column(c, "col", &array, &schema);
  Column back = import_column(&array, &schema);
  EXPECT_EQ(array.release, nullptr);
  EXPECT_EQ(schema.release, nullptr);
  return back;
}

struct Case {
  TypePtr type;
  std::vector<json> values;
};

std::vector<Case> every_type() {
  return {
      {boolean(), {true, nullptr, false, true}},
      {int8(), {-128, nullptr, 127, 0}},
      {int16(), {-3, 4, nullptr, 5}},
      {int32(), {1, 2, 3, nullptr}},
      {int64(), {int64_t{-9007199254740993}, nullptr, 7, 8}},
      {uint8(), {255, 0, nullptr, 1}},
      {uint16(), {65535, nullptr, 2, 3}},
      {uint32(), {4294967295u, 1, 2, nullptr}},
      {uint64(), {uint64_t{18446744073709551615u}, nullptr, 0, 1}},
      {float32(), {1.5, "NaN", nullptr, -2}},
      {float64(), {0.1, "-Infinity", 3, nullptr}},
      {decimal128(12, 3), {"-1.500", nullptr, "123456789.001", "0.000"}},
      {date32(), {"2024-01-01", nullptr, "1900-03-01", "2100-12-31"}},
      {time32(TimeUnit::Second), {"00:00:01", "23:59:59", nullptr, "12:00:00"}},
      {time64(TimeUnit::Nano), {"00:00:00.000000001", nullptr, "01:02:03.5", "23:00:00"}},
      {timestamp(TimeUnit::Milli, "Europe/Paris"), {"2024-05-06T07:08:09.010Z", nullptr, "1960-01-01T00:00:00Z", 0}},
      {binary(), {"", "abc", nullptr, "z"}},
      {utf8(), {"héllo", nullptr, "", "日本"}},
      {fixed_size_binary(2), {"ab", nullptr, "cd", "ef"}},
      {struct_({{"a", int64()}, {"b", utf8(), false}}),
       {json::parse(R"({"a":1,"b":"x"})"), nullptr, json::parse(R"({"b":"y"})"), json::parse(R"({"a":4,"b":""})")}},
      {list(struct_({{"xs", list(int32())}, {"s", utf8()}})),
       {json::parse(R"([{"xs":[1,2],"s":"a"},{"xs":null,"s":null}])"), nullptr, json::parse("[]"),
        json::parse(R"([{"xs":[],"s":"b"},{"xs":[3,null],"s":"c"}])")}},
  };
}

TEST(ArrowCData, RoundTripEveryTypeWholeAndSliced) {
  for (const Case& tc : every_type()) {
    Column c = column_from_json(tc.values, tc.type);
    Column back = round_trip(c);
    EXPECT_TRUE(type_equals(back.type(), c.type())) << tc.type->to_string();
    EXPECT_TRUE(back.equals(c)) << tc.type->to_string();
    // zero-copy: the imported column reads the exporter's memory
    if (tc.type->id() != TypeId::Struct) {
      EXPECT_EQ(back.data().values->data(), c.data().values->data()) << tc.type->to_string();
    }

    Column slice = c.slice(1, 3);
    Column slice_back = round_trip(slice);
    EXPECT_EQ(slice_back.offset(), 1);
    EXPECT_TRUE(slice_back.equals(slice)) << tc.type->to_string();
    for (int64_t i = 0; i < 3; ++i)
      EXPECT_EQ(value_to_json(slice_back, i), value_to_json(c, i + 1)) << tc.type->to_string();
  }
}

TEST(ArrowCData, ImportedBuffersOutliveTheStructsAndReleaseOnce) {
  Column c = Column::from<std::string>({"a", "b"});
  ArrowArray array;
  ArrowSchema schema;
  export_column(c, "s", &array, &schema);
  EXPECT_STREQ(schema.format, "u");
  EXPECT_STREQ(schema.name, "s");
  EXPECT_EQ(schema.flags & ARROW_FLAG_NULLABLE, ARROW_FLAG_NULLABLE);
  EXPECT_EQ(array.n_buffers, 3);
  Column back = import_column(&array, &schema);
  c = Column();  // the exporter's handle is gone; the import keeps the memory alive
  EXPECT_EQ(back.string_value(1), "b");
  EXPECT_THROW(import_column(&array, &schema), FrameError);  // already moved
}

TEST(ArrowCData, FrameRoundTrip) {
  Frame f =
      Frame::make({Field{"tick", int64(), false}, Field{"tags", list(utf8())}},
                  {Column::from<int64_t>({1, 2}), column_from_json({json::parse(R"(["a"])"), nullptr}, list(utf8()))});
  ArrowArray array;
  ArrowSchema schema;
  export_frame(f, &array, &schema);
  EXPECT_STREQ(schema.format, "+s");
  EXPECT_EQ(schema.n_children, 2);
  Frame back = import_frame(&array, &schema);
  EXPECT_TRUE(back.equals(f));
  EXPECT_FALSE(back.schema()[0].nullable);
  EXPECT_TRUE(back.schema()[1].nullable);
}

// A producer that owns its buffers the way a foreign library would.
struct Producer {
  std::vector<std::vector<uint8_t>> buffers;
  std::vector<const void*> pointers;
  std::vector<std::unique_ptr<ArrowArray>> child_arrays;
  std::vector<ArrowArray*> children;
  std::string format;
  std::vector<std::unique_ptr<ArrowSchema>> child_schemas;
  std::vector<ArrowSchema*> schema_children;
  std::unique_ptr<ArrowArray> dictionary_array;    // released with its parent, as the
  std::unique_ptr<ArrowSchema> dictionary_schema;  // C Data Interface asks
  int* releases = nullptr;
};

template <class T>
std::vector<uint8_t> bytes_of(const std::vector<T>& values) {
  std::vector<uint8_t> out(values.size() * sizeof(T));
  if (!out.empty()) std::memcpy(out.data(), values.data(), out.size());
  return out;
}

void release_producer_array(ArrowArray* a) {
  auto* p = static_cast<Producer*>(a->private_data);
  for (ArrowArray* child : p->children)
    if (child->release) child->release(child);
  if (p->dictionary_array && p->dictionary_array->release) p->dictionary_array->release(p->dictionary_array.get());
  if (p->releases) ++*p->releases;
  delete p;
  a->release = nullptr;
}

void release_producer_schema(ArrowSchema* s) {
  auto* p = static_cast<Producer*>(s->private_data);
  for (ArrowSchema* child : p->schema_children)
    if (child->release) child->release(child);
  if (p->dictionary_schema && p->dictionary_schema->release) p->dictionary_schema->release(p->dictionary_schema.get());
  delete p;
  s->release = nullptr;
}

void make_array(ArrowArray* out, int64_t length, int64_t offset, std::vector<std::vector<uint8_t>> buffers,
                bool has_validity, int* releases, std::vector<ArrowArray*> children = {}) {
  auto* p = new Producer();
  p->buffers = std::move(buffers);
  p->releases = releases;
  p->pointers.push_back(has_validity ? p->buffers[0].data() : nullptr);
  for (size_t i = 1; i < p->buffers.size(); ++i) p->pointers.push_back(p->buffers[i].data());
  for (ArrowArray* c : children) {
    p->child_arrays.emplace_back(c);
    p->children.push_back(c);
  }
  *out = ArrowArray{length,
                    -1,
                    offset,
                    static_cast<int64_t>(p->pointers.size()),
                    static_cast<int64_t>(p->children.size()),
                    p->pointers.data(),
                    p->children.empty() ? nullptr : p->children.data(),
                    nullptr,
                    &release_producer_array,
                    p};
}

void make_schema(ArrowSchema* out, const std::string& format, std::vector<ArrowSchema*> children = {}) {
  auto* p = new Producer();
  p->format = format;
  for (ArrowSchema* c : children) {
    p->child_schemas.emplace_back(c);
    p->schema_children.push_back(c);
  }
  *out = ArrowSchema{p->format.c_str(),
                     "x",
                     nullptr,
                     ARROW_FLAG_NULLABLE,
                     static_cast<int64_t>(p->schema_children.size()),
                     p->schema_children.empty() ? nullptr : p->schema_children.data(),
                     nullptr,
                     &release_producer_schema,
                     p};
}

TEST(ArrowCData, ImportsLargeStringsAndLists) {
  int releases = 0;
  {
    ArrowArray array;
    ArrowSchema schema;
    // "U": ["ab", null, "cde"] with an offset of 1 into ["zz", "ab", null, "cde"]
    make_array(&array, 3, 1,
               {{0x0B}, bytes_of<int64_t>({0, 2, 4, 4, 7}), bytes_of<char>({'z', 'z', 'a', 'b', 'c', 'd', 'e'})}, true,
               &releases);
    make_schema(&schema, "U");
    Column c = import_column(&array, &schema);
    EXPECT_TRUE(c.equals(Column::from<std::string>({"ab", std::nullopt, "cde"})));
    EXPECT_EQ(releases, 0);
  }
  EXPECT_EQ(releases, 1);

  ArrowArray list_array;
  ArrowSchema list_schema;
  auto* items = new ArrowArray();
  make_array(items, 4, 0, {{}, bytes_of<int32_t>({1, 2, 3, 4})}, false, &releases);
  make_array(&list_array, 2, 0, {{}, bytes_of<int64_t>({0, 3, 4})}, false, &releases, {items});
  auto* item_schema = new ArrowSchema();
  make_schema(item_schema, "i");
  make_schema(&list_schema, "+L", {item_schema});
  Column lists = import_column(&list_array, &list_schema);
  EXPECT_EQ(lists.type()->to_string(), "list[i32]");
  EXPECT_EQ(value_to_json(lists, 0), json::parse("[1,2,3]"));
  EXPECT_EQ(value_to_json(lists, 1), json::parse("[4]"));
}

/// Makes `dictionary` the dictionary of `out` (made by make_array / make_schema), owned by it.
void attach_dictionary(ArrowArray* out, ArrowArray* dictionary) {
  static_cast<Producer*>(out->private_data)->dictionary_array.reset(dictionary);
  out->dictionary = dictionary;
}
void attach_dictionary(ArrowSchema* out, ArrowSchema* dictionary) {
  static_cast<Producer*>(out->private_data)->dictionary_schema.reset(dictionary);
  out->dictionary = dictionary;
}

/// int8 indices `indices` (validity `validity`, empty: none) into the utf8 dictionary
/// ["a", "bb", "ccc"], each release counted in `releases`.
void make_categorical(ArrowArray* array, ArrowSchema* schema, const std::vector<int8_t>& indices,
                      std::vector<uint8_t> validity, int* releases) {
  auto* dictionary = new ArrowArray();
  make_array(dictionary, 3, 0, {{}, bytes_of<int32_t>({0, 1, 3, 6}), bytes_of<char>({'a', 'b', 'b', 'c', 'c', 'c'})},
             false, releases);
  const bool has_validity = !validity.empty();
  make_array(array, static_cast<int64_t>(indices.size()), 0, {std::move(validity), bytes_of<int8_t>(indices)},
             has_validity, releases);
  attach_dictionary(array, dictionary);
  auto* dictionary_schema = new ArrowSchema();
  make_schema(dictionary_schema, "u");
  make_schema(schema, "c");
  attach_dictionary(schema, dictionary_schema);
}

// What Polars exports for a Categorical or Enum column, and pyarrow for a dictionary array.
TEST(ArrowCData, ImportsDictionaryEncodedArraysAsTheirValues) {
  int releases = 0;
  {
    ArrowArray array;
    ArrowSchema schema;
    make_categorical(&array, &schema, {2, 0, 0, 1, 2}, {0x1B}, &releases);  // row 2 null
    const Column c = import_column(&array, &schema);
    EXPECT_EQ(c.type()->to_string(), "str");
    EXPECT_TRUE(c.equals(Column::from<std::string>({"ccc", "a", std::nullopt, "bb", "ccc"})));
  }
  EXPECT_EQ(releases, 2);  // the indices' and the dictionary's release, once each

  ArrowArray bad;
  ArrowSchema bad_schema;
  make_categorical(&bad, &bad_schema, {1, 3}, {}, nullptr);
  try {
    import_column(&bad, &bad_schema);
    ADD_FAILURE() << "an index past the dictionary was imported";
  } catch (const FrameError& error) {
    EXPECT_NE(std::string(error.what()).find("row 1 refers to entry 3 of a dictionary of 3"), std::string::npos)
        << error.what();
  }
}

TEST(ArrowCData, ImportsFloat16AndRejectsOversizedLargeOffsets) {
  ArrowArray array;
  ArrowSchema schema;
  make_array(&array, 3, 0, {{}, bytes_of<uint16_t>({0x3C00, 0xC000, 0x7C00})}, false, nullptr);
  make_schema(&schema, "e");
  Column c = import_column(&array, &schema);
  EXPECT_EQ(c.type()->to_string(), "f32");
  EXPECT_FLOAT_EQ(c.value<float>(0), 1.0f);
  EXPECT_FLOAT_EQ(c.value<float>(1), -2.0f);
  EXPECT_TRUE(std::isinf(c.value<float>(2)));

  ArrowArray big;
  ArrowSchema big_schema;
  make_array(&big, 1, 0, {{}, bytes_of<int64_t>({0, int64_t{1} << 32}), {}}, false, nullptr);
  make_schema(&big_schema, "Z");
  EXPECT_THROW(import_column(&big, &big_schema), FrameError);

  ArrowArray bad;
  ArrowSchema bad_schema;
  make_array(&bad, 1, 0, {{}, bytes_of<int32_t>({1})}, false, nullptr);
  make_schema(&bad_schema, "tDm");
  EXPECT_THROW(import_column(&bad, &bad_schema), FrameError);
}

}  // namespace
}  // namespace crv::frame

namespace crv::frame {
namespace {

// A string view array ("vu", as Polars exports strings): inline (<= 12 bytes) and
// out-of-line views over two data buffers, a null, an offset.
TEST(ArrowCData, ImportsStringViewsAsUtf8) {
  struct Owned {
    std::vector<uint8_t> validity{0b11101};  // row 1 null
    std::vector<uint8_t> views;
    std::string data0 = "xxthis one is longer than twelve";
    std::string data1 = "another long string value";
    std::vector<int64_t> sizes;
    std::vector<const void*> buffers;
    bool released = false;
  };
  static Owned* owned = nullptr;
  owned = new Owned;
  auto add_view = [](const std::string& value, int32_t index, int32_t offset) {
    uint8_t view[16] = {};
    const auto length = static_cast<int32_t>(value.size());
    std::memcpy(view, &length, 4);
    if (length <= 12) {
      std::memcpy(view + 4, value.data(), value.size());
    } else {
      std::memcpy(view + 4, value.data(), 4);
      std::memcpy(view + 8, &index, 4);
      std::memcpy(view + 12, &offset, 4);
    }
    owned->views.insert(owned->views.end(), view, view + 16);
  };
  add_view("skipped", 0, 0);  // before the offset
  add_view("", 0, 0);         // null
  add_view("short", 0, 0);
  add_view("this one is longer than twelve", 0, 2);
  add_view("another long string value", 1, 0);
  owned->sizes = {static_cast<int64_t>(owned->data0.size()), static_cast<int64_t>(owned->data1.size())};
  owned->validity = {0b11101};
  owned->buffers = {owned->validity.data(), owned->views.data(), owned->data0.data(), owned->data1.data(),
                    owned->sizes.data()};
  ArrowArray array{};
  array.length = 4;
  array.offset = 1;
  array.null_count = 1;
  array.n_buffers = 5;
  array.buffers = owned->buffers.data();
  array.release = [](ArrowArray* a) {
    owned->released = true;
    a->release = nullptr;
  };
  ArrowSchema schema{};
  schema.format = "vu";
  schema.name = "s";
  schema.flags = ARROW_FLAG_NULLABLE;
  schema.release = [](ArrowSchema* s) { s->release = nullptr; };
  {
    Column c = import_column(&array, &schema);
    ASSERT_EQ(c.type_id(), TypeId::String);
    ASSERT_EQ(c.length(), 4);
    EXPECT_TRUE(c.is_null(0));
    EXPECT_EQ(c.string_value(1), "short");
    EXPECT_EQ(c.string_value(2), "this one is longer than twelve");
    EXPECT_EQ(c.string_value(3), "another long string value");
  }
  EXPECT_TRUE(owned->released);
  delete owned;
}

}  // namespace
}  // namespace crv::frame
