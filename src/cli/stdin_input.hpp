#pragma once
// `-` for standard input where a command reads a file: the input is copied, in blocks, to a
// temporary file (removed at exit) so that commands that need a path or random access
// (Parquet footers) read it as any other file.

#include "cli/commands.hpp"  // CLI11

namespace crv::cli {

/// A CLI11 transform for a FILE option or argument: "-" becomes the path of a temporary copy
/// of standard input, named ".parquet" when it starts with Parquet's magic "PAR1" and
/// ".jsonl" otherwise; any other value is left as it is.
CLI::Validator stdin_as_file();

}  // namespace crv::cli
