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

namespace {

// The agents' identity edges at one tick (required columns only).
frame::Frame edges_at(std::int64_t tick, int agents) {
  std::vector<std::int64_t> ticks(agents, tick);
  std::vector<std::optional<std::string>> observers;
  std::vector<std::optional<std::string>> kinds;
  std::vector<std::optional<double>> weights;
  for (int agent = 0; agent < agents; ++agent) {
    observers.emplace_back("agent_" + std::to_string(agent));
    kinds.emplace_back("self_to_positive_valence");
    weights.emplace_back(static_cast<double>((tick * 31 + agent) % 100) / 100.0);
  }
  return frame::Frame{{"tick", frame::Column::from<std::int64_t>(ticks)},
                      {"observer_agent_id", frame::Column::from<std::string>(observers)},
                      {"edge_kind", frame::Column::from<std::string>(kinds)},
                      {"edge_weight", frame::Column::from<double>(weights)}};
}

// What each agent holds at one tick.
frame::Frame holdings_at(std::int64_t tick, int agents) {
  std::vector<std::int64_t> ticks(agents, tick);
  std::vector<std::optional<std::string>> ids;
  std::vector<std::optional<std::string>> tokens;
  std::vector<std::optional<std::int64_t>> quantities;
  for (int agent = 0; agent < agents; ++agent) {
    ids.emplace_back("agent_" + std::to_string(agent));
    tokens.emplace_back("token_" + std::to_string(agent % 3));
    quantities.emplace_back(tick + agent);
  }
  return frame::Frame{{"tick", frame::Column::from<std::int64_t>(ticks)},
                      {"agent_id", frame::Column::from<std::string>(ids)},
                      {"token_id", frame::Column::from<std::string>(tokens)},
                      {"quantity", frame::Column::from<std::int64_t>(quantities)}};
}

}  // namespace

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
  io::LogCursor cursor;  // a dashboard's position in the run
  std::int64_t followed = 0;
  for (std::int64_t tick = 0; tick < ticks; ++tick) {
    // One durable commit per tick: after a crash both tables have the tick, or neither.
    const std::vector<io::TableAppend> commit{{core::TableName::IdentityEdges, edges_at(tick, kAgents)},
                                              {core::TableName::Holdings, holdings_at(tick, kAgents)}};
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
