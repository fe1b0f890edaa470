// read_jsonl (simdjson, in chunks) against the reader it replaced: nlohmann line by line,
// every value kept as JSON, each column inferred or converted at the end. Frames and error
// messages must be the same, for every chunk size (tiny chunks split lines everywhere).

#include <crv/frame/json.hpp>
#include <crv/frame/jsonl_file_reader.hpp>
#include <crv/frame/jsonl_reader.hpp>
#include <crv/frame/kernels.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "frame/json_values.hpp"
#include "frame/jsonl_line.hpp"

namespace crv::frame {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

const std::vector<size_t> kChunkSizes = {1, 2, 3, 7, 64, 1000, std::size_t{16} << 20};

/// frame_from_jsonl as it was before read_jsonl (the oracle).
Frame old_reader(const std::string& text, const std::optional<std::vector<Field>>& schema) {
  std::istringstream input(text);
  std::vector<std::string> names;
  std::vector<std::vector<json>> columns;
  if (schema) {
    for (const Field& f : *schema) names.push_back(f.name);
    columns.resize(names.size());
  }
  std::string line;
  int64_t line_number = 0;
  std::vector<int64_t> lines;
  while (std::getline(input, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const nlohmann::ordered_json parsed = detail::parse_jsonl_line(line, line_number);
    if (!parsed.is_object())
      throw FrameError("JSONL line " + std::to_string(line_number) + ": expected an object, got " + parsed.type_name());
    if (!schema) {
      for (const auto& [key, value] : parsed.items()) {
        if (std::find(names.begin(), names.end(), key) == names.end()) {
          names.push_back(key);
          columns.emplace_back(lines.size(), json());
        }
      }
    }
    for (size_t c = 0; c < names.size(); ++c) {
      auto it = parsed.find(names[c]);
      columns[c].push_back(it == parsed.end() ? json() : json(*it));
    }
    lines.push_back(line_number);
  }
  std::vector<Field> fields;
  std::vector<Column> out;
  for (size_t c = 0; c < names.size(); ++c) {
    try {
      Field field = schema ? (*schema)[c] : Field{names[c], detail::infer_json_lines_type(columns[c], lines), true};
      out.push_back(detail::column_from_json_lines(columns[c], field.type, lines));
      fields.push_back(std::move(field));
    } catch (const FrameError& e) {
      throw FrameError("JSONL column '" + names[c] + "': " + e.what());
    }
  }
  return Frame::make(std::move(fields), std::move(out));
}

Frame new_reader(const std::string& text, const JsonlSchema& schema, size_t chunk) {
  std::istringstream input(text);
  JsonlReadOptions options;
  options.chunk_bytes = chunk;
  return read_jsonl(input, schema, options);
}

/// The message of `read`, or "" when it succeeds.
template <class Read>
std::string error_of(Read read) {
  try {
    read();
  } catch (const FrameError& e) {
    return e.what();
  }
  return "";
}

void expect_same_frames(const std::string& text, const std::optional<std::vector<Field>>& schema = std::nullopt) {
  const Frame expected = old_reader(text, schema);
  const JsonlSchema mode = schema ? JsonlSchema{*schema, JsonlSchema::Mode::Exact} : JsonlSchema{};
  for (const size_t chunk : kChunkSizes) {
    const Frame got = new_reader(text, mode, chunk);
    EXPECT_TRUE(equals(got, expected)) << "chunk " << chunk << "\nexpected\n"
                                       << expected.to_string() << "\ngot\n"
                                       << got.to_string();
  }
}

void expect_same_error(const std::string& text, const std::optional<std::vector<Field>>& schema = std::nullopt) {
  const std::string expected = error_of([&] { old_reader(text, schema); });
  ASSERT_NE(expected, "") << text.substr(0, 200);
  const JsonlSchema mode = schema ? JsonlSchema{*schema, JsonlSchema::Mode::Exact} : JsonlSchema{};
  for (const size_t chunk : kChunkSizes) {
    EXPECT_EQ(error_of([&] { new_reader(text, mode, chunk); }), expected) << "chunk " << chunk;
  }
}

TEST(JsonlReader, FlatValuesNullsMissingAndLateKeys) {
  expect_same_frames(
      "{\"tick\":0,\"w\":0.5,\"name\":\"a\",\"ok\":true}\n"
      "{\"w\":1,\"tick\":1,\"name\":null}\n"
      "\n"
      "   \t\r\n"
      "{\"tick\":2,\"late\":\"x\",\"ok\":false}\r\n"
      "{}\n"
      "{\"tick\":-0,\"w\":-0.0,\"big\":9223372036854775807,\"neg\":-9223372036854775808}\n"
      "{\"tick\":3,\"w\":1e308,\"big\":-1}");  // no newline at the end
}

TEST(JsonlReader, NestedStructsListsAndListsOfStructs) {
  expect_same_frames(R"({"tick":0,"p":{"b":1,"a":"x"},"l":[1,2],"ls":[{"k":1},{"k":null,"j":[true]}]})"
                     "\n"
                     R"({"tick":1,"p":{"c":{"d":[[1.5],[]]}},"l":null,"ls":[]})"
                     "\n"
                     R"({"tick":2,"p":null,"l":[],"ls":null,"deep":[[[[{"x":[{"y":1}]}]]]]})"
                     "\n");
}

TEST(JsonlReader, UnicodeEscapesAndLongLines) {
  const std::string long_text(100000, 'z');
  expect_same_frames(
      "{\"s\":\"caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80\",\"k\\u00e9y\":1}\n"
      R"({"s":"\n\t\"\\\/\b\f\r \u0000 \u00e9 \ud83d\ude00","k\u00e9y":2})"
      "\n"
      "{\"s\":\"" +
      long_text + "\",\"k\\u00e9y\":3}\n" + "{\"s\":\"" + long_text + "\\u00e9\"}\n");
}

