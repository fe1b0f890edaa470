// The run bundle manifest: after a run, <root>/runs/<run_id>/bundle.manifest.json records
// what the run is (id, creation time, schema version, git commit), what wrote it (crv-io,
// compiler), the IO settings, every table's rows, bytes, ticks and buckets, the artifacts
// and your own metadata: what a notebook or a later job opens first.
// Built and run by `make test` (ctest: example_run_bundle, and against the installed package
// in tests/package). Usage: crv_run_bundle [ROOT_DIR]   (exit 1 when a result is wrong)
#include <crv/io.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

using namespace crv;

namespace {

bool check(bool ok, const std::string& what) {
  std::cout << (ok ? "ok: " : "WRONG: ") << what << "\n";
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  io::IoSettings settings;
  settings.root_dir = argc > 1 ? argv[1] : "out";
  settings.tick_bucket_size = 100;
  const std::string run_id = "20250101-000003";

  // A short run: 150 ticks of 4 agents, two tables committed together each tick.
  {
    io::Dataset ds(settings, run_id);
    io::RowWriter edges = ds.row_writer(core::TableName::IdentityEdges);
    io::RowWriter holdings = ds.row_writer(core::TableName::Holdings);
    for (std::int64_t tick = 0; tick < 150; ++tick) {
      edges.tick(tick);
      holdings.tick(tick);
      for (int agent = 0; agent < 4; ++agent) {
        const std::string id = "agent_" + std::to_string(agent);
        edges.set("observer_agent_id", id).set("edge_kind", "self_to_object").set("edge_weight", 0.5).end_row();
        holdings.set("agent_id", id).set("token_id", "token_0").set("quantity", tick).end_row();
      }
      const std::vector<io::TableAppend> commit{{core::TableName::IdentityEdges, edges.take()},
                                                {core::TableName::Holdings, holdings.take()}};
      ds.append_batch(commit);
    }
    // A lab artifact of the run: listed in the bundle's "artifacts" with its size.
    const auto probes = io::ensure_lab_dir(ds.env(), settings, run_id, "probes");
    io::write_text_artifact(ds.env(), probes / "summary.txt", "150 ticks, 4 agents\n");
    // close() seals the open buckets and writes every manifest.json. The bundle is built from
    // those manifests, so write it after close() (or seal()): rows still inline in the append
    // log are not counted.
    ds.close();
  }

  // Your own metadata goes under "meta" (a JSON object): scenario, seed, parameters...
  const nlohmann::json meta = {{"scenario", "two_tables"}, {"seed", 42}, {"agents", 4}};
  const nlohmann::ordered_json bundle = io::write_run_bundle_manifest(settings, run_id, meta);
  std::cout << bundle.dump(2) << "\n";

  // Validate what was written: the file on disk is the payload returned.
  bool ok = true;
  const std::filesystem::path path = io::bundle_manifest_path(settings, run_id);
  std::ifstream file(path);
  ok &= check(file && nlohmann::ordered_json::parse(file) == bundle, path.string() + " holds the payload");
  ok &= check(bundle["run"]["run_id"] == run_id, "run.run_id");
  ok &= check(bundle["io"]["tick_bucket_size"] == 100, "io.tick_bucket_size");
  ok &= check(bundle["meta"] == meta, "meta as given");
  for (const char* table : {"identity_edges", "holdings"}) {
    const auto& t = bundle["tables"][table];
    ok &= check(t["total_rows"] == 600 && t["tick_min"] == 0 && t["tick_max"] == 149 &&
                    t["buckets"] == nlohmann::json::array({0, 1}) && t["total_bytes"].get<std::int64_t>() > 0,
                std::string("tables.") + table + ": 600 rows, ticks 0-149, buckets 0 and 1");
  }
  const auto& probes = bundle["artifacts"]["lab"]["probes"];
  ok &= check(probes.size() == 1 && probes[0]["bytes"] == 20, "artifacts.lab.probes lists summary.txt (20 bytes)");

  std::cout << (ok ? "run_bundle: all checks passed\n" : "run_bundle: FAILED\n");
  return ok ? 0 : 1;
}
