// `crv-io demo`: the seed's quickstart end to end.

#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "crv/core/ids.hpp"
#include "crv/frame/column.hpp"
#include "crv/frame/pretty_print.hpp"
#include "crv/io/dataset.hpp"

namespace crv::cli {
namespace {

using DemoOptions = DatasetArguments;

void run_demo(const DemoOptions& options) {
  io::IoSettings settings = resolve_settings(options.root);
  const std::string run_id = options.run_id.empty() ? core::make_run_id("demo") : options.run_id;
  io::Dataset dataset(settings, run_id);
  std::cout << "run " << run_id << " under " << settings.root_dir.string() << "\n\n";

  const frame::Frame frame{
      {"tick", frame::Column::from<std::int64_t>({0, 1, 2, 101})},
      {"observer_agent_id", frame::Column::from<std::string>({"A0", "A1", "A2", "A0"})},
      {"edge_kind",
       frame::Column::from<std::string>({"self_to_object", "self_to_object", "self_to_object", "self_to_object"})},
      {"edge_weight", frame::Column::from<double>({0.0, 0.1, 0.2, 0.3})},
  };
  const io::AppendSummary summary = dataset.append(core::TableName::IdentityEdges, frame);
  std::cout << "append summary:\n" << summary.to_json().dump(2) << "\n\n";

  const io::Scan scan = dataset.scan(core::TableName::IdentityEdges, io::Where{0, 120});
  std::cout << "scan where tick in [0, 120]:\n" << frame::to_string(scan.collect()) << '\n';
  std::cout << scan.explain().to_string() << '\n';

  dataset.seal();  // the buckets' inline rows become parts, listed in manifest.json
  const auto manifest = dataset.manifest(core::TableName::IdentityEdges);
  std::cout << "manifest:\n" << (manifest ? manifest->to_json().dump(2) : std::string("null")) << '\n';
}

}  // namespace

void register_demo(CLI::App& app) {
  const auto [command, options] = add_command<DemoOptions>(
      app, "demo",
      "Run the quickstart: append four identity_edges rows, scan ticks 0-120, print the frame, the scan plan "
      "and the manifest",
      run_demo);
  add_dataset_options(*command, *options, DatasetScope::kRoot);
  command->add_option("--run", options->run_id, "Run id (default: a new demo_<hex> id)");
  command->footer("Example:\n  crv-io demo --root /tmp/crv-demo");
}

}  // namespace crv::cli
