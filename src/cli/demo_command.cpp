// `crv-io demo`: the seed's quickstart end to end.

#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "crv/core/ids.hpp"
#include "crv/frame/column.hpp"
#include "crv/frame/pretty_print.hpp"
#include "crv/io/dataset.hpp"

namespace crv::cli {
namespace {

struct DemoOptions {
  std::string root;
  std::string run_id;
};

void run_demo(const DemoOptions& options) {
  io::IoSettings settings = resolve_settings(options.root);
  const std::string run_id = options.run_id.empty() ? core::make_run_id("demo") : options.run_id;
  io::Dataset dataset(settings, run_id);
  std::cout << "run " << run_id << " under " << settings.root_dir.string() << "\n\n";

  const frame::Frame frame{
      {"tick", frame::Column::from<std::int64_t>({0, 1, 2, 101})},
      {"observer_agent_id", frame::Column::from<std::string>({"A0", "A1", "A2", "A0"})},
      {"edge_kind", frame::Column::from<std::string>(
                        {"self_to_object", "self_to_object", "self_to_object", "self_to_object"})},
      {"edge_weight", frame::Column::from<double>({0.0, 0.1, 0.2, 0.3})},
  };
  const io::AppendSummary summary = dataset.append(core::TableName::IdentityEdges, frame);
  std::cout << "append summary:\n" << summary.to_json().dump(2) << "\n\n";

  const io::Scan scan = dataset.scan(core::TableName::IdentityEdges, io::Where{0, 120});
  std::cout << "scan where tick in [0, 120]:\n" << frame::to_string(scan.collect()) << '\n';
  std::cout << scan.explain().to_string() << '\n';

  const auto manifest = dataset.manifest(core::TableName::IdentityEdges);
  std::cout << "manifest:\n" << (manifest ? manifest->to_json().dump(2) : std::string("null")) << '\n';
}

}  // namespace

void register_demo(CLI::App& app) {
  auto options = std::make_shared<DemoOptions>();
  CLI::App* command = app.add_subcommand(
      "demo", "Run the quickstart: append four identity_edges rows, scan ticks 0-120, print the "
              "frame, the scan plan and the manifest");
  add_root_option(*command, options->root);
  command->add_option("--run", options->run_id, "Run id (default: a new demo_<hex> id)");
  command->callback([options] { run_demo(*options); });
}

}  // namespace crv::cli
