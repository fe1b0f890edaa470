#pragma once
/// @file
/// The on-disk layout of a run (REFERENCE.md section 2):
///
/// ```
/// <root>/runs/<run_id>/bundle.manifest.json
/// <root>/runs/<run_id>/tables/<table>/manifest.json
/// <root>/runs/<run_id>/tables/<table>/bucket=000123/part-<32 hex>.parquet
/// <root>/runs/<run_id>/artifacts/lab/{tidy,probes,policy,audit}/<file>
/// ```

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "crv/core/table_name.hpp"
#include "crv/export.hpp"
#include "crv/io/settings.hpp"

namespace crv::io {

namespace fs = std::filesystem;

inline constexpr std::string_view kManifestFileName = "manifest.json";               ///< a table's manifest
inline constexpr std::string_view kBundleManifestFileName = "bundle.manifest.json";  ///< a run's bundle manifest
inline constexpr std::string_view kPartSuffix = ".parquet";                          ///< the suffix of part files
inline constexpr std::string_view kTmpSuffix = ".tmp";           ///< files being written, renamed when complete
inline constexpr std::string_view kBucketDirPrefix = "bucket=";  ///< bucket directories: "bucket=000123"

/// `<root>/runs/<run_id>`. Throws IoError when the run id is invalid (see
/// crv::core::validate_run_id).
CRV_IO_EXPORT std::filesystem::path run_root(const IoSettings& settings, std::string_view run_id);
/// `<run_root>/tables`
CRV_IO_EXPORT std::filesystem::path tables_root(const IoSettings& settings, std::string_view run_id);
/// `<tables_root>/<table>`
CRV_IO_EXPORT std::filesystem::path table_dir(const IoSettings& settings, std::string_view run_id,
                                              core::TableName table);
/// `<table_dir>/manifest.json`
CRV_IO_EXPORT std::filesystem::path manifest_path(const IoSettings& settings, std::string_view run_id,
                                                  core::TableName table);
/// `<table_dir>/bucket=<id>`
CRV_IO_EXPORT std::filesystem::path bucket_dir(const IoSettings& settings, std::string_view run_id,
                                               core::TableName table, std::int64_t bucket_id);
/// `<run_root>/bundle.manifest.json`
CRV_IO_EXPORT std::filesystem::path bundle_manifest_path(const IoSettings& settings, std::string_view run_id);
/// `<run_root>/artifacts`
CRV_IO_EXPORT std::filesystem::path artifacts_dir(const IoSettings& settings, std::string_view run_id);
/// `<run_root>/artifacts/lab/<kind>`, kind one of lab_artifact_kinds() (IoError otherwise).
CRV_IO_EXPORT std::filesystem::path lab_artifact_dir(const IoSettings& settings, std::string_view run_id,
                                                     std::string_view kind);
/// tidy, probes, policy, audit.
CRV_IO_EXPORT std::span<const std::string_view> lab_artifact_kinds();

/// The zero-padded partition key: at least 6 digits, wider ids not truncated
/// ("000123", "1234567"). IoError for a negative id.
CRV_IO_EXPORT std::string bucket_key(std::int64_t bucket_id);
/// "bucket=" + bucket_key(bucket_id).
CRV_IO_EXPORT std::string bucket_dir_name(std::int64_t bucket_id);
/// The id of a "bucket=`<digits>"` directory name; nullopt for any other name.
CRV_IO_EXPORT std::optional<std::int64_t> parse_bucket_dir_name(std::string_view name);

/// tick // bucket_size. IoError for tick < 0 or bucket_size < 1.
CRV_IO_EXPORT std::int64_t bucket_id_for_tick(std::int64_t tick, std::int64_t bucket_size);
/// First and last tick of a bucket: [id * size, id * size + size - 1].
CRV_IO_EXPORT std::pair<std::int64_t, std::int64_t> bucket_tick_range(std::int64_t bucket_id, std::int64_t bucket_size);

/// "part-<32 lowercase hex of a random UUID4>.parquet".
CRV_IO_EXPORT std::string new_part_name();
/// A finished data file of a bucket directory: "`<stem>.parquet"` with a non-empty stem
/// (".parquet.tmp" files and hidden files are not).
CRV_IO_EXPORT bool is_part_file_name(std::string_view name);
/// Exactly "part-<32 lowercase hex>.parquet", the names crv-io and the reference write
/// (uuid4().hex): the only part names a manifest may list, and the only files a directory
/// walk adopts (no slash, no "..", nothing outside the bucket directory).
CRV_IO_EXPORT bool is_canonical_part_name(std::string_view name);
/// A name ending in ".tmp".
CRV_IO_EXPORT bool is_tmp_file_name(std::string_view name);
/// `path` + ".tmp".
CRV_IO_EXPORT std::filesystem::path tmp_path(const std::filesystem::path& path);

}  // namespace crv::io
