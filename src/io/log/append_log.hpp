#pragma once
// The append log of a run on an Env: numbered segment files under <run>/_crv_log/, each a
// sequence of framed records (log_format.hpp), and the lock that orders their writers.
//
// Appending takes the log's flock only while its bytes are written (so that records never
// interleave), and fsyncs after releasing it: writers in other processes append while this
// one waits for its fsync, and one journal commit often makes several of them durable.
// A writer checks the bytes other writers added since it last looked; a torn tail (a writer
// killed inside a write, a power cut) makes it start the next segment rather than write
// after garbage.
//
// Writers fill a segment with zeros ahead of their records (as much as the segment holds, up to a megabyte at a time)
// and write each record over them, in place: the fdatasync of a record then changes no metadata (the blocks exist, the
// size does not change), so it needs no journal commit and does not queue behind the journal commits of other work (a
// seal's new part, a manifest's rename). Only the append that fills the next megabyte pays one. Segments roll over past
// `segment_bytes`; segments whose every record is reflected in the manifests are retired (deleted) by the checkpointer.
//
// On an object store the same records map onto numbered immutable objects (one per record
// or per batch, created by put-if-absent): a segment number and offset become the object's
// number, and nothing here depends on appending to a file in place except this class.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crv/io/env.hpp"
#include "io/log/log_format.hpp"
#include "io/log/log_record.hpp"

namespace crv::io::detail {

inline constexpr std::string_view kLogDirName = "_crv_log";

/// "00000000000000000007.log"; nullopt for names that are not segments.
std::string segment_file_name(std::uint64_t segment);
std::optional<std::uint64_t> parse_segment_file_name(std::string_view name);

/// The records of one segment read from an offset.
struct SegmentRead {
  bool exists = true;  ///< false: the segment was retired
  std::vector<RawRecord> records;
  std::uint64_t valid_end = 0;
  std::string problem;                       ///< why parsing stopped before the data's end (a torn tail)
  std::shared_ptr<const std::string> bytes;  ///< what the records' payloads view
  std::uint64_t file_size = 0;               ///< the segment's size, zeros filled ahead of the records included
};

class AppendLog {
 public:
  AppendLog(Env& env, std::filesystem::path dir, std::uint64_t segment_bytes);
  AppendLog(const AppendLog&) = delete;
  AppendLog& operator=(const AppendLog&) = delete;

  struct Appended {
    LogPosition at;   ///< where the record starts
    LogPosition end;  ///< just past it
  };
  /// Appends one record and makes it durable (fsync) before returning. IoWriteError naming
  /// the segment on failure; the record is then not acknowledged (it may or may not survive).
  /// `before_write`, when given, runs under the log's lock right before the record's bytes
  /// are written, with the log's end at that moment (every other writer's record is before
  /// it): a commit's last check against what others committed. What it throws is rethrown
  /// as it is, and then nothing was written.
  Appended append(RecordType type, std::string_view payload,
                  const std::function<void(const LogPosition&)>& before_write = {});

  /// The live segments, ascending (empty when nothing was ever logged).
  std::vector<std::uint64_t> segments() const;
  /// The records of `segment` from `offset` to the end of its data (the zeros its writers
  /// fill ahead, or the end of the file), read in chunks from `first_chunk` bytes on.
  SegmentRead read_segment(std::uint64_t segment, std::uint64_t offset, std::size_t first_chunk = 16u << 10) const;
  /// Deletes the segments numbered below `segment` (never the newest one).
  void retire_segments_before(std::uint64_t segment);

  /// Starts a new segment unless the newest one is empty; returns the newest segment's
  /// number afterwards (0 when there is no log). Lets a fully reflected segment be skipped.
  std::uint64_t rotate();
  /// The first segment a reader needs, from the CHECKPOINT file (every record of an earlier
  /// segment is reflected in the manifests); 0 when there is none. Reread only when the file
  /// changed.
  std::uint64_t checkpoint_segment() const;
  /// Records `segment` as the first one readers need (durably; never moves backwards).
  void write_checkpoint(std::uint64_t segment);

  const std::filesystem::path& dir() const { return dir_; }
  Env& env() const { return env_; }

 private:
  std::filesystem::path segment_path(std::uint64_t segment) const { return dir_ / segment_file_name(segment); }
  void ensure_dir();
  void find_current_segment();
  void validate_tail();
  bool only_zeros_after(std::uint64_t offset) const;
  bool segment_has_data(std::uint64_t segment) const;
  void start_segment(std::uint64_t segment);
  void move_to_segment(std::uint64_t segment);
  std::string with_fill(std::string record) const;

  Env& env_;
  std::filesystem::path dir_;
  std::uint64_t segment_bytes_;
  std::mutex mutex_;  // one writer of this process at a time; the flock orders processes
  bool dir_ready_ = false;
  std::uint64_t segment_ = 0;           // the segment this process appends to (0: not found yet)
  std::uint64_t known_end_ = 0;         // the end of its records as far as this process has validated it
  std::uint64_t file_size_ = 0;         // its size, the zeros filled ahead included, as last seen
  bool zeros_checked_ = false;          // whether this process checked what lies after known_end_
  std::shared_ptr<WritableFile> file_;  // shared: an appender fsyncs it outside mutex_
  mutable std::mutex checkpoint_mutex_;
  mutable std::optional<FileIdentity> checkpoint_identity_;
  mutable std::uint64_t checkpoint_ = 0;
};

inline constexpr std::string_view kLogCheckpointFileName = "CHECKPOINT";

}  // namespace crv::io::detail
