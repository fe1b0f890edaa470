#pragma once
// Inline rows to and from their Parquet bytes in memory.

#include <memory>
#include <string>

#include "crv/frame/frame.hpp"
#include "crv/parquet/reader.hpp"
#include "crv/parquet/writer.hpp"

namespace crv::io::detail {

/// The Parquet file of `rows` in memory.
std::shared_ptr<const std::string> encode_inline_rows(const frame::Frame& rows, const parquet::WriterOptions& options);

/// A reader over inline rows; `name` appears in error messages.
std::unique_ptr<parquet::FileReader> open_inline_rows(std::shared_ptr<const std::string> bytes, std::string name);

}  // namespace crv::io::detail
