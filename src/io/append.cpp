#include "crv/io/append.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <exception>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "crv/core/schema_version.hpp"
#include "crv/core/table_descriptor.hpp"
#include "crv/frame/cast.hpp"
#include "crv/frame/kernels.hpp"
#include "crv/io/atomic_write.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/manifest.hpp"
#include "crv/io/part_io.hpp"
#include "crv/io/paths.hpp"
#include "crv/io/rebuild.hpp"
#include "crv/io/validate.hpp"
#include "io/append_manifest_cache.hpp"
#include "io/append_part_steps.hpp"
#include "crv/core/parallel_tasks.hpp"
#include "io/append_threads.hpp"

namespace crv::io {
namespace {

using frame::Column;
using frame::Frame;

/// The frame without validation: descriptor columns present (but bucket), then the rest;
/// tick cast to i64 when that loses nothing.
Frame order_unvalidated(const core::TableDescriptor& descriptor, const Frame& frame) {
  std::vector<std::pair<std::string, Column>> columns;
  for (const core::ColumnSpec& spec : descriptor.columns) {
    if (spec.name != "bucket" && frame.has_column(spec.name)) {
      columns.emplace_back(spec.name, frame.column(spec.name));
    }
  }
  for (const std::string& name : frame.names()) {
    if (!descriptor.is_allowed(name)) columns.emplace_back(name, frame.column(name));
  }
  for (auto& [name, column] : columns) {
    if (name != "tick" || column.type_id() == frame::TypeId::Int64) continue;
    if (!column.type()->is_integer()) {
      throw IoSchemaError("table '" + std::string(core::to_string(descriptor.name)) +
                          "', column 'tick': expected i64, got " + column.type()->to_string());
    }
    frame::CastResult cast = frame::cast(column, frame::int64());
    if (cast.failed > 0) {
      throw IoSchemaError("table '" + std::string(core::to_string(descriptor.name)) +
                          "', column 'tick': value " + cast.first_failed_value + " at row " +
                          std::to_string(cast.first_failed_row) + " does not fit i64");
    }
    column = std::move(cast.column);
  }
  return Frame(std::move(columns));
}

/// The bucket id of every row, as an i64 column built in place (no copy of a temporary:
/// the column is as large as the tick column); IoSchemaError for a null or negative tick.
Column bucket_ids(const std::string& table, const Column& tick, std::int64_t bucket_size) {
  const std::int64_t* ticks = tick.values<std::int64_t>();
  const std::int64_t rows = tick.length();
  std::shared_ptr<frame::Buffer> values = frame::Buffer::allocate(rows * static_cast<std::int64_t>(sizeof(std::int64_t)));
  std::int64_t* buckets = values->mutable_data_as<std::int64_t>();
  const bool has_nulls = tick.null_count() != 0;
  for (std::int64_t row = 0; row < rows; ++row) {
    if (has_nulls && tick.is_null(row)) {
      throw IoSchemaError("table '" + table + "', column 'tick': null at row " + std::to_string(row));
    }
    if (ticks[row] < 0) {
      throw IoSchemaError("table '" + table + "', column 'tick': negative tick " +
                          std::to_string(ticks[row]) + " at row " + std::to_string(row) +
                          " (buckets need tick >= 0)");
    }
    buckets[row] = ticks[row] / bucket_size;
  }
  frame::ArrayData data;
  data.type = frame::int64();
  data.length = rows;
  data.values = std::move(values);
  return Column::make(std::move(data));
}

/// The rows of one bucket.
struct BucketSlice {
  std::int64_t bucket_id = 0;
  Frame rows;
};

/// Splits the frame by bucket, in bucket order: zero-copy slices when the buckets come in
/// non-decreasing order (ticks sorted), gathered rows otherwise.
std::vector<BucketSlice> split_by_bucket(const Frame& frame, std::span<const std::int64_t> buckets) {
  std::vector<BucketSlice> slices;
  const bool sorted = std::is_sorted(buckets.begin(), buckets.end());
  if (sorted) {
    std::size_t start = 0;
    for (std::size_t row = 1; row <= buckets.size(); ++row) {
      if (row == buckets.size() || buckets[row] != buckets[start]) {
        slices.push_back({buckets[start], frame.slice(static_cast<std::int64_t>(start),
                                                      static_cast<std::int64_t>(row - start))});
        start = row;
      }
    }
    return slices;
  }
  std::vector<std::int64_t> order(buckets.size());
  for (std::size_t row = 0; row < order.size(); ++row) order[row] = static_cast<std::int64_t>(row);
  std::stable_sort(order.begin(), order.end(), [&buckets](std::int64_t a, std::int64_t b) {
    return buckets[static_cast<std::size_t>(a)] < buckets[static_cast<std::size_t>(b)];
  });
  std::size_t start = 0;
  for (std::size_t k = 1; k <= order.size(); ++k) {
    const auto bucket_at = [&](std::size_t i) { return buckets[static_cast<std::size_t>(order[i])]; };
    if (k == order.size() || bucket_at(k) != bucket_at(start)) {
      std::vector<std::int64_t> rows(order.begin() + static_cast<std::ptrdiff_t>(start),
                                     order.begin() + static_cast<std::ptrdiff_t>(k));
      slices.push_back({bucket_at(start), frame::take(frame, rows)});
      start = k;
    }
  }
  return slices;
}

std::pair<std::int64_t, std::int64_t> tick_bounds(const Column& tick) {
  const std::int64_t* ticks = tick.values<std::int64_t>();
  std::int64_t low = std::numeric_limits<std::int64_t>::max();
  std::int64_t high = std::numeric_limits<std::int64_t>::min();
  for (std::int64_t row = 0; row < tick.length(); ++row) {
    low = std::min(low, ticks[row]);
    high = std::max(high, ticks[row]);
  }
  return {low, high};
}

/// Runs a directory step of the write path, reporting a failure as an IoWriteError.
template <class Step>
void directory_step(const char* what, const std::filesystem::path& dir, Step&& step) {
  try {
    step();
  } catch (const IoWriteError&) {
    throw;
  } catch (const IoError& error) {
    throw IoWriteError(std::string("cannot ") + what + " '" + dir.string() + "': " + error.what(),
                       error.sys_errno());
  }
}

/// The parts renamed into place by an append, removed again if the append fails.
class WrittenParts {
 public:
  explicit WrittenParts(Env& env) : env_(env) {}
  WrittenParts(const WrittenParts&) = delete;
  WrittenParts& operator=(const WrittenParts&) = delete;
  ~WrittenParts() {
    if (committed_) return;
    for (const std::filesystem::path& path : paths_) {
      remove_file_quietly(env_, path);
      try {
        env_.sync_dir(path.parent_path());
      } catch (const IoError&) {
        // Best effort: the part is unlinked, its directory entry will not survive long.
      }
    }
  }
  void add(std::filesystem::path path) { paths_.push_back(std::move(path)); }
  void commit() { committed_ = true; }

