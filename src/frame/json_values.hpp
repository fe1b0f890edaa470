#pragma once
// Columns from the JSON values of a JSONL read (private to the frame layer): the
// conversions and the inference of crv/frame/json.hpp, with messages that name each value's
// line instead of its row.

#include <crv/frame/column.hpp>
#include <crv/frame/data_type.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <vector>

namespace crv::frame::detail {

/// column_from_json, value i named "line lines[i]" in the messages.
Column column_from_json_lines(const std::vector<nlohmann::json>& values, const TypePtr& type,
                              const std::vector<int64_t>& lines);

/// infer_type, value i named "line lines[i]" in the messages.
TypePtr infer_json_lines_type(const std::vector<nlohmann::json>& values, const std::vector<int64_t>& lines);

}  // namespace crv::frame::detail
