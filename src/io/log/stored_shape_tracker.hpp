#pragma once
// What a run's tables store of their struct columns (StoredShape), kept up to date cheaply
// by each RunLog: every part footer and inline batch is looked at once per process (the log's
// records once, as the state reads them; a manifest's parts when a new version of it
// appears, skipping the parts already seen), so an append checks its frame against the
// table's shape without reading the table.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "crv/core/table_name.hpp"
#include "crv/io/manifest.hpp"
#include "io/log/log_record.hpp"
#include "io/stored_shape.hpp"

namespace crv::io::detail {

class RunLog;

class StoredShapeTracker {
 public:
  /// The table's stored shape: the records of the log state as the RunLog last read it that
  /// were not looked at yet, then (unless `log_only`) the parts of the manifest not seen yet.
  /// A new object whenever the shape changed, the same one otherwise. `log_only` is for the
  /// check under the log's lock, where only other writers' commits can be new (a manifest is
  /// still read when the log dropped records this tracker had not looked at).
  ///
  /// A part whose footer cannot be read is left out: every read of the table reports it.
  std::shared_ptr<const StoredShape> current(RunLog& run, core::TableName table, bool log_only);

  /// What a commit of this process logged at `at` for the table: the schema of its rows and
  /// the parts it wrote (bucket, name), added now, so that the record's inline rows and
  /// parts need not be read back.
  void note_committed(core::TableName table, const LogPosition& at, const std::vector<frame::Field>& fields,
                      const std::vector<std::pair<std::int64_t, std::string>>& parts);

 private:
  struct Tracked {
    std::shared_ptr<const StoredShape> shape = std::make_shared<StoredShape>();
    bool manifest_read = false;
    std::shared_ptr<const TableManifest> manifest;  // the version whose parts are in `shape`
    bool walked = false;                            // the parts without a manifest, once
    std::set<std::string> parts;                    // "<bucket>/<part>" already in `shape`
    LogPosition log_end;                            // log records before it are in `shape`
    std::set<LogPosition> noted;                    // records at or after log_end already in `shape`
  };
  void read_log(RunLog& run, core::TableName table, Tracked& tracked, bool& dropped);
  void read_manifest(RunLog& run, core::TableName table, Tracked& tracked);

  std::mutex mutex_;  // one update at a time (footers are read under it)
  std::map<core::TableName, Tracked> tables_;
};

}  // namespace crv::io::detail
