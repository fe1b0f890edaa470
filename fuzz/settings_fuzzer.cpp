// Settings: IoSettings::load from a TOML file and CRV_IO_* environment values, validation,
// and to_json of the result. Every input must load or fail with IoConfigError.
//
// Input: the first byte picks where the TOML goes (0: a file given by path, 1: crv.toml of
// the search directory, 2: pyproject.toml of the search directory); the TOML text runs to
// the first NUL byte; after it, one NAME=VALUE environment variable per line.
#include <crv/io/env_vars.hpp>
#include <crv/io/errors.hpp>
#include <crv/io/settings.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace {

using namespace crv::io;
namespace fs = std::filesystem;

// One directory per fuzzing process (libFuzzer's -jobs run several), removed at exit.
const fs::path& work_dir() {
  static const struct Dir {
    fs::path path = fs::temp_directory_path() / ("crv-fuzz-settings-" + std::to_string(::getpid()));
    Dir() { fs::create_directories(path); }
    ~Dir() {
      std::error_code ignored;
      fs::remove_all(path, ignored);
    }
  } dir;
  return dir.path;
}

std::map<std::string, std::string, std::less<>> parse_environment(std::string_view text) {
  std::map<std::string, std::string, std::less<>> variables;
  while (!text.empty()) {
    const size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    const size_t equals = line.find('=');
    if (equals == std::string_view::npos) continue;
    variables[std::string(line.substr(0, equals))] = std::string(line.substr(equals + 1));
  }
  return variables;
}

void write_file(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const int mode = data[0] % 3;
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  const size_t nul = rest.find('\0');
  const std::string_view toml = rest.substr(0, nul);
  const std::string_view environment = nul == std::string_view::npos ? std::string_view() : rest.substr(nul + 1);

  const fs::path& dir = work_dir();
  for (const char* name : {"given.toml", "crv.toml", "pyproject.toml"}) fs::remove(dir / name);
  const char* file_name = mode == 0 ? "given.toml" : mode == 1 ? "crv.toml" : "pyproject.toml";
  write_file(dir / file_name, toml);
  const EnvVars env = EnvVars::from_map(parse_environment(environment));
  try {
    const std::optional<fs::path> given = mode == 0 ? std::optional<fs::path>(dir / file_name) : std::nullopt;
    const IoSettings settings = IoSettings::load(given, env, dir);
    (void)settings.to_json().dump();  // every accepted setting is text
  } catch (const IoConfigError&) {
    // Invalid TOML or values: a clean refusal naming the source.
  }
  return 0;
}
