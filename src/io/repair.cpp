// Dataset::repair: a table made consistent with its files again, saying what was done.

#include <exception>
#include <map>
#include <set>

#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "io/iso_time.hpp"
#include "io/log/log_operations.hpp"
#include "io/table_check.hpp"

namespace crv::io {
namespace {

constexpr const char* kQuarantineSuffix = ".quarantined";

/// Renames a file that holds rows no reader can trust out of every reader's way (walks and
/// engines' globs look for *.parquet); nothing that may hold committed rows is deleted.
void quarantine(Env& env, const std::filesystem::path& path) {
  env.rename_file(path, path.string() + kQuarantineSuffix);
  env.sync_dir(path.parent_path());
}

class TableRepair {
 public:
  TableRepair(detail::RunLog& run, core::TableName table, const RepairOptions& options, RepairReport& report)
      : run_(run),
        table_(table),
        name_(core::to_string(table)),
        options_(options),
        report_(report),
        dir_(table_dir(run.settings(), run.run_id(), table)) {}

  void run() {
    const std::unique_ptr<FileLock> lock = detail::lock_table(run_, table_);
    // Held until the manifest is written: a commit writing parts meanwhile would have .tmp
    // files and parts that no record names yet, which repair would delete or quarantine.
    const std::unique_ptr<FileLock> writers = detail::lock_out_table_writers(run_, table_, true);
    for (const std::string& removed : detail::clean_leftovers_quiet(run_, table_, nullptr)) {
      say("deleted " + removed + ", left by an append or seal that crashed before its commit");
    }
    detail::TableCheck check = detail::check_table(run_, table_, false);
    if (!check.exists) return;
    TableManifest manifest = std::move(check.snapshot.manifest);
    bool changed = !check.manifest_problem.empty() || !check.snapshot.checkpointed || !check.snapshot.had_manifest;
    if (!check.manifest_problem.empty())
      say("rebuilt manifest.json from the committed parts: " + check.manifest_problem);
    for (const detail::ListedPartCheck& part : check.listed) changed = repair_listed(part, manifest) || changed;
    for (std::size_t k = 0; k < check.walk.parts.size(); ++k) {
      changed = repair_unlisted(check.walk.parts[k], check.verdicts[k], check.manifest_intact, manifest) || changed;
    }
    for (const std::string& tmp : check.walk.tmp_files) {
      remove_file_quietly(run_.env(), dir_ / tmp);
      say("deleted " + tmp + ", a .tmp file of a write that did not finish");
    }
    log_drops();
    if (changed) {
      save_manifest(run_.env(), manifest_path(run_.settings(), run_.run_id(), table_), manifest);
      say("wrote manifest.json: " + std::to_string(manifest.part_count()) + " parts, " +
          std::to_string(manifest.total_rows()) + " rows");
    }
  }

 private:
  void say(const std::string& action) { report_.actions.push_back(name_ + ": " + action); }

  /// The live log may name the dropped parts too, and every reader merges it into the
  /// manifest: one drop record per bucket takes them out for every reader.
  void log_drops() {
    for (const auto& [bucket_id, names] : dropped_) {
      detail::SealRecord drop;
      drop.table = name_;
      drop.bucket_id = bucket_id;
      drop.part.created_at = detail::utc_now_iso(run_.env());
      drop.replaced = names;
      run_.log().append(detail::RecordType::Seal, detail::encode_seal(drop));
    }
  }

  bool repair_listed(const detail::ListedPartCheck& part, TableManifest& manifest) {
    const std::string relative = bucket_dir_name(part.bucket_id) + "/" + part.listed.path;
    if (part.kind.empty()) return false;
    if (part.kind == "size") {
      PartEntry entry = part.listed;
      entry.bytes = part.actual_bytes;
      manifest.remove_part(part.bucket_id, part.listed.path);
      manifest.add_part(part.bucket_id, std::move(entry));
      say("listed " + relative + " with its size on disk (" + std::to_string(part.actual_bytes) + " bytes)");
      return true;
    }
    manifest.remove_part(part.bucket_id, part.listed.path);
    dropped_[part.bucket_id].push_back(part.listed.path);
    if (part.kind == "missing") {
      say("dropped " + relative + " from the manifest: the file is missing (its " + std::to_string(part.listed.rows) +
          " rows are lost)");
    } else {
      quarantine(run_.env(), dir_ / relative);
      say("dropped " + relative + " from the manifest and renamed it to " + part.listed.path + kQuarantineSuffix +
          ": " + part.detail);
    }
    return true;
  }

  bool repair_unlisted(const detail::WalkedPart& part, detail::Adoption verdict, bool manifest_intact,
                       TableManifest& manifest) {
    using detail::Adoption;
    const std::filesystem::path path = dir_ / part.relative;
    if (verdict == Adoption::Uncommitted || verdict == Adoption::Incomplete) {
      // Left when the manifest was lost (the cleaner keeps those): a part of an append that is
      // not whole is never adopted, but it might hold rows of a damaged committed append.
      quarantine(run_.env(), path);
      say("renamed " + part.relative + " to *" + kQuarantineSuffix + ": " + detail::adoption_reason(verdict));
      return false;
    }
    const bool orphan = verdict == Adoption::Unlisted || (verdict == Adoption::Adopted && manifest_intact);
    if (!orphan) return false;
    switch (options_.orphans) {
      case OrphanPolicy::Keep:
        say("kept the orphan " + part.relative + " (--drop-orphans deletes it, --adopt-orphans lists it)");
        return false;
      case OrphanPolicy::Drop:
        run_.env().remove_file(path);
        run_.env().sync_dir(path.parent_path());
        say("deleted the orphan " + part.relative);
        return false;
      case OrphanPolicy::Adopt:
        if (verdict != Adoption::Unlisted || !part.entry) {
          say("kept the orphan " + part.relative +
              ": it records no commit, so nothing shows it is a whole committed append; not adopted");
          return false;
        }
        manifest.add_part(part.bucket_id, *part.entry);
        say("adopted the orphan " + part.relative + " (" + std::to_string(part.entry->rows) +
            " rows; every part of its append is present)");
        return true;
    }
    return false;
  }

  detail::RunLog& run_;
  core::TableName table_;
  std::string name_;
  const RepairOptions& options_;
  RepairReport& report_;
  std::filesystem::path dir_;
  std::map<std::int64_t, std::vector<std::string>> dropped_;
};

}  // namespace

RepairReport Dataset::repair(std::optional<TableRef> table, const RepairOptions& options) {
  wait_for_sealer();
  RepairReport report;
  if (table) {
    TableRepair(*log_, table->name(), options, report).run();
  } else {
    for (const core::TableName name : core::all_table_names()) TableRepair(*log_, name, options, report).run();
  }
  report.after = verify(table);
  return report;
}

}  // namespace crv::io
