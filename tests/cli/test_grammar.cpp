// One grammar everywhere: --help examples, --format and --json, `-` for standard input, and
// the bash completion script (generated, sourced, installed).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/cli_fixture.hpp"

namespace {

using crv::cli::testing::CliResult;
using crv::cli::testing::CliTest;
using crv::cli::testing::read_file_text;
using crv::cli::testing::run_crv_io;
using nlohmann::json;
using ::testing::HasSubstr;

/// The subcommand names a --help lists under "Subcommands:".
std::vector<std::string> subcommands_of(const std::string& help) {
  std::vector<std::string> names;
  std::istringstream lines(help);
  bool in_list = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("Subcommands:", 0) == 0) {
      in_list = true;
    } else if (in_list && line.rfind("  ", 0) == 0 && line.size() > 2 && line[2] != ' ') {
      names.push_back(line.substr(2, line.find(' ', 2) - 2));
    } else if (in_list && line.empty()) {
      in_list = false;
    }
  }
  return names;
}

/// The last non-empty line of `text`.
std::string last_line(const std::string& text) {
  std::istringstream lines(text);
  std::string last;
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) last = line;
  }
  return last;
}

std::filesystem::path build_dir() { return std::filesystem::path(CRV_CLI_PATH).parent_path(); }

std::filesystem::path completion_file() { return build_dir() / "share/bash-completion/completions/crv-io"; }

/// COMPREPLY of the completion function for the words of `line` (bash words; the last one
/// is being completed), one per line.
std::string complete(const std::string& line) {
  const std::filesystem::path script =
      std::filesystem::temp_directory_path() / ("crv-complete-" + std::to_string(::getpid()) + ".sh");
  std::ofstream(script) << "source '" << completion_file().string() << "'\n"
                        << "COMP_WORDS=(" << line << ")\n"
                        << "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
                        << "_crv_io\n"
                        << "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
  const CliResult result = run_crv_io("bash '" + script.string() + "'", true);
  std::filesystem::remove(script);
  return result.out;
}

class Grammar : public CliTest {};

TEST_F(Grammar, EveryCommandsHelpEndsWithAnExampleOfItself) {
  const CliResult top = run_crv_io("--help");
  ASSERT_EQ(top.exit_code, 0);
  const std::vector<std::string> commands = subcommands_of(top.out);
  ASSERT_GE(commands.size(), 18u) << top.out;
  EXPECT_THAT(last_line(top.out), HasSubstr("crv-io read "));
  std::vector<std::string> paths;
  for (const std::string& command : commands) {
    paths.push_back(command);
    for (const std::string& sub : subcommands_of(run_crv_io(command + " --help").out)) {
      paths.push_back(command + " " + sub);
    }
  }
  EXPECT_THAT(paths, ::testing::Contains("parquet dump"));
  EXPECT_THAT(paths, ::testing::IsSupersetOf({"stats", "log", "completion", "read", "verify"}));
  for (const std::string& path : paths) {
    const CliResult help = run_crv_io(path + " --help");
    EXPECT_EQ(help.exit_code, 0) << path;
    EXPECT_THAT(help.out, HasSubstr("Example")) << path;
    EXPECT_THAT(last_line(help.out), HasSubstr("crv-io " + path)) << path << ":\n" << help.out;
  }
}

TEST_F(Grammar, DataCommandsTakeFormatAndReportsTakeJson) {
  append_edges("r1", 0, 2);
  for (const char* command : {"read --run r1 --table identity_edges", "tail --run r1 --table identity_edges"}) {
    const CliResult csv = run(std::string(command) + " --format csv");
    ASSERT_EQ(csv.exit_code, 0) << command << csv.err;
    EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')), "bucket,tick,observer_agent_id,edge_kind,subject_id,edge_weight")
        << command;
    const CliResult table = run(std::string(command) + " --format table");
    EXPECT_THAT(table.out, HasSubstr("shape: (3, 6)")) << command;
  }
  for (const char* command : {"runs", "tables --run r1", "stats --run r1", "log --run r1 --table identity_edges",
                              "verify --run r1", "seal --run r1", "compact --run r1 --table identity_edges",
                              "vacuum --run r1", "bundle --run r1", "manifest --run r1 --table identity_edges",
                              "rebuild-manifest --run r1 --table identity_edges", "repair --run r1"}) {
    const CliResult result = run(std::string(command) + " --json");
    ASSERT_EQ(result.exit_code, 0) << command << ": " << result.err;
    EXPECT_TRUE(json::accept(result.out)) << command << ":\n" << result.out;
  }
  const auto input = write_file("more.jsonl", edge_rows(10, 11));
  const CliResult appended = run("append --run r1 --table identity_edges --json '" + input.string() + "'");
  ASSERT_EQ(appended.exit_code, 0) << appended.err;
  EXPECT_EQ(json::parse(appended.out)["rows"], 2);
}

