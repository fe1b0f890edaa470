#include "crv/io/paths.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>

#include "crv/core/ids.hpp"
#include "crv/io/errors.hpp"
#include "io/random_uuid.hpp"

namespace crv::io {
namespace {

constexpr std::array<std::string_view, 4> kLabArtifactKinds = {"tidy", "probes", "policy", "audit"};

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

std::filesystem::path run_root(const IoSettings& settings, std::string_view run_id) {
  try {
    core::validate_run_id(run_id);
  } catch (const core::CoreError& error) {
    throw IoArgumentError(error.what());
  }
  return settings.root_dir / "runs" / std::string(run_id);
}

std::filesystem::path tables_root(const IoSettings& settings, std::string_view run_id) {
  return run_root(settings, run_id) / "tables";
}

std::filesystem::path table_dir(const IoSettings& settings, std::string_view run_id, core::TableName table) {
  return tables_root(settings, run_id) / std::string(core::to_string(table));
}

std::filesystem::path manifest_path(const IoSettings& settings, std::string_view run_id, core::TableName table) {
  return table_dir(settings, run_id, table) / std::string(kManifestFileName);
}

std::filesystem::path bucket_dir(const IoSettings& settings, std::string_view run_id, core::TableName table,
                                 std::int64_t bucket_id) {
  return table_dir(settings, run_id, table) / bucket_dir_name(bucket_id);
}

std::filesystem::path bundle_manifest_path(const IoSettings& settings, std::string_view run_id) {
  return run_root(settings, run_id) / std::string(kBundleManifestFileName);
}

std::filesystem::path artifacts_dir(const IoSettings& settings, std::string_view run_id) {
  return run_root(settings, run_id) / "artifacts";
}

std::filesystem::path lab_artifact_dir(const IoSettings& settings, std::string_view run_id, std::string_view kind) {
  for (std::string_view known : kLabArtifactKinds) {
    if (known == kind) return artifacts_dir(settings, run_id) / "lab" / std::string(kind);
  }
  throw IoArgumentError("unknown lab artifact kind '" + std::string(kind) +
                        "'; valid kinds: tidy, probes, policy, audit");
}

std::span<const std::string_view> lab_artifact_kinds() { return kLabArtifactKinds; }

std::string bucket_key(std::int64_t bucket_id) {
  if (bucket_id < 0) throw IoArgumentError("invalid bucket id " + std::to_string(bucket_id) + ": must be >= 0");
  std::string digits = std::to_string(bucket_id);
  if (digits.size() < 6) digits.insert(0, 6 - digits.size(), '0');
  return digits;
}

std::string bucket_dir_name(std::int64_t bucket_id) { return std::string(kBucketDirPrefix) + bucket_key(bucket_id); }

std::optional<std::int64_t> parse_bucket_dir_name(std::string_view name) {
  if (name.substr(0, kBucketDirPrefix.size()) != kBucketDirPrefix) return std::nullopt;
  const std::string_view digits = name.substr(kBucketDirPrefix.size());
  if (digits.empty()) return std::nullopt;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return id;
}

std::int64_t bucket_id_for_tick(std::int64_t tick, std::int64_t bucket_size) {
  if (bucket_size < 1) {
    throw IoArgumentError("invalid tick bucket size " + std::to_string(bucket_size) + ": must be >= 1");
  }
  if (tick < 0) {
    throw IoArgumentError("invalid tick " + std::to_string(tick) + ": ticks must be >= 0");
  }
  return tick / bucket_size;
}

std::pair<std::int64_t, std::int64_t> bucket_tick_range(std::int64_t bucket_id, std::int64_t bucket_size) {
  if (bucket_size < 1) {
    throw IoArgumentError("invalid tick bucket size " + std::to_string(bucket_size) + ": must be >= 1");
  }
  if (bucket_id < 0) throw IoArgumentError("invalid bucket id " + std::to_string(bucket_id) + ": must be >= 0");
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  if (bucket_id > kMax / bucket_size) {
    throw IoArgumentError("bucket id " + std::to_string(bucket_id) + " is out of range for bucket size " +
                          std::to_string(bucket_size));
  }
  const std::int64_t first = bucket_id * bucket_size;
  const std::int64_t last = first > kMax - (bucket_size - 1) ? kMax : first + bucket_size - 1;
  return {first, last};
}

std::string new_part_name() { return "part-" + detail::random_uuid4_hex() + std::string(kPartSuffix); }

bool is_part_file_name(std::string_view name) {
  return ends_with(name, kPartSuffix) && name.size() > kPartSuffix.size() && name.front() != '.';
}

bool is_canonical_part_name(std::string_view name) {
  constexpr std::string_view kPrefix = "part-";
  constexpr std::size_t kHexDigits = 32;
  if (name.size() != kPrefix.size() + kHexDigits + kPartSuffix.size()) return false;
  if (name.substr(0, kPrefix.size()) != kPrefix || !ends_with(name, kPartSuffix)) return false;
  const std::string_view hex = name.substr(kPrefix.size(), kHexDigits);
  return std::all_of(hex.begin(), hex.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool is_tmp_file_name(std::string_view name) { return ends_with(name, kTmpSuffix); }

std::filesystem::path tmp_path(const std::filesystem::path& path) {
  std::filesystem::path tmp = path;
  tmp += std::string(kTmpSuffix);
  return tmp;
}

}  // namespace crv::io
