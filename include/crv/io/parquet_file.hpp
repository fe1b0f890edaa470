#pragma once
/// @file
/// Reading a Parquet file that is not a part of a run (an input to append, a file to
/// inspect) through the Env, with the same distrust as parts: a FIFO, a device or a
/// directory is refused without being read, a short or damaged file is an error naming it.

#include <filesystem>

#include "crv/export.hpp"
#include "crv/frame/frame.hpp"
#include "crv/io/env.hpp"

namespace crv::io {

/// Every row of the Parquet file at `path`. IoReadError when it cannot be read (or is not a
/// regular file); crv::parquet::ParquetError when it is not a valid Parquet file.
CRV_IO_EXPORT frame::Frame read_parquet_file(const std::filesystem::path& path, Env& env = Env::posix());

}  // namespace crv::io
