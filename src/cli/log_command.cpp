// `crv-io log --run R --table T [--json]`: the table's history, like Delta's DESCRIBE HISTORY:
// one entry per commit the manifest records (its parts share the commit's created_at).

#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "cli/terminal.hpp"
#include "cli/text_table.hpp"

namespace crv::cli {
namespace {

struct LogOptions : DatasetArguments {
  bool json = false;
};

/// The parts one commit (an append, or a seal or compaction) wrote.
struct HistoryEntry {
  std::string time;
  std::int64_t rows = 0;
  std::int64_t bytes = 0;
  std::int64_t parts = 0;
  std::set<std::int64_t> buckets;
  std::int64_t tick_min = 0;
  std::int64_t tick_max = 0;
};

/// The manifest's parts grouped by created_at (every part of a commit gets the commit's
/// time), oldest first: ISO-8601 UTC times sort as text.
std::vector<HistoryEntry> history(const io::TableManifest& manifest) {
  std::map<std::string, HistoryEntry> by_time;
  for (const auto& [bucket_id, partition] : manifest.partitions) {
    for (const io::PartEntry& part : partition.parts) {
      HistoryEntry& entry = by_time[part.created_at];
      if (entry.parts == 0) {
        entry.time = part.created_at;
        entry.tick_min = part.tick_min;
        entry.tick_max = part.tick_max;
      }
      entry.rows += part.rows;
      entry.bytes += part.bytes;
      entry.parts += 1;
      entry.buckets.insert(bucket_id);
      entry.tick_min = std::min(entry.tick_min, part.tick_min);
      entry.tick_max = std::max(entry.tick_max, part.tick_max);
    }
  }
  std::vector<HistoryEntry> entries;
  for (auto& [time, entry] : by_time) entries.push_back(std::move(entry));
  return entries;
}

nlohmann::ordered_json entry_json(std::size_t version, const HistoryEntry& entry) {
  return {{"version", version},         {"time", entry.time},        {"rows", entry.rows},
          {"bytes", entry.bytes},       {"parts", entry.parts},      {"buckets", entry.buckets},
          {"tick_min", entry.tick_min}, {"tick_max", entry.tick_max}};
}

void run_log(const LogOptions& options) {
  const std::unique_ptr<io::Dataset> opened = open_dataset(options);
  const io::Dataset& dataset = *opened;
  const io::TableManifest manifest = dataset.manifest(options.table).value_or(io::TableManifest::create(options.table));
  const std::vector<HistoryEntry> entries = history(manifest);
  const std::int64_t inline_rows = dataset.scan(options.table).count() - manifest.total_rows();
  if (options.json) {
    nlohmann::ordered_json commits = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < entries.size(); ++i) commits.push_back(entry_json(i + 1, entries[i]));
    std::cout << nlohmann::ordered_json{{"table", options.table},
                                        {"run_id", options.run_id},
                                        {"commits", std::move(commits)},
                                        {"inline_rows", inline_rows}}
                     .dump(2)
              << '\n';
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const HistoryEntry& entry = entries[i];
    rows.push_back({std::to_string(i + 1), entry.time, thousands(entry.rows), std::to_string(entry.parts),
                    std::to_string(entry.buckets.size()), std::to_string(entry.tick_min),
                    std::to_string(entry.tick_max)});
  }
  std::cout << aligned_table({{"version", true},
                              {"time"},
                              {"rows", true},
                              {"parts", true},
                              {"buckets", true},
                              {"tick_min", true},
                              {"tick_max", true}},
                             rows, color_stdout());
  if (inline_rows > 0) {
    std::cout << thousands(inline_rows)
              << " more row(s) inline in the append log, not yet sealed (crv-io seal writes them as parts)\n";
  }
}

}  // namespace

void register_log(CLI::App& app) {
  const auto [command, options] = add_command<LogOptions>(
      app, "log",
      "A table's commits in order (time, rows, parts, buckets, ticks), from the parts its manifest lists. A seal "
      "or compaction is one commit that stands for the appends it merged; small appends appear once sealed",
      run_log);
  add_dataset_options(*command, *options, DatasetScope::kRunTable);
  command->add_flag("--json", options->json, "Print JSON: {table, run_id, commits: [...], inline_rows}");
  command->footer("Example:\n  crv-io log --run r1 --table identity_edges");
}

}  // namespace crv::cli
