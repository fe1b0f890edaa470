// The inputs the io layer's fuzzers (fuzz/manifest_fuzzer.cpp, ...) found problems with,
// kept in tests/data/fuzz-regressions/<target>/: each must load or give the io layer's
// error, never another exception or a crash.
#include <gtest/gtest.h>
#include <crv/io/errors.hpp>
#include <crv/io/manifest.hpp>

#include <exception>
#include <string>

#include "fuzz_regressions.hpp"

namespace crv::io {
namespace {

TEST(IoFuzzRegressions, ManifestsLoadOrGiveIoManifestError) {
  const auto inputs = crv::testing::fuzz_regression_inputs("manifest");
  ASSERT_FALSE(inputs.empty());
  for (const auto& input : inputs) {
    SCOPED_TRACE(input.filename().string());
    try {
      (void)parse_manifest(crv::testing::read_bytes(input), input);
    } catch (const IoManifestError&) {
      // A clean refusal.
    } catch (const std::exception& error) {
      ADD_FAILURE() << "not an IoManifestError: " << error.what();
    }
  }
}

// Found by the manifest fuzzer: a number past the double range escaped parse_manifest as
// nlohmann's out_of_range, without the manifest's name.
TEST(IoFuzzRegressions, ManifestNumberOutOfDoubleRangeIsAnIoManifestError) {
  try {
    (void)parse_manifest(R"({"table": "holdings", "partitions": {}, "version": 1e400})", "runs/r/m.json");
    FAIL() << "expected IoManifestError";
  } catch (const IoManifestError& error) {
    EXPECT_NE(std::string(error.what()).find("manifest 'runs/r/m.json' is not valid JSON"), std::string::npos)
        << error.what();
    EXPECT_NE(std::string(error.what()).find("rebuild-manifest"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace crv::io
