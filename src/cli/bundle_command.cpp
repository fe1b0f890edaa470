// `crv-io bundle --run R [--meta JSON]`: writes the run's bundle.manifest.json.

#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "cli/exit_codes.hpp"
#include "crv/io/run_bundle.hpp"

namespace crv::cli {
namespace {

struct BundleOptions : DatasetArguments {
  std::string meta = "{}";
  bool json = false;  // the output is JSON either way: accepted so that every command takes it
};

/// --meta's text; "-" reads it from standard input.
std::string meta_text(const std::string& meta) {
  if (meta != "-") return meta;
  return std::string((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
}

void run_bundle(const BundleOptions& options) {
  nlohmann::json meta;
  try {
    meta = nlohmann::json::parse(meta_text(options.meta));
  } catch (const nlohmann::json::parse_error& error) {
    throw UsageError("--meta is not valid JSON: " + std::string(error.what()));
  }
  if (!meta.is_object()) throw UsageError("--meta must be a JSON object, e.g. '{\"note\": \"demo\"}'");
  const io::IoSettings settings = resolve_settings(options.root);
  std::cout << io::write_run_bundle_manifest(settings, options.run_id, meta).dump(2) << '\n';
}

}  // namespace

void register_bundle(CLI::App& app) {
  const auto [command, options] = add_command<BundleOptions>(
      app, "bundle", "Write the run's bundle.manifest.json (tables index, artifacts, settings, git, meta) and print it",
      run_bundle);
  add_dataset_options(*command, *options, DatasetScope::kRun);
  command->add_option("--meta", options->meta, "Caller metadata, a JSON object (default {}); - reads it from stdin");
  command->add_flag("--json", options->json, "Print JSON (what bundle prints in any case)");
  command->footer("Example:\n  crv-io bundle --run r1 --meta '{\"note\": \"baseline\"}'");
}

}  // namespace crv::cli
