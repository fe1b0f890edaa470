#include "io/log/append_log.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <exception>

#include "crv/io/errors.hpp"
#include "io/atomic_write.hpp"

namespace crv::io::detail {
namespace {

constexpr std::string_view kSegmentSuffix = ".log";
constexpr int kSegmentDigits = 20;

IoWriteError log_write_error(const std::string& what, const std::filesystem::path& path, const IoError& error) {
  return IoWriteError("cannot " + what + " the append log '" + path.string() + "': " + error.what(), error.sys_errno());
}

}  // namespace

std::string segment_file_name(std::uint64_t segment) {
  return fmt::format("{:0{}}{}", segment, kSegmentDigits, kSegmentSuffix);
}

std::optional<std::uint64_t> parse_segment_file_name(std::string_view name) {
  if (name.size() != kSegmentDigits + kSegmentSuffix.size() || !name.ends_with(kSegmentSuffix)) return std::nullopt;
  std::uint64_t value = 0;
  const char* end = name.data() + kSegmentDigits;
  const auto [ptr, ec] = std::from_chars(name.data(), end, value);
  if (ec != std::errc() || ptr != end || value == 0) return std::nullopt;
  return value;
}

AppendLog::AppendLog(Env& env, std::filesystem::path dir, std::uint64_t segment_bytes)
    : env_(env), dir_(std::move(dir)), segment_bytes_(std::max<std::uint64_t>(segment_bytes, 1)) {}

void AppendLog::ensure_dir() {
  if (dir_ready_) return;
  create_dirs_durably(env_, dir_);
  dir_ready_ = true;
}

std::vector<std::uint64_t> AppendLog::segments() const {
  std::vector<std::uint64_t> out;
  if (!env_.is_directory(dir_)) return out;
  for (const std::string& name : env_.list_dir(dir_)) {
    if (const auto segment = parse_segment_file_name(name)) out.push_back(*segment);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void AppendLog::start_segment(std::uint64_t segment) {
  file_.reset();
  {
    const std::unique_ptr<WritableFile> created = env_.new_writable_file(segment_path(segment), WriteMode::Overwrite);
    created->close();
  }
  env_.sync_dir(dir_);
  segment_ = segment;
  known_end_ = 0;
  file_size_ = 0;
  zeros_checked_ = true;  // created empty just now: nothing lies after its end
}

void AppendLog::move_to_segment(std::uint64_t segment) {
  file_.reset();
  segment_ = segment;
  known_end_ = 0;
  file_size_ = 0;
  zeros_checked_ = false;
}

// Called under the flock: the newest segment is the one every writer appends to.
void AppendLog::find_current_segment() {
  if (segment_ == 0) {
    const std::vector<std::uint64_t> live = segments();
    if (live.empty()) {
      start_segment(1);
      return;
    }
    move_to_segment(live.back());
  }
  while (env_.file_exists(segment_path(segment_ + 1))) move_to_segment(segment_ + 1);
}

// Whether the current segment holds nothing but zeros from `offset` on. After a power cut
// the pages of records that were never acknowledged may have reached the disk without the
// page holding the header before them: a writer must not write at the end of the data then,
// or a reader could run from its record into theirs.
bool AppendLog::only_zeros_after(std::uint64_t offset) const {
  const std::unique_ptr<RandomAccessFile> file = env_.new_random_access_file(segment_path(segment_));
  constexpr std::size_t kChunk = 1u << 20;
  std::vector<std::byte> bytes;
  for (std::uint64_t at = offset; at < file->size(); at += bytes.size()) {
    bytes.resize(static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, file->size() - at)));
    file->read_at(at, bytes.size(), bytes.data());
    if (std::any_of(bytes.begin(), bytes.end(), [](std::byte b) { return b != std::byte{0}; })) return false;
  }
  return true;
}

bool AppendLog::segment_has_data(std::uint64_t segment) const {
  const SegmentRead read = read_segment(segment, 0, kRecordHeaderSize);
  return read.valid_end > 0 || !read.problem.empty();
}

// Called under the flock: checks what other writers added since this one last looked, and
// starts a new segment after a torn tail (or when the segment is full).
void AppendLog::validate_tail() {
  // A first chunk the size of a typical tick's record: usually nobody else wrote, and the
  // read finds the zeros right away.
  constexpr std::size_t kFirstChunk = 8u << 10;
  const SegmentRead read = read_segment(segment_, known_end_, kFirstChunk);
  if (!read.problem.empty() || !read.exists) {
    // Garbage after the last good record: nobody can append after it.
    start_segment(segment_ + 1);
    return;
  }
  known_end_ = read.valid_end;
  file_size_ = read.file_size;
  if (!zeros_checked_) {
    if (!only_zeros_after(known_end_)) {
      start_segment(segment_ + 1);
      return;
    }
    zeros_checked_ = true;
  }
  if (known_end_ >= segment_bytes_) start_segment(segment_ + 1);
}

// The record followed by the zeros that fill the segment ahead of it, when it reaches past
// what is filled already.
std::string AppendLog::with_fill(std::string record) const {
  // Ahead by as much as the segment holds already, from 4 KiB up to 1 MiB: a short log
  // (a run of a few large appends) stays small, a long one pays one journal commit a megabyte.
  constexpr std::uint64_t kMinFill = 4u << 10;
  constexpr std::uint64_t kMaxFill = 1u << 20;
  const std::uint64_t end = known_end_ + record.size();
  if (end <= file_size_) return record;
  const std::uint64_t ahead = std::clamp(end, kMinFill, kMaxFill);
  const std::uint64_t filled = std::max(end, std::min(end + ahead, segment_bytes_));
  record.append(static_cast<std::size_t>(filled - end), '\0');
  return record;
}

AppendLog::Appended AppendLog::append(RecordType type, std::string_view payload,
                                      const std::function<void(const LogPosition&)>& before_write) {
  const std::string record = frame_record(type, payload);
  Appended appended;
  std::shared_ptr<WritableFile> file;
  std::filesystem::path path = dir_;
  std::exception_ptr refused;
  try {
    const std::lock_guard guard(mutex_);
    ensure_dir();
    const std::unique_ptr<FileLock> lock = env_.lock_file(dir_ / ".lock");
    find_current_segment();
    validate_tail();
    path = segment_path(segment_);
    if (before_write) {
      try {
        before_write(LogPosition{segment_, known_end_});
      } catch (...) {
        refused = std::current_exception();
      }
    }
    if (!refused) {
      if (!file_) file_ = env_.new_writable_file(path, WriteMode::Overwrite);
      appended.at = {segment_, known_end_};
      const std::string bytes = with_fill(record);
      try {
        file_->write_at(known_end_, bytes.data(), bytes.size());
      } catch (...) {
        // Part of the record may be in the file: drop the handle, the next append finds the
        // torn tail and starts a new segment.
        file_.reset();
        throw;
      }
      known_end_ += record.size();
      file_size_ = std::max(file_size_, appended.at.offset + bytes.size());
      appended.end = {segment_, known_end_};
      file = file_;
    }
  } catch (const IoWriteError&) {
    throw;
  } catch (const IoError& error) {
    throw log_write_error("append to", path, error);
  }
  if (refused) std::rethrow_exception(refused);  // nothing written; the locks are released
  // Both locks are released: other writers, in this process and others, append while this
  // one fsyncs, and one journal commit often makes several of them durable.
  try {
    file->sync_flushed();
  } catch (const IoError& error) {
    throw log_write_error("fsync", path, error);
  }
  return appended;
}

SegmentRead AppendLog::read_segment(std::uint64_t segment, std::uint64_t offset, std::size_t first_chunk) const {
  SegmentRead read;
  read.valid_end = offset;
  const std::filesystem::path path = segment_path(segment);
  std::unique_ptr<RandomAccessFile> file;
  try {
    file = env_.new_random_access_file(path);
  } catch (const IoError&) {
    if (!env_.file_exists(path)) {
      read.exists = false;
      return read;
    }
    throw;
  }
  const std::uint64_t size = file->size();
  read.file_size = size;
  if (size <= offset) return read;
  // Read a chunk, and more (twice as much, or what a cut-off record needs) until the zeros
  // filled ahead, a bad record or the end of the file: the data usually ends well before
  // the file does.
  std::uint64_t chunk = std::min<std::uint64_t>(std::max<std::size_t>(first_chunk, kRecordHeaderSize), size - offset);
  while (true) {
    auto bytes = std::make_shared<std::string>(static_cast<std::size_t>(chunk), '\0');
    file->read_at(offset, bytes->size(), reinterpret_cast<std::byte*>(bytes->data()));
    ParsedRecords parsed = parse_records(*bytes, offset);
    const bool more_to_read = !parsed.at_zeros && (parsed.problem.empty() || parsed.truncated_need > 0);
    if (more_to_read && offset + chunk < size) {
      const std::uint64_t needed = parsed.valid_end - offset + parsed.truncated_need;
      chunk = std::min(size - offset, std::max(chunk * 2, needed));
      continue;
    }
    read.records = std::move(parsed.records);
    read.valid_end = parsed.valid_end;
    read.problem = std::move(parsed.problem);
    read.bytes = std::move(bytes);
    return read;
  }
}

void AppendLog::retire_segments_before(std::uint64_t segment) {
  const std::lock_guard guard(mutex_);
  const std::unique_ptr<FileLock> lock = env_.lock_file(dir_ / ".lock");
  const std::vector<std::uint64_t> live = segments();
  if (live.empty()) return;
  bool removed = false;
  for (const std::uint64_t number : live) {
    if (number >= segment || number == live.back()) break;
    env_.remove_file(segment_path(number));
    removed = true;
  }
  if (removed) env_.sync_dir(dir_);
}

std::uint64_t AppendLog::rotate() {
  const std::lock_guard guard(mutex_);
  if (segments().empty()) return 0;
  const std::unique_ptr<FileLock> lock = env_.lock_file(dir_ / ".lock");
  segment_ = 0;  // find the newest segment afresh, whoever wrote it
  find_current_segment();
  if (segment_has_data(segment_)) start_segment(segment_ + 1);
  return segment_;
}

std::uint64_t AppendLog::checkpoint_segment() const {
  const std::filesystem::path path = dir_ / std::string(kLogCheckpointFileName);
  const std::lock_guard guard(checkpoint_mutex_);
  std::optional<FileIdentity> identity;
  try {
    identity = env_.file_identity(path);
  } catch (const IoError& error) {
    if (error.sys_errno() != ENOENT) throw;
  }
  if (identity == checkpoint_identity_) return checkpoint_;
  std::uint64_t segment = 0;
  if (identity) {
    const std::string text = env_.read_file(path);
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), segment);
    // A CHECKPOINT that does not parse is ignored: it only lets readers skip work.
    if (ec != std::errc()) segment = 0;
  }
  checkpoint_identity_ = identity;
  checkpoint_ = segment;
  return segment;
}

void AppendLog::write_checkpoint(std::uint64_t segment) {
  const std::lock_guard guard(mutex_);
  const std::unique_ptr<FileLock> lock = env_.lock_file(dir_ / ".lock");
  if (segment <= checkpoint_segment()) return;
  write_file_atomically(env_, dir_ / std::string(kLogCheckpointFileName), std::to_string(segment) + "\n");
}

}  // namespace crv::io::detail
