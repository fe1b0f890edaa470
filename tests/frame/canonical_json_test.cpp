// The canonical JSON writer against golden strings of the interop contract
// (tests/interop/README.md, "Canonical row form"), type by type.
#include <crv/frame/canonical_json.hpp>
#include <crv/frame/json.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>

namespace crv::frame {
namespace {

using nlohmann::json;

// The canonical text of every row of a one-column frame, one per entry.
std::vector<std::string> texts(const Column& column, const JsonFieldHints& hints = {}) {
  std::vector<std::string> out;
  for (int64_t row = 0; row < column.length(); ++row) {
    std::string text;
    append_canonical_value(text, column, row, hints);
    out.push_back(text);
  }
  return out;
}

using Texts = std::vector<std::string>;

TEST(CanonicalJson, Float64ShortestInEcmaScriptLayout) {
  const double inf = std::numeric_limits<double>::infinity();
  const Column c = Column::from<double>({0.1, 123.45, 3.0, -2.5, 1e20, 1e21, 0.000001, 1e-7, 1.5e-7, 0.000123, 5e-324,
                                         -0.0, 0.0, std::numeric_limits<double>::max(), std::nan(""), inf, -inf,
                                         9007199254740993.0, std::nullopt});
  EXPECT_EQ(texts(c), (Texts{"0.1", "123.45", "3", "-2.5", "100000000000000000000", "1e+21", "0.000001", "1e-7",
                             "1.5e-7", "0.000123", "5e-324", "-0", "0", "1.7976931348623157e+308", "\"NaN\"",
                             "\"Infinity\"", "\"-Infinity\"", "9007199254740992", "null"}));
}

TEST(CanonicalJson, Float32ShortestAsFloat) {
  const float inf = std::numeric_limits<float>::infinity();
  const Column c =
      Column::from<float>({0.1f, 1.0f / 3.0f, 16777216.0f, std::numeric_limits<float>::max(),
                           std::numeric_limits<float>::denorm_min(), -0.0f, 1e21f, 2.5e-7f, std::nanf(""), -inf});
  EXPECT_EQ(texts(c), (Texts{"0.1", "0.33333334", "16777216", "3.4028235e+38", "1e-45", "-0", "1e+21", "2.5e-7",
                             "\"NaN\"", "\"-Infinity\""}));
}

TEST(CanonicalJson, IntegersExact) {
  EXPECT_EQ(texts(Column::from<int8_t>({-128, 127, std::nullopt})), (Texts{"-128", "127", "null"}));
  EXPECT_EQ(texts(Column::from<int16_t>({-32768, 32767})), (Texts{"-32768", "32767"}));
  EXPECT_EQ(texts(Column::from<int32_t>({std::numeric_limits<int32_t>::min(), 0})), (Texts{"-2147483648", "0"}));
  EXPECT_EQ(texts(Column::from<int64_t>({std::numeric_limits<int64_t>::min(), 9007199254740993})),
            (Texts{"-9223372036854775808", "9007199254740993"}));
  EXPECT_EQ(texts(Column::from<uint8_t>({255})), (Texts{"255"}));
  EXPECT_EQ(texts(Column::from<uint16_t>({65535})), (Texts{"65535"}));
  EXPECT_EQ(texts(Column::from<uint32_t>({4294967295u})), (Texts{"4294967295"}));
  EXPECT_EQ(texts(Column::from<uint64_t>({18446744073709551615u})), (Texts{"18446744073709551615"}));
}

TEST(CanonicalJson, BoolAndStrings) {
  EXPECT_EQ(texts(Column::from<bool>({true, false, std::nullopt})), (Texts{"true", "false", "null"}));
  const Column s = Column::from<std::string>({std::string("a\"b\\c\n\r\t\b\f\x01\x1f\x7f"), "", "日本語 🚀", "\xff",
                                              "x\xe6\x97", "\xed\xa0\x80", "\xc0\xaf", std::string("nul\0!", 5)});
  EXPECT_EQ(texts(s),
            (Texts{R"("a\"b\\c\n\r\t\b\f\u0001\u001f)"
                   "\x7f\"",
                   R"("")", "\"日本語 🚀\"", "\"\xEF\xBF\xBD\"", "\"x\xEF\xBF\xBD\"",
                   "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"", R"("nul\u0000!")"}));
}

TEST(CanonicalJson, LongAsciiRunsAroundEscapesAndMultibyte) {
  // Runs of plain ASCII are copied whole; each run must stop at the byte that needs care.
  const std::string plain(300, 'p');
  std::string out;
  append_json_string(out, plain + "\"" + plain + "\xc3\xa9" + plain + "\n" + plain + "\xff" + plain);
  EXPECT_EQ(out, "\"" + plain + "\\\"" + plain + "\xc3\xa9" + plain + "\\n" + plain + "\xEF\xBF\xBD" + plain + "\"");
}

TEST(CanonicalJson, BinaryBase64AndUuid) {
  const Column b = column_from_json(
      {json(""), json("hi"), json("abc"), json(std::string("\xff\x00", 2)), json("日"), nullptr}, binary());
  EXPECT_EQ(texts(b), (Texts{R"("")", R"("aGk=")", R"("YWJj")", R"("/wA=")", R"("5pel")", "null"}));

  const std::string bytes("\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff", 16);
  const Column u = column_from_json({json(bytes)}, fixed_size_binary(16));
  EXPECT_EQ(texts(u), (Texts{R"("ABEiM0RVZneImaq7zN3u/w==")"}));
  EXPECT_EQ(texts(u, JsonFieldHints{true, {}}), (Texts{R"("00112233-4455-6677-8899-aabbccddeeff")"}));
}

TEST(CanonicalJson, Temporal) {
  const Column d =
      column_from_json({json(0), json(-1), json(19782), json(-719893), json(2932897), json(2932896)}, date32());
  EXPECT_EQ(texts(d), (Texts{R"("1970-01-01")", R"("1969-12-31")", R"("2024-02-29")", R"("-000001-01-01")",
                             R"("+010000-01-01")", R"("9999-12-31")"}));

  EXPECT_EQ(texts(column_from_json({json(3661)}, time32(TimeUnit::Second))), (Texts{R"("01:01:01")"}));
  EXPECT_EQ(texts(column_from_json({json(49500250), json(0)}, time32(TimeUnit::Milli))),
            (Texts{R"("13:45:00.250")", R"("00:00:00.000")"}));
  EXPECT_EQ(texts(column_from_json({json(1)}, time64(TimeUnit::Micro))), (Texts{R"("00:00:00.000001")"}));
  EXPECT_EQ(texts(column_from_json({json(86399999999999)}, time64(TimeUnit::Nano))),
            (Texts{R"("23:59:59.999999999")"}));

  EXPECT_EQ(texts(column_from_json({json(0)}, timestamp(TimeUnit::Second))), (Texts{R"("1970-01-01T00:00:00")"}));
  EXPECT_EQ(texts(column_from_json({json(-500)}, timestamp(TimeUnit::Milli, "UTC"))),
            (Texts{R"("1969-12-31T23:59:59.500Z")"}));
  EXPECT_EQ(texts(column_from_json({json(1704164645123456)}, timestamp(TimeUnit::Micro))),
            (Texts{R"("2024-01-02T03:04:05.123456")"}));
  EXPECT_EQ(texts(column_from_json({json(-1)}, timestamp(TimeUnit::Nano, "Europe/Paris"))),
            (Texts{R"("1969-12-31T23:59:59.999999999Z")"}));
}

TEST(CanonicalJson, DecimalsExact) {
  EXPECT_EQ(texts(column_from_json({json("-0.005"), json("12.3"), json("0")}, decimal128(9, 3))),
            (Texts{R"("-0.005")", R"("12.300")", R"("0.000")"}));
  EXPECT_EQ(texts(column_from_json({json("7"), json("-42")}, decimal128(5, 0))), (Texts{R"("7")", R"("-42")"}));
  EXPECT_EQ(texts(column_from_json({json("-9999999999999999999999999999.9999999999")}, decimal128(38, 10))),
            (Texts{R"("-9999999999999999999999999999.9999999999")"}));
}

TEST(CanonicalJson, StructKeysInFieldOrderAndLists) {
  const auto type = struct_({{"z", int32()},
                             {"a\"b", utf8()},
                             {"tags", list(utf8())},
                             {"inner", struct_({{"y", float32()}, {"b", boolean()}})}});
  const Column c = column_from_json({json::parse(R"({"z":1,"a\"b":"x","tags":["p",null],"inner":{"y":0.1,"b":true}})"),
                                     json::parse(R"({"z":null,"tags":[],"inner":null})"), nullptr},
                                    type);
  EXPECT_EQ(texts(c), (Texts{R"({"z":1,"a\"b":"x","tags":["p",null],"inner":{"y":0.1,"b":true}})",
                             R"({"z":null,"a\"b":null,"tags":[],"inner":null})", "null"}));

  const Column lists =
      column_from_json({json::parse(R"([[1],[],null,[2,3]])"), json::parse("[]"), nullptr}, list(list(int64())));
  EXPECT_EQ(texts(lists), (Texts{"[[1],[],null,[2,3]]", "[]", "null"}));

  // A slice of a struct column: its fields are read at the slice's offset.
  EXPECT_EQ(texts(c.slice(1, 1)), (Texts{R"({"z":null,"a\"b":null,"tags":[],"inner":null})"}));
}

TEST(CanonicalJson, UuidHintsReachNestedFields) {
  const std::string bytes(16, '\x01');
  const auto type = struct_({{"id", fixed_size_binary(16)}, {"ids", list(fixed_size_binary(16))}});
  const Column c = column_from_json({json{{"id", bytes}, {"ids", json::array({bytes})}}}, type);
  const JsonFieldHints hints{false, {JsonFieldHints{true, {}}, JsonFieldHints{false, {JsonFieldHints{true, {}}}}}};
  EXPECT_EQ(texts(c, hints),
            (Texts{R"({"id":"01010101-0101-0101-0101-010101010101","ids":["01010101-0101-0101-0101-010101010101"]})"}));
}

Frame sample_frame() {
  return Frame::make({{"b", int64()}, {"a", list(float64())}, {"s", utf8()}},
                     {Column::from<int64_t>({1, std::nullopt, 3}),
                      column_from_json({json::parse("[1.5,null]"), nullptr, json::parse("[1e21]")}, list(float64())),
                      Column::from<std::string>({"x", "y", std::nullopt})});
}

TEST(CanonicalJson, RowsAsJsonLines) {
  const Frame frame = sample_frame();
  const std::string expected =
      "{\"b\":1,\"a\":[1.5,null],\"s\":\"x\"}\n"
      "{\"b\":null,\"a\":null,\"s\":\"y\"}\n"
      "{\"b\":3,\"a\":[1e+21],\"s\":null}\n";
  std::string text = "prefix\n";
  append_canonical_jsonl(text, frame);
  EXPECT_EQ(text, "prefix\n" + expected);

  std::ostringstream stream;
  write_canonical_jsonl(stream, frame);
  EXPECT_EQ(stream.str(), expected);

  const CanonicalJsonWriter writer(frame);
  std::string row;
  writer.append_row(row, 1);
  EXPECT_EQ(row, "{\"b\":null,\"a\":null,\"s\":\"y\"}\n");
  std::string value;
  writer.append_value(value, 1, 2);
  EXPECT_EQ(value, "[1e+21]");

  std::string sliced;
  append_canonical_jsonl(sliced, frame.slice(2, 1));
  EXPECT_EQ(sliced, "{\"b\":3,\"a\":[1e+21],\"s\":null}\n");
}

TEST(CanonicalJson, WritesLargeFramesInChunks) {
  std::vector<std::optional<int64_t>> values;
  for (int64_t i = 0; i < 20000; ++i) values.push_back(i);
  const Frame frame = Frame::make({{"i", int64()}}, {Column::from<int64_t>(values)});
  std::ostringstream stream;
  write_canonical_jsonl(stream, frame);
  std::string expected;
  append_canonical_jsonl(expected, frame);
  EXPECT_EQ(stream.str(), expected);
  EXPECT_EQ(expected.substr(0, 16), "{\"i\":0}\n{\"i\":1}\n");
}

// value_to_json gives the same values as the canonical text (only dump()'s number layout
// differs): struct keys in field order, binary as base64, f32 from the float.
TEST(CanonicalJson, ValueToJsonAgreesWithCanonicalText) {
  const auto type =
      struct_({{"z", float32()}, {"a", binary()}, {"m", list(struct_({{"key", utf8()}, {"value", uint64()}}))}});
  const Column c =
      column_from_json({json::parse(R"({"z":0.1,"a":"hi","m":[{"key":"k","value":18446744073709551615}]})"),
                        json::parse(R"({"z":"NaN","a":null,"m":[]})"), nullptr},
                       type);
  for (int64_t row = 0; row < c.length(); ++row) {
    std::string text;
    append_canonical_value(text, c, row);
    EXPECT_EQ(nlohmann::ordered_json::parse(text), value_to_json(c, row)) << text;
  }
  EXPECT_EQ(value_to_json(c, 0).dump(), R"({"z":0.1,"a":"aGk=","m":[{"key":"k","value":18446744073709551615}]})");
  EXPECT_EQ(value_to_json(Column::from<float>({0.1f}), 0).dump(), "0.1");
}

}  // namespace
}  // namespace crv::frame
