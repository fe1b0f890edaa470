#include "canonical_table_frames.hpp"

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crv/frame/column.hpp"
#include "matrix_random.hpp"

namespace crv::interop {
namespace {

namespace fr = crv::frame;
using core::DType;

struct StructField {
  std::string name;
  DType dtype;
};

// The fields of each struct and list[struct] column of the descriptors. The descriptors
// leave them free; these are plausible shapes (exchange.additional_payload {"legs": 1}).
const std::map<std::string, std::vector<StructField>, std::less<>>& struct_shapes() {
  static const std::map<std::string, std::vector<StructField>, std::less<>> shapes = {
      {"additional_payload", {{"legs", DType::I64}, {"route", DType::Str}}},
      {"salient_agent_pairs", {{"agent_a", DType::Str}, {"agent_b", DType::Str}, {"salience", DType::F64}}},
      {"exchange_snapshot", {{"last_price", DType::F64}, {"volume", DType::I64}, {"token_id", DType::Str}}},
      {"audience", {{"scope", DType::Str}, {"size", DType::I64}}},
      {"claims", {{"subject", DType::Str}, {"confidence", DType::F64}}},
      {"style", {{"tone", DType::Str}, {"formality", DType::F64}}},
      {"chosen_action", {{"kind", DType::Str}, {"token_id", DType::Str}, {"quantity", DType::I64}}},
      {"action_candidates", {{"kind", DType::Str}, {"score", DType::F64}, {"rank", DType::I64}}},
      {"token_value_estimates", {{"token_id", DType::Str}, {"value", DType::F64}}},
      {"tool_seq", {{"first_tool", DType::Str}, {"calls", DType::I64}}},
  };
  return shapes;
}

const std::vector<StructField>& shape_of(std::string_view table, std::string_view column) {
  const auto& shapes = struct_shapes();
  const auto it = shapes.find(column);
  if (it == shapes.end()) {
    throw std::logic_error("canonical_table_frame: no struct shape for " + std::string(table) + "." +
                           std::string(column));
  }
  return it->second;
}

template <typename T, typename Make>
fr::Column optional_column(int64_t rows, int null_percent, Random& rng, Make make) {
  std::vector<std::optional<T>> values;
  values.reserve(static_cast<size_t>(rows));
  for (int64_t i = 0; i < rows; ++i)
    values.push_back(rng.chance(null_percent) ? std::nullopt : std::optional<T>(make()));
  return fr::Column::from<T>(values);
}

fr::Column scalar_column(DType dtype, int64_t rows, int null_percent, Random& rng) {
  switch (dtype) {
    case DType::I64: return optional_column<int64_t>(rows, null_percent, rng, [&] { return rng.range(-5, 100000); });
    case DType::F64:
      return optional_column<double>(rows, null_percent, rng,
                                     [&] { return static_cast<double>(rng.range(-400000, 400000)) / 64.0; });
    case DType::Str: return optional_column<std::string>(rows, null_percent, rng, [&] { return random_word(rng); });
    case DType::Struct:
    case DType::ListStruct: break;
  }
  throw std::logic_error("scalar_column: not a scalar dtype");
}

// Struct fields hold nulls; `validity` (empty: all valid) marks null structs.
fr::Column struct_column(const std::vector<StructField>& shape, int64_t rows, Random& rng,
                         const std::vector<bool>& validity) {
  std::vector<std::pair<std::string, fr::Column>> children;
  for (const StructField& field : shape) children.emplace_back(field.name, scalar_column(field.dtype, rows, 10, rng));
  return fr::Column::struct_of(std::move(children), validity);
}

// Lists of 0 to 3 structs, one in ten of them null.
fr::Column list_of_struct_column(const std::vector<StructField>& shape, int64_t rows, Random& rng) {
  std::vector<int32_t> offsets{0};
  std::vector<bool> item_valid;
  for (int64_t i = 0; i < rows; ++i) {
    const int64_t length = rng.range(0, 3);
    for (int64_t j = 0; j < length; ++j) item_valid.push_back(!rng.chance(10));
    offsets.push_back(static_cast<int32_t>(item_valid.size()));
  }
  const auto items = static_cast<int64_t>(item_valid.size());
  return fr::Column::list_of(offsets, struct_column(shape, items, rng, item_valid));
}

}  // namespace

frame::Frame canonical_table_frame(const core::TableDescriptor& table, int64_t rows) {
  Random rng;
  rng.state ^= static_cast<uint64_t>(table.name) * 0x2545f4914f6cdd1dULL;
  const std::string_view table_name = core::to_string(table.name);
  std::vector<int64_t> ticks;
  std::vector<int64_t> buckets;
  for (int64_t i = 0; i < rows; ++i) {
    ticks.push_back(i * 3);
    buckets.push_back(i * 3 / 100);
  }
  std::vector<std::pair<std::string, fr::Column>> columns;
  for (const core::ColumnSpec& spec : table.columns) {
    fr::Column column;
    if (spec.name == "tick") {
      column = fr::Column::from<int64_t>(ticks);
    } else if (spec.name == "bucket") {
      column = fr::Column::from<int64_t>(buckets);
    } else if (spec.dtype == DType::Struct) {
      column = struct_column(shape_of(table_name, spec.name), rows, rng, {});
    } else if (spec.dtype == DType::ListStruct) {
      column = list_of_struct_column(shape_of(table_name, spec.name), rows, rng);
    } else {
      column = scalar_column(spec.dtype, rows, table.is_nullable(spec.name) ? 15 : 0, rng);
    }
    columns.emplace_back(spec.name, std::move(column));
  }
  return fr::Frame(std::move(columns));
}

}  // namespace crv::interop
