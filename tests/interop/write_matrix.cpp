// Writes the interop matrix of files crv-io's Parquet writer produces: frames of every type,
// with nulls and nesting (and frames shaped like the CRV tables), under every compression,
// dictionary on and off, data page v1 and v2, several row groups and pages, and zero rows;
// and one file per canonical table (canonical_table_frames.hpp) written with the defaults
// crv-io appends with (zstd, dictionary, data page v1).
// For each FILE.parquet it writes FILE.jsonl, the expected rows in the canonical row form of
// README.md, and lists "FILE.parquet<TAB>FILE.jsonl" in OUT_DIR/manifest.tsv for
// check_read_many.mjs.
//
//   write_matrix OUT_DIR
#include <crv/frame/builder.hpp>
#include <crv/frame/canonical_json.hpp>
#include <crv/frame/column.hpp>
#include <crv/frame/frame.hpp>
#include <crv/parquet/sink.hpp>
#include <crv/parquet/writer.hpp>

#include "canonical_table_frames.hpp"
#include "matrix_random.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace fr = crv::frame;
namespace pq = crv::parquet;
using crv::interop::Random;
using crv::interop::random_word;

namespace {

void write_expected(const fr::Frame& frame, const std::filesystem::path& path) {
  std::ofstream out(path, std::ios::binary);
  fr::write_canonical_jsonl(out, frame);
}

// ---- frames ----

template <typename T, typename F>
fr::Column numeric_column(const fr::TypePtr& type, int64_t n, Random& rng, int null_percent, F make) {
  fr::NumericBuilder<T> b(type);
  for (int64_t i = 0; i < n; ++i) {
    if (rng.chance(null_percent)) {
      b.append_null();
    } else {
      b.append(static_cast<T>(make(i)));
    }
  }
  return b.finish();
}

fr::Frame types_frame(int64_t n) {
  Random rng;
  std::vector<std::pair<std::string, fr::Column>> cols;
  {
    fr::BoolBuilder b;
    for (int64_t i = 0; i < n; ++i) rng.chance(15) ? b.append_null() : b.append(rng.chance(50));
    cols.emplace_back("b", b.finish());
  }
  cols.emplace_back("i8",
                    numeric_column<int8_t>(fr::int8(), n, rng, 10, [&](int64_t) { return rng.range(-128, 127); }));
  cols.emplace_back(
      "i16", numeric_column<int16_t>(fr::int16(), n, rng, 10, [&](int64_t) { return rng.range(-32768, 32767); }));
  cols.emplace_back("i32", numeric_column<int32_t>(fr::int32(), n, rng, 10, [&](int64_t i) {
                      return i % 7 == 0 ? INT32_MIN : rng.range(-100000, 100000);
                    }));
  cols.emplace_back("i64", numeric_column<int64_t>(fr::int64(), n, rng, 10, [&](int64_t i) {
                      return i % 11 == 0 ? INT64_MAX : static_cast<int64_t>(rng.next());
                    }));
  cols.emplace_back("u8", numeric_column<uint8_t>(fr::uint8(), n, rng, 10, [&](int64_t) { return rng.range(0, 255); }));
  cols.emplace_back("u16",
                    numeric_column<uint16_t>(fr::uint16(), n, rng, 10, [&](int64_t) { return rng.range(0, 65535); }));
  cols.emplace_back("u32", numeric_column<uint32_t>(fr::uint32(), n, rng, 10, [&](int64_t i) {
                      return i % 5 == 0 ? UINT32_MAX : static_cast<uint32_t>(rng.next());
                    }));
  cols.emplace_back("u64", numeric_column<uint64_t>(fr::uint64(), n, rng, 10,
                                                    [&](int64_t i) { return i % 5 == 0 ? UINT64_MAX : rng.next(); }));
  cols.emplace_back("f32", numeric_column<float>(fr::float32(), n, rng, 10, [&](int64_t i) {
                      return i % 13 == 0 ? std::nanf("") : static_cast<float>(rng.range(-4000, 4000)) / 8.0f;
                    }));
  cols.emplace_back("f64", numeric_column<double>(fr::float64(), n, rng, 10, [&](int64_t i) {
                      return i % 17 == 0 ? INFINITY : static_cast<double>(rng.range(-1000000, 1000000)) / 1000.0;
                    }));
  {
    fr::StringBuilder b;
    for (int64_t i = 0; i < n; ++i) rng.chance(10) ? b.append_null() : b.append(random_word(rng));
    cols.emplace_back("s", b.finish());
  }
  {
    fr::BinaryBuilder b;
    for (int64_t i = 0; i < n; ++i) {
      if (rng.chance(10)) {
        b.append_null();
        continue;
      }
      std::string v(static_cast<size_t>(rng.range(0, 6)), '\0');
      for (auto& c : v) c = static_cast<char>(rng.range(0, 255));
      b.append(v);
    }
    cols.emplace_back("bin", b.finish());
  }
  {
    fr::FixedSizeBinaryBuilder b(fr::fixed_size_binary(4));
    for (int64_t i = 0; i < n; ++i) {
      if (rng.chance(10)) {
        b.append_null();
        continue;
      }
      std::string v(4, '\0');
      for (auto& c : v) c = static_cast<char>(rng.range(0, 255));
      b.append(v);
    }
    cols.emplace_back("fsb", b.finish());
  }
  for (auto [name, precision, scale] : {std::tuple{"d7", 7, 2}, std::tuple{"d15", 15, 3}, std::tuple{"d30", 30, 4}}) {
    fr::FixedSizeBinaryBuilder b(fr::decimal128(precision, scale));
    for (int64_t i = 0; i < n; ++i) {
      if (rng.chance(10)) {
        b.append_null();
        continue;
      }
      const int64_t limit = precision >= 18 ? INT64_MAX / 2 : static_cast<int64_t>(std::pow(10.0, precision)) - 1;
      // 16 little-endian two's-complement bytes: the int64 value, sign-extended.
      const int64_t v = precision == 30 && i % 3 == 0 ? static_cast<int64_t>(rng.next()) : rng.range(-limit, limit);
      uint8_t bytes[16];
      std::memcpy(bytes, &v, 8);
      std::memset(bytes + 8, v < 0 ? 0xff : 0, 8);
      b.append(bytes);
    }
    cols.emplace_back(name, b.finish());
  }
  cols.emplace_back(
      "date", numeric_column<int32_t>(fr::date32(), n, rng, 10, [&](int64_t) { return rng.range(-30000, 30000); }));
  cols.emplace_back("t32ms", numeric_column<int32_t>(fr::time32(fr::TimeUnit::Milli), n, rng, 10,
                                                     [&](int64_t) { return rng.range(0, 86399999); }));
  cols.emplace_back("t32s", numeric_column<int32_t>(fr::time32(fr::TimeUnit::Second), n, rng, 10,
                                                    [&](int64_t) { return rng.range(0, 86399); }));
  cols.emplace_back("t64us", numeric_column<int64_t>(fr::time64(fr::TimeUnit::Micro), n, rng, 10,
                                                     [&](int64_t) { return rng.range(0, 86399999999LL); }));
  cols.emplace_back("t64ns", numeric_column<int64_t>(fr::time64(fr::TimeUnit::Nano), n, rng, 10,
                                                     [&](int64_t) { return rng.range(0, 86399999999LL) * 1000; }));
  cols.emplace_back("ts_s", numeric_column<int64_t>(fr::timestamp(fr::TimeUnit::Second), n, rng, 10,
                                                    [&](int64_t) { return rng.range(-2000000000LL, 4000000000LL); }));
  cols.emplace_back("ts_ms", numeric_column<int64_t>(fr::timestamp(fr::TimeUnit::Milli), n, rng, 10, [&](int64_t) {
                      return rng.range(-2000000000000LL, 4000000000000LL);
                    }));
  cols.emplace_back("ts_us_utc",
                    numeric_column<int64_t>(fr::timestamp(fr::TimeUnit::Micro, "UTC"), n, rng, 10, [&](int64_t) {
                      return rng.range(-2000000000000000LL, 4000000000000000LL);
                    }));
  cols.emplace_back("ts_ns", numeric_column<int64_t>(fr::timestamp(fr::TimeUnit::Nano), n, rng, 10, [&](int64_t) {
                      return rng.range(-2000000000000000000LL, 4000000000000000000LL);
                    }));
  std::vector<fr::Field> schema;
  std::vector<fr::Column> columns;
  for (auto& [name, col] : cols) {
    schema.push_back({name, col.type(), true});
    columns.push_back(col);
  }
  // A REQUIRED column (no nulls, not nullable).
  std::vector<int64_t> ids(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) ids[static_cast<size_t>(i)] = i;
  schema.push_back({"id", fr::int64(), false});
  columns.push_back(fr::Column::from<int64_t>(ids));
  return fr::Frame::make(schema, columns);
}

// Lists and structs to depth 3: list of struct of list, null and empty lists, null items,
// null structs, non-nullable children.
fr::Frame nested_frame(int64_t n) {
  Random rng;
  rng.state = 12345;
  // list<i64> with null lists, empty lists and null items.
  std::vector<int32_t> offsets{0};
  std::vector<std::optional<int64_t>> items;
  std::vector<bool> list_valid;
  for (int64_t i = 0; i < n; ++i) {
    const bool valid = !rng.chance(15);
    list_valid.push_back(valid);
    const int64_t len = valid ? rng.range(0, 4) : 0;
    for (int64_t j = 0; j < len; ++j) {
      items.push_back(rng.chance(20) ? std::nullopt : std::optional<int64_t>(rng.range(-1000, 1000)));
    }
    offsets.push_back(static_cast<int32_t>(items.size()));
  }
  const fr::Column ints = fr::Column::list_of(offsets, fr::Column::from<int64_t>(items), list_valid);

  // struct{x: f64, y: f64 not null, name: str} with null structs.
  std::vector<std::optional<double>> xs;
  std::vector<double> ys;
  std::vector<std::optional<std::string>> names;
  std::vector<bool> struct_valid;
  for (int64_t i = 0; i < n; ++i) {
    struct_valid.push_back(!rng.chance(15));
    xs.push_back(rng.chance(15) ? std::nullopt
                                : std::optional<double>(static_cast<double>(rng.range(-100, 100)) / 4.0));
    ys.push_back(static_cast<double>(rng.range(-100, 100)) * 0.5);
    names.push_back(rng.chance(15) ? std::nullopt : std::optional<std::string>(random_word(rng)));
  }
  const fr::Column ys_col = fr::Column::from<double>(ys);
  const fr::Column pos = fr::Column::make([&] {
    fr::ArrayData d;
    d.type = fr::struct_({{"x", fr::float64(), true}, {"y", fr::float64(), false}, {"name", fr::utf8(), true}});
    d.length = n;
    d.null_count = fr::kUnknownNullCount;
    const fr::Column s = fr::Column::struct_of(
        {{"x", fr::Column::from<double>(xs)}, {"y", ys_col}, {"name", fr::Column::from<std::string>(names)}},
        struct_valid);
    d.validity = s.data().validity;
    d.children = s.data().children;
    return d;
  }());

  // list<struct{kind: str, qty: i32, tags: list<str not null>}>, nullable items.
  std::vector<int32_t> outer_offsets{0};
  std::vector<bool> outer_valid;
  std::vector<std::optional<std::string>> kinds;
  std::vector<std::optional<int32_t>> qtys;
  std::vector<int32_t> tag_offsets{0};
  std::vector<std::string> tags;
  std::vector<bool> tags_valid;
  std::vector<bool> element_valid;
  for (int64_t i = 0; i < n; ++i) {
    const bool valid = !rng.chance(10);
    outer_valid.push_back(valid);
    const int64_t len = valid ? rng.range(0, 3) : 0;
    for (int64_t j = 0; j < len; ++j) {
      element_valid.push_back(!rng.chance(10));
      kinds.push_back(rng.chance(10) ? std::nullopt : std::optional<std::string>(random_word(rng)));
      qtys.push_back(rng.chance(10) ? std::nullopt : std::optional<int32_t>(static_cast<int32_t>(rng.range(0, 99))));
      const bool tv = !rng.chance(20);
      tags_valid.push_back(tv);
      const int64_t tlen = tv ? rng.range(0, 3) : 0;
      for (int64_t t = 0; t < tlen; ++t) tags.push_back(random_word(rng));
      tag_offsets.push_back(static_cast<int32_t>(tags.size()));
    }
    outer_offsets.push_back(static_cast<int32_t>(kinds.size()));
  }
  const fr::Column tag_lists = fr::Column::list_of(tag_offsets, fr::Column::from<std::string>(tags), tags_valid, false);
  const fr::Column elements = fr::Column::struct_of(
      {{"kind", fr::Column::from<std::string>(kinds)}, {"qty", fr::Column::from<int32_t>(qtys)}, {"tags", tag_lists}},
      element_valid);
  const fr::Column inventory = fr::Column::list_of(outer_offsets, elements, outer_valid);

  // list<list<i32>> (two repetition levels).
  std::vector<int32_t> o1{0};
  std::vector<int32_t> o2{0};
  std::vector<std::optional<int32_t>> leaf;
  std::vector<bool> inner_valid;
  for (int64_t i = 0; i < n; ++i) {
    const int64_t a = rng.range(0, 3);
    for (int64_t j = 0; j < a; ++j) {
      inner_valid.push_back(!rng.chance(15));
      const int64_t b = inner_valid.back() ? rng.range(0, 3) : 0;
      for (int64_t k = 0; k < b; ++k)
        leaf.push_back(rng.chance(10) ? std::nullopt : std::optional<int32_t>(static_cast<int32_t>(k + i)));
      o2.push_back(static_cast<int32_t>(leaf.size()));
    }
    o1.push_back(static_cast<int32_t>(inner_valid.size()));
  }
  const fr::Column matrix =
      fr::Column::list_of(o1, fr::Column::list_of(o2, fr::Column::from<int32_t>(leaf), inner_valid));

  return fr::Frame({{"ints", ints}, {"pos", pos}, {"inventory", inventory}, {"matrix", matrix}});
}

// Shaped like a CRV table: tick, agent id, a position struct, a text column with empty and
// non-ASCII strings, and a list-of-struct column with empty lists and null structs.
fr::Frame crv_like_frame(int64_t n) {
  Random rng;
  rng.state = 777;
  std::vector<int64_t> ticks;
  std::vector<int64_t> agents;
  std::vector<double> px;
  std::vector<double> py;
  std::vector<std::optional<std::string>> labels;
  std::vector<int32_t> offs{0};
  std::vector<std::string> keys;
  std::vector<std::optional<double>> vals;
  std::vector<bool> entry_valid;
  for (int64_t i = 0; i < n; ++i) {
    ticks.push_back(i / 10);
    agents.push_back(i % 10);
    px.push_back(static_cast<double>(rng.range(-1000, 1000)) / 8.0);
    py.push_back(static_cast<double>(rng.range(-1000, 1000)) / 16.0);
    labels.push_back(rng.chance(10) ? std::nullopt : std::optional<std::string>(random_word(rng)));
    const int64_t len = rng.range(0, 2);
    for (int64_t j = 0; j < len; ++j) {
      keys.push_back(random_word(rng));
      vals.push_back(rng.chance(10) ? std::nullopt : std::optional<double>(static_cast<double>(j) + 0.5));
      entry_valid.push_back(!rng.chance(10));
    }
    offs.push_back(static_cast<int32_t>(keys.size()));
  }
  const fr::Column pos =
      fr::Column::struct_of({{"x", fr::Column::from<double>(px)}, {"y", fr::Column::from<double>(py)}});
  const fr::Column entries = fr::Column::list_of(
      offs,
      fr::Column::struct_of({{"key", fr::Column::from<std::string>(keys)}, {"value", fr::Column::from<double>(vals)}},
                            entry_valid));
  std::vector<fr::Field> schema{{"tick", fr::int64(), false},
                                {"agent_id", fr::int64(), false},
                                {"pos", pos.type(), true},
                                {"label", fr::utf8(), true},
                                {"attributes", entries.type(), true}};
  return fr::Frame::make(schema, {fr::Column::from<int64_t>(ticks), fr::Column::from<int64_t>(agents), pos,
                                  fr::Column::from<std::string>(labels), entries});
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: write_matrix OUT_DIR\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir);
  std::ofstream manifest(dir / "manifest.tsv");
  int files = 0;
  auto emit = [&](const std::string& name, const fr::Frame& frame, const pq::WriterOptions& options, bool in_pieces) {
    pq::MemorySink sink;
    {
      pq::FileWriter writer(sink, frame.schema(), options);
      if (in_pieces) {
        // Uneven pieces, so row groups are assembled from several frames.
        int64_t at = 0;
        int64_t step = 37;
        while (at < frame.num_rows()) {
          const int64_t take = std::min(step, frame.num_rows() - at);
          writer.write(frame.slice(at, take));
          at += take;
          step = step * 2 + 1;
        }
      } else {
        writer.write(frame);
      }
      writer.close();
    }
    const auto file = dir / (name + ".parquet");
    const auto expected = dir / (name + ".jsonl");
    std::ofstream(file, std::ios::binary)
        .write(reinterpret_cast<const char*>(sink.bytes().data()), static_cast<std::streamsize>(sink.bytes().size()));
    write_expected(frame, expected);
    manifest << file.string() << '\t' << expected.string() << '\n';
    ++files;
  };

