#include "crv/io/append_summary.hpp"

namespace crv::io {

nlohmann::ordered_json AppendSummary::to_json() const {
  nlohmann::ordered_json parts_json = nlohmann::ordered_json::array();
  for (const AppendedPart& part : parts) {
    parts_json.push_back({{"bucket_id", part.bucket_id},
                          {"path", part.path},
                          {"rows", part.rows},
                          {"bytes", part.bytes},
                          {"tick_min", part.tick_min},
                          {"tick_max", part.tick_max}});
  }
  return {{"table", table}, {"run_id", run_id}, {"parts", std::move(parts_json)}, {"rows", rows}, {"buckets", buckets}};
}

}  // namespace crv::io
