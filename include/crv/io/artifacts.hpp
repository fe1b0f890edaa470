#pragma once
/// @file
/// Run artifacts: the lab directories, atomic text and Parquet writes, file stats and the
/// artifacts index of the run bundle (REFERENCE.md sections 2 and 9).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "crv/export.hpp"
#include "crv/frame/frame.hpp"
#include "crv/io/env.hpp"
#include "crv/io/settings.hpp"
#include "crv/parquet/writer.hpp"

namespace crv::io {

/// Creates `<run>/artifacts/lab/<kind>` (kind: tidy, probes, policy, audit) and returns it.
CRV_IO_EXPORT std::filesystem::path ensure_lab_dir(Env& env, const IoSettings& settings, std::string_view run_id,
                                                   std::string_view kind);

/// Writes a text file atomically and durably (creating its directory).
CRV_IO_EXPORT void write_text_artifact(Env& env, const std::filesystem::path& path, std::string_view text);

/// Writes a frame as a Parquet file atomically and durably (creating its directory), with
/// the settings' codec and row-group size. Returns the file size.
CRV_IO_EXPORT std::uint64_t write_parquet_artifact(Env& env, const IoSettings& settings,
                                                   const std::filesystem::path& path, const frame::Frame& frame);

/// What artifacts_index records of a file.
struct FileStats {
  std::uint64_t bytes = 0;           ///< the file's size
  std::optional<std::int64_t> rows;  ///< Parquet files whose footer reads
};

/// Size of a file, and its row count when it is a readable Parquet file.
CRV_IO_EXPORT FileStats file_stats(Env& env, const std::filesystem::path& path);

/// {"lab": {"tidy": [...], "probes": [...], "policy": [...], "audit": [...]}, "world": {},
/// "mind": {}}; each entry {"path" (relative to the run dir), "bytes"[, "rows"]}, sorted
/// by path; .tmp files are skipped.
CRV_IO_EXPORT nlohmann::json artifacts_index(Env& env, const IoSettings& settings, std::string_view run_id);

}  // namespace crv::io
