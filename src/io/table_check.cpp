#include "io/table_check.hpp"

#include <exception>

#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "io/log/inline_rows_io.hpp"
#include "io/part_check.hpp"
#include "io/part_io.hpp"

namespace crv::io::detail {
namespace {

/// The listed part's file against its entry: present, its size, its footer, with `deep`
/// every page.
void check_listed(RunLog& run, core::TableName table, const std::filesystem::path& path, ListedPartCheck& part,
                  bool deep) {
  Env& env = run.env();
  if (!env.file_exists(path)) {
    part.kind = "missing";
    part.detail = "listed with " + std::to_string(part.listed.rows) + " rows, but the file does not exist";
    return;
  }
  std::unique_ptr<parquet::FileReader> reader;
  try {
    part.actual_bytes = static_cast<std::int64_t>(env.file_size(path));
    reader = open_parquet_file(env, path);
  } catch (const std::exception& error) {
    part.kind = "unreadable";
    part.detail = error.what();
    return;
  }
  try {
    check_part(*reader, path.string(), PartExpectation{run.run_id(), table, &part.listed, {}, &run.settings()});
  } catch (const std::exception& error) {
    part.kind = "disagreement";
    part.detail = error.what();
    return;
  }
  if (deep) {
    try {
      (void)reader->read();
    } catch (const std::exception& error) {
      part.kind = "decode";
      part.detail = error.what();
      return;
    }
  }
  if (part.actual_bytes != part.listed.bytes) {
    part.kind = "size";
    part.detail = "listed with " + std::to_string(part.listed.bytes) + " bytes, the file has " +
                  std::to_string(part.actual_bytes);
  }
}

}  // namespace

TableCheck check_table(RunLog& run, core::TableName table, bool deep) {
  TableCheck check;
  check.table = table;
  Env& env = run.env();
  const std::string name(core::to_string(table));
  const std::filesystem::path dir = table_dir(run.settings(), run.run_id(), table);
  const TableLogRead read = run.table_log(name);
  check.exists = env.is_directory(dir) || !read.log.empty();
  if (!check.exists) return check;

  std::shared_ptr<const TableManifest> manifest;
  try {
    manifest = run.manifest(table);
    check.manifest_intact = manifest != nullptr;
  } catch (const std::exception& error) {
    check.manifest_problem = error.what();
  }
  CommittedParts committed = committed_parts(read.log, read.first_segment, manifest.get());
  // Every footer: telling a whole append from an incomplete one counts the parts of each commit.
  check.walk = walk_table(env, run.settings(), run.run_id(), table);
  add_skipped_segments(run.log(), name, check.walk, committed);
  check.verdicts = judge_walk(check.walk, committed);
  std::optional<TableManifest> base;
  if (manifest) {
    base = *manifest;
  } else {
    base = adopted_manifest(name, check.walk, check.verdicts).manifest;
  }
  check.snapshot = merge_log(std::move(base), name, &read.log);

  for (const auto& [bucket_id, partition] : check.snapshot.manifest.partitions) {
    for (const PartEntry& entry : partition.parts) {
      ListedPartCheck part{bucket_id, entry, {}, {}, -1};
      check_listed(run, table, dir / bucket_dir_name(bucket_id) / entry.path, part, deep);
      check.rows += entry.rows;
      check.listed.push_back(std::move(part));
    }
  }
  for (const LoggedRows& rows : check.snapshot.inline_rows) {
    check.rows += rows.rows.rows;
    if (!deep) continue;
    const std::string label = "inline rows logged at " + rows.at.to_string();
    try {
      (void)open_inline_rows(rows.rows.parquet, label)->read();
    } catch (const std::exception& error) {
      check.decode_problems.push_back(label + ": " + error.what());
    }
  }
  return check;
}

void add_problems(const TableCheck& check, VerifyReport& report) {
  if (!check.exists) return;
  const std::string table(core::to_string(check.table));
  report.tables.push_back(table);
  report.parts += static_cast<std::int64_t>(check.listed.size());
  report.rows += check.rows;
  const auto add = [&](std::string kind, std::string path, std::string detail) {
    report.problems.push_back({table, std::move(kind), std::move(path), std::move(detail)});
  };
  if (!check.manifest_problem.empty()) add("manifest", "manifest.json", check.manifest_problem);
  for (const ListedPartCheck& part : check.listed) {
    if (!part.kind.empty()) add(part.kind, bucket_dir_name(part.bucket_id) + "/" + part.listed.path, part.detail);
  }
  for (const std::string& problem : check.decode_problems) add("decode", "", problem);
  for (const std::string& tmp : check.walk.tmp_files)
    add("leftover", tmp, "a .tmp file of a write that did not finish");
  for (const UnreadablePart& part : check.walk.unreadable) add("unreadable", part.path, part.error);
  for (std::size_t k = 0; k < check.walk.parts.size(); ++k) {
    const Adoption verdict = check.verdicts[k];
    const std::string& path = check.walk.parts[k].relative;
    if (verdict == Adoption::Uncommitted || verdict == Adoption::Incomplete) {
      add("leftover", path, adoption_reason(verdict));
    } else if (verdict == Adoption::Unlisted || (verdict == Adoption::Adopted && check.manifest_intact)) {
      add("orphan", path,
          check.walk.parts[k].provenance.known()
              ? adoption_reason(Adoption::Unlisted)
              : "a part the manifest does not list, which records no commit (written by another tool)");
    }
  }
}

}  // namespace crv::io::detail