TEST_F(Grammar, DashReadsStandardInput) {
  const auto input = write_file("edges.jsonl", edge_rows(0, 4));
  const CliResult appended =
      run_crv_io("'" + std::string(CRV_CLI_PATH) + "' append --run r1 --table identity_edges - --root '" + data_root() +
                     "' < '" + input.string() + "'",
                 true);
  ASSERT_EQ(appended.exit_code, 0) << appended.err;
  EXPECT_EQ(json::parse(appended.out)["rows"], 5);
  EXPECT_EQ(run("read --run r1 --table identity_edges --count").out, "5\n");

  // A Parquet file on standard input: a part of the run, piped to parquet dump and meta.
  std::filesystem::path part;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root_ / "data")) {
    if (entry.path().extension() == ".parquet") part = entry.path();
  }
  ASSERT_FALSE(part.empty());
  const CliResult dumped = run_crv_io("parquet dump --format jsonl --columns tick - < '" + part.string() + "'");
  ASSERT_EQ(dumped.exit_code, 0) << dumped.err;
  EXPECT_EQ(dumped.out, "{\"tick\":0}\n{\"tick\":1}\n{\"tick\":2}\n{\"tick\":3}\n{\"tick\":4}\n");
  EXPECT_EQ(run_crv_io("parquet meta --json - < '" + part.string() + "'").exit_code, 0);

  const auto meta = write_file("meta.json", R"({"note":"from stdin"})");
  const CliResult bundle = run_crv_io("'" + std::string(CRV_CLI_PATH) + "' bundle --run r1 --meta - --root '" +
                                          data_root() + "' < '" + meta.string() + "'",
                                      true);
  ASSERT_EQ(bundle.exit_code, 0) << bundle.err;
  EXPECT_EQ(json::parse(bundle.out)["meta"]["note"], "from stdin");
}

TEST_F(Grammar, BashCompletionIsGeneratedFromTheCommands) {
  ASSERT_TRUE(std::filesystem::exists(completion_file())) << completion_file();
  // The file CMake wrote is what the binary prints now (it cannot lag behind the commands).
  EXPECT_EQ(read_file_text(completion_file()), run_crv_io("completion bash").out);

  const CliResult registered =
      run_crv_io("bash -c \"source '" + completion_file().string() + "' && complete -p crv-io\"", true);
  EXPECT_EQ(registered.out, "complete -o default -F _crv_io crv-io\n") << registered.err;

  const std::string commands = complete("crv-io ''");
  for (const std::string& command : subcommands_of(run_crv_io("--help").out)) {
    EXPECT_THAT(commands, HasSubstr(command + "\n")) << command;
  }
  EXPECT_EQ(complete("crv-io re"), "read\nrebuild-manifest\nrepair\n");
  EXPECT_EQ(complete("crv-io parquet d"), "dump\n");
  EXPECT_THAT(complete("crv-io read --ti"), HasSubstr("--tick-min\n--tick-max\n"));
  EXPECT_EQ(complete("crv-io read --table identity_e"), "identity_edges\n");
  EXPECT_EQ(complete("crv-io read --format c"), "csv\n");
  // An option's value is not the command: `--run r1` does not make r1 a command.
  EXPECT_THAT(complete("crv-io stats --run r1 --s"), HasSubstr("--svg\n"));
  // --run completes the runs under --root.
  append_edges("run_one", 0, 1);
  EXPECT_EQ(complete("crv-io read --root '" + data_root() + "' --run run_"), "run_one\n");
}

TEST_F(Grammar, InstallPutsTheCompletionBesideTheBinary) {
  const std::filesystem::path prefix = root_ / "prefix";
  const CliResult installed = run_crv_io(
      "cmake --install '" + build_dir().string() + "' --prefix '" + prefix.string() + "' --component crv_io_runtime",
      true);
  ASSERT_EQ(installed.exit_code, 0) << installed.out << installed.err;
  EXPECT_TRUE(std::filesystem::exists(prefix / "bin/crv-io"));
  EXPECT_EQ(read_file_text(prefix / "share/bash-completion/completions/crv-io"), read_file_text(completion_file()));
}

}  // namespace
