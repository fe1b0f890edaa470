// The Parquet footer: FileMetaData decoding, its re-encoding, and what FileReader::open
// checks of it (schema conversion, every offset and length against the file), without
// decoding pages (parquet_read_fuzzer does that).
//
// Input: a u32 (little-endian) data-section size, then the footer's Thrift bytes. The
// harness builds "PAR1" + that many zero bytes + footer + length + "PAR1", so that the
// offsets a real footer holds (the seeds come from real files) stay inside the file and the
// fuzzer's mutations go to the footer, not to page bytes nobody looks at here.
#include <crv/parquet/error.hpp>
#include <crv/parquet/reader.hpp>
#include <crv/parquet/source.hpp>
#include "parquet/metadata/thrift_types.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

namespace {

using namespace crv::parquet;

constexpr uint32_t kMaxDataSection = 1u << 20;

std::vector<uint8_t> file_around_footer(const uint8_t* data, size_t size) {
  uint32_t data_size = 0;
  std::memcpy(&data_size, data, 4);
  data_size = std::max<uint32_t>(4, data_size % kMaxDataSection);
  const size_t footer_size = size - 4;
  std::vector<uint8_t> file(data_size + footer_size + 8, 0);
  std::memcpy(file.data(), kParquetMagic.data(), 4);
  std::memcpy(file.data() + data_size, data + 4, footer_size);
  const auto length = static_cast<uint32_t>(footer_size);
  std::memcpy(file.data() + data_size + footer_size, &length, 4);
  std::memcpy(file.data() + file.size() - 4, kParquetMagic.data(), 4);
  return file;
}

// A decoded footer encodes to bytes that decode to the same footer.
void check_reencoding(const uint8_t* footer, size_t size) {
  FileMetaData decoded;
  try {
    decoded = deserialize_file_metadata(footer, size);
  } catch (const ParquetError&) {
    return;
  }
  std::vector<uint8_t> encoded;
  serialize_file_metadata(decoded, encoded);
  if (deserialize_file_metadata(encoded.data(), encoded.size()) != decoded) {
    std::abort();  // serialize_file_metadata lost or changed something it had decoded
  }
}

// Every view of an opened file reads validated metadata: no call may crash.
void inspect_views(const FileReader& reader) {
  const FileMetadataView file = reader.metadata();
  (void)file.key_value_metadata();
  (void)reader.schema_tree();
  for (int g = 0; g < file.num_row_groups(); ++g) {
    const RowGroupView group = file.row_group(g);
    for (int c = 0; c < group.num_columns(); ++c) {
      const ColumnChunkView chunk = group.column(c);
      (void)chunk.path();
      (void)chunk.statistics();
      (void)chunk.has_page_index();
    }
  }
}

void open_and_inspect(std::vector<uint8_t> file) {
  try {
    const auto reader = FileReader::open(std::make_shared<MemorySource>(std::move(file), "fuzz.parquet"));
    (void)reader->key_value_metadata();
    (void)reader->num_rows();
    inspect_views(*reader);
    for (const crv::frame::Field& field : reader->frame_schema()) {
      (void)reader->node_of({field.name});
      for (int group = 0; group < reader->num_row_groups(); ++group) (void)reader->int_column_range(group, field.name);
      (void)reader->prune_row_groups(IntRangeFilter{field.name, 0, 100});
    }
  } catch (const ParquetError&) {
    // A clean refusal is the expected outcome for most inputs.
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 5) return 0;
  check_reencoding(data + 4, size - 4);
  open_and_inspect(file_around_footer(data, size));
  return 0;
}