  const std::vector<std::pair<std::string, fr::Frame>> frames = {
      {"types", types_frame(300)}, {"nested", nested_frame(300)}, {"crv_like", crv_like_frame(400)}};
  const std::vector<std::pair<std::string, pq::CompressionCodec>> codecs = {
      {"uncompressed", pq::CompressionCodec::UNCOMPRESSED},
      {"snappy", pq::CompressionCodec::SNAPPY},
      {"gzip", pq::CompressionCodec::GZIP},
      {"lz4raw", pq::CompressionCodec::LZ4_RAW},
      {"zstd", pq::CompressionCodec::ZSTD},
      {"brotli", pq::CompressionCodec::BROTLI}};
  for (const auto& [frame_name, frame] : frames) {
    for (const auto& [codec_name, codec] : codecs) {
      for (const bool dictionary : {true, false}) {
        for (const auto version : {pq::DataPageVersion::V1, pq::DataPageVersion::V2}) {
          pq::WriterOptions o;
          o.compression = codec;
          o.dictionary = dictionary;
          o.data_page_version = version;
          o.row_group_size = 128;  // several row groups
          o.data_page_size = 200;  // several pages per column chunk
          o.dictionary_page_size_limit = codec == pq::CompressionCodec::ZSTD ? 64 : 1 << 20;  // fallback
          const std::string name = frame_name + "-" + codec_name + (dictionary ? "-dict" : "-plain") +
                                   (version == pq::DataPageVersion::V1 ? "-v1" : "-v2");
          emit(name, frame, o, codec == pq::CompressionCodec::SNAPPY);
        }
      }
    }
    pq::WriterOptions defaults;
    emit(frame_name + "-defaults", frame, defaults, false);
    emit(frame_name + "-zero-rows", frame.slice(0, 0), defaults, false);
    pq::WriterOptions no_stats;
    no_stats.write_statistics = false;
    no_stats.write_page_index = false;
    emit(frame_name + "-no-stats", frame, no_stats, false);
  }
  for (const crv::core::TableDescriptor& table : crv::core::list_tables()) {
    emit("table-" + std::string(crv::core::to_string(table.name)), crv::interop::canonical_table_frame(table, 250),
         pq::WriterOptions{}, false);
  }
  std::cout << "wrote " << files << " files to " << dir.string() << '\n';
  return 0;
}
