#include <crv/frame/arrow_c_stream.hpp>
#include <crv/frame/json.hpp>

#include <gtest/gtest.h>

#include <cerrno>
#include <string>
#include <vector>

namespace crv::frame {
namespace {

using nlohmann::json;

Frame batch_of(std::vector<int64_t> ticks) {
  std::vector<std::optional<std::string>> names;
  for (int64_t t : ticks)
    names.push_back(t % 2 == 0 ? std::optional<std::string>("a" + std::to_string(t)) : std::nullopt);
  return Frame{{"tick", Column::from<int64_t>(ticks)}, {"name", Column::from<std::string>(names)}};
}

TEST(ArrowCStream, ExportedBatchesImportBackInOrder) {
  std::vector<Frame> batches{batch_of({0, 1}), batch_of({2}), batch_of({3, 4, 5})};
  size_t next = 0;
  ArrowArrayStream stream;
  export_stream(
      batches[0].schema(),
      [&]() -> std::optional<Frame> {
        if (next == batches.size()) return std::nullopt;
        return batches[next++];
      },
      &stream);

  ArrowSchema schema;
  ASSERT_EQ(stream.get_schema(&stream, &schema), 0);
  EXPECT_STREQ(schema.format, "+s");
  ASSERT_EQ(schema.n_children, 2);
  EXPECT_STREQ(schema.children[0]->name, "tick");
  EXPECT_STREQ(schema.children[1]->format, "u");
  schema.release(&schema);

  ArrowStreamReader reader(&stream);
  EXPECT_EQ(stream.release, nullptr);  // moved into the reader
  ASSERT_EQ(reader.schema().size(), 2u);
  std::vector<Frame> back;
  while (auto batch = reader.next()) back.push_back(*batch);
  ASSERT_EQ(back.size(), 3u);
  for (size_t i = 0; i < back.size(); ++i) EXPECT_TRUE(back[i].equals(batches[i])) << i;
  EXPECT_FALSE(reader.next().has_value());  // the end stays the end
}

TEST(ArrowCStream, ImportStreamConcatenatesAndAnEmptyStreamHasTheSchema) {
  ArrowArrayStream stream;
  std::vector<Frame> batches{batch_of({0, 1}), batch_of({2, 3})};
  size_t next = 0;
  export_stream(
      batches[0].schema(),
      [&]() -> std::optional<Frame> {
        if (next == batches.size()) return std::nullopt;
        return batches[next++];
      },
      &stream);
  Frame all = import_stream(&stream);
  EXPECT_TRUE(all.equals(batch_of({0, 1, 2, 3})));

  export_frame_stream(batch_of({}), &stream);
  Frame empty = import_stream(&stream);
  EXPECT_EQ(empty.num_rows(), 0);
  EXPECT_EQ(empty.names(), (std::vector<std::string>{"tick", "name"}));
  EXPECT_EQ(empty.schema()[0].type->id(), TypeId::Int64);
}

TEST(ArrowCStream, AnErrorMidWayReachesTheConsumerWithItsMessage) {
  ArrowArrayStream stream;
  int calls = 0;
  export_stream(
      batch_of({0}).schema(),
      [&]() -> std::optional<Frame> {
        if (calls++ == 0) return batch_of({0});
        throw FrameError("disk on fire");
      },
      &stream);
  ArrowArray array;
  ASSERT_EQ(stream.get_next(&stream, &array), 0);
  ASSERT_NE(array.release, nullptr);
  array.release(&array);
  EXPECT_EQ(stream.get_next(&stream, &array), EIO);
  EXPECT_STREQ(stream.get_last_error(&stream), "disk on fire");
  EXPECT_EQ(stream.get_next(&stream, &array), EIO);  // stays failed
  EXPECT_EQ(calls, 2);
  stream.release(&stream);
  EXPECT_EQ(stream.release, nullptr);

  calls = 0;
  export_stream(
      batch_of({0}).schema(),
      [&]() -> std::optional<Frame> {
        if (calls++ == 0) return batch_of({0});
        throw FrameError("disk on fire");
      },
      &stream);
  try {
    import_stream(&stream);
    FAIL() << "no error";
  } catch (const FrameError& error) {
    EXPECT_NE(std::string(error.what()).find("disk on fire"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("batch 1"), std::string::npos) << error.what();
  }
}

TEST(ArrowCStream, ABatchOfAnotherSchemaIsAnError) {
  ArrowArrayStream stream;
  export_stream(
      batch_of({0}).schema(),
      [] {
        return std::optional<Frame>(Frame{{"tick", Column::from<double>({1.0})}});
      },
      &stream);
  ArrowArray array;
  EXPECT_EQ(stream.get_next(&stream, &array), EINVAL);
  EXPECT_NE(std::string(stream.get_last_error(&stream)).find("1 columns"), std::string::npos);
  stream.release(&stream);
}

TEST(ArrowCStream, NestedColumnsTravel) {
  Column nested = column_from_json({json::parse(R"([{"a": 1}, {"a": null}])"), nullptr, json::array()},
                                   list(struct_({Field{"a", int64()}})));
  Frame f{{"tick", Column::from<int64_t>({1, 2, 3})}, {"pairs", nested}};
  ArrowArrayStream stream;
  export_frame_stream(f, &stream);
  EXPECT_TRUE(import_stream(&stream).equals(f));
}

TEST(ArrowCStream, ReleasingTheReaderReleasesTheStreamOnce) {
  int releases = 0;
  struct Counted {
    int* releases;
    ~Counted() { ++*releases; }
  };
  auto counted = std::make_shared<Counted>(&releases);
  ArrowArrayStream stream;
  export_stream(
      batch_of({0}).schema(), [counted]() -> std::optional<Frame> { return std::nullopt; }, &stream);
  counted.reset();
  {
    ArrowStreamReader reader(&stream);
    EXPECT_EQ(releases, 0);
  }
  EXPECT_EQ(releases, 1);
  EXPECT_THROW(ArrowStreamReader{&stream}, FrameError);  // already moved
}

}  // namespace
}  // namespace crv::frame
