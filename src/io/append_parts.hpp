#pragma once
// The steps of an append shared by every commit path (private to the io layer): a frame
// validated and split by bucket, and the durable writing of Parquet parts.

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crv/frame/frame.hpp"
#include "crv/io/append.hpp"
#include "crv/io/append_summary.hpp"
#include "crv/io/env.hpp"
#include "crv/io/settings.hpp"
#include "crv/io/table_ref.hpp"
#include "crv/parquet/writer.hpp"
#include "io/part_provenance.hpp"
#include "io/stored_shape.hpp"

namespace crv::io::detail {

/// The rows of one bucket (with the recomputed `bucket` column first).
struct BucketSlice {
  std::int64_t bucket_id = 0;
  frame::Frame rows;
};

/// A frame validated against its descriptor and split by bucket, in bucket order.
struct PreparedTable {
  core::TableName table = core::TableName::IdentityEdges;
  std::string name;
  std::vector<BucketSlice> slices;
  std::int64_t rows = 0;
};

/// Validation (or the unvalidated column order), the struct and extra columns conformed to
/// the table's `stored` shape when given (stored_shape.hpp), `bucket` recomputed from
/// `tick`, the split. IoSchemaError for a frame without tick, a null or negative tick, a
/// validation failure, or a field whose type conflicts with the stored one.
PreparedTable prepare_append(const IoSettings& settings, TableRef table, const frame::Frame& frame,
                             const AppendOptions& options, const StoredShape* stored);

/// Splits the frame by bucket: zero-copy slices when ticks are sorted, gathered rows otherwise.
std::vector<BucketSlice> split_by_bucket(const frame::Frame& frame, std::span<const std::int64_t> buckets);

/// The smallest and largest tick of a non-null i64 column.
std::pair<std::int64_t, std::int64_t> tick_bounds(const frame::Column& tick);

/// The key-value metadata key of the tick bucket size a part was written with (every other
/// reader ignores it; manifest.json keeps the reference's keys only).
inline constexpr std::string_view kTickBucketSizeMetadataKey = "crv_tick_bucket_size";

/// The codec settings and the crv key-value metadata of a part of `table`.
parquet::WriterOptions part_writer_options(const IoSettings& settings, std::string_view run_id, std::string_view table);

/// Creates the table directory and the bucket directories that are missing, durably.
void ensure_bucket_dirs(Env& env, const IoSettings& settings, std::string_view run_id, core::TableName table,
                        std::span<const std::int64_t> bucket_ids);

/// The parts a commit renamed into place, removed again unless the commit succeeds.
class WrittenParts {
 public:
  explicit WrittenParts(Env& env) : env_(env) {}
  WrittenParts(const WrittenParts&) = delete;
  WrittenParts& operator=(const WrittenParts&) = delete;
  ~WrittenParts();
  void add(std::filesystem::path path) { paths_.push_back(std::move(path)); }
  void commit() { committed_ = true; }

 private:
  Env& env_;
  std::vector<std::filesystem::path> paths_;
  bool committed_ = false;
};

/// Writes each slice as a new part (tmp, fsync, rename, directory fsync), in parallel on
/// the settings' write threads; every part renamed is added to `written`. Each part records
/// `provenance`, its commit_parts being the parts the commit wrote before (the count passed in:
/// 0 but for a stream's later chunks) plus the number of slices. IoWriteError naming the file
/// and step on failure.
std::vector<AppendedPart> write_parts(Env& env, const IoSettings& settings, std::string_view run_id,
                                      core::TableName table, const std::vector<const BucketSlice*>& slices,
                                      PartProvenance provenance, WrittenParts& written);

}  // namespace crv::io::detail
