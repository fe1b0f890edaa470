// Writes the seed corpora of the fuzzers that take binary inputs, from crv-io's own writer:
//   crv_fuzz_make_seeds <fuzz/corpus>
// parquet_read/ small files (every codec, v1 and v2 pages, dictionary and plain, nested
// types, temporal and decimal types, with and without statistics and page index),
// parquet_footer/ their footers (in the harness's form: data-section size, footer bytes),
// manifest/ manifests as save_manifest writes them, log_records/ log segments and payloads.
// The text corpora (settings/, jsonl/) are written by hand. Rerun after a format change.
#include <crv/frame/data_type.hpp>
#include <crv/frame/json.hpp>
#include <crv/io/manifest.hpp>
#include <crv/parquet/sink.hpp>
#include <crv/parquet/writer.hpp>
#include "parquet/metadata/thrift_types.hpp"

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "io/log/log_format.hpp"
#include "io/log/log_record.hpp"

namespace {

namespace fs = std::filesystem;
using namespace crv;
using frame::Field;

void write_file(const fs::path& path, const void* data, size_t size) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
}

frame::Frame from_jsonl(const std::string& text, const std::vector<Field>& schema) {
  std::istringstream input(text);
  return frame::frame_from_jsonl(input, schema);
}

// Nine rows of flat and nested columns, nulls in every column.
frame::Frame mixed_frame() {
  const std::vector<Field> schema = {
      {"tick", frame::int64(), false},
      {"agent", frame::utf8(), true},
      {"price", frame::float64(), true},
      {"flag", frame::boolean(), true},
      {"small", frame::int32(), true},
      {"payload", frame::struct_({{"legs", frame::int64(), true}, {"venue", frame::utf8(), true}}), true},
      {"fills", frame::list(frame::struct_({{"qty", frame::int64(), true}, {"px", frame::float64(), true}})), true},
  };
  std::string text;
  for (int row = 0; row < 9; ++row) {
    text += "{\"tick\": " + std::to_string(row * 3) +
            ", \"agent\": " + (row % 4 == 0 ? std::string("null") : "\"a" + std::to_string(row % 3) + "\"") +
            ", \"price\": " + (row % 5 == 0 ? std::string("null") : std::to_string(row * 1.25)) +
            ", \"flag\": " + (row % 2 == 0 ? "true" : "false") + ", \"small\": " + std::to_string(row - 4) +
            ", \"payload\": " +
            (row % 3 == 0 ? std::string("null") : "{\"legs\": " + std::to_string(row) + ", \"venue\": \"v\"}") +
            ", \"fills\": " +
            (row % 4 == 1   ? std::string("[]")
             : row % 4 == 2 ? std::string("null")
                            : "[{\"qty\": 1, \"px\": 2.5}, {\"qty\": null, \"px\": 3}]") +
            "}\n";
  }
  return from_jsonl(text, schema);
}

// Dates, times, timestamps, decimals, binary and a list of integers.
frame::Frame temporal_frame() {
  const std::vector<Field> schema = {
      {"day", frame::date32(), true},
      {"at", frame::timestamp(frame::TimeUnit::Micro, "UTC"), true},
      {"clock", frame::time64(frame::TimeUnit::Nano), true},
      {"amount", frame::decimal128(12, 2), true},
      {"blob", frame::binary(), true},
      {"ids", frame::list(frame::int64()), true},
  };
  const std::string text =
      "{\"day\": \"2025-09-20\", \"at\": \"2025-09-20T12:34:56.123456+00:00\", \"clock\": \"12:00:00.000000001\", "
      "\"amount\": \"12.34\", \"blob\": \"xy\", \"ids\": [1, 2, 3]}\n"
      "{\"day\": null, \"at\": null, \"clock\": null, \"amount\": null, \"blob\": null, \"ids\": null}\n"
      "{\"day\": \"1970-01-01\", \"at\": \"1969-12-31T23:59:59.000001+00:00\", \"clock\": \"23:59:59\", "
      "\"amount\": \"-0.01\", \"blob\": \"\", \"ids\": [null, -5]}\n";
  return from_jsonl(text, schema);
}

struct Variant {
  std::string name;
  parquet::WriterOptions options;
};

std::vector<Variant> variants() {
  using parquet::CompressionCodec;
  using parquet::DataPageVersion;
  std::vector<Variant> out;
  const auto add = [&out](std::string name, CompressionCodec codec, DataPageVersion version, bool dictionary,
                          bool statistics) {
    parquet::WriterOptions options;
    options.compression = codec;
    options.data_page_version = version;
    options.dictionary = dictionary;
    options.write_statistics = statistics;
    options.write_page_index = statistics;
    options.row_group_size = 4;
    options.data_page_size = 32;
    options.key_value_metadata = {{"crv_run_id", "fuzz_run"}, {"crv_table_name", "holdings"}};
    out.push_back({std::move(name), std::move(options)});
  };
  add("uncompressed-plain-v1", CompressionCodec::UNCOMPRESSED, DataPageVersion::V1, false, true);
  add("snappy-dict-v1", CompressionCodec::SNAPPY, DataPageVersion::V1, true, true);
  add("zstd-dict-v2", CompressionCodec::ZSTD, DataPageVersion::V2, true, true);
  add("gzip-plain-v2", CompressionCodec::GZIP, DataPageVersion::V2, false, false);
  add("lz4-dict-v1", CompressionCodec::LZ4_RAW, DataPageVersion::V1, true, false);
  add("brotli-plain-v1", CompressionCodec::BROTLI, DataPageVersion::V1, false, true);
  return out;
}

