#pragma once
// Exit codes of the crv-io command-line tool.
//
//   0  success
//   1  any other error
//   2  usage error: bad command line, invalid settings (IoConfigError), or an invalid
//      argument such as a run id or a cursor (IoArgumentError)
//   3  schema error: a frame or name that does not match the canonical descriptors
//      (IoSchemaError, crv::core::CoreError)
//   4  io or manifest error (IoReadError, IoWriteError, IoManifestError)
//   5  Parquet or data error (crv::parquet::ParquetError, crv::frame::FrameError)
//   6  `verify` found problems (or `repair` left some)
//
// Errors are printed to stderr as "crv-io: error: <message>".

#include <exception>
#include <stdexcept>
#include <string_view>

namespace crv::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitOther = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitSchema = 3;
inline constexpr int kExitIo = 4;
inline constexpr int kExitData = 5;
inline constexpr int kExitProblems = 6;

/// Thrown by a command that has printed its result and must end with `code` (verify's
/// problems): main() returns the code without printing an error.
struct ExitWith {
  int code = kExitOk;
};

/// A mistake in what the command line names, found once it is parsed: a run or table that
/// does not exist, an unknown column. Exit 2, like any usage error; the message says what
/// exists or what to type instead.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Prints "crv-io: error: <message>" to stderr (the prefix red on a terminal).
void print_error(std::string_view message);

/// Prints the exception to stderr and returns its exit code.
int report_exception(std::exception_ptr error);

}  // namespace crv::cli
