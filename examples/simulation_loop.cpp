// A simulation loop: every tick appends a few rows to two tables in one durable commit,
// and a follower reads only what is new. Built and run by `make test`
// (ctest: example_simulation_loop; the interop test reads its run with Polars and DuckDB).
// Usage: crv_simulation_loop ROOT_DIR RUN_ID TICKS
#include <crv/io.hpp>

#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

using namespace crv;

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: crv_simulation_loop ROOT_DIR RUN_ID TICKS\n";
    return 2;
  }
  io::IoSettings settings;
  settings.root_dir = argv[1];
  const std::int64_t ticks = std::stoll(argv[3]);
  constexpr int kAgents = 5;

  io::Dataset ds(settings, argv[2]);
  // Writers made from the tables' descriptors: each value is checked against its column's type
  // as it is set, unset nullable columns are null, and tick() gives every row its tick.
  io::RowWriter edges = ds.row_writer(core::TableName::IdentityEdges);
  io::RowWriter holdings = ds.row_writer(core::TableName::Holdings);
  const io::ColumnHandle weight = edges.column("edge_weight");  // looked up once, not per row
  io::LogCursor cursor;                                         // a dashboard's position in the run
  std::int64_t followed = 0;
  for (std::int64_t tick = 0; tick < ticks; ++tick) {
    edges.tick(tick);
    holdings.tick(tick);
    for (int agent = 0; agent < kAgents; ++agent) {
      const std::string id = "agent_" + std::to_string(agent);
      edges.set("observer_agent_id", id).set("edge_kind", "self_to_positive_valence");
      edges.set(weight, static_cast<double>((tick * 31 + agent) % 100) / 100.0).end_row();
      holdings.set("agent_id", id).set("token_id", "token_" + std::to_string(agent % 3)).set("quantity", tick + agent);
      holdings.end_row();
    }
    // One durable commit per tick: after a crash both tables have the tick, or neither.
    const std::vector<io::TableAppend> commit{{core::TableName::IdentityEdges, edges.take()},
                                              {core::TableName::Holdings, holdings.take()}};
    ds.append_batch(commit);
    if (tick % 50 == 49) {
      io::FollowResult update = ds.follow(core::TableName::Holdings, cursor);  // only what is new
      followed += update.rows.num_rows();
      cursor = update.cursor;
    }
  }
  ds.close();  // seals the open buckets: Polars, DuckDB and the reference now see every row

  const std::int64_t rows = ds.read(core::TableName::IdentityEdges).num_rows();
  std::cout << "ticks " << ticks << ", identity_edges rows " << rows << ", holdings rows followed " << followed << "\n";
  return rows == ticks * kAgents ? 0 : 1;
}
