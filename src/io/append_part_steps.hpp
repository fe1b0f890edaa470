#pragma once
// write_parquet_file_atomically in its steps, so that an append can write and fsync its new
// manifest's .tmp while its parts are fsynced (the manifest is renamed into place only after
// every part is renamed and its directory fsynced).

#include <cstdint>
#include <filesystem>
#include <functional>

#include "crv/frame/frame.hpp"
#include "crv/io/env.hpp"
#include "crv/parquet/writer.hpp"

namespace crv::io::detail {

/// Writes `frame` to `path`.tmp, fsyncs it and renames it to `path` (a PreparedFile whose
/// directory exists). On failure the .tmp is removed and an IoWriteError naming the file and
/// the failed step is thrown. Returns the size of the file in bytes.
std::uint64_t write_and_rename_part(Env& env, const std::filesystem::path& path, const frame::Frame& frame,
                                    const parquet::WriterOptions& options);

/// Fsyncs the directory of the part at `path`, which makes its rename durable; on failure
/// the part is removed and an IoWriteError is thrown.
void sync_part_directory(Env& env, const std::filesystem::path& path);

}  // namespace crv::io::detail
