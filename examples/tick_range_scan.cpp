// Reading part of a table back: a tick range with a column selection, and a whole table
// streamed batch by batch in bounded memory. Built and run by `make test` (ctest:
// example_tick_range_scan, and against the installed package in tests/package).
// Usage: crv_tick_range_scan [ROOT_DIR]   (exit 1 when a result is wrong)
#include <crv/io.hpp>

#include <cstdint>
#include <iostream>
#include <string>

using namespace crv;

namespace {

constexpr std::int64_t kTicks = 1000;
constexpr int kAgents = 100;

// A weight the readers below can check from the tick and agent alone (exact in a double).
double weight_of(std::int64_t tick, int agent) { return static_cast<double>(tick) * 0.5 + agent; }

bool check(bool ok, const std::string& what) {
  std::cout << (ok ? "ok: " : "WRONG: ") << what << "\n";
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  io::IoSettings settings;
  settings.root_dir = argc > 1 ? argv[1] : "out";
  settings.tick_bucket_size = 100;  // ticks 0-99 in bucket 0, 100-199 in bucket 1, ...
  io::Dataset ds(settings, "20250101-000001");

  // 100,000 rows in one append: one Parquet part per bucket of 100 ticks.
  io::RowWriter edges = ds.row_writer(core::TableName::IdentityEdges);
  for (std::int64_t tick = 0; tick < kTicks; ++tick) {
    edges.tick(tick);
    for (int agent = 0; agent < kAgents; ++agent) {
      edges.set("observer_agent_id", "agent_" + std::to_string(agent)).set("edge_kind", "self_to_object");
      edges.set("edge_weight", weight_of(tick, agent)).end_row();
    }
  }
  edges.append_to(ds);
  ds.seal();  // not needed by crv-io's readers; makes the parts visible to Polars and DuckDB

  bool ok = true;

  // 1. A tick range (inclusive at both ends) and three columns, in the order asked for.
  //    Only the parts of buckets 2 and 3 are opened; rows outside [250, 349] are filtered out.
  const io::Scan range = ds.scan(core::TableName::IdentityEdges, io::Where{.tick_min = 250, .tick_max = 349})
                             .select({"tick", "observer_agent_id", "edge_weight"});
  const frame::Frame rows = range.collect();
  ok &= check(rows.num_rows() == 100 * kAgents, "range [250, 349] has " + std::to_string(rows.num_rows()) + " rows");
  ok &= check(rows.names() == std::vector<std::string>{"tick", "observer_agent_id", "edge_weight"},
              "the selected columns, in order");
  const frame::Column& tick = rows.column("tick");
  const frame::Column& agent_id = rows.column("observer_agent_id");
  const frame::Column& weight = rows.column("edge_weight");
  bool values_ok = true;
  for (std::int64_t i = 0; i < rows.num_rows(); ++i) {
    const std::int64_t t = tick.value<std::int64_t>(i);
    const int agent = std::stoi(std::string(agent_id.string_value(i).substr(6)));  // "agent_<n>"
    values_ok &= t >= 250 && t <= 349 && weight.value<double>(i) == weight_of(t, agent);
  }
  ok &= check(values_ok, "every row's tick is in range and its weight matches its tick and agent");
  ok &= check(range.count() == rows.num_rows(), "count() agrees (counted from metadata where it can)");

  // explain() says which parts, row groups and pages were kept, and why.
  const io::ScanExplanation plan = range.explain();
  const io::ScanExplanation full_plan = ds.scan(core::TableName::IdentityEdges).explain();
  std::cout << plan.to_string() << "\n";
  ok &= check(plan.parts_kept() == 2 && full_plan.parts_kept() == 10,
              std::to_string(plan.parts_kept()) + " of " + std::to_string(full_plan.parts_kept()) + " parts read");

  // 2. The whole table, streamed: batches() plans the scan and reads one batch (at most
  //    65,536 rows) per next(), so memory stays bounded by a batch whatever the table's size.
  //    Here two columns are read, and the weights summed as they go by.
  io::ScanBatchReader reader = ds.scan(core::TableName::IdentityEdges).select({"tick", "edge_weight"}).batches();
  ok &= check(reader.schema().size() == 2 && reader.schema()[0].name == "tick", "the schema is known before a batch");
  std::int64_t streamed = 0;
  std::int64_t batches = 0;
  double sum = 0;
  while (std::optional<frame::Frame> batch = reader.next()) {
    ++batches;
    streamed += batch->num_rows();
    const frame::Column& w = batch->column("edge_weight");
    for (std::int64_t i = 0; i < batch->num_rows(); ++i) sum += w.value<double>(i);
    ok &= batch->num_rows() <= 65536;
  }
  double expected_sum = 0;
  for (std::int64_t t = 0; t < kTicks; ++t) {
    for (int a = 0; a < kAgents; ++a) expected_sum += weight_of(t, a);
  }
  ok &= check(streamed == kTicks * kAgents,
              std::to_string(streamed) + " rows in " + std::to_string(batches) + " batches of at most 65536");
  ok &= check(sum == expected_sum, "the streamed weights sum to " + std::to_string(expected_sum));

  std::cout << (ok ? "tick_range_scan: all checks passed\n" : "tick_range_scan: FAILED\n");
  return ok ? 0 : 1;
}
