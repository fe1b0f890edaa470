#pragma once
// A fresh dataset root per test, and the rows the CLI tests append.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli/cli_runner.hpp"

namespace crv::cli::testing {

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    root_ = std::filesystem::temp_directory_path() /
            ("crv_cli_ux_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  std::string data_root() const { return (root_ / "data").string(); }

  /// `crv-io <arguments> --root <root>`, piped.
  CliResult run(const std::string& arguments) const { return run_crv_io(arguments + " --root '" + data_root() + "'"); }
  /// The same under a pseudo-terminal, with `environment` set.
  CliResult run_in_terminal(const std::string& arguments, const std::string& environment = "") const {
    return run_crv_io_in_terminal(arguments + " --root '" + data_root() + "'", environment);
  }

  std::filesystem::path write_file(const std::string& name, const std::string& text) const {
    const std::filesystem::path path = root_ / name;
    std::ofstream(path) << text;
    return path;
  }

  /// identity_edges rows for ticks [first, last], edge_weight = tick / 10, subject_id null on
  /// every third tick (tick % 3 == 0).
  static std::string edge_rows(int first, int last) {
    std::string text;
    for (int tick = first; tick <= last; ++tick) {
      text += R"({"tick":)" + std::to_string(tick) + R"(,"observer_agent_id":"A)" + std::to_string(tick % 7) +
              R"(","edge_kind":"self_to_object","edge_weight":)" + std::to_string(tick / 10.0) +
              (tick % 3 == 0 ? std::string() : R"(,"subject_id":"S)" + std::to_string(tick) + "\"") + "}\n";
    }
    return text;
  }

  /// Appends edge_rows(first, last) to identity_edges of `run_id`; asserts it worked.
  void append_edges(const std::string& run_id, int first, int last, const std::string& environment = "") const {
    const auto path =
        write_file("edges_" + std::to_string(first) + "_" + std::to_string(last) + ".jsonl", edge_rows(first, last));
    const CliResult appended = run_crv_io((environment.empty() ? std::string() : "env " + environment + " ") + "'" +
                                              CRV_CLI_PATH + "' append --run " + run_id + " --table identity_edges '" +
                                              path.string() + "' --root '" + data_root() + "'",
                                          /*raw=*/true);
    ASSERT_EQ(appended.exit_code, 0) << appended.err;
  }

  std::filesystem::path root_;
};

}  // namespace crv::cli::testing
