// Dataset::verify: every table of a run (or one) against its files.

#include "crv/io/verify.hpp"

#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "io/log/log_operations.hpp"
#include "io/log/run_log.hpp"
#include "io/table_check.hpp"

namespace crv::io {

nlohmann::ordered_json TableProblem::to_json() const {
  return {{"table", table}, {"kind", kind}, {"path", path}, {"detail", detail}};
}

nlohmann::ordered_json VerifyReport::to_json() const {
  nlohmann::ordered_json problems_json = nlohmann::ordered_json::array();
  for (const TableProblem& problem : problems) problems_json.push_back(problem.to_json());
  return {{"clean", clean()}, {"tables", tables}, {"parts", parts}, {"rows", rows}, {"problems", problems_json}};
}

nlohmann::ordered_json RepairReport::to_json() const { return {{"actions", actions}, {"after", after.to_json()}}; }

namespace {

/// The table's lock and its writers' lock, held while verify checks the table: a seal or a
/// part-writing commit in flight has .tmp files and parts that no record names yet, which
/// would read as leftovers. Verify waits for them to finish, and they wait for verify. Nothing
/// is held (the table is checked as it is) when it has no directory, which verify does not
/// create, or when the locks cannot be taken, as in a read-only copy of a run.
struct QuietTable {
  std::unique_ptr<FileLock> table;
  std::unique_ptr<FileLock> writers;
};

QuietTable quiet_table(detail::RunLog& run, core::TableName name) {
  QuietTable quiet;
  if (!run.env().is_directory(table_dir(run.settings(), run.run_id(), name))) return quiet;
  try {
    quiet.table = detail::lock_table(run, name);
    quiet.writers = detail::lock_out_table_writers(run, name, true);
  } catch (const IoError&) {
    return {};
  }
  return quiet;
}

}  // namespace

VerifyReport Dataset::verify(std::optional<TableRef> table, const VerifyOptions& options) {
  VerifyReport report;
  const auto verify_one = [&](core::TableName name) {
    const QuietTable quiet = quiet_table(*log_, name);
    detail::add_problems(detail::check_table(*log_, name, options.deep), report);
  };
  if (table) {
    verify_one(table->name());
  } else {
    for (const core::TableName name : core::all_table_names()) verify_one(name);
  }
  return report;
}

}  // namespace crv::io
