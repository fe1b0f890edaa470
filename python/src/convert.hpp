#pragma once
// Conversions between Python objects and crv-io's frames, JSON values and Arrow C structs.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crv/frame/arrow_c_stream.hpp"
#include "crv/frame/column.hpp"
#include "crv/frame/frame.hpp"

namespace crv::python {

namespace py = pybind11;

/// JSON (objects keep their key order) to Python: dict, list, str, int, float, bool, None.
py::object to_py(const nlohmann::json& value);
py::object to_py(const nlohmann::ordered_json& value);
/// Python (dict with str keys, list/tuple, str, bytes, int, float, bool, None, numpy
/// scalars) to JSON; TypeError naming `what` and the type otherwise.
nlohmann::json to_json(py::handle value, const std::string& what = "value");

/// A column from a 1-D numpy array: numeric and datetime64 dtypes zero-copy (the array is
/// kept alive, read-only use), bool bit-packed; str/bytes/object arrays through their values.
frame::Column column_from_numpy(const py::array& array, const std::string& name);
/// A column from a Python sequence of values (None = null), the type inferred: int -> i64,
/// float -> f64, str -> str, bool -> bool, dict -> struct, list -> list.
frame::Column column_from_values(const py::sequence& values, const std::string& name);

/// Row `row` of `column` as a Python value (None for a null; struct -> dict, list -> list;
/// temporal and decimal values as their canonical JSON strings).
py::object value_to_py(const frame::Column& column, int64_t row);
/// Every value of the column as a Python list.
py::list column_to_list(const frame::Column& column);
/// The values of a numeric, bool or timestamp column as a numpy array (zero-copy and
/// read-only except for bool), and the nulls as a bool mask (None when there are none).
/// TypeError for other types.
py::tuple column_to_numpy(const frame::Column& column, const std::string& name);

/// The Arrow PyCapsules: "arrow_schema", "arrow_array", "arrow_array_stream". Each capsule
/// owns its struct; its destructor calls the struct's release callback unless a consumer
/// moved the struct out (release set to NULL).
py::capsule schema_capsule(const frame::TypePtr& type);
/// The columns of a consumer's `requested_schema` (an "arrow_schema" capsule of a struct;
/// the capsule keeps its schema), nullopt for None; IoSchemaError for anything else.
std::optional<std::vector<frame::Field>> requested_fields(py::handle requested_schema);
/// `frame` in the requested columns' types (frame::conform), or as it is for nullopt;
/// IoSchemaError naming the column when it cannot be given so.
frame::Frame conform_to_request(const frame::Frame& frame, const std::optional<std::vector<frame::Field>>& requested);
py::tuple array_capsules(const frame::Frame& frame);
py::capsule frame_stream_capsule(const frame::Frame& frame);
/// Wraps a stream in an "arrow_array_stream" capsule (which then owns it).
py::capsule stream_capsule(std::unique_ptr<ArrowArrayStream> stream);

/// A frame from an object with __arrow_c_stream__ (batches concatenated) or
/// __arrow_c_array__ (a struct array), zero-copy; IoSchemaError when the data is not a
/// table, IoError when the producer's stream fails.
frame::Frame frame_from_arrow(py::handle source);

}  // namespace crv::python