TEST(JsonlReader, IntegersBeyond64BitsReadAsFloatsAsNlohmannReadsThem) {
  // simdjson refuses them; the line is read by nlohmann's parser instead.
  expect_same_frames(
      "{\"x\":1.5,\"y\":\"a\"}\n"
      "{\"x\":123456789012345678901234567890,\"y\":\"b\"}\n"
      "{\"x\":2,\"y\":\"c\"}\n");
}

TEST(JsonlReader, ExactSchemaConvertsIgnoresOtherKeysAndFillsMissingOnes) {
  const std::vector<Field> schema = {{"tick", int64(), false}, {"w", float64()},    {"name", utf8()},
                                     {"small", int32()},       {"l", list(utf8())}, {"never", int64()}};
  expect_same_frames(
      "{\"tick\":0,\"w\":1,\"name\":\"a\",\"small\":7,\"l\":[\"p\"],\"other\":{\"z\":1}}\n"
      "{\"tick\":1.0,\"w\":\"NaN\",\"small\":null,\"other\":2}\n"
      "{\"tick\":9223372036854775807,\"w\":\"-Infinity\",\"name\":null,\"l\":[]}\n",
      schema);
  expect_same_error("{\"tick\":1.5}\n", schema);
  expect_same_error("{\"tick\":1}\n{\"tick\":\"x\"}\n", schema);
  expect_same_error("{\"small\":1}\n{\"small\":3000000000}\n", schema);
  expect_same_error("{\"name\":1}\n", schema);
  expect_same_error("{\"tick\":18446744073709551615}\n", schema);
  expect_same_error("{\"other\":1,\"other\":2}\n", schema);  // checked though not kept
}

TEST(JsonlReader, ErrorsNameTheLineAsBefore) {
  const std::string ok = "{\"tick\":0,\"w\":0.5}\n";
  expect_same_error(ok + "{\"tick\":1,\n");                                                 // malformed
  expect_same_error(ok + "{\"tick\":1,\"w\":1e400}\n");                                     // beyond a double
  expect_same_error(ok + "{\"tick\":1,\"tick\":2}\n");                                      // a column twice
  expect_same_error(ok + "{\"tick\":1,\"p\":{\"a\":1,\"a\":2}}\n");                         // a nested key twice
  expect_same_error(ok + "[1,2]\n");                                                        // not an object
  expect_same_error(ok + "{\"tick\":1} trailing\n");                                        // after the object
  expect_same_error(ok + "{\"s\":\"\xff\"}\n");                                             // not UTF-8
  expect_same_error(ok + "{\"s\":\"\\ud800\"}\n");                                          // a lone surrogate
  expect_same_error(ok + "{\"tick\":\"x\"}\n");                                             // does not unify
  expect_same_error(ok + "{\"tick\":18446744073709551615}\n");                              // beyond i64
  expect_same_error(ok + "{\"w\":{\"a\":1}}\n{\"w\":[1]}\n");                               // object then array
  expect_same_error(ok + "{\"x\":" + std::string(65, '[') + std::string(65, ']') + "}\n");  // too deep
  expect_same_error(ok + "{\"x\":" + std::string(20000, '[') + std::string(20000, ']') + "}\n");
}

TEST(JsonlReader, NestingUpToTheLimitIsRead) {
  expect_same_frames("{\"x\":" + std::string(64, '[') + std::string(64, ']') + "}\n");
}

