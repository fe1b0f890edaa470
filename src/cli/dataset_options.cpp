#include "cli/dataset_options.hpp"

#include <vector>

#include "crv/core/table_name.hpp"

namespace crv::cli {

void add_root_option(CLI::App& command, std::string& root) {
  command.add_option("--root", root,
                     "Dataset root directory (default: from crv.toml / pyproject.toml / CRV_IO_ROOT_DIR, "
                     "else 'out')");
}

void add_run_option(CLI::App& command, std::string& run_id) {
  command.add_option("--run", run_id, "Run id (letters, digits and . _ : -)")->required();
}

void add_table_option(CLI::App& command, std::string& table) {
  std::string names;
  for (core::TableName name : core::all_table_names()) {
    names += (names.empty() ? "" : ", ") + std::string(core::to_string(name));
  }
  command.add_option("--table", table, "Canonical table name: " + names)
      ->required()
      ->check(CLI::Validator(
          [names](const std::string& value) {
            return core::try_parse_table_name(value) ? std::string()
                                                     : "unknown table '" + value + "' (tables: " + names + ")";
          },
          "TABLE"));
}

io::IoSettings resolve_settings(const std::string& root) {
  io::IoSettings settings = io::IoSettings::load();
  if (!root.empty()) settings.root_dir = root;
  settings.validate();
  return settings;
}

}  // namespace crv::cli
