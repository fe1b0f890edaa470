// The inputs fuzz/parquet_footer_fuzzer.cpp and fuzz/parquet_read_fuzzer.cpp found problems
// with (tests/data/fuzz-regressions/parquet_*/): each must give what the fuzzer expects,
// checked the same way: a footer decodes (or is a ParquetError) and re-encodes to itself;
// a file reads or is a ParquetError.
#include <gtest/gtest.h>
#include <crv/parquet/error.hpp>
#include <crv/parquet/reader.hpp>
#include <crv/parquet/source.hpp>
#include "parquet/metadata/thrift_types.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "fuzz_regressions.hpp"

namespace crv::parquet {
namespace {

std::vector<uint8_t> bytes_of(const std::filesystem::path& path) {
  const std::string text = crv::testing::read_bytes(path);
  return {text.begin(), text.end()};
}

TEST(ParquetFuzzRegressions, FootersReencodeToThemselves) {
  const auto inputs = crv::testing::fuzz_regression_inputs("parquet_footer");
  ASSERT_FALSE(inputs.empty());
  for (const auto& input : inputs) {
    SCOPED_TRACE(input.filename().string());
    const std::vector<uint8_t> bytes = bytes_of(input);
    ASSERT_GT(bytes.size(), 4u);  // the harness's form: u32 data-section size, then the footer
    FileMetaData decoded;
    try {
      decoded = deserialize_file_metadata(bytes.data() + 4, bytes.size() - 4);
    } catch (const ParquetError&) {
      continue;
    }
    std::vector<uint8_t> encoded;
    serialize_file_metadata(decoded, encoded);
    EXPECT_EQ(deserialize_file_metadata(encoded.data(), encoded.size()), decoded);
  }
}

TEST(ParquetFuzzRegressions, FilesReadOrGiveParquetError) {
  for (const auto& input : crv::testing::fuzz_regression_inputs("parquet_read")) {
    SCOPED_TRACE(input.filename().string());
    try {
      const auto reader = FileReader::open(std::make_shared<MemorySource>(bytes_of(input), input.string()));
      ReadOptions options;
      options.threads = 1;
      (void)reader->read(options);
      options.batch_size = 7;
      auto batches = reader->batches(options);
      while (batches->next()) {
      }
    } catch (const ParquetError&) {
      // A clean refusal.
    } catch (const std::exception& error) {
      ADD_FAILURE() << "not a ParquetError: " << error.what();
    }
  }
}

}  // namespace
}  // namespace crv::parquet
