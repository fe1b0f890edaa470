#include "io/log/log_state.hpp"

#include <algorithm>

#include "crv/io/errors.hpp"

namespace crv::io::detail {
namespace {

template <class Entries>
void erase_before(Entries& entries, std::uint64_t segment) {
  entries.erase(std::remove_if(entries.begin(), entries.end(),
                               [segment](const auto& entry) { return entry.at.segment < segment; }),
                entries.end());
}

}  // namespace

const TableLog* LogState::table(std::string_view name) const {
  const auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : &it->second;
}

void LogState::forget_before(std::uint64_t segment) {
  for (auto it = tables_.begin(); it != tables_.end();) {
    erase_before(it->second.rows, segment);
    erase_before(it->second.parts, segment);
    erase_before(it->second.seals, segment);
    it = it->second.empty() ? tables_.erase(it) : std::next(it);
  }
}

void LogState::refresh(const AppendLog& log) {
  segments_ = log.segments();
  // Segments before the CHECKPOINT are reflected in the manifests: skip them unread.
  const std::uint64_t checkpoint = log.checkpoint_segment();
  std::erase_if(segments_, [checkpoint](std::uint64_t segment) { return segment < checkpoint; });
  if (segments_.empty()) {
    tables_.clear();
    end_ = {};
    return;
  }
  forget_before(segments_.front());
  if (end_.segment < segments_.front()) end_ = {segments_.front(), 0};
  for (std::size_t k = 0; k < segments_.size(); ++k) {
    const std::uint64_t segment = segments_[k];
    if (segment < end_.segment) continue;
    const std::uint64_t offset = segment == end_.segment ? end_.offset : 0;
    const SegmentRead read = log.read_segment(segment, offset);
    if (!read.exists) continue;  // retired between the listing and the read: dead records only
    const std::filesystem::path path = log.dir() / segment_file_name(segment);
    for (const RawRecord& record : read.records) apply(record, segment, path);
    end_ = {segment, read.valid_end};
    // A bad tail of the newest segment may be a record still being written; of an older one
    // it is a torn write that no writer will ever complete.
    if (!read.problem.empty() && k + 1 < segments_.size()) {
      warnings_.push_back("append log '" + path.string() + "': " + read.problem +
                          "; the rest of that segment was dropped (nothing acknowledged is stored there)");
    }
  }
}

void LogState::apply(const RawRecord& record, std::uint64_t segment, const std::filesystem::path& path) {
  const LogPosition at{segment, record.offset};
  const std::string what =
      "record at offset " + std::to_string(record.offset) + " of the append log '" + path.string() + "'";
  if (record.type == RecordType::Commit) {
    CommitRecord commit = decode_commit(record.payload, what);
    for (TableCommit& table : commit.tables) {
      TableLog& log = tables_[table.table];
      log.tick_bucket_size = table.tick_bucket_size;
      for (InlineRows& rows : table.inline_rows) log.rows.push_back({at, commit.created_at, std::move(rows)});
      for (auto& [bucket_id, part] : table.parts) log.parts.push_back({at, bucket_id, std::move(part)});
    }
    return;
  }
  SealRecord seal = decode_seal(record.payload, what);
  TableLog& log = tables_[seal.table];
  // The rows a seal covers are in its part now: forget them (and their bytes), so that the
  // state holds only the open buckets' rows however long the stream runs. Records come in
  // log order, so every row the seal covers is already here.
  std::erase_if(log.rows, [&seal](const LoggedRows& rows) {
    return rows.rows.bucket_id == seal.bucket_id && rows.at < seal.covers_before;
  });
  log.seals.push_back({at, std::move(seal)});
}

}  // namespace crv::io::detail
