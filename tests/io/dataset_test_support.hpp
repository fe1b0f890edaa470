#pragma once
// Helpers of the dataset tests: a temporary root (temp_dir.hpp), frames of the canonical tables, and
// snapshots of a table directory.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "crv/frame/builder.hpp"
#include "crv/frame/column.hpp"
#include "crv/frame/frame.hpp"
#include "crv/io/settings.hpp"
#include "io/temp_dir.hpp"

namespace crv::io::testing {

/// A TempDir used as the root of datasets.
class TempRoot : public TempDir {
 public:
  /// Inlining off: every append writes its parts and the manifest, the reference's layout
  /// (what most tests here check).
  IoSettings settings() const {
    IoSettings settings;
    settings.root_dir = path();
    settings.inline_max_rows = 0;
    return settings;
  }
  /// The defaults: small appends inline in the append log until their bucket is sealed.
  IoSettings streaming_settings() const {
    IoSettings settings;
    settings.root_dir = path();
    return settings;
  }
};

/// Runs `writer(p)` for p in [0, processes) in as many forked processes at once, and expects
/// each to exit 0: writer's return value is the exit status, and an exception escaping it
/// (printed with its writer's number) exits 1. For the tests of several writing processes.
inline void run_writer_processes(int processes, const std::function<int(int)>& writer) {
  std::vector<pid_t> children;
  for (int p = 0; p < processes; ++p) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int status = 0;
      try {
        status = writer(p);
      } catch (const std::exception& error) {
        std::fprintf(stderr, "writer %d: %s\n", p, error.what());
        status = 1;
      }
      _exit(status);
    }
    children.push_back(pid);
  }
  for (const pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "a writer process failed: status " << status;
  }
}

/// The seed quickstart's identity_edges rows.
inline frame::Frame quickstart_edges() {
  return frame::Frame{
      {"tick", frame::Column::from<std::int64_t>({0, 1, 2, 101})},
      {"observer_agent_id", frame::Column::from<std::string>({"A0", "A1", "A2", "A0"})},
      {"edge_kind",
       frame::Column::from<std::string>({"self_to_object", "self_to_object", "self_to_object", "self_to_object"})},
      {"edge_weight", frame::Column::from<double>({0.0, 0.1, 0.2, 0.3})},
  };
}

/// identity_edges rows at the given ticks (observer "A<tick>", weight tick / 10).
inline frame::Frame edges_at(const std::vector<std::int64_t>& ticks) {
  std::vector<std::optional<std::string>> observers;
  std::vector<std::optional<std::string>> kinds;
  std::vector<std::optional<double>> weights;
  for (std::int64_t tick : ticks) {
    observers.emplace_back(std::string("A").append(std::to_string(tick)));
    kinds.emplace_back("self_to_positive_valence");
    weights.emplace_back(static_cast<double>(tick) / 10.0);
  }
  return frame::Frame{
      {"tick", frame::Column::from<std::int64_t>(ticks)},
      {"observer_agent_id", frame::Column::from<std::string>(observers)},
      {"edge_kind", frame::Column::from<std::string>(kinds)},
      {"edge_weight", frame::Column::from<double>(weights)},
  };
}

/// Every regular file under `dir` (relative path -> content), directories left out.
inline std::map<std::string, std::string> file_snapshot(const std::filesystem::path& dir) {
  std::map<std::string, std::string> files;
  if (!std::filesystem::exists(dir)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    files[entry.path().lexically_relative(dir).generic_string()] = content.str();
  }
  return files;
}

/// Relative paths of the files under `dir` whose name ends with `suffix`.
inline std::vector<std::string> files_ending_with(const std::filesystem::path& dir, std::string_view suffix) {
  std::vector<std::string> names;
  if (!std::filesystem::exists(dir)) return names;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.ends_with(suffix)) {
      names.push_back(entry.path().lexically_relative(dir).generic_string());
    }
  }
  return names;
}

inline std::vector<std::int64_t> int_values(const frame::Column& column) {
  std::vector<std::int64_t> values;
  for (std::int64_t row = 0; row < column.length(); ++row) values.push_back(column.value<std::int64_t>(row));
  return values;
}

}  // namespace crv::io::testing