 private:
  Env& env_;
  std::vector<std::filesystem::path> paths_;
  bool committed_ = false;
};

/// Puts the manifest back as it was before a failed save (whose rename may have landed
/// before its directory fsync failed): the previous bytes, or no file.
void restore_manifest(Env& env, const std::filesystem::path& path,
                      const std::optional<std::string>& previous_text) noexcept {
  try {
    if (previous_text) {
      if (!env.file_exists(path) || env.read_file(path) != *previous_text) {
        write_file_atomically(env, path, *previous_text);
      }
    } else if (env.file_exists(path)) {
      env.remove_file(path);
      env.sync_dir(path.parent_path());
    }
  } catch (const std::exception&) {
    // Best effort: the original error is what the caller needs to see.
  }
}

/// Counts down the parts of an append as their bytes are written; the manifest's writer
/// waits for all of them (or for a failure, after which it writes nothing).
class PartsWritten {
 public:
  explicit PartsWritten(std::size_t parts) : remaining_(parts) {}

  void part_written() {
    const std::lock_guard guard(mutex_);
    if (--remaining_ == 0) changed_.notify_all();
  }
  void fail() {
    const std::lock_guard guard(mutex_);
    failed_ = true;
    changed_.notify_all();
  }
  /// True once every part is written, false when the parts failed first.
  bool wait_all() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return remaining_ == 0 || failed_; });
    return remaining_ == 0;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t remaining_;
  bool failed_ = false;
};

}  // namespace

