#include "crv/io/rebuild.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <exception>
#include <limits>
#include <optional>
#include <utility>

#include "crv/io/errors.hpp"
#include "crv/io/part_io.hpp"
#include "crv/io/paths.hpp"
#include "io/part_check.hpp"

namespace crv::io {
namespace {

/// ISO-8601 UTC with microseconds of a time in nanoseconds since the epoch.
std::string iso_from_nanoseconds(std::int64_t nanoseconds) {
  std::int64_t seconds = nanoseconds / 1'000'000'000;
  std::int64_t micros = (nanoseconds % 1'000'000'000) / 1000;
  if (micros < 0) {
    micros += 1'000'000;
    --seconds;
  }
  const auto time = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%06lld+00:00",
                utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min,
                utc.tm_sec, static_cast<long long>(micros));
  return buffer;
}

/// [min, max] of the tick column: statistics where present, decoded values otherwise.
/// nullopt for a file without rows.
std::optional<std::pair<std::int64_t, std::int64_t>> tick_range(const parquet::FileReader& reader) {
  std::optional<std::pair<std::int64_t, std::int64_t>> range;
  const auto widen = [&range](std::int64_t low, std::int64_t high) {
    if (!range) {
      range = {low, high};
    } else {
      range->first = std::min(range->first, low);
      range->second = std::max(range->second, high);
    }
  };
  bool has_tick = false;
  for (const frame::Field& field : reader.frame_schema()) has_tick = has_tick || field.name == "tick";
  if (!has_tick) throw IoError("the file has no 'tick' column");
  for (int group = 0; group < reader.num_row_groups(); ++group) {
    if (reader.metadata().row_groups[static_cast<std::size_t>(group)].num_rows == 0) continue;
    if (const auto stats = reader.int_column_range(group, "tick")) {
      widen(stats->first, stats->second);
      continue;
    }
    parquet::ReadOptions options;
    options.columns = {"tick"};
    const frame::Frame ticks = reader.read_row_group(group, options);
    const frame::Column& column = ticks.column("tick");
    if (column.type_id() != frame::TypeId::Int64) {
      throw IoError("the 'tick' column is " + column.type()->to_string() + ", not i64");
    }
    const std::int64_t* values = column.values<std::int64_t>();
    std::int64_t low = std::numeric_limits<std::int64_t>::max();
    std::int64_t high = std::numeric_limits<std::int64_t>::min();
    bool any = false;
    for (std::int64_t row = 0; row < column.length(); ++row) {
      if (column.is_null(row)) continue;
      low = std::min(low, values[row]);
      high = std::max(high, values[row]);
      any = true;
    }
    if (any) widen(low, high);
  }
  return range;
}

}  // namespace

RebuildResult scan_table_files(Env& env, const IoSettings& settings, std::string_view run_id,
                               TableRef table) {
  const std::filesystem::path dir = table_dir(settings, run_id, table.name());
  RebuildResult result{TableManifest::create(std::string(table.str())), {}};
  if (!env.is_directory(dir)) return result;
  for (const std::string& bucket_name : env.list_dir(dir)) {
    const std::optional<std::int64_t> bucket_id = parse_bucket_dir_name(bucket_name);
    if (!bucket_id || !env.is_directory(dir / bucket_name)) continue;
    for (const std::string& file_name : env.list_dir(dir / bucket_name)) {
      if (is_tmp_file_name(file_name) || !is_part_file_name(file_name)) continue;
      const std::filesystem::path path = dir / bucket_name / file_name;
      if (!is_canonical_part_name(file_name)) {
        // A manifest may list only part-<32 hex>.parquet names: adopting another file would
        // make a manifest that no reader accepts.
        result.unreadable.push_back({bucket_name + "/" + file_name,
                                     "not a part name (crv-io and the reference write part-<32 lowercase hex>.parquet)"});
        continue;
      }
      try {
        // A FIFO or device named like a part fails here at once (the Env opens without blocking
        // and refuses anything but a regular file).
        const auto reader = open_parquet_file(env, path);
        detail::check_part(*reader, path.string(), detail::PartExpectation{run_id, table.name(), nullptr, {}, nullptr});
        const auto range = tick_range(*reader);
        if (!range) continue;  // a part without rows adds nothing to the manifest
        PartEntry part;
        part.path = file_name;
        part.rows = reader->num_rows();
        part.bytes = static_cast<std::int64_t>(env.file_size(path));
        part.tick_min = range->first;
        part.tick_max = range->second;
        part.created_at = iso_from_nanoseconds(env.file_identity(path).mtime_ns);
        result.manifest.add_part(*bucket_id, std::move(part));
      } catch (const std::exception& error) {
        result.unreadable.push_back({bucket_name + "/" + file_name, error.what()});
      }
    }
  }
  return result;
}

RebuildResult rebuild_table_manifest(Env& env, const IoSettings& settings, std::string_view run_id,
                                     TableRef table, const std::function<TableManifest(TableManifest)>& adjust) {
  const std::filesystem::path dir = table_dir(settings, run_id, table.name());
  if (!env.is_directory(dir)) {
    throw IoManifestError("cannot rebuild the manifest of table '" + std::string(table.str()) +
                          "' of run '" + std::string(run_id) + "': no directory '" + dir.string() + "'");
  }
  const auto lock = env.lock_file(dir / ".lock");
  RebuildResult result = scan_table_files(env, settings, run_id, table);
  if (adjust) result.manifest = adjust(std::move(result.manifest));
  const std::filesystem::path path = manifest_path(settings, run_id, table.name());
  try {
    if (const auto previous = load_manifest(env, path)) result.manifest.created_at = previous->created_at;
  } catch (const IoManifestError&) {
    // A corrupt manifest is what a rebuild replaces; its creation time is lost with it.
  }
  save_manifest(env, path, result.manifest);
  return result;
}

}  // namespace crv::io
