// `crv-io stats --run R [--table T] [--json] [--svg FILE]`: per table rows, bytes, tick range,
// parts and buckets, rows per bucket, and per-column null counts and min/max, from the
// manifest and the part footers only (no data page is read).

#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "cli/exit_codes.hpp"
#include "cli/part_footer.hpp"
#include "cli/progress.hpp"
#include "cli/svg_chart.hpp"
#include "cli/terminal.hpp"
#include "cli/text_table.hpp"
#include "crv/io/paths.hpp"

namespace crv::cli {
namespace {

struct StatsOptions : DatasetArguments {
  bool json = false;
  std::string svg;
};

/// Rows a bucket histogram line stands for: one bucket, or a run of neighbours when there
/// are more buckets than lines worth reading.
struct HistogramBin {
  std::string label;
  std::int64_t rows = 0;
};

constexpr std::size_t kMaxHistogramLines = 30;
constexpr std::size_t kBarWidth = 40;

std::vector<HistogramBin> histogram_bins(const io::TableManifest& manifest) {
  std::vector<const io::PartitionEntry*> partitions;
  for (const auto& [id, partition] : manifest.partitions) partitions.push_back(&partition);
  const std::size_t per_bin = (partitions.size() + kMaxHistogramLines - 1) / kMaxHistogramLines;
  std::vector<HistogramBin> bins;
  for (std::size_t first = 0; first < partitions.size(); first += std::max<std::size_t>(1, per_bin)) {
    const std::size_t last = std::min(partitions.size(), first + std::max<std::size_t>(1, per_bin)) - 1;
    HistogramBin bin;
    bin.label = io::bucket_key(partitions[first]->bucket_id);
    if (last != first) bin.label += "-" + io::bucket_key(partitions[last]->bucket_id);
    for (std::size_t i = first; i <= last; ++i) bin.rows += partitions[i]->row_count;
    bins.push_back(std::move(bin));
  }
  return bins;
}

/// The statistics of every part the manifest lists, merged; the progress counts parts.
std::vector<ColumnFooterStatistics> column_statistics(const io::Dataset& dataset, const std::string& table,
                                                      const io::TableManifest& manifest, Progress& progress) {
  std::vector<ColumnFooterStatistics> columns;
  bool first = true;
  for (const auto& [bucket_id, partition] : manifest.partitions) {
    const auto directory =
        io::bucket_dir(dataset.settings(), dataset.run_id(), core::parse_table_name(table), bucket_id);
    for (const io::PartEntry& part : partition.parts) {
      std::vector<ColumnFooterStatistics> of_part = footer_statistics(directory / part.path);
      if (first) {
        columns = std::move(of_part);
        first = false;
      } else {
        merge_footer_statistics(columns, of_part);
      }
      progress.advance();
    }
  }
  return columns;
}

nlohmann::ordered_json bucket_json(const io::PartitionEntry& partition) {
  return {{"bucket_id", partition.bucket_id}, {"rows", partition.row_count},    {"bytes", partition.byte_size},
          {"parts", partition.parts.size()},  {"tick_min", partition.tick_min}, {"tick_max", partition.tick_max}};
}

nlohmann::ordered_json column_json(const ColumnFooterStatistics& column) {
  return {{"column", column.column},
          {"physical_type", column.physical_type},
          {"null_count", column.nulls ? nlohmann::ordered_json(*column.nulls) : nlohmann::ordered_json()},
          {"min", column.min},
          {"max", column.max}};
}

nlohmann::ordered_json table_stats(const io::Dataset& dataset, const std::string& table,
                                   const io::TableManifest& manifest, Progress& progress) {
  // Rows of small appends stay inline in the append log until sealed: counted, not in parts.
  const std::int64_t inline_rows = dataset.scan(table).count() - manifest.total_rows();
  nlohmann::ordered_json buckets = nlohmann::ordered_json::array();
  for (const auto& [id, partition] : manifest.partitions) buckets.push_back(bucket_json(partition));
  nlohmann::ordered_json columns = nlohmann::ordered_json::array();
  for (const ColumnFooterStatistics& column : column_statistics(dataset, table, manifest, progress)) {
    columns.push_back(column_json(column));
  }
  const auto bound = [](std::optional<std::int64_t> tick) {
    return tick ? nlohmann::ordered_json(*tick) : nlohmann::ordered_json();
  };
  return {{"table", table},
          {"rows", manifest.total_rows()},
          {"inline_rows", inline_rows},
          {"bytes", manifest.total_bytes()},
          {"tick_min", bound(manifest.tick_min())},
          {"tick_max", bound(manifest.tick_max())},
          {"parts", manifest.part_count()},
          {"buckets", std::move(buckets)},
          {"columns", std::move(columns)}};
}

std::string value_text(const nlohmann::ordered_json& value) {
  if (value.is_null()) return "-";
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string histogram_text(const std::vector<HistogramBin>& bins, bool color) {
  std::int64_t max = 1;
  for (const HistogramBin& bin : bins) max = std::max(max, bin.rows);
  std::vector<std::vector<std::string>> rows;
  for (const HistogramBin& bin : bins) {
    const auto width = static_cast<std::size_t>((bin.rows * static_cast<std::int64_t>(kBarWidth) + max - 1) / max);
    std::string bar;
    for (std::size_t i = 0; i < width; ++i) bar += "█";
    rows.push_back({bin.label, thousands(bin.rows), bar});
  }
  return aligned_table({{"bucket"}, {"rows", true}, {""}}, rows, color);
}

void print_table_stats(const nlohmann::ordered_json& stats, const io::TableManifest& manifest, bool color) {
  std::cout << paint(stats["table"].get<std::string>(), Style::kHeader, color) << '\n';
  std::cout << "  rows     " << thousands(stats["rows"].get<std::int64_t>()) << " in parts";
  if (const auto inline_rows = stats["inline_rows"].get<std::int64_t>(); inline_rows > 0) {
    std::cout << ", " << thousands(inline_rows) << " inline in the append log (crv-io seal makes them parts)";
  }
  std::cout << "\n  bytes    " << human_bytes(stats["bytes"].get<std::int64_t>()) << " ("
            << thousands(stats["bytes"].get<std::int64_t>()) << ")\n";
  std::cout << "  ticks    " << value_text(stats["tick_min"]) << " .. " << value_text(stats["tick_max"]) << '\n';
  std::cout << "  parts    " << stats["parts"].get<std::int64_t>() << " in " << stats["buckets"].size()
            << " bucket(s)\n";
  if (!manifest.partitions.empty())
    std::cout << "\n  rows per bucket\n" << histogram_text(histogram_bins(manifest), color);
  std::vector<std::vector<std::string>> rows;
  for (const auto& column : stats["columns"]) {
    rows.push_back({column["column"].get<std::string>(), column["physical_type"].get<std::string>(),
                    column["null_count"].is_null() ? "?" : thousands(column["null_count"].get<std::int64_t>()),
                    value_text(column["min"]), value_text(column["max"])});
  }
  if (!rows.empty()) {
    std::cout << "\n  columns (from the part footers)\n"
              << aligned_table({{"column"}, {"type"}, {"nulls", true}, {"min"}, {"max"}}, rows, color);
  }
}

void write_svg(const std::string& path, const std::vector<nlohmann::ordered_json>& tables,
               const std::vector<io::TableManifest>& manifests) {
  std::vector<BarChart> charts;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    BarChart chart{tables[i]["table"].get<std::string>() + ": rows per bucket", "bucket", "rows", {}};
    for (const auto& [id, partition] : manifests[i].partitions) {
      chart.bars.push_back({std::to_string(id), partition.row_count});
    }
    charts.push_back(std::move(chart));
  }
  std::ofstream out(path);
  out << bar_charts_svg(charts);
  if (!out.flush()) throw UsageError("--svg: cannot write '" + path + "'; check that its directory exists");
}

std::int64_t part_count(const std::vector<io::TableManifest>& manifests) {
  std::int64_t parts = 0;
  for (const io::TableManifest& manifest : manifests) parts += static_cast<std::int64_t>(manifest.part_count());
  return parts;
}

void run_stats(const StatsOptions& options) {
  const std::unique_ptr<io::Dataset> opened = open_dataset(options);
  const io::Dataset& dataset = *opened;
  const std::vector<std::string> tables =
      options.table.empty() ? written_tables(dataset) : std::vector<std::string>{options.table};
  std::vector<io::TableManifest> manifests;
  for (const std::string& table : tables) {
    manifests.push_back(dataset.manifest(table).value_or(io::TableManifest::create(table)));
  }
  std::vector<nlohmann::ordered_json> stats;
  {
    Progress progress("stats", part_count(manifests), "parts");
    for (std::size_t i = 0; i < tables.size(); ++i) {
      stats.push_back(table_stats(dataset, tables[i], manifests[i], progress));
    }
    progress.finish();
  }
  if (!options.svg.empty()) write_svg(options.svg, stats, manifests);
  if (options.json) {
    std::cout << nlohmann::ordered_json{{"run_id", dataset.run_id()}, {"tables", stats}}.dump(2) << '\n';
    return;
  }
  const bool color = color_stdout();
  std::cout << "run " << dataset.run_id() << " under " << dataset.settings().root_dir.string() << "\n\n";
  for (std::size_t i = 0; i < stats.size(); ++i) {
    if (i > 0) std::cout << '\n';
    print_table_stats(stats[i], manifests[i], color);
  }
  if (stats.empty()) std::cout << "no table of run " << dataset.run_id() << " holds rows\n";
}

}  // namespace

void register_stats(CLI::App& app) {
  const auto [command, options] = add_command<StatsOptions>(
      app, "stats",
      "Per table: rows, bytes, tick range, parts and buckets, rows per bucket, and per column null counts and "
      "min/max from the Parquet statistics (footers only, no data page read)",
      run_stats);
  add_dataset_options(*command, *options, DatasetScope::kRunMaybeTable);
  command->add_flag("--json", options->json, "Print JSON: {run_id, tables: [{table, rows, ..., buckets, columns}]}");
  command->add_option("--svg", options->svg, "Also write the rows per bucket as an SVG bar chart to FILE");
  command->footer(
      "Examples:\n"
      "  crv-io stats --run r1 --table identity_edges\n"
      "  crv-io stats --run r1 --svg buckets.svg");
}

}  // namespace crv::cli
