// A whole Parquet file read from memory: footer, pages, decompression, every decoder,
// record assembly, the page index, row-group pruning and the batch reader. Every input
// must read or fail with ParquetError; anything else (another exception, a crash, a
// sanitizer report) is a finding.
#include <crv/parquet/error.hpp>
#include <crv/parquet/reader.hpp>
#include <crv/parquet/source.hpp>

#include <cstdint>
#include <memory>
#include <vector>

namespace {

using namespace crv::parquet;

// Large declared sizes are refused by the reader before allocating; this keeps the fuzzer's
// inputs (and so its iterations) small.
constexpr size_t kMaxInput = 256 * 1024;

void read_every_way(const FileReader& reader) {
  ReadOptions single_thread;
  single_thread.threads = 1;
  (void)reader.read(single_thread);
  // The first integer column drives the statistics and page-index pruning.
  for (const crv::frame::Field& field : reader.frame_schema()) {
    ReadOptions filtered = single_thread;
    filtered.filter = IntRangeFilter{field.name, 1, 50};
    (void)reader.read(filtered);
    break;
  }
  ReadOptions batches = single_thread;
  batches.batch_size = 7;
  auto batch_reader = reader.batches(batches);
  while (batch_reader->next()) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  try {
    const auto reader =
        FileReader::open(std::make_shared<MemorySource>(std::vector<uint8_t>(data, data + size), "fuzz.parquet"));
    read_every_way(*reader);
  } catch (const ParquetError&) {
    // A clean refusal.
  }
  return 0;
}
