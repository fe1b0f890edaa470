#include "cli/exit_codes.hpp"

#include <iostream>
#include <string_view>

#include "cli/terminal.hpp"
#include "crv/core/error.hpp"
#include "crv/frame/error.hpp"
#include "crv/io/errors.hpp"
#include "crv/parquet/error.hpp"

namespace crv::cli {
namespace {

int print(std::string_view message, int code) {
  print_error(message);
  return code;
}

}  // namespace

void print_error(std::string_view message) {
  std::cerr << paint("crv-io: error:", Style::kError, color_stderr()) << ' ' << message << '\n';
}

int report_exception(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const UsageError& e) {
    return print(e.what(), kExitUsage);
  } catch (const io::IoConfigError& e) {
    return print(e.what(), kExitUsage);
  } catch (const io::IoArgumentError& e) {
    return print(e.what(), kExitUsage);
  } catch (const io::IoSchemaError& e) {
    return print(e.what(), kExitSchema);
  } catch (const io::IoError& e) {
    return print(e.what(), kExitIo);
  } catch (const core::CoreError& e) {
    return print(e.what(), kExitSchema);
  } catch (const parquet::ParquetError& e) {
    return print(e.what(), kExitData);
  } catch (const frame::FrameError& e) {
    return print(e.what(), kExitData);
  } catch (const std::exception& e) {
    return print(e.what(), kExitOther);
  } catch (...) {
    return print("unknown error", kExitOther);
  }
}

}  // namespace crv::cli
