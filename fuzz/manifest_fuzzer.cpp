// The manifest loader: manifest.json text -> TableManifest (parse_manifest), the checks a
// reader makes before reading any part it lists (check_manifest_parts), the totals and tick
// ranges readers and `crv-io manifest` compute, and the writer's text of what was loaded.
// Every input must load or fail with IoManifestError; what loads must be written back as
// to_json().dump(2) would write it, and read back equal.
#include <crv/io/errors.hpp>
#include <crv/io/manifest.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using namespace crv::io;

void use_accessors(const TableManifest& manifest) {
  (void)manifest.total_rows();
  (void)manifest.total_bytes();
  (void)manifest.part_count();
  (void)manifest.tick_min();
  (void)manifest.tick_max();
  (void)manifest.bucket_ids();
  (void)manifest.partitions_overlapping(0, 1000);
  (void)manifest.partitions_overlapping(std::nullopt, -1);
}

// What save_manifest would write reads back as the same manifest, byte for byte what
// nlohmann's dump(2) prints.
void check_written_text(const TableManifest& manifest) {
  const std::string text = manifest_text(manifest);
  if (text != manifest.to_json().dump(2) + "\n") std::abort();
  if (parse_manifest(text, "rewritten.json") != manifest) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  TableManifest manifest;
  try {
    manifest = parse_manifest(text, "fuzz/manifest.json");
  } catch (const IoManifestError&) {
    return 0;
  }
  use_accessors(manifest);
  check_written_text(manifest);
  try {
    check_manifest_parts(manifest, "fuzz/manifest.json", "fuzz_run");
  } catch (const IoManifestError&) {
    // Paths outside the bucket directory and duplicates are refused: expected.
  }
  return 0;
}
