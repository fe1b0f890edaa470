#pragma once
// What a part says about the commit that wrote it, in its key-value metadata (which every other
// reader ignores; manifest.json keeps the reference's keys only). Enough for a directory walk
// to tell the parts of a committed append from the leftovers of one that crashed before its
// commit, and a sealed part from the parts it replaced, without the manifest.

#include <cstdint>
#include <string>
#include <vector>

#include "crv/parquet/reader.hpp"
#include "crv/parquet/writer.hpp"

namespace crv::io::detail {

/// A part that a sealed or compacted part replaced, and the commit that had written it (empty:
/// unknown, e.g. a part of the reference).
struct ReplacedPart {
  std::string name;
  std::string commit_id;
  bool operator==(const ReplacedPart&) const = default;
};

struct PartProvenance {
  /// `crv_commit_id`: the commit (or seal) that wrote the part; empty for parts written by the
  /// reference or by crv-io before provenance (nothing can be said of those).
  std::string commit_id;
  /// `crv_commit_parts`: how many parts that commit wrote for this table.
  std::int64_t commit_parts = 0;
  /// `crv_log_segment`: the newest append-log segment the writer had read when it wrote the
  /// part. Its commit record, if it was ever written, is in this segment or a later one: while
  /// that segment is live, a part no live record names is uncommitted.
  std::uint64_t log_segment = 0;
  /// `crv_replaces`: the parts of its bucket that this (sealed or compacted) part replaced,
  /// as `name:commit_id` (the commit id empty when unknown). A walk counts them toward their
  /// commit's parts: once vacuum has deleted a replaced part, the rest of its commit is still
  /// whole.
  std::vector<ReplacedPart> replaces;

  bool known() const { return !commit_id.empty(); }
};

inline constexpr const char* kCommitIdMetadataKey = "crv_commit_id";
inline constexpr const char* kCommitPartsMetadataKey = "crv_commit_parts";
inline constexpr const char* kLogSegmentMetadataKey = "crv_log_segment";
inline constexpr const char* kReplacesMetadataKey = "crv_replaces";

/// Appends the provenance keys to a writer's key-value metadata.
void add_provenance(parquet::WriterOptions& writer, const PartProvenance& provenance);

/// The provenance a part's footer records; an empty one when it records none or a malformed one
/// (a hostile or foreign file is then treated like a part of the reference: adopted by a walk
/// only as what it is, a file with rows).
PartProvenance read_provenance(const parquet::FileReader& reader);

}  // namespace crv::io::detail