std::vector<uint8_t> write_parquet(const frame::Frame& rows, const parquet::WriterOptions& options) {
  parquet::MemorySink sink;
  parquet::write_frame(rows, sink, options);
  return sink.take();
}

// The harness's form of a footer: u32 data-section size, then the footer's bytes.
std::vector<uint8_t> footer_seed(const std::vector<uint8_t>& file) {
  uint32_t footer_length = 0;
  std::memcpy(&footer_length, file.data() + file.size() - 8, 4);
  const auto data_size = static_cast<uint32_t>(file.size() - 8 - footer_length);
  std::vector<uint8_t> seed(4);
  std::memcpy(seed.data(), &data_size, 4);
  seed.insert(seed.end(), file.end() - 8 - footer_length, file.end() - 8);
  return seed;
}

void write_parquet_seeds(const fs::path& corpus) {
  for (const Variant& variant : variants()) {
    for (const auto& [kind, rows] : {std::pair{"mixed", mixed_frame()}, std::pair{"temporal", temporal_frame()}}) {
      const std::vector<uint8_t> file = write_parquet(rows, variant.options);
      const std::string name = std::string(kind) + "-" + variant.name;
      write_file(corpus / "parquet_read" / (name + ".parquet"), file.data(), file.size());
      const std::vector<uint8_t> footer = footer_seed(file);
      write_file(corpus / "parquet_footer" / (name + ".footer"), footer.data(), footer.size());
    }
  }
}

io::PartEntry part(const std::string& hex, int64_t rows, int64_t tick_min, int64_t tick_max) {
  return {"part-" + hex + ".parquet", rows, 900 + rows, tick_min, tick_max, "2025-09-20T12:00:00.000000+00:00"};
}

void write_manifest_seeds(const fs::path& corpus) {
  io::TableManifest manifest = io::TableManifest::create("holdings");
  manifest.created_at = "2025-09-20T12:00:00.000000+00:00";
  const std::string empty = io::manifest_text(manifest);
  write_file(corpus / "manifest" / "empty.json", empty.data(), empty.size());
  manifest.add_part(0, part("0123456789abcdef0123456789abcdef", 10, 0, 99));
  manifest.add_part(0, part("fedcba9876543210fedcba9876543210", 5, 3, 42));
  manifest.add_part(7, part("00000000000000000000000000000007", 1, 700, 700));
  manifest.updated_at = "2025-09-20T12:00:01.000000+00:00";
  const std::string three = io::manifest_text(manifest);
  write_file(corpus / "manifest" / "three-parts.json", three.data(), three.size());
}

void write_log_seeds(const fs::path& corpus) {
  using namespace io::detail;
  parquet::WriterOptions options;
  options.row_group_size = 4;
  CommitRecord commit;
  commit.commit_id = "0123456789abcdef0123456789abcdef";
  commit.created_at = "2025-09-20T12:00:00.000000+00:00";
  TableCommit table;
  table.table = "holdings";
  table.tick_bucket_size = 100;
  table.inline_rows.push_back({0, 0, 24, 9, std::make_shared<const std::string>()});
  const std::vector<uint8_t> rows = write_parquet(mixed_frame(), options);
  table.inline_rows.back().parquet = std::make_shared<const std::string>(rows.begin(), rows.end());
  table.parts.emplace_back(1, part("0123456789abcdef0123456789abcdef", 10, 100, 199));
  commit.tables.push_back(table);
  SealRecord seal;
  seal.table = "holdings";
  seal.bucket_id = 0;
  seal.covers_before = {3, 4096};
  seal.part = part("fedcba9876543210fedcba9876543210", 9, 0, 24);
  seal.replaced = {"part-00000000000000000000000000000007.parquet"};

  const std::string commit_payload = encode_commit(commit);
  const std::string seal_payload = encode_seal(seal);
  const std::string segment = frame_record(RecordType::Commit, commit_payload) +
                              frame_record(RecordType::Seal, seal_payload) + std::string(64, '\0');
  // The harness's first byte: 0 segment, 1 commit payload, 2 seal payload.
  const auto seed = [&](const char* name, char mode, const std::string& bytes) {
    const std::string input = std::string(1, mode) + bytes;
    write_file(corpus / "log_records" / name, input.data(), input.size());
  };
  seed("segment.log", 0, segment);
  seed("torn-segment.log", 0, segment.substr(0, segment.size() - 80));
  seed("commit.payload", 1, commit_payload);
  seed("seal.payload", 2, seal_payload);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: crv_fuzz_make_seeds <corpus directory, e.g. fuzz/corpus>\n";
    return 2;
  }
  const fs::path corpus = argv[1];
  write_parquet_seeds(corpus);
  write_manifest_seeds(corpus);
  write_log_seeds(corpus);
  std::cout << "seeds written under " << corpus << "\n";
  return 0;
}
