#include "io/append_parts.hpp"

#include <algorithm>
#include <exception>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "crv/core/parallel_tasks.hpp"
#include "crv/core/schema_version.hpp"
#include "crv/core/table_descriptor.hpp"
#include "crv/frame/cast.hpp"
#include "crv/frame/kernels.hpp"
#include "crv/io/append.hpp"
#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "crv/io/validate.hpp"
#include "io/append_part_steps.hpp"
#include "io/append_threads.hpp"
#include "io/input_check.hpp"
#include "io/part_check.hpp"
#include "io/part_io.hpp"

namespace crv::io::detail {
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
      throw IoSchemaError("table '" + std::string(core::to_string(descriptor.name)) + "', column 'tick': value " +
                          cast.first_failed_value + " at row " + std::to_string(cast.first_failed_row) +
                          " does not fit i64");
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
  std::shared_ptr<frame::Buffer> values =
      frame::Buffer::allocate(rows * static_cast<std::int64_t>(sizeof(std::int64_t)));
  std::int64_t* buckets = values->mutable_data_as<std::int64_t>();
  const bool has_nulls = tick.null_count() != 0;
  for (std::int64_t row = 0; row < rows; ++row) {
    if (has_nulls && tick.is_null(row)) {
      throw IoSchemaError("table '" + table + "', column 'tick': null at row " + std::to_string(row));
    }
    if (ticks[row] < 0) {
      throw IoSchemaError("table '" + table + "', column 'tick': negative tick " + std::to_string(ticks[row]) +
                          " at row " + std::to_string(row) + " (buckets need tick >= 0)");
    }
    buckets[row] = ticks[row] / bucket_size;
  }
  frame::ArrayData data;
  data.type = frame::int64();
  data.length = rows;
  data.values = std::move(values);
  return Column::make(std::move(data));
}

}  // namespace

