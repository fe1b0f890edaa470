#include "benchmark_rows.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crv/frame/builder.hpp"
#include "crv/frame/column.hpp"

namespace crv::bench {
namespace {

constexpr std::array<std::string_view, 5> kEdgeKinds = {"self_to_object", "self_to_agent", "agent_to_object",
                                                        "agent_to_agent", "object_to_object"};

// "<prefix>0" ... "<prefix><count - 1>", formatted once so that the row loops only copy bytes.
std::vector<std::string> numbered(std::string_view prefix, int count) {
  std::vector<std::string> names;
  names.reserve(static_cast<size_t>(count));
  for (int k = 0; k < count; ++k) names.push_back(std::string(prefix) + std::to_string(k));
  return names;
}

const std::vector<std::string>& agent_names() {
  static const std::vector<std::string> names = numbered("agent_", 1000);
  return names;
}

const std::vector<std::string>& token_names() {
  static const std::vector<std::string> names = numbered("token_", 50);
  return names;
}

// A string column of rows [start, start + count): `value(i)` returns the string of row i,
// or nullptr for a null. Two passes: the exact data size first, then the values.
template <class ValueOf>
frame::Column string_column(std::int64_t start, std::int64_t count, ValueOf value) {
  std::int64_t data_bytes = 0;
  for (std::int64_t i = start; i < start + count; ++i) {
    if (const std::string_view* v = value(i)) data_bytes += static_cast<std::int64_t>(v->size());
  }
  frame::StringBuilder builder;
  builder.reserve(count);
  builder.reserve_data(data_bytes);
  for (std::int64_t i = start; i < start + count; ++i) {
    if (const std::string_view* v = value(i)) {
      builder.append(*v);
    } else {
      builder.append_null();
    }
  }
  return builder.finish();
}

// Views on a names table, so that the value callbacks can hand out stable pointers.
std::vector<std::string_view> views(const std::vector<std::string>& names) { return {names.begin(), names.end()}; }

std::int64_t buffer_bytes(const std::shared_ptr<frame::Buffer>& buffer) { return buffer ? buffer->size() : 0; }

std::int64_t array_bytes(const frame::ArrayData& data) {
  std::int64_t total = buffer_bytes(data.validity) + buffer_bytes(data.values) + buffer_bytes(data.data);
  for (const auto& child : data.children) total += array_bytes(*child);
  return total;
}

}  // namespace

frame::Frame benchmark_rows(std::int64_t start, std::int64_t count, std::int64_t rows_per_tick) {
  static const std::vector<std::string_view> agents = views(agent_names());
  static const std::vector<std::string_view> tokens = views(token_names());
  const std::int64_t end = start + count;

  frame::Int64Builder tick;
  tick.reserve(count);
  for (std::int64_t i = start; i < end; ++i) tick.append(i / rows_per_tick);

  frame::Float64Builder edge_weight;
  edge_weight.reserve(count);
  for (std::int64_t i = start; i < end; ++i) {
    const std::uint64_t hashed = (static_cast<std::uint64_t>(i) * 2654435761ULL) & 0xFFFFFFFFULL;
    edge_weight.append(static_cast<double>(hashed) / 4294967296.0);
  }

  frame::Int64Builder edge_sign;
  edge_sign.reserve(count);
  for (std::int64_t i = start; i < end; ++i) {
    if (i % 2 == 0) {
      edge_sign.append(i % 3 == 0 ? 1 : -1);
    } else {
      edge_sign.append_null();
    }
  }

  const auto agent = [](std::int64_t k) { return &agents[static_cast<size_t>(k % 1000)]; };
  const auto token = [](std::int64_t i) { return &tokens[static_cast<size_t>(i % 50)]; };
  const std::string_view* none = nullptr;

  std::vector<std::pair<std::string, frame::Column>> columns;
  columns.reserve(9);
  columns.emplace_back("tick", tick.finish());
  columns.emplace_back("observer_agent_id",
                       string_column(start, count, [&](std::int64_t i) { return agent(i * 7919); }));
  columns.emplace_back(
      "edge_kind", string_column(start, count, [](std::int64_t i) { return &kEdgeKinds[static_cast<size_t>(i % 5)]; }));
  columns.emplace_back("subject_id",
                       string_column(start, count, [&](std::int64_t i) { return i % 2 == 0 ? agent(i * 31) : none; }));
  columns.emplace_back("object_id",
                       string_column(start, count, [&](std::int64_t i) { return i % 3 == 0 ? token(i) : none; }));
  columns.emplace_back("related_agent_id",
                       string_column(start, count, [&](std::int64_t i) { return i % 4 == 0 ? agent(i * 17) : none; }));
  columns.emplace_back("token_id",
                       string_column(start, count, [&](std::int64_t i) { return i % 5 == 0 ? token(i) : none; }));
  columns.emplace_back("edge_weight", edge_weight.finish());
  columns.emplace_back("edge_sign", edge_sign.finish());
  return frame::Frame(std::move(columns));
}

std::int64_t frame_bytes(const frame::Frame& frame) {
  std::int64_t total = 0;
  for (const frame::Column& column : frame.columns()) total += array_bytes(column.data());
  return total;
}

}  // namespace crv::bench
