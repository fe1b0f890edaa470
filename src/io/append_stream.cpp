// A stream of frames appended to one table as one commit: each frame's parts are written
// (tmp, fsync, rename) as it comes, under one commit id, and one log record names them all.
// Until that record is in the log no reader sees them, and a crash leaves only leftovers.

#include "crv/io/append_stream.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crv/core/table_descriptor.hpp"
#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"
#include "io/append_parts.hpp"
#include "io/iso_time.hpp"
#include "io/log/commit_steps.hpp"
#include "io/log/log_format.hpp"
#include "io/log/log_operations.hpp"
#include "io/log/log_record.hpp"
#include "io/log/run_log.hpp"
#include "io/random_uuid.hpp"
#include "io/stored_shape.hpp"

namespace crv::io {

struct AppendStream::State {
  State(Dataset& dataset_, detail::RunLog& run_, TableRef table_, const AppendOptions& options_)
      : dataset(dataset_),
        run(run_),
        table(table_.name()),
        name(table_.str()),
        descriptor(core::get_table(table)),
        options(options_),
        commit_id(detail::random_uuid4_hex()) {}

  void write(const frame::Frame& rows);
  AppendSummary commit();
  void abort() noexcept;

  Dataset& dataset;
  detail::RunLog& run;
  core::TableName table;
  std::string name;
  const core::TableDescriptor& descriptor;
  AppendOptions options;
  std::string commit_id;
  enum class Status { Open, Failed, Done } status = Status::Open;
  std::int64_t rows_written = 0;

 private:
  void check_open() const;
  bool has_shape_column(const frame::Frame& rows) const;
  std::shared_ptr<const detail::StoredShape> shape_for(const frame::Frame& rows);
  detail::PreparedTable prepare(const frame::Frame& rows);
  void write_parts_of(const frame::Frame& rows);
  void recheck_shape(const detail::LogPosition& end);
  AppendSummary summary() const;

