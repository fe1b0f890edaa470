// The README's quickstart, built and run by `make test` (ctest: example_quickstart) so
// that the README stays true. Usage: crv_quickstart [ROOT_DIR]
#include <crv/io.hpp>

#include <cstdint>
#include <iostream>
#include <string>

using namespace crv;

int main(int argc, char** argv) {
  io::IoSettings settings;  // or io::IoSettings::load(): env > TOML > defaults
  settings.root_dir = argc > 1 ? argv[1] : "out";
  settings.tick_bucket_size = 100;

  io::Dataset ds(settings, "20250101-000000");  // the run id is validated here

  // A minimal identity_edges frame (required columns only).
  frame::Frame df{
      {"tick", frame::Column::from<int64_t>({0, 1, 2, 101})},
      {"observer_agent_id", frame::Column::from<std::string>({"A0", "A1", "A2", "A0"})},
      {"edge_kind",
       frame::Column::from<std::string>({"self_to_object", "self_to_object", "self_to_object", "self_to_object"})},
      {"edge_weight", frame::Column::from<double>({0.0, 0.1, 0.2, 0.3})},
  };

  // Validated, split by bucket, committed by one record of the run's append log (fsync);
  // durable when it returns. The rows stay inline in the log until their bucket is sealed.
  io::AppendSummary summary = ds.append(core::TableName::IdentityEdges, df);
  std::cout << summary.to_json().dump(2) << "\n";

  // Lazy scan pruned by tick range (manifest partitions, parts, row-group statistics).
  io::Scan scan = ds.scan(core::TableName::IdentityEdges, io::Where{.tick_min = 0, .tick_max = 120});
  std::cout << scan.collect().to_string() << "\n";
  std::cout << scan.explain().to_string() << "\n";  // which parts and row groups were kept, and why

  // Sealing writes each bucket's inline rows as one Parquet part listed in manifest.json, for
  // Polars, DuckDB and the reference implementation (close() and the destructor do it too).
  ds.seal();
  if (auto manifest = ds.manifest(core::TableName::IdentityEdges)) {
    std::cout << manifest->to_json().dump(2) << "\n";
  }
  return 0;
}
