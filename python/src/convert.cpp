// Conversions between Python objects and crv-io's frames (convert.hpp).

#include "convert.hpp"

#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "crv/frame/arrow_c_data.hpp"
#include "crv/frame/arrow_c_stream.hpp"
#include "crv/frame/conform.hpp"
#include "crv/frame/error.hpp"
#include "crv/frame/json.hpp"
#include "crv/frame/kernels.hpp"
#include "crv/io/errors.hpp"

namespace crv::python {

using frame::Column;
using frame::TypeId;

namespace {

template <class Json>
py::object json_to_py(const Json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return py::none();
    case nlohmann::json::value_t::boolean: return py::bool_(value.template get<bool>());
    case nlohmann::json::value_t::number_integer: return py::int_(value.template get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned: return py::int_(value.template get<std::uint64_t>());
    case nlohmann::json::value_t::number_float: return py::float_(value.template get<double>());
    case nlohmann::json::value_t::string: return py::str(value.template get_ref<const std::string&>());
    case nlohmann::json::value_t::array: {
      py::list out;
      for (const auto& item : value) out.append(json_to_py(item));
      return out;
    }
    case nlohmann::json::value_t::object: {
      py::dict out;
      for (auto it = value.begin(); it != value.end(); ++it) out[py::str(it.key())] = json_to_py(it.value());
      return out;
    }
    default: return py::none();
  }
}

/// Owner of a Python object referenced by a frame buffer: released with the GIL held, from
/// whichever thread drops the last buffer.
std::shared_ptr<void> keep_alive(py::object object) {
  return std::shared_ptr<void>(new py::object(std::move(object)), [](void* pointer) {
    if (Py_IsInitialized() == 0) return;  // the interpreter is gone: leak rather than crash
    py::gil_scoped_acquire gil;
    delete static_cast<py::object*>(pointer);
  });
}

[[noreturn]] void schema_error(const std::string& name, const std::string& what) {
  throw io::IoSchemaError("column '" + name + "': " + what);
}

frame::TypePtr numpy_numeric_type(char kind, py::ssize_t itemsize) {
  if (kind == 'i') {
    switch (itemsize) {
      case 1: return frame::int8();
      case 2: return frame::int16();
      case 4: return frame::int32();
      case 8: return frame::int64();
    }
  } else if (kind == 'u') {
    switch (itemsize) {
      case 1: return frame::uint8();
      case 2: return frame::uint16();
      case 4: return frame::uint32();
      case 8: return frame::uint64();
    }
  } else if (kind == 'f') {
    switch (itemsize) {
      case 4: return frame::float32();
      case 8: return frame::float64();
    }
  }
  return nullptr;
}

std::optional<frame::TimeUnit> numpy_time_unit(const py::array& array) {
  py::module_ numpy = py::module_::import("numpy");
  py::tuple data = numpy.attr("datetime_data")(array.dtype());
  const std::string unit = py::str(data[0]);
  const long count = data[1].cast<long>();
  if (count != 1) return std::nullopt;
  if (unit == "s") return frame::TimeUnit::Second;
  if (unit == "ms") return frame::TimeUnit::Milli;
  if (unit == "us") return frame::TimeUnit::Micro;
  if (unit == "ns") return frame::TimeUnit::Nano;
  return std::nullopt;
}

std::shared_ptr<frame::Buffer> wrap_array(const py::array& array) {
  return frame::Buffer::wrap(array.data(), static_cast<int64_t>(array.nbytes()), keep_alive(array));
}

/// A capsule's destructor: releases the C Data Interface struct it holds (unless a consumer
/// moved it out and marked it released) and frees it.
template <class T>
void release_capsule(PyObject* capsule, const char* name) {
  auto* held = static_cast<T*>(PyCapsule_GetPointer(capsule, name));
  if (held == nullptr) {
    PyErr_Clear();
    return;
  }
  if (held->release != nullptr) held->release(held);
  delete held;
}

void release_schema_capsule(PyObject* capsule) { release_capsule<ArrowSchema>(capsule, "arrow_schema"); }
void release_array_capsule(PyObject* capsule) { release_capsule<ArrowArray>(capsule, "arrow_array"); }
void release_stream_capsule(PyObject* capsule) { release_capsule<ArrowArrayStream>(capsule, "arrow_array_stream"); }

template <class T>
T* capsule_pointer(py::handle capsule, const char* name, const char* method) {
  if (!PyCapsule_CheckExact(capsule.ptr())) {
    throw io::IoSchemaError(std::string(method) + "() did not return a PyCapsule");
  }
  void* pointer = PyCapsule_GetPointer(capsule.ptr(), name);
  if (pointer == nullptr) {
    PyErr_Clear();
    const char* got = PyCapsule_GetName(capsule.ptr());
    throw io::IoSchemaError(std::string(method) + "() returned a capsule named '" + (got != nullptr ? got : "") +
                            "', not '" + name + "'");
  }
  return static_cast<T*>(pointer);
}

}  // namespace

py::object to_py(const nlohmann::json& value) { return json_to_py(value); }
py::object to_py(const nlohmann::ordered_json& value) { return json_to_py(value); }

nlohmann::json to_json(py::handle value, const std::string& what) {
  if (value.is_none()) return nullptr;
  if (PyBool_Check(value.ptr())) return value.cast<bool>();
  if (PyLong_Check(value.ptr())) {
    int overflow = 0;
    const long long signed_value = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
    if (overflow == 0) return static_cast<std::int64_t>(signed_value);
    if (overflow > 0) {
      const unsigned long long unsigned_value = PyLong_AsUnsignedLongLong(value.ptr());
      if (!PyErr_Occurred()) return static_cast<std::uint64_t>(unsigned_value);
      PyErr_Clear();
    }
    throw py::value_error(what + ": the integer " + py::repr(value).cast<std::string>() + " does not fit in 64 bits");
  }
  if (PyFloat_Check(value.ptr())) return PyFloat_AsDouble(value.ptr());
  if (PyUnicode_Check(value.ptr())) return value.cast<std::string>();
  if (PyBytes_Check(value.ptr()))
    return std::string(PyBytes_AsString(value.ptr()), static_cast<size_t>(PyBytes_Size(value.ptr())));
  if (PyDict_Check(value.ptr())) {
    nlohmann::json object = nlohmann::json::object();
    for (auto item : py::reinterpret_borrow<py::dict>(value)) {
      const std::string key = py::str(item.first);
      object[key] = to_json(item.second, what + "." + key);
    }
    return object;
  }
  if (PyList_Check(value.ptr()) || PyTuple_Check(value.ptr())) {
    nlohmann::json array = nlohmann::json::array();
    for (auto item : py::reinterpret_borrow<py::sequence>(value)) array.push_back(to_json(item, what));
    return array;
  }
  // numpy scalars and arrays (in object columns): their Python values.
  if (py::hasattr(value, "dtype") && py::hasattr(value, "tolist")) return to_json(value.attr("tolist")(), what);
  throw py::type_error(what + ": cannot store a value of type " +
                       py::str(py::type::handle_of(value).attr("__name__")).cast<std::string>());
}

Column column_from_values(const py::sequence& values, const std::string& name) {
  std::vector<nlohmann::json> json_values;
  json_values.reserve(values.size());
  for (auto value : values) json_values.push_back(to_json(value, "column '" + name + "'"));
  try {
    const frame::TypePtr type = frame::infer_type(json_values);
    return frame::column_from_json(json_values, type);
  } catch (const frame::FrameError& error) {
    schema_error(name, error.what());
  }
}

Column column_from_numpy(const py::array& input, const std::string& name) {
  if (input.ndim() != 1) {
    schema_error(name, "a numpy array of " + std::to_string(input.ndim()) + " dimensions (a column needs 1)");
  }
  py::module_ numpy = py::module_::import("numpy");
  const char kind = input.dtype().kind();
  if (kind == 'U' || kind == 'S' || kind == 'O') return column_from_values(input.attr("tolist")(), name);
  // Native byte order and C-contiguous; float16 as float32 (crv-io has no float16 column).
  py::array array = input;
  if (kind == 'f' && input.itemsize() == 2) array = input.attr("astype")("float32");
  if (!array.dtype().attr("isnative").cast<bool>())
    array = array.attr("astype")(array.dtype().attr("newbyteorder")("="));
  array = numpy.attr("ascontiguousarray")(array);
  const int64_t length = static_cast<int64_t>(array.shape(0));

  frame::ArrayData data;
  data.length = length;
  if (kind == 'b') {
    data.type = frame::boolean();
    auto bits = frame::Buffer::allocate((length + 7) / 8, true);
    const auto* bytes = static_cast<const uint8_t*>(array.data());
    uint8_t* out = bits->mutable_data();
    for (int64_t i = 0; i < length; ++i) {
      if (bytes[i] != 0) out[i >> 3] = static_cast<uint8_t>(out[i >> 3] | (1u << (i & 7)));
    }
    data.values = std::move(bits);
    return Column::make(std::move(data));
  }
  if (kind == 'M') {
    const std::optional<frame::TimeUnit> unit = numpy_time_unit(array);
    if (!unit) {
      schema_error(name, "datetime64 unit of " + py::str(array.dtype()).cast<std::string>() +
                             " (s, ms, us and ns are supported)");
    }
    data.type = frame::timestamp(*unit);
    data.values = wrap_array(array);
    // NaT is a null.
    const auto* values = static_cast<const int64_t*>(array.data());
    std::shared_ptr<frame::Buffer> validity;
    int64_t nulls = 0;
    for (int64_t i = 0; i < length; ++i) {
      if (values[i] != std::numeric_limits<int64_t>::min()) continue;
      if (!validity) {
        validity = frame::Buffer::allocate((length + 7) / 8, false);
        std::memset(validity->mutable_data(), 0xff, static_cast<size_t>((length + 7) / 8));
      }
      validity->mutable_data()[i >> 3] = static_cast<uint8_t>(validity->mutable_data()[i >> 3] & ~(1u << (i & 7)));
      ++nulls;
    }
    data.validity = std::move(validity);
    data.null_count = nulls;
    return Column::make(std::move(data));
  }
  data.type = numpy_numeric_type(kind, array.itemsize());
  if (!data.type) {
    schema_error(name, "numpy dtype " + py::str(input.dtype()).cast<std::string>() +
                           " has no column type (bool, int8..int64, uint8..uint64, float16..float64, datetime64, str, "
                           "bytes and object arrays are supported)");
  }
  data.values = wrap_array(array);
  return Column::make(std::move(data));
}

py::object value_to_py(const Column& column, int64_t row) {
  if (column.is_null(row)) return py::none();
  switch (column.type_id()) {
    case TypeId::Bool: return py::bool_(column.bool_value(row));
    case TypeId::Int8: return py::int_(column.value<int8_t>(row));
    case TypeId::Int16: return py::int_(column.value<int16_t>(row));
    case TypeId::Int32: return py::int_(column.value<int32_t>(row));
    case TypeId::Int64: return py::int_(column.value<int64_t>(row));
    case TypeId::UInt8: return py::int_(column.value<uint8_t>(row));
    case TypeId::UInt16: return py::int_(column.value<uint16_t>(row));
    case TypeId::UInt32: return py::int_(column.value<uint32_t>(row));
    case TypeId::UInt64: return py::int_(column.value<uint64_t>(row));
    case TypeId::Float32: return py::float_(column.value<float>(row));
    case TypeId::Float64: return py::float_(column.value<double>(row));
    case TypeId::String: {
      const std::string_view text = column.string_value(row);
      PyObject* str = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace");
      if (str == nullptr) throw py::error_already_set();
      return py::reinterpret_steal<py::object>(str);
    }
    case TypeId::Binary: {
      const std::string_view bytes = column.string_value(row);
      return py::bytes(bytes.data(), bytes.size());
    }
    case TypeId::Struct: {
      py::dict out;
      const auto& fields = column.type()->fields();
      for (int k = 0; k < column.num_children(); ++k)
        out[py::str(fields[static_cast<size_t>(k)].name)] = value_to_py(column.child(k), row);
      return out;
    }
    case TypeId::List: {
      const int32_t* offsets = column.list_offsets();
      const Column items = column.list_items();
      py::list out;
      for (int32_t i = offsets[row]; i < offsets[row + 1]; ++i) out.append(value_to_py(items, i));
      return out;
    }
    default: return to_py(frame::value_to_json(column, row));
  }
}

py::list column_to_list(const Column& column) {
  py::list out(static_cast<size_t>(column.length()));
  if (column.type_id() == TypeId::Struct) {
    // Children once, not per row.
    std::vector<Column> children;
    for (int k = 0; k < column.num_children(); ++k) children.push_back(column.child(k));
    std::vector<py::list> child_values;
    for (const Column& child : children) child_values.push_back(column_to_list(child));
    const auto& fields = column.type()->fields();
    for (int64_t row = 0; row < column.length(); ++row) {
      if (column.is_null(row)) {
        out[static_cast<size_t>(row)] = py::none();
        continue;
      }
      py::dict value;
      for (size_t k = 0; k < children.size(); ++k)
        value[py::str(fields[k].name)] = child_values[k][static_cast<size_t>(row)];
      out[static_cast<size_t>(row)] = std::move(value);
    }
    return out;
  }
  for (int64_t row = 0; row < column.length(); ++row) out[static_cast<size_t>(row)] = value_to_py(column, row);
  return out;
}

namespace {

std::optional<std::string> numpy_format(const frame::DataType& type) {
  switch (type.id()) {
    case TypeId::Int8: return "int8";
    case TypeId::Int16: return "int16";
    case TypeId::Int32: return "int32";
    case TypeId::Int64: return "int64";
    case TypeId::UInt8: return "uint8";
    case TypeId::UInt16: return "uint16";
    case TypeId::UInt32: return "uint32";
    case TypeId::UInt64: return "uint64";
    case TypeId::Float32: return "float32";
    case TypeId::Float64: return "float64";
    case TypeId::Timestamp: return "datetime64[" + std::string(frame::time_unit_suffix(type.unit())) + "]";
    default: return std::nullopt;
  }
}

}  // namespace

py::tuple column_to_numpy(const Column& column, const std::string& name) {
  py::module_ numpy = py::module_::import("numpy");
  const int64_t length = column.length();
  py::object mask = py::none();
  if (column.null_count() > 0) {
    py::array_t<bool> nulls(static_cast<py::ssize_t>(length));
    bool* out = nulls.mutable_data();
    for (int64_t i = 0; i < length; ++i) out[i] = column.is_null(i);
    mask = std::move(nulls);
  }
  if (column.type_id() == TypeId::Bool) {
    py::array_t<bool> values(static_cast<py::ssize_t>(length));
    bool* out = values.mutable_data();
    for (int64_t i = 0; i < length; ++i) out[i] = column.bool_value(i);
    return py::make_tuple(values, mask);
  }
  const std::optional<std::string> format = numpy_format(*column.type());
  if (!format) {
    throw py::type_error("column '" + name + "' of type " + column.type()->to_string() +
                         " has no numpy form (numeric, bool and datetime columns do); use to_pydict()");
  }
  py::dtype dtype = numpy.attr("dtype")(*format);
  if (length == 0) return py::make_tuple(numpy.attr("empty")(0, dtype), mask);
  const auto width = static_cast<py::ssize_t>(column.type()->byte_width());
  // The array views the column's buffer; the capsule keeps the column (and its buffer) alive.
  auto* kept = new Column(column);
  py::capsule owner(kept, [](void* pointer) { delete static_cast<Column*>(pointer); });
  const void* data = length == 0 ? nullptr : column.data().values->data() + (column.offset() * width);
  py::array values(dtype, {static_cast<py::ssize_t>(length)}, {width}, data, owner);
  values.attr("flags").attr("writeable") = false;
  return py::make_tuple(values, mask);
}

py::capsule schema_capsule(const frame::TypePtr& type) {
  auto schema = std::make_unique<ArrowSchema>();
  frame::export_type(type, "", false, schema.get());
  PyObject* capsule = PyCapsule_New(schema.get(), "arrow_schema", release_schema_capsule);
  if (capsule == nullptr) {
    schema->release(schema.get());
    throw py::error_already_set();
  }
  schema.release();
  return py::reinterpret_steal<py::capsule>(capsule);
}

std::optional<std::vector<frame::Field>> requested_fields(py::handle requested_schema) {
  if (requested_schema.is_none()) return std::nullopt;
  const auto* schema = capsule_pointer<ArrowSchema>(requested_schema, "arrow_schema", "requested_schema");
  if (schema->release == nullptr) throw io::IoSchemaError("requested_schema is a released ArrowSchema");
  try {
    frame::Field requested = frame::describe_field(*schema);
    if (requested.type->id() != frame::TypeId::Struct) {
      throw io::IoSchemaError("requested_schema must be a struct (\"+s\") of the columns, not " +
                              requested.type->to_string());
    }
    return requested.type->fields();
  } catch (const frame::FrameError& error) {
    throw io::IoSchemaError("requested_schema cannot be read: " + std::string(error.what()));
  }
}

frame::Frame conform_to_request(const frame::Frame& frame, const std::optional<std::vector<frame::Field>>& requested) {
  if (!requested) return frame;
  try {
    return frame::conform(frame, *requested);
  } catch (const frame::FrameError& error) {
    throw io::IoSchemaError(error.what());
  }
}

py::tuple array_capsules(const frame::Frame& frame) {
  auto schema = std::make_unique<ArrowSchema>();
  auto array = std::make_unique<ArrowArray>();
  frame::export_frame(frame, array.get(), schema.get());
  PyObject* schema_capsule = PyCapsule_New(schema.get(), "arrow_schema", release_schema_capsule);
  if (schema_capsule == nullptr) {
    schema->release(schema.get());
    array->release(array.get());
    throw py::error_already_set();
  }
  schema.release();
  auto schema_object = py::reinterpret_steal<py::object>(schema_capsule);
  PyObject* array_capsule = PyCapsule_New(array.get(), "arrow_array", release_array_capsule);
  if (array_capsule == nullptr) {
    array->release(array.get());
    throw py::error_already_set();
  }
  array.release();
  return py::make_tuple(schema_object, py::reinterpret_steal<py::object>(array_capsule));
}

py::capsule stream_capsule(std::unique_ptr<ArrowArrayStream> stream) {
  PyObject* capsule = PyCapsule_New(stream.get(), "arrow_array_stream", release_stream_capsule);
  if (capsule == nullptr) {
    stream->release(stream.get());
    throw py::error_already_set();
  }
  stream.release();
  return py::reinterpret_steal<py::capsule>(capsule);
}

py::capsule frame_stream_capsule(const frame::Frame& frame) {
  auto stream = std::make_unique<ArrowArrayStream>();
  frame::export_frame_stream(frame, stream.get());
  return stream_capsule(std::move(stream));
}

frame::Frame frame_from_arrow(py::handle source) {
  if (py::hasattr(source, "__arrow_c_stream__")) {
    py::object capsule = source.attr("__arrow_c_stream__")();
    auto* stream = capsule_pointer<ArrowArrayStream>(capsule, "arrow_array_stream", "__arrow_c_stream__");
    if (stream->release == nullptr) throw io::IoSchemaError("__arrow_c_stream__() returned a released stream");
    std::optional<frame::ArrowStreamReader> reader;
    std::vector<frame::Frame> batches;
    std::string failure;
    {
      // The producer's callbacks run without the GIL (a Python producer takes it itself).
      py::gil_scoped_release release;
      try {
        reader.emplace(stream);
        while (std::optional<frame::Frame> batch = reader->next()) batches.push_back(std::move(*batch));
      } catch (const frame::FrameError& error) {
        failure = error.what();
      }
    }
    if (!failure.empty()) {
      batches.clear();
      reader.reset();
      if (failure.rfind("Arrow stream error", 0) == 0) {
        throw io::IoArgumentError("cannot read the Arrow stream given: " + failure + "; nothing was written");
      }
      throw io::IoSchemaError("cannot import the Arrow stream given: " + failure);
    }
    py::gil_scoped_release release;
    if (batches.size() == 1) return std::move(batches.front());
    try {
      if (batches.empty()) {
        std::vector<Column> columns;
        for (const frame::Field& field : reader->schema()) columns.push_back(Column::nulls(field.type, 0));
        return frame::Frame::make(reader->schema(), std::move(columns));
      }
      return frame::concat(batches);
    } catch (const frame::FrameError& error) {
      throw io::IoSchemaError("cannot import the Arrow stream given: " + std::string(error.what()));
    }
  }
  if (py::hasattr(source, "__arrow_c_array__")) {
    py::tuple capsules = source.attr("__arrow_c_array__")();
    if (capsules.size() != 2) throw io::IoSchemaError("__arrow_c_array__() did not return (schema, array)");
    auto* schema = capsule_pointer<ArrowSchema>(capsules[0], "arrow_schema", "__arrow_c_array__");
    auto* array = capsule_pointer<ArrowArray>(capsules[1], "arrow_array", "__arrow_c_array__");
    if (schema->release == nullptr || array->release == nullptr) {
      throw io::IoSchemaError("__arrow_c_array__() returned a released struct");
    }
    if (std::strcmp(schema->format, "+s") != 0) {
      throw io::IoSchemaError(std::string("__arrow_c_array__() gave an array of format '") + schema->format +
                              "', not a struct array (\"+s\") of the columns");
    }
    py::gil_scoped_release release;
    try {
      return frame::import_frame(array, schema);
    } catch (const frame::FrameError& error) {
      throw io::IoSchemaError("cannot import the Arrow array given: " + std::string(error.what()));
    }
  }
  throw py::type_error("not an Arrow object: it has neither __arrow_c_stream__ nor __arrow_c_array__");
}

}  // namespace crv::python