AppendSummary append_to_table(Env& env, const IoSettings& settings, std::string_view run_id,
                              TableRef table, const frame::Frame& frame, const AppendOptions& options) {
  const core::TableDescriptor& descriptor = core::get_table(table.name());
  const std::string table_name(table.str());
  const std::filesystem::path dir = table_dir(settings, run_id, table.name());
  AppendSummary summary;
  summary.table = table_name;
  summary.run_id = std::string(run_id);
  if (frame.num_rows() == 0) return summary;
  if (!frame.has_column("tick")) {
    throw IoSchemaError("table '" + table_name + "': the frame has no 'tick' column (needed for buckets)");
  }

  const Frame body = options.validate_schema ? validate_frame(descriptor, frame, settings.strict_schema)
                                             : order_unvalidated(descriptor, frame);
  if (options.validate_rows) validate_rows(descriptor, body);
  const Column buckets = bucket_ids(table_name, body.column("tick"), settings.tick_bucket_size);

  std::vector<std::pair<std::string, Column>> columns;
  columns.reserve(body.num_columns() + 1);
  columns.emplace_back("bucket", buckets);
  for (std::size_t k = 0; k < body.num_columns(); ++k) {
    columns.emplace_back(body.schema()[k].name, body.column(k));
  }
  const std::vector<BucketSlice> slices = split_by_bucket(
      Frame(std::move(columns)),
      std::span<const std::int64_t>(buckets.values<std::int64_t>(), static_cast<std::size_t>(buckets.length())));

  parquet::WriterOptions writer = writer_options(settings);
  writer.key_value_metadata = {
      {std::string(core::kSchemaVersionMetadataKey), core::to_metadata_string(core::SCHEMA_V)},
      {"crv_table_name", table_name},
      {"crv_run_id", std::string(run_id)},
  };

  directory_step("create table directory", dir, [&] { env.create_dirs(dir); });
  std::unique_ptr<FileLock> lock;
  directory_step("lock table directory", dir, [&] { lock = env.lock_file(dir / ".lock"); });

  const std::filesystem::path manifest_file = manifest_path(settings, run_id, table.name());
  std::optional<detail::ManifestFile> current = detail::load_manifest_for_append(env, manifest_file);
  std::optional<std::string> previous_text;
  if (current) previous_text = std::move(current->text);
  TableManifest manifest = current ? std::move(current->manifest)
                                   : scan_table_files(env, settings, run_id, table).manifest;

  // The bucket directories first, with one fsync of the table directory for all the new ones.
  std::vector<std::filesystem::path> buckets_dirs;
  buckets_dirs.reserve(slices.size());
  bool created_bucket = false;
  for (const BucketSlice& slice : slices) {
    buckets_dirs.push_back(bucket_dir(settings, run_id, table.name(), slice.bucket_id));
    const std::filesystem::path& bucket = buckets_dirs.back();
    directory_step("create bucket directory", bucket, [&] {
      if (!env.is_directory(bucket)) {
        env.create_dirs(bucket);
        created_bucket = true;
      }
    });
  }
  if (created_bucket) directory_step("sync table directory", dir, [&] { env.sync_dir(dir); });

  // The parts, on up to write_threads threads (each part durable on its own: tmp, fsync,
  // rename, directory fsync); a part's bytes do not depend on the thread that writes it.
  // Once every part's bytes are written, the new manifest is written to its .tmp and fsynced
  // on its own thread while the parts are fsynced, renamed and their directories fsynced;
  // it is renamed into place only after all of that, so a durable manifest never lists a
  // part that is not durable.
  std::vector<std::optional<AppendedPart>> parts(slices.size());
  PartsWritten written_parts(slices.size());
  const auto write_part = [&](std::size_t k) {
    const BucketSlice& slice = slices[k];
    const std::string name = new_part_name();
    const std::filesystem::path path = buckets_dirs[k] / name;
    detail::write_and_rename_part(env, path, slice.rows, writer, [&](std::uint64_t bytes) {
      const auto [tick_min, tick_max] = tick_bounds(slice.rows.column("tick"));
      parts[k] = AppendedPart{slice.bucket_id, name, slice.rows.num_rows(), static_cast<std::int64_t>(bytes),
                              tick_min, tick_max};
      written_parts.part_written();
    });
    detail::sync_part_directory(env, path);
  };

  std::optional<PreparedFile> prepared_manifest;
  FileIdentity prepared_identity;
  std::string prepared_text;
  std::exception_ptr manifest_failure;
  // The manifest's .tmp is created first, while the parts are encoded (creating a file is
  // the slowest step of a small durable append on some filesystems), and written once every
  // part's bytes are.
  const auto prepare_manifest = [&] {
    try {
      try {
        prepared_manifest.emplace(env, manifest_file);
      } catch (const IoError& error) {
        throw manifest_write_error(manifest_file, error);
      }
      if (!written_parts.wait_all()) return;
      const std::string created_at = utc_now_iso();
      for (const std::optional<AppendedPart>& part : parts) {
        manifest.add_part(part->bucket_id, PartEntry{part->path, part->rows, part->bytes, part->tick_min,
                                                     part->tick_max, created_at});
      }
      prepared_text = manifest_text(manifest);
      try {
        prepared_manifest->write(prepared_text);
        prepared_identity = env.file_identity(tmp_path(manifest_file));
      } catch (const IoError& error) {
        throw manifest_write_error(manifest_file, error);
      }
    } catch (...) {
      manifest_failure = std::current_exception();
    }
  };

  WrittenParts written(env);
  std::exception_ptr failure;
  {
    std::jthread manifest_writer(prepare_manifest);
    try {
      core::run_tasks(slices.size(), detail::resolve_write_threads(settings.write_threads), write_part);
    } catch (...) {
      failure = std::current_exception();
      written_parts.fail();
    }
  }  // joins the manifest writer
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (parts[k]) written.add(buckets_dirs[k] / parts[k]->path);
  }
  if (failure) std::rethrow_exception(failure);
  if (manifest_failure) std::rethrow_exception(manifest_failure);
  for (const std::optional<AppendedPart>& part : parts) {
    summary.parts.push_back(*part);
    summary.rows += part->rows;
    summary.buckets.push_back(part->bucket_id);
  }

  try {
    prepared_manifest->commit();
  } catch (const IoError& error) {
    restore_manifest(env, manifest_file, previous_text);
    throw manifest_write_error(manifest_file, error);
  }
  written.commit();
  detail::remember_saved_manifest(manifest_file, prepared_identity,
                                  detail::ManifestFile{std::move(manifest), std::move(prepared_text)});
  return summary;
}

}  // namespace crv::io