  /// A first frame small enough to be inline rows, held: alone, it is committed as an append.
  std::optional<frame::Frame> held_;
  /// Held from the first part to the commit record: no cleaner deletes the stream's parts.
  std::unique_ptr<FileLock> writing_;
  std::unique_ptr<detail::WrittenParts> written_;
  std::vector<AppendedPart> parts_;
  /// The shape columns of the frames written so far, unified: later frames conform to it.
  detail::StoredShape stream_shape_;
  bool shaped_ = false;
};

void AppendStream::State::check_open() const {
  if (status == Status::Open) return;
  throw IoArgumentError("the append stream of table '" + name + "' " +
                        (status == Status::Failed ? "failed; nothing of it was written, open another"
                                                  : "is committed or aborted already"));
}

bool AppendStream::State::has_shape_column(const frame::Frame& rows) const {
  const std::vector<frame::Field>& fields = rows.schema();
  return std::any_of(fields.begin(), fields.end(),
                     [this](const frame::Field& field) { return detail::is_shape_column(descriptor, field.name); });
}

/// The table's stored shape widened by the stream's earlier frames (which no reader sees yet,
/// but which share the commit with this one); null when the frame has no shape column.
std::shared_ptr<const detail::StoredShape> AppendStream::State::shape_for(const frame::Frame& rows) {
  if (!has_shape_column(rows)) return nullptr;
  const std::shared_ptr<const detail::StoredShape> stored = run.shapes().current(run, table, false);
  if (!shaped_) return stored;
  auto widened = std::make_shared<detail::StoredShape>(*stored);
  detail::widen_shape(*widened, descriptor, stream_shape_.columns);
  return widened;
}

detail::PreparedTable AppendStream::State::prepare(const frame::Frame& rows) {
  // Every frame: another writer may have started the table with another size meanwhile.
  detail::check_tick_bucket_size(run, table);
  const std::shared_ptr<const detail::StoredShape> shape = shape_for(rows);
  detail::PreparedTable prepared = detail::prepare_append(run.settings(), table, rows, options, shape.get());
  if (shape && !prepared.slices.empty()) {
    detail::widen_shape(stream_shape_, descriptor, prepared.slices.front().rows.schema());
    shaped_ = true;
  }
  return prepared;
}

void AppendStream::State::write_parts_of(const frame::Frame& rows) {
  const detail::PreparedTable prepared = prepare(rows);
  if (prepared.slices.empty()) return;
  if (!writing_) {
    writing_ = detail::lock_table_writers(run, table);
    written_ = std::make_unique<detail::WrittenParts>(run.env());
  }
  std::vector<const detail::BucketSlice*> slices;
  for (const detail::BucketSlice& slice : prepared.slices) slices.push_back(&slice);
  // commit_parts counts the parts of earlier frames too: a walk finding a later frame's part
  // knows how many of the commit's parts came before it.
  const detail::PartProvenance provenance{commit_id, static_cast<std::int64_t>(parts_.size()), run.known_segment(), {}};
  const std::vector<AppendedPart> parts =
      detail::write_parts(run.env(), run.settings(), run.run_id(), table, slices, provenance, *written_);
  parts_.insert(parts_.end(), parts.begin(), parts.end());
}

void AppendStream::State::write(const frame::Frame& rows) {
  check_open();
  if (rows.num_rows() == 0) return;
  try {
    const std::int64_t inline_max = run.settings().inline_max_rows;
    if (rows_written == 0 && inline_max > 0 && rows.num_rows() <= inline_max) {
      prepare(rows);  // validated now, as every frame is; written by commit() or the next write()
      held_ = rows;
    } else {
      if (held_) {
        write_parts_of(*held_);
        held_.reset();
      }
      write_parts_of(rows);
    }
    rows_written += rows.num_rows();
  } catch (...) {
    abort();
    status = Status::Failed;
    throw;
  }
}

/// Under the log's lock: the shapes other writers committed during the stream must still
/// agree with its frames, whose parts cannot be conformed again.
void AppendStream::State::recheck_shape(const detail::LogPosition& end) {
  if (!shaped_) return;
  run.refresh_unless_at(end);
  const std::shared_ptr<const detail::StoredShape> now = run.shapes().current(run, table, true);
  if (detail::agrees_with_stored_shape(descriptor, stream_shape_.columns, *now)) return;
  throw IoSchemaError("table '" + name +
                      "': another writer committed, during this append stream, a struct or extra column "
                      "whose field types conflict with the stream's; nothing of the stream was written, append again");
}

AppendSummary AppendStream::State::summary() const { return detail::summary_of_parts(name, run.run_id(), parts_); }

AppendSummary AppendStream::State::commit() {
  check_open();
  try {
    if (held_) {
      // The stream's only frame: an ordinary append, inline when it fits.
      const frame::Frame rows_held = std::move(*held_);
      held_.reset();
      status = Status::Done;
      return dataset.append(table, rows_held, options);
    }
    if (parts_.empty()) {
      status = Status::Done;
      return summary();
    }
    detail::CommitRecord record;
    record.commit_id = commit_id;
    record.created_at = detail::utc_now_iso(run.env());
    record.tables.push_back(detail::table_commit(run.settings(), name, {}, parts_, record.created_at));
    const detail::AppendLog::Appended appended = run.log().append(
        detail::RecordType::Commit, detail::encode_commit(record), [&](const detail::LogPosition& end) {
          recheck_shape(end);
          // From here on the parts stay (see commit.cpp): the record may be in the file.
          written_->commit();
        });
    status = Status::Done;
    if (shaped_) {
      std::vector<std::pair<std::int64_t, std::string>> names;
      for (const AppendedPart& part : parts_) names.emplace_back(part.bucket_id, part.path);
      run.shapes().note_committed(table, appended.at, stream_shape_.columns, names);
    }
  } catch (...) {
    abort();
    status = Status::Failed;
    throw;
  }
  writing_.reset();
  detail::checkpoint_after_parts(run, table, parts_);
  AppendSummary done = summary();
  dataset.seal_moved_past(table, done);
  return done;
}

void AppendStream::State::abort() noexcept {
  held_.reset();
  written_.reset();  // removes the parts, unless the record is (or may be) in the log
  writing_.reset();
  if (status == Status::Open) status = Status::Done;
}

AppendStream::AppendStream(std::unique_ptr<State> state) : state_(std::move(state)) {}
AppendStream::AppendStream(AppendStream&&) noexcept = default;
AppendStream& AppendStream::operator=(AppendStream&& other) noexcept {
  if (this != &other) {
    abort();
    state_ = std::move(other.state_);
  }
  return *this;
}
AppendStream::~AppendStream() { abort(); }

void AppendStream::write(const frame::Frame& rows) {
  if (!state_) throw IoArgumentError("write to a moved-from append stream");
  state_->write(rows);
}

AppendSummary AppendStream::commit() {
  if (!state_) throw IoArgumentError("commit of a moved-from append stream");
  return state_->commit();
}

void AppendStream::abort() noexcept {
  if (state_) state_->abort();
}

std::int64_t AppendStream::rows() const { return state_ ? state_->rows_written : 0; }

AppendStream Dataset::open_append_stream(TableRef table, const AppendOptions& options) {
  return AppendStream(std::make_unique<AppendStream::State>(*this, *log_, table, options));
}

}  // namespace crv::io
