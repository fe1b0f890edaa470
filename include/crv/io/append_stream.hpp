#pragma once
/// @file
/// An append of many frames to one table as one commit (Dataset::open_append_stream): for
/// inputs too large to hold as one frame. Each frame is validated and written to Parquet parts
/// as it comes, so memory holds one frame; commit() makes every part visible at once.

#include <cstdint>
#include <memory>

#include "crv/export.hpp"
#include "crv/frame/frame.hpp"
#include "crv/io/append.hpp"
#include "crv/io/append_summary.hpp"

namespace crv::io {

class Dataset;

/// All or nothing: until commit() returns, no reader sees any row of the stream, and after a
/// crash at any point either every row is there or none. A stream destroyed or aborted without
/// commit() removes the parts it wrote (those a crash leaves are leftovers, which seals of
/// their bucket, later appends and vacuum delete, as for an append that crashed).
///
/// Each frame goes to one part per bucket it touches, so several frames may put several parts
/// into one bucket; sealing and compaction merge them later. A stream whose only frame is at
/// most IoSettings::inline_max_rows rows is committed as an ordinary append (inline rows,
/// as Dataset::append would). While parts are being written the stream holds the table's
/// writers' lock shared: cleaners skip the table, and verify and repair wait, until it ends.
///
/// Not thread-safe; the Dataset must outlive the stream.
class CRV_IO_EXPORT AppendStream {
 public:
  /// Takes over the other stream's parts and state; the other is left empty (no parts).
  AppendStream(AppendStream&&) noexcept;
  /// Aborts this stream unless committed, then takes over the other's.
  AppendStream& operator=(AppendStream&&) noexcept;
  /// abort() unless committed.
  ~AppendStream();

  /// Validates `rows` as Dataset::append does (and conforms its struct and extra columns to
  /// the table's stored shape widened by the stream's earlier frames), then writes its parts
  /// durably. Errors as Dataset::append's; after any error the stream is failed: write() and
  /// commit() throw IoArgumentError, and nothing of it becomes visible. An empty frame is
  /// ignored.
  void write(const frame::Frame& rows);

  /// One log record naming every part the stream wrote (one fsync): the commit. A stream
  /// without rows commits nothing and returns an empty summary. IoWriteError when the record
  /// cannot be written; IoSchemaError when another writer committed, during the stream, a
  /// struct field of a type the stream's frames conflict with (the stream's parts are then
  /// removed: append again).
  AppendSummary commit();

  /// Removes the parts written so far; nothing becomes visible. Idempotent.
  void abort() noexcept;

  /// Rows accepted by write() so far.
  std::int64_t rows() const;

 private:
  friend class Dataset;
  struct State;
  explicit AppendStream(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace crv::io
