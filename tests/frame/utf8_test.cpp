// UTF-8 validation (crv/frame/utf8.hpp): the DFA against a plain reference decoder on the
// edge cases of RFC 3629 and on random bytes around its 16- and 64-byte blocks, and the
// search for the first row of a column (nested ones too) whose value is not UTF-8.

#include <crv/frame/column.hpp>
#include <crv/frame/utf8.hpp>

#include <gtest/gtest.h>

#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace crv::frame {
namespace {

/// The reference: decode each sequence and check its range (Unicode table 3-7).
bool reference_valid(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = 0;
  while (i < text.size()) {
    const unsigned c = s[i];
    size_t n = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= text.size()) return false;  // cut short
    for (size_t k = 1; k <= n; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

TEST(Utf8, EdgeCases) {
  const std::vector<std::pair<std::string, bool>> cases{
      {"", true},
      {"plain ascii", true},
      {"h\xC3\xA9llo", true},              // é
      {"\xE6\x97\xA5\xE6\x9C\xAC", true},  // 日本
      {"\xF0\x9F\x98\x80", true},          // 😀
      {"\xF4\x8F\xBF\xBF", true},          // U+10FFFF
      {"\xED\x9F\xBF", true},              // U+D7FF, before the surrogates
      {"\xEE\x80\x80", true},              // U+E000, after them
      {"\xC0\xAF", false},                 // overlong '/'
      {"\xC1\xBF", false},                 // overlong
      {"\xE0\x80\xAF", false},             // overlong 3-byte
      {"\xF0\x8F\xBF\xBF", false},         // overlong 4-byte
      {"\xED\xA0\x80", false},             // surrogate U+D800
      {"\xF4\x90\x80\x80", false},         // U+110000
      {"\xF5\x80\x80\x80", false},
      {"\xE6\x97", false},   // cut short at the end
      {"\xE6\x97x", false},  // cut short by ASCII
      {"\x80", false},       // lone continuation
      {"\xFF", false},
      {"abc\xC3", false},
  };
  for (const auto& [text, valid] : cases) {
    EXPECT_EQ(is_valid_utf8(text), valid) << testing::PrintToString(text);
    EXPECT_EQ(reference_valid(text), valid) << "the reference on " << testing::PrintToString(text);
    EXPECT_EQ(first_invalid_utf8_byte(text).has_value(), !valid) << testing::PrintToString(text);
  }
  EXPECT_EQ(first_invalid_utf8_byte("ab\xC3\xA9\xE0\x80z"), 4u);  // the sequence starting at byte 4
  EXPECT_EQ(first_invalid_utf8_byte("ab\xE6\x97"), 4u);           // cut short: the end
}

TEST(Utf8, AgreesWithTheReferenceOnRandomText) {
  std::mt19937 rng(13);
  const std::vector<std::string> pieces{"a",
                                        "bcdefghijklmnop",
                                        "\xC3\xA9",
                                        "\xE6\x97\xA5",
                                        "\xF0\x9F\x98\x80",
                                        "\xED\xA0\x80",
                                        "\xC0\xAF",
                                        "\x80",
                                        "\xE6",
                                        "\xF4\x90\x80\x80",
                                        std::string(40, 'x')};
  for (int trial = 0; trial < 20000; ++trial) {
    std::string text;
    const int count = static_cast<int>(rng() % 12);
    for (int i = 0; i < count; ++i) {
      // Mostly valid pieces, so that the error falls anywhere in and between the blocks.
      const size_t pick = rng() % 100 < 90 ? rng() % 5 : rng() % pieces.size();
      text += pieces[pick];
      if (rng() % 4 == 0) text += std::string(rng() % 70, 'q');
    }
    if (rng() % 3 == 0) text.push_back(static_cast<char>(rng() % 256));
    ASSERT_EQ(is_valid_utf8(text), reference_valid(text)) << testing::PrintToString(text);
  }
}

/// A utf8 column from raw bytes, with `null` rows whose bytes stay in the data buffer.
Column raw_strings(const std::vector<std::string>& values, const std::vector<bool>& valid = {}, TypePtr type = utf8()) {
  ArrayData data;
  data.type = std::move(type);
  data.length = static_cast<int64_t>(values.size());
  std::string bytes;
  std::vector<int32_t> offsets{0};
  for (const std::string& v : values) {
    bytes += v;
    offsets.push_back(static_cast<int32_t>(bytes.size()));
  }
  data.values = Buffer::copy_of(offsets.data(), static_cast<int64_t>(offsets.size() * sizeof(int32_t)));
  data.data = Buffer::copy_of(bytes.data(), static_cast<int64_t>(bytes.size()));
  if (!valid.empty()) {
    data.validity = Buffer::allocate(static_cast<int64_t>((values.size() + 7) / 8), true);
    for (size_t i = 0; i < valid.size(); ++i) {
      if (valid[i])
        data.validity->mutable_data()[i / 8] |= static_cast<uint8_t>(1u << (i % 8));
      else
        ++data.null_count;
    }
  }
  return Column::make(std::move(data));
}

TEST(Utf8, FindsTheFirstBadRowOfAStringColumn) {
  EXPECT_FALSE(find_invalid_utf8(raw_strings({"a", "h\xC3\xA9", "", "\xF0\x9F\x98\x80"})).has_value());
  const auto bad = find_invalid_utf8(raw_strings({"a", "b", "c\xFF", "\xFF"}));
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->row, 2);
  EXPECT_EQ(bad->path, "");
  // Each value valid on its own is not enough: "a\xC3" + "\xA9b" is valid only joined.
  const auto split = find_invalid_utf8(raw_strings({"a\xC3", "\xA9z"}));
  ASSERT_TRUE(split.has_value());
  EXPECT_EQ(split->row, 0);
  // Bytes under a null are not stored, so not looked at.
  EXPECT_FALSE(find_invalid_utf8(raw_strings({"a", "\xFF", "b"}, {true, false, true})).has_value());
  EXPECT_EQ(find_invalid_utf8(raw_strings({"a", "\xFF", "\xFE"}, {true, false, true}))->row, 2);
  // A slice is searched in its own rows.
  EXPECT_EQ(find_invalid_utf8(raw_strings({"\xFF", "a", "b", "\xFF"}).slice(1, 3))->row, 2);
  // Binary columns hold any bytes.
  EXPECT_FALSE(find_invalid_utf8(raw_strings({"\xFF"}, {}, binary())).has_value());
}

TEST(Utf8, FindsBadValuesInStructsAndListsByTheirRow) {
  const Column notes = raw_strings({"a", "b", "\xFF", "d"});
  const Column structs = Column::struct_of({{"n", Column::from<int64_t>({1, 2, 3, 4})}, {"note", notes}});
  const auto in_struct = find_invalid_utf8(structs);
  ASSERT_TRUE(in_struct.has_value());
  EXPECT_EQ(in_struct->row, 2);
  EXPECT_EQ(in_struct->path, ".note");
  // Under a null struct row the field is not stored.
  EXPECT_FALSE(find_invalid_utf8(Column::struct_of({{"note", notes}}, {true, true, false, true})).has_value());

  // list[struct{text}]: rows [a, b], [], [c, BAD], the bad item is row 2's.
  const Column items = Column::struct_of({{"text", raw_strings({"a", "b", "c", "\xC3"})}});
  const auto in_list = find_invalid_utf8(Column::list_of({0, 2, 2, 4}, items));
  ASSERT_TRUE(in_list.has_value());
  EXPECT_EQ(in_list->row, 2);
  EXPECT_EQ(in_list->path, "[].text");
  // The items of a null list are not stored.
  EXPECT_FALSE(find_invalid_utf8(Column::list_of({0, 2, 2, 4}, items, {true, true, false})).has_value());
}

}  // namespace
}  // namespace crv::frame
