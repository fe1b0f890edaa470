#pragma once
// The inputs the fuzzers of fuzz/ found problems with, kept as regression tests:
// tests/data/fuzz-regressions/<fuzz target>/<finding> (fuzz/README.md). Each layer's test
// feeds them to the code that failed and asserts a clean outcome (the layer's error, or
// the data), never a crash or a sanitizer report (`make sanitize` runs these tests too).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace crv::testing {

inline std::filesystem::path fuzz_regressions_dir(const std::string& target) {
  return std::filesystem::path(CRV_SOURCE_DIR) / "tests" / "data" / "fuzz-regressions" / target;
}

/// The kept inputs of a fuzz target, sorted by name (none when the directory is absent).
inline std::vector<std::filesystem::path> fuzz_regression_inputs(const std::string& target) {
  std::vector<std::filesystem::path> inputs;
  const auto dir = fuzz_regressions_dir(target);
  if (!std::filesystem::is_directory(dir)) return inputs;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file()) inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace crv::testing
