// `crv-io bundle --run R [--meta JSON]`: writes the run's bundle.manifest.json.

#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "crv/io/run_bundle.hpp"

namespace crv::cli {
namespace {

struct BundleOptions {
  std::string root;
  std::string run_id;
  std::string meta = "{}";
};

void run_bundle(const BundleOptions& options) {
  nlohmann::json meta;
  try {
    meta = nlohmann::json::parse(options.meta);
  } catch (const nlohmann::json::parse_error& error) {
    throw CLI::ValidationError("--meta", "not valid JSON: " + std::string(error.what()));
  }
  if (!meta.is_object()) throw CLI::ValidationError("--meta", "must be a JSON object, e.g. '{\"note\": \"demo\"}'");
  const io::IoSettings settings = resolve_settings(options.root);
  std::cout << io::write_run_bundle_manifest(settings, options.run_id, meta).dump(2) << '\n';
}

}  // namespace

void register_bundle(CLI::App& app) {
  auto options = std::make_shared<BundleOptions>();
  CLI::App* command = app.add_subcommand(
      "bundle", "Write the run's bundle.manifest.json (tables index, artifacts, settings, git, meta) "
                "and print it");
  add_root_option(*command, options->root);
  add_run_option(*command, options->run_id);
  command->add_option("--meta", options->meta, "Caller metadata, a JSON object (default {})");
  command->callback([options] { run_bundle(*options); });
}

}  // namespace crv::cli
