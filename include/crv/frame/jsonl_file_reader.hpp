#pragma once
/// @file
/// A JSONL file read by read_jsonl on two threads: each half of the file (split at a line)
/// parsed at once, the halves' columns joined.

#include <crv/export.hpp>
#include <crv/frame/frame.hpp>
#include <crv/frame/jsonl_reader.hpp>

#include <filesystem>

namespace crv::frame {

/// read_jsonl of the file at `path`, with the same frame and the same errors: when both
/// halves read without an error and their columns agree (the same type where both have a
/// column; a column only one half has is null in the other), their columns are joined;
/// otherwise (an error, types that differ, a file under 1 MiB) the file is read again
/// sequentially, so that the result and its messages are exactly read_jsonl's.
/// `options.total_bytes` is set from the file's size. FrameError as read_jsonl;
/// std::runtime_error when the file cannot be opened.
CRV_IO_EXPORT Frame read_jsonl_file(const std::filesystem::path& path, const JsonlSchema& schema = {},
                                    JsonlReadOptions options = {});

}  // namespace crv::frame