TEST(JsonlReader, ErrorLinesCountBlankLines) {
  EXPECT_THAT(error_of([] { new_reader("{\"a\":1}\n\n\n{\"a\":\n", {}, 2); }), HasSubstr("JSONL line 4"));
}

TEST(JsonlReader, HintsBuildTheirTypesAndFallBackToInference) {
  const JsonlSchema hints{{{"tick", int64()}, {"w", float64()}, {"s", utf8()}}, JsonlSchema::Mode::Infer};
  const Frame typed = new_reader("{\"tick\":1,\"w\":2,\"s\":\"a\"}\n{\"tick\":2,\"w\":0.5,\"s\":null}\n", hints, 5);
  EXPECT_EQ(typed.schema()[0].type->to_string(), "i64");
  EXPECT_EQ(typed.schema()[1].type->to_string(), "f64");
  EXPECT_EQ(typed.schema()[2].type->to_string(), "str");
  EXPECT_EQ(typed.column("tick").value<int64_t>(1), 2);
  // 2.0 in an int64 column: inference makes it f64 (validation then casts it), as before.
  EXPECT_EQ(new_reader("{\"tick\":1}\n{\"tick\":2.0}\n", hints, 5).schema()[0].type->to_string(), "f64");
  // A value the hint's cast would refuse: the column is inferred, as without the hint.
  for (const std::string text : {"{\"tick\":1}\n{\"tick\":2.5}\n", "{\"tick\":1}\n{\"tick\":\"x\"}\n",
                                 "{\"w\":1}\n{\"w\":9007199254740993}\n", "{\"s\":1}\n", "{\"tick\":true}\n"}) {
    const std::string expected = error_of([&] { old_reader(text, std::nullopt); });
    if (!expected.empty()) {
      EXPECT_EQ(error_of([&] { new_reader(text, hints, 3); }), expected) << text;
      continue;
    }
    EXPECT_TRUE(equals(new_reader(text, hints, 3), old_reader(text, std::nullopt))) << text;
  }
}

TEST(JsonlReader, ReportsProgressUpToTheWholeInput) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "{\"tick\":" + std::to_string(i) + "}\n";
  std::istringstream input(text);
  std::vector<uint64_t> seen;
  JsonlReadOptions options;
  options.chunk_bytes = 1000;
  options.total_bytes = text.size();
  options.on_progress = [&](uint64_t consumed, uint64_t total) {
    EXPECT_EQ(total, text.size());
    seen.push_back(consumed);
  };
  EXPECT_EQ(read_jsonl(input, {}, options).num_rows(), 1000);
  ASSERT_GT(seen.size(), 5u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(seen.back(), text.size());
}

/// read_jsonl_file (two halves on two threads) of `text` against read_jsonl of it: the same
/// frame, or the same message.
void expect_file_read_as_sequential(const std::string& text, const JsonlSchema& schema = {}) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("crv_jsonl_file_" + std::to_string(::getpid()) + ".jsonl");
  std::ofstream(path, std::ios::binary) << text;
  const std::string expected_error = error_of([&] { new_reader(text, schema, 1 << 20); });
  if (!expected_error.empty()) {
    EXPECT_EQ(error_of([&] { read_jsonl_file(path, schema); }), expected_error);
  } else {
    EXPECT_TRUE(equals(read_jsonl_file(path, schema), new_reader(text, schema, 1 << 20)));
  }
  std::filesystem::remove(path);
}

TEST(JsonlReader, AFileReadInTwoHalvesIsReadAsInOne) {
  std::string rows;
  for (int i = 0; i < 40000; ++i)
    rows += "{\"tick\":" + std::to_string(i) + ",\"w\":" + std::to_string(i % 7) + ".5,\"s\":\"agent_" +
            std::to_string(i % 13) + "\"}\n";
  ASSERT_GT(rows.size(), size_t{1} << 20);
  const JsonlSchema hints{{{"tick", int64()}, {"w", float64()}}, JsonlSchema::Mode::Infer};
  expect_file_read_as_sequential(rows);
  expect_file_read_as_sequential(rows, hints);
  expect_file_read_as_sequential(rows + "{\"tick\":1,\"late\":[1,2]}\n");               // a key of the second half
  expect_file_read_as_sequential("{\"early\":\"x\"}\n" + rows);                         // a key of the first half
  expect_file_read_as_sequential(rows + "{\"s\":1}\n");                                 // kinds differ: unify error
  expect_file_read_as_sequential(rows + "{\"tick\":0.5}\n", hints);                     // types differ
  expect_file_read_as_sequential(rows + "{\"tick\":\n");                                // a line error, its number
  expect_file_read_as_sequential("{\"tick\":1,\"tick\":2}\n" + rows + "{\"tick\":\n");  // the first error
}

}  // namespace
}  // namespace crv::frame
