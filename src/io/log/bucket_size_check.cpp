// The check that a table is appended to with the tick bucket size it was written with:
// another size would put tick 10 beside tick 150 and break every bucket-pruned scan.

#include <string>

#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "io/append_parts.hpp"
#include "io/log/log_operations.hpp"
#include "io/part_io.hpp"

namespace crv::io::detail {
namespace {

std::string what_to_do(std::int64_t size) {
  return "; set tick_bucket_size (CRV_IO_TICK_BUCKET_SIZE) to the table's size, or write a new run with " +
         std::to_string(size);
}

/// The size a part of the bucket recorded when crv-io wrote it ("crv_tick_bucket_size"), or 0.
std::int64_t recorded_size(RunLog& run, core::TableName table, const PartitionEntry& partition) {
  if (partition.parts.empty()) return 0;
  try {
    const std::filesystem::path path =
        bucket_dir(run.settings(), run.run_id(), table, partition.bucket_id) / partition.parts.front().path;
    const std::unique_ptr<parquet::FileReader> reader = open_parquet_file(run.env(), path);
    for (const auto& [key, value] : reader->key_value_metadata()) {
      if (key == kTickBucketSizeMetadataKey) return std::stoll(value);
    }
  } catch (const std::exception&) {
    // Only for the message: the mismatch is reported either way.
  }
  return 0;
}

void check_manifest(RunLog& run, core::TableName table, const TableManifest& manifest, std::int64_t size) {
  for (const auto& [bucket_id, partition] : manifest.partitions) {
    if (partition.tick_min >= 0 && bucket_id_for_tick(partition.tick_min, size) == bucket_id &&
        bucket_id_for_tick(partition.tick_max, size) == bucket_id) {
      continue;
    }
    const std::int64_t recorded = recorded_size(run, table, partition);
    const std::string written = recorded > 0 ? "written with tick_bucket_size " + std::to_string(recorded)
                                             : "written with another tick_bucket_size";
    throw IoConfigError("table '" + std::string(core::to_string(table)) + "' of run '" + run.run_id() + "' was " +
                        written + ": its bucket " + std::to_string(bucket_id) + " holds ticks " +
                        std::to_string(partition.tick_min) + ".." + std::to_string(partition.tick_max) +
                        ", which a size of " + std::to_string(size) + " puts elsewhere" + what_to_do(size));
  }
}

/// The check itself: the live log's size first, then (once per version) the manifest's buckets.
void check_against_stored_state(RunLog& run, core::TableName table) {
  const std::int64_t size = run.settings().tick_bucket_size;
  const std::string name(core::to_string(table));
  const std::int64_t logged = run.with_table_log(name, [](const TableLog& log) { return log.tick_bucket_size; });
  if (logged > 0 && logged != size) {
    throw IoConfigError("table '" + name + "' of run '" + run.run_id() + "' was written with tick_bucket_size " +
                        std::to_string(logged) + ", and this append uses " + std::to_string(size) + what_to_do(size));
  }
  const std::shared_ptr<const TableManifest> manifest = run.manifest(table);
  if (!manifest || run.bucket_size_checked(table, manifest)) return;
  check_manifest(run, table, *manifest, size);
  run.remember_bucket_size_checked(table, manifest);
}

}  // namespace

void check_tick_bucket_size(RunLog& run, core::TableName table) {
  try {
    check_against_stored_state(run, table);
  } catch (const IoConfigError&) {
    throw;
  } catch (const IoManifestError&) {
    throw;
  } catch (const IoWriteError&) {
    throw;
  } catch (const IoError& error) {
    // Reading the log or the manifest failed: the append cannot go on, and says so as
    // every other failed step of an append does.
    throw IoWriteError("cannot append to table '" + std::string(core::to_string(table)) + "' of run '" + run.run_id() +
                           "': reading its log and manifest failed: " + error.what(),
                       error.sys_errno());
  }
}

}  // namespace crv::io::detail