/// Splits the frame by bucket, in bucket order: zero-copy slices when the buckets come in
/// non-decreasing order (ticks sorted), gathered rows otherwise.
std::vector<BucketSlice> split_by_bucket(const Frame& frame, std::span<const std::int64_t> buckets) {
  std::vector<BucketSlice> slices;
  const bool sorted = std::is_sorted(buckets.begin(), buckets.end());
  if (sorted) {
    std::size_t start = 0;
    for (std::size_t row = 1; row <= buckets.size(); ++row) {
      if (row == buckets.size() || buckets[row] != buckets[start]) {
        slices.push_back(
            {buckets[start], frame.slice(static_cast<std::int64_t>(start), static_cast<std::int64_t>(row - start))});
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

PreparedTable prepare_append(const IoSettings& settings, TableRef table, const frame::Frame& frame,
                             const AppendOptions& options, const StoredShape* stored) {
  const core::TableDescriptor& descriptor = core::get_table(table.name());
  PreparedTable prepared;
  prepared.table = table.name();
  prepared.name = std::string(table.str());
  if (frame.num_rows() == 0) return prepared;
  if (!frame.has_column("tick")) {
    throw IoSchemaError("table '" + prepared.name + "': the frame has no 'tick' column (needed for buckets)");
  }
  Frame body = options.validate_schema ? validate_frame(descriptor, frame, settings.strict_schema)
                                       : order_unvalidated(descriptor, frame);
  if (!options.validate_schema) {
    // Unvalidated input still has to be what every reader accepts (part_check.hpp): the
    // required columns, and descriptor columns of their type family. `bucket` is computed.
    std::vector<frame::Field> fields = body.schema();
    fields.push_back({"bucket", frame::int64(), false});
    detail::check_fields_against_descriptor(table.name(), fields, "table '" + prepared.name + "': the frame");
  }
  // What is stored must be what the reader reads back, validated or not.
  check_input_limits(prepared.name, body);
  check_utf8(prepared.name, body);
  if (options.validate_rows) validate_rows(descriptor, body);
  // Before the split, so that an error names the row of the frame the caller gave.
  if (stored) body = conform_to_stored_shape(descriptor, body, *stored);
  const Column buckets = bucket_ids(prepared.name, body.column("tick"), settings.tick_bucket_size);

  std::vector<std::pair<std::string, Column>> columns;
  columns.reserve(body.num_columns() + 1);
  columns.emplace_back("bucket", buckets);
  for (std::size_t k = 0; k < body.num_columns(); ++k) {
    columns.emplace_back(body.schema()[k].name, body.column(k));
  }
  prepared.slices = split_by_bucket(
      Frame(std::move(columns)),
      std::span<const std::int64_t>(buckets.values<std::int64_t>(), static_cast<std::size_t>(buckets.length())));
  prepared.rows = frame.num_rows();
  return prepared;
}

parquet::WriterOptions part_writer_options(const IoSettings& settings, std::string_view run_id,
                                           std::string_view table) {
  parquet::WriterOptions writer = writer_options(settings);
  writer.key_value_metadata = {
      {std::string(core::kSchemaVersionMetadataKey), core::to_metadata_string(core::SCHEMA_V)},
      {"crv_table_name", std::string(table)},
      {"crv_run_id", std::string(run_id)},
      {std::string(kTickBucketSizeMetadataKey), std::to_string(settings.tick_bucket_size)},
  };
  return writer;
}

void ensure_bucket_dirs(Env& env, const IoSettings& settings, std::string_view run_id, core::TableName table,
                        std::span<const std::int64_t> bucket_ids) {
  const std::filesystem::path dir = table_dir(settings, run_id, table);
  bool created = false;
  try {
    create_dirs_durably(env, dir);  // the run's directories too, on its first part
    for (const std::int64_t bucket_id : bucket_ids) {
      const std::filesystem::path bucket = bucket_dir(settings, run_id, table, bucket_id);
      if (!env.is_directory(bucket)) {
        env.create_dirs(bucket);
        created = true;
      }
    }
    if (created) env.sync_dir(dir);
  } catch (const IoWriteError&) {
    throw;
  } catch (const IoError& error) {
    throw IoWriteError("cannot create the bucket directories of '" + dir.string() + "': " + error.what(),
                       error.sys_errno());
  }
}

WrittenParts::~WrittenParts() {
  if (committed_) return;
  for (const std::filesystem::path& path : paths_) {
    remove_file_quietly(env_, path);
    try {
      env_.sync_dir(path.parent_path());
    } catch (const IoError&) {
      // Best effort: the part is unlinked and no commit names it.
    }
  }
}

std::vector<AppendedPart> write_parts(Env& env, const IoSettings& settings, std::string_view run_id,
                                      core::TableName table, const std::vector<const BucketSlice*>& slices,
                                      PartProvenance provenance, WrittenParts& written) {
  std::vector<std::int64_t> ids;
  for (const BucketSlice* slice : slices) ids.push_back(slice->bucket_id);
  ensure_bucket_dirs(env, settings, run_id, table, ids);
  parquet::WriterOptions writer = part_writer_options(settings, run_id, core::to_string(table));
  // A stream's later chunks count the parts its earlier chunks wrote (append_stream.cpp).
  provenance.commit_parts += static_cast<std::int64_t>(slices.size());
  add_provenance(writer, provenance);
  std::vector<std::optional<AppendedPart>> parts(slices.size());
  std::vector<std::filesystem::path> paths(slices.size());
  const auto write_part = [&](std::size_t k) {
    const BucketSlice& slice = *slices[k];
    const std::string name = new_part_name();
    paths[k] = bucket_dir(settings, run_id, table, slice.bucket_id) / name;
    const std::uint64_t bytes = write_and_rename_part(env, paths[k], slice.rows, writer);
    const auto [tick_min, tick_max] = tick_bounds(slice.rows.column("tick"));
    parts[k] = AppendedPart{slice.bucket_id, name,    slice.rows.num_rows(), static_cast<std::int64_t>(bytes),
                            tick_min,        tick_max};
    sync_part_directory(env, paths[k]);
  };
  std::exception_ptr failure;
  try {
    core::run_tasks(slices.size(), resolve_write_threads(settings.write_threads), write_part);
  } catch (...) {
    failure = std::current_exception();
  }
  std::vector<AppendedPart> out;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (!parts[k]) continue;
    written.add(paths[k]);
    out.push_back(*parts[k]);
  }
  if (failure) std::rethrow_exception(failure);
  return out;
}

}  // namespace crv::io::detail

namespace crv::io {

AppendSummary append_to_table(Env& env, const IoSettings& settings, std::string_view run_id, TableRef table,
                              const frame::Frame& frame, const AppendOptions& options) {
  Dataset dataset(settings, run_id, env);
  AppendSummary summary = dataset.append(table, frame, options);
  dataset.close();
  return summary;
}

}  // namespace crv::io
