#include <crv/frame/json.hpp>
#include <crv/frame/kernels.hpp>
#include <crv/frame/limits.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

namespace crv::frame {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(Json, InferTypes) {
  EXPECT_EQ(infer_type({1, 2})->to_string(), "i64");
  EXPECT_EQ(infer_type({1, 2.5})->to_string(), "f64");
  EXPECT_EQ(infer_type({"a", nullptr})->to_string(), "str");
  EXPECT_EQ(infer_type({true})->to_string(), "bool");
  EXPECT_EQ(infer_type({json::parse(R"({"b":1})"), json::parse(R"({"a":"x","b":2.5})")})->to_string(),
            "struct{b: f64, a: str}");
  EXPECT_EQ(infer_type({json::parse(R"([[1],[2,null]])")})->to_string(), "list[list[i64]]");
  EXPECT_EQ(infer_type({json::parse(R"([{"k":1}])"), json::parse("[]")})->to_string(), "list[struct{k: i64}]");
  EXPECT_THROW(infer_type({1, "a"}), FrameError);
}

TEST(Json, ColumnFromJsonNested) {
  auto type = struct_({{"id", int64()}, {"tags", list(utf8())}, {"w", float64()}});
  std::vector<json> values = {json::parse(R"({"id":1,"tags":["a"],"w":0.5})"), json::parse(R"({"id":2})"), nullptr};
  Column c = column_from_json(values, type);
  EXPECT_EQ(c.null_count(), 1);
  EXPECT_TRUE(c.field("tags").is_null(1));
  EXPECT_EQ(value_to_json(c, 0), values[0]);
  EXPECT_EQ(value_to_json(c, 1), json::parse(R"({"id":2,"tags":null,"w":null})"));
  EXPECT_EQ(value_to_json(c, 2), json());
  EXPECT_THROW(column_from_json({json("x")}, int64()), FrameError);
  EXPECT_THROW(column_from_json({json(1.5)}, int64()), FrameError);
  EXPECT_THROW(column_from_json({json(300)}, int8()), FrameError);
}

TEST(Json, SpecialValuesRoundTrip) {
  Column f = column_from_json({json("NaN"), json("Infinity"), json("-Infinity"), json(1.25)}, float64());
  EXPECT_TRUE(std::isnan(f.value<double>(0)));
  EXPECT_EQ(value_to_json(f, 0), json("NaN"));
  EXPECT_EQ(value_to_json(f, 1), json("Infinity"));
  EXPECT_EQ(value_to_json(f, 2), json("-Infinity"));
  EXPECT_EQ(value_to_json(f, 3), json(1.25));

  const int64_t big = 9007199254740993;  // 2^53 + 1: stays exact as an integer
  Column i = column_from_json({json(big)}, int64());
  EXPECT_EQ(value_to_json(i, 0).get<int64_t>(), big);
  Column u = column_from_json({json(uint64_t{18446744073709551615u})}, uint64());
  EXPECT_EQ(value_to_json(u, 0).get<uint64_t>(), 18446744073709551615u);
}

TEST(Json, TemporalDecimalBinary) {
  Column d = column_from_json({json("2024-02-29"), json("1969-12-31")}, date32());
  EXPECT_EQ(d.value<int32_t>(1), -1);
  EXPECT_EQ(value_to_json(d, 0), json("2024-02-29"));
  EXPECT_THROW(column_from_json({json("2023-02-29")}, date32()), FrameError);

  Column ts = column_from_json({json("2024-01-02T03:04:05.123456Z"), json("1970-01-01T01:00:00+01:00")},
                               timestamp(TimeUnit::Micro, "UTC"));
  EXPECT_EQ(ts.value<int64_t>(1), 0);
  EXPECT_EQ(value_to_json(ts, 0), json("2024-01-02T03:04:05.123456Z"));
  Column naive = column_from_json({json("1969-12-31T23:59:59.5")}, timestamp(TimeUnit::Milli));
  EXPECT_EQ(naive.value<int64_t>(0), -500);
  EXPECT_EQ(value_to_json(naive, 0), json("1969-12-31T23:59:59.500"));

  Column t = column_from_json({json("13:45:00.250")}, time32(TimeUnit::Milli));
  EXPECT_EQ(t.value<int32_t>(0), 49500250);
  EXPECT_EQ(value_to_json(t, 0), json("13:45:00.250"));

  Column dec = column_from_json({json("-12.34"), json("0.05"), json(7)}, decimal128(10, 2));
  EXPECT_EQ(value_to_json(dec, 0), json("-12.34"));
  EXPECT_EQ(value_to_json(dec, 1), json("0.05"));
  EXPECT_EQ(value_to_json(dec, 2), json("7.00"));
  EXPECT_THROW(column_from_json({json("1.234")}, decimal128(10, 2)), FrameError);

  Column bin = column_from_json({json("hi"), json(std::string("\xff\x00", 2))}, binary());
  EXPECT_EQ(value_to_json(bin, 0), json("aGk="));  // binary is base64 always, as in the canonical form
  EXPECT_EQ(value_to_json(bin, 1), json("/wA="));
}

TEST(Json, FrameFromJsonl) {
  std::istringstream in(R"({"tick": 0, "agent": "a", "pos": {"x": 1.5}}
{"tick": 1, "extra": [1, 2]}

{"tick": 2, "agent": null, "pos": {"x": 2}})");
  Frame f = frame_from_jsonl(in);
  EXPECT_EQ(f.names(), (std::vector<std::string>{"tick", "agent", "pos", "extra"}));
  EXPECT_EQ(f.num_rows(), 3);
  EXPECT_EQ(f.column("pos").type()->to_string(), "struct{x: f64}");
  EXPECT_EQ(f.column("extra").type()->to_string(), "list[i64]");
  EXPECT_TRUE(f.column("extra").is_null(0));
  EXPECT_EQ(frame_to_json_rows(f)[1].dump(), R"({"tick":1,"agent":null,"pos":null,"extra":[1,2]})");  // column order

  std::istringstream typed("{\"tick\": 5}\n");
  Frame g = frame_from_jsonl(typed, std::vector<Field>{{"tick", int32(), false}, {"name", utf8()}});
  EXPECT_EQ(g.column("tick").type()->to_string(), "i32");
  EXPECT_TRUE(g.column("name").is_null(0));

  std::istringstream bad("{\"a\": 1}\n[1]\n");
  try {
    frame_from_jsonl(bad);
    FAIL();
  } catch (const FrameError& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos);
  }
}

