// Dataset::verify: every table of a run (or one) against its files.

#include "crv/io/verify.hpp"

#include "crv/io/dataset.hpp"
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

VerifyReport Dataset::verify(std::optional<TableRef> table, const VerifyOptions& options) {
  VerifyReport report;
  const auto verify_one = [&](core::TableName name) {
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