/// The FrameError message of frame_from_jsonl(text), or "" when it succeeds.
std::string jsonl_error(const std::string& text) {
  std::istringstream in(text);
  try {
    frame_from_jsonl(in);
  } catch (const FrameError& e) {
    return e.what();
  }
  return "";
}

TEST(Json, JsonlNestedTwentyThousandDeepIsAnErrorNamingTheLine) {
  // Parsed, inferred and converted recursively, this line used to overflow the stack.
  const std::string deep = "{\"tick\": 1, \"payload\": " + std::string(20000, '[') + std::string(20000, ']') + "}";
  const std::string message = jsonl_error("{\"tick\": 0}\n" + deep + "\n");
  EXPECT_THAT(message, HasSubstr("JSONL line 2, column 'payload': nested deeper than 64 levels"));
}

TEST(Json, JsonlNestingAtTheLimitIsReadAndOneMoreIsRefused) {
  const auto nested_value = [](int levels) {
    std::string value = "1";
    for (int i = 0; i < levels; ++i) value = (i % 2 == 0 ? "[" + value + "]" : "{\"k\": " + value + "}");
    return value;
  };
  const auto nested = [&](int levels) { return "{\"tick\": 1, \"payload\": " + nested_value(levels) + "}\n"; };
  std::istringstream at_limit(nested(kMaxNestingDepth));
  const Frame f = frame_from_jsonl(at_limit);
  EXPECT_EQ(nesting_depth(*f.column("payload").type()), kMaxNestingDepth);
  EXPECT_EQ(frame_to_json_rows(f)[0]["payload"], nlohmann::ordered_json::parse(nested_value(kMaxNestingDepth)));
  EXPECT_THAT(jsonl_error(nested(kMaxNestingDepth + 1)),
              HasSubstr("JSONL line 1, column 'payload': nested deeper than 64"));
}

TEST(Json, JsonlNumberOutOfRangeNamesTheLineAndTheNumber) {
  const std::string message = jsonl_error("{\"tick\": 0}\n\n{\"tick\": 1, \"w\": 1e400}\n");
  EXPECT_THAT(message, HasSubstr("JSONL line 3, column 'w': invalid JSON at character"));
  EXPECT_THAT(message, HasSubstr("1e400"));
  EXPECT_THAT(message, HasSubstr("64-bit float"));
  EXPECT_THAT(message, Not(HasSubstr("json.exception")));
}

TEST(Json, JsonlDuplicateKeysAreErrorsNamingKeyAndLine) {
  EXPECT_THAT(jsonl_error("{\"tick\": 0}\n{\"tick\": 1, \"tick\": 2}\n"),
              HasSubstr("JSONL line 2: column 'tick' appears twice"));
  EXPECT_THAT(jsonl_error("{\"tick\": 0, \"pos\": {\"x\": 1, \"y\": 2, \"x\": 3}}\n"),
              HasSubstr("JSONL line 1, column 'pos': key 'x' appears twice"));
  // The same key in two sibling objects is fine.
  std::istringstream siblings("{\"legs\": [{\"x\": 1}, {\"x\": 2}], \"pos\": {\"x\": 3}}\n");
  EXPECT_EQ(frame_from_jsonl(siblings).num_rows(), 1);
}

TEST(Json, JsonlErrorsNameTheLineNotTheRow) {
  EXPECT_THAT(jsonl_error("{\"tick\": 0}\n\n{\"tick\": 1, \"a\": }\n"),
              HasSubstr("JSONL line 3, column 'a': invalid JSON at character"));
  // Conversion and inference errors count lines too (the blank line 2 is no row).
  EXPECT_THAT(jsonl_error("{\"x\": 1}\n\n{\"x\": \"a\"}\n"), HasSubstr("JSONL column 'x': line 3: cannot unify"));
  std::istringstream typed("{\"x\": 1}\n\n{\"x\": \"a\"}\n");
  try {
    frame_from_jsonl(typed, std::vector<Field>{{"x", int64()}});
    FAIL();
  } catch (const FrameError& e) {
    EXPECT_THAT(e.what(), HasSubstr("JSONL column 'x': line 3: cannot convert JSON value \"a\" to i64"));
  }
}

}  // namespace
}  // namespace crv::frame
