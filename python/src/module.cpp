// crv_io._native: the pybind11 bindings of crv-io's public API. The Python package
// (python/crv_io/) wraps them in the seed's names; see crv_io/__init__.pyi for the API.
//
// Every call that does IO releases the GIL. Each Dataset serialises its own calls (a mutex
// taken once the GIL is released), so that Python threads may share one.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "convert.hpp"
#include "crv/core/error.hpp"
#include "crv/core/table_descriptor.hpp"
#include "crv/frame/arrow_c_stream.hpp"
#include "crv/frame/error.hpp"
#include "crv/frame/kernels.hpp"
#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/run_bundle.hpp"
#include "crv/io/scan_stream.hpp"
#include "crv/io/settings.hpp"
#include "crv/io/version.hpp"
#include "crv/parquet/error.hpp"

namespace crv::python {
namespace {

using nlohmann::json;

// ---------------------------------------------------------------------------------------
// Settings: a dict of IoSettings fields (the Python dataclass's asdict) <-> io::IoSettings.

std::int64_t int_field(const json& value, const char* key) {
  if (!value.is_number_integer()) {
    throw io::IoConfigError(std::string("invalid IoSettings.") + key + " " + value.dump() + ": expected an integer");
  }
  return value.get<std::int64_t>();
}

bool bool_field(const json& value, const char* key) {
  if (!value.is_boolean()) {
    throw io::IoConfigError(std::string("invalid IoSettings.") + key + " " + value.dump() + ": expected a bool");
  }
  return value.get<bool>();
}

std::string string_field(const json& value, const char* key) {
  if (!value.is_string()) {
    throw io::IoConfigError(std::string("invalid IoSettings.") + key + " " + value.dump() + ": expected a string");
  }
  return value.get<std::string>();
}

io::IoSettings settings_from(const py::dict& fields) {
  const json object = to_json(fields, "IoSettings");
  io::IoSettings settings;
  for (const auto& [key, value] : object.items()) {
    const char* k = key.c_str();
    if (key == "root_dir")
      settings.root_dir = string_field(value, k);
    else if (key == "partitioning")
      settings.partitioning = string_field(value, k);
    else if (key == "tick_bucket_size")
      settings.tick_bucket_size = int_field(value, k);
    else if (key == "row_group_size")
      settings.row_group_size = int_field(value, k);
    else if (key == "compression")
      settings.compression = string_field(value, k);
    else if (key == "compression_level")
      settings.compression_level = static_cast<int>(int_field(value, k));
    else if (key == "fs_protocol")
      settings.fs_protocol = string_field(value, k);
    else if (key == "fs_options") {
      if (!value.is_object())
        throw io::IoConfigError("invalid IoSettings.fs_options " + value.dump() + ": expected a dict");
      settings.fs_options.clear();
      for (const auto& [option, option_value] : value.items()) {
        settings.fs_options[option] = option_value.is_string() ? option_value.get<std::string>() : option_value.dump();
      }
    } else if (key == "strict_schema")
      settings.strict_schema = bool_field(value, k);
    else if (key == "write_manifest_every_n")
      settings.write_manifest_every_n = int_field(value, k);
    else if (key == "write_threads")
      settings.write_threads = int_field(value, k);
    else if (key == "inline_max_rows")
      settings.inline_max_rows = int_field(value, k);
    else if (key == "inline_max_bytes")
      settings.inline_max_bytes = int_field(value, k);
    else if (key == "log_segment_bytes")
      settings.log_segment_bytes = int_field(value, k);
    else if (key == "vacuum_grace_seconds")
      settings.vacuum_grace_seconds = int_field(value, k);
    else if (key == "valuation") {
      if (!value.is_object())
        throw io::IoConfigError("invalid IoSettings.valuation " + value.dump() + ": expected a dict");
      for (const auto& [vkey, vvalue] : value.items()) {
        const std::string name = "valuation." + vkey;
        if (vkey == "enabled")
          settings.valuation.enabled = bool_field(vvalue, name.c_str());
        else if (vkey == "cost_method")
          settings.valuation.cost_method = string_field(vvalue, name.c_str());
        else if (vkey == "price_source")
          settings.valuation.price_source = string_field(vvalue, name.c_str());
        else if (vkey == "vwap_window_ticks")
          settings.valuation.vwap_window_ticks = int_field(vvalue, name.c_str());
        else if (vkey == "currency")
          settings.valuation.currency = string_field(vvalue, name.c_str());
        else
          throw io::IoConfigError("unknown IoSettings field '" + name + "'");
      }
    } else {
      throw io::IoConfigError("unknown IoSettings field '" + key + "'");
    }
  }
  settings.validate();
  return settings;
}

py::object settings_to(const io::IoSettings& settings) { return to_py(settings.to_json()); }

// ---------------------------------------------------------------------------------------
// Frames.

/// The native frame behind crv_io.DataFrame.
struct PyFrame {
  frame::Frame frame;
};

PyFrame frame_from_columns(const std::vector<std::string>& names, const py::list& values) {
  if (names.size() != values.size()) throw py::value_error("names and values differ in length");
  py::object ndarray = py::none();  // numpy is optional: lists work without it
  try {
    ndarray = py::module_::import("numpy").attr("ndarray");
  } catch (const py::error_already_set&) {
  }
  std::vector<std::pair<std::string, frame::Column>> columns;
  for (size_t i = 0; i < names.size(); ++i) {
    py::handle value = values[i];
    if (!ndarray.is_none() && py::isinstance(value, ndarray)) {
      columns.emplace_back(names[i], column_from_numpy(py::reinterpret_borrow<py::array>(value), names[i]));
    } else if (py::isinstance<py::sequence>(value) && !py::isinstance<py::str>(value) &&
               !py::isinstance<py::bytes>(value)) {
      columns.emplace_back(names[i], column_from_values(py::reinterpret_borrow<py::sequence>(value), names[i]));
    } else {
      throw py::type_error("column '" + names[i] + "': expected a list or a numpy array, got " +
                           py::str(py::type::handle_of(value).attr("__name__")).cast<std::string>());
    }
  }
  try {
    return PyFrame{frame::Frame(std::move(columns))};
  } catch (const frame::FrameError& error) {
    throw io::IoSchemaError(error.what());
  }
}

py::list frame_schema(const frame::Frame& f) {
  py::list out;
  for (const frame::Field& field : f.schema()) out.append(py::make_tuple(field.name, field.type->to_string()));
  return out;
}

frame::Column column_named(const frame::Frame& f, const std::string& name) {
  const std::optional<size_t> index = f.index_of(name);
  if (!index) {
    std::string names;
    for (const std::string& n : f.names()) names += (names.empty() ? "" : ", ") + n;
    throw py::key_error("no column '" + name + "' (columns: " + names + ")");
  }
  return f.column(*index);
}

// ---------------------------------------------------------------------------------------
// Scans.

/// The native scan behind crv_io.LazyFrame.
struct PyScan {
  io::Scan scan;
};

/// Scan::batches as a Python iterator; each next() reads a batch without the GIL.
struct PyBatches {
  std::unique_ptr<io::ScanBatchReader> reader;
};

py::capsule scan_stream_capsule(const io::Scan& scan, const std::optional<std::vector<frame::Field>>& requested) {
  auto stream = std::make_unique<ArrowArrayStream>();
  {
    py::gil_scoped_release release;
    try {
      if (requested) {
        io::export_scan_stream(scan, *requested, stream.get());
      } else {
        io::export_scan_stream(scan, stream.get());
      }
    } catch (const frame::FrameError& error) {
      throw io::IoSchemaError(error.what());
    }
  }
  // get_next reads parts: without the GIL when the consumer calls it with the GIL held.
  auto* inner = new ArrowArrayStream(*stream);
  stream->private_data = inner;
  stream->get_schema = [](ArrowArrayStream* s, ArrowSchema* out) {
    auto* in = static_cast<ArrowArrayStream*>(s->private_data);
    return in->get_schema(in, out);
  };
  stream->get_next = [](ArrowArrayStream* s, ArrowArray* out) {
    auto* in = static_cast<ArrowArrayStream*>(s->private_data);
    if (Py_IsInitialized() != 0 && PyGILState_Check() != 0) {
      py::gil_scoped_release release;
      return in->get_next(in, out);
    }
    return in->get_next(in, out);
  };
  stream->get_last_error = [](ArrowArrayStream* s) {
    auto* in = static_cast<ArrowArrayStream*>(s->private_data);
    return in->get_last_error(in);
  };
  stream->release = [](ArrowArrayStream* s) {
    auto* in = static_cast<ArrowArrayStream*>(s->private_data);
    if (in->release != nullptr) in->release(in);
    delete in;
    s->release = nullptr;
    s->private_data = nullptr;
  };
  return stream_capsule(std::move(stream));
}

io::Where where_of(std::optional<std::int64_t> tick_min, std::optional<std::int64_t> tick_max) {
  return io::Where{tick_min, tick_max};
}

// ---------------------------------------------------------------------------------------
// Dataset.

class PyDataset {
 public:
  PyDataset(const py::dict& settings, const std::string& run_id) {
    io::IoSettings parsed = settings_from(settings);
    py::gil_scoped_release release;
    dataset_ = std::make_unique<io::Dataset>(std::move(parsed), run_id);
  }
  /// Closes without the GIL: the Dataset's background sealer may drop buffers that wrap
  /// Python objects, whose release takes the GIL.
  ~PyDataset() {
    py::gil_scoped_release release;
    dataset_.reset();
  }
  PyDataset(const PyDataset&) = delete;
  PyDataset& operator=(const PyDataset&) = delete;

  py::object append(const std::string& table, const PyFrame& data, bool validate_schema, bool validate_rows) {
    io::AppendSummary summary;
    {
      py::gil_scoped_release release;
      std::lock_guard lock(mutex_);
      summary = dataset_->append(io::TableRef(table), data.frame, io::AppendOptions{validate_schema, validate_rows});
    }
    return to_py(summary.to_json());
  }

  PyScan scan(const std::string& table, std::optional<std::int64_t> tick_min, std::optional<std::int64_t> tick_max) {
    py::gil_scoped_release release;
    std::lock_guard lock(mutex_);
    return PyScan{dataset_->scan(io::TableRef(table), where_of(tick_min, tick_max))};
  }

  PyFrame read(const std::string& table, std::optional<std::int64_t> tick_min, std::optional<std::int64_t> tick_max,
               std::optional<std::int64_t> limit) {
    py::gil_scoped_release release;
    std::lock_guard lock(mutex_);
    return PyFrame{dataset_->read(io::TableRef(table), where_of(tick_min, tick_max), limit)};
  }

  py::object manifest(const std::string& table) {
    std::optional<io::TableManifest> manifest;
    {
      py::gil_scoped_release release;
      std::lock_guard lock(mutex_);
      manifest = dataset_->manifest(io::TableRef(table));
    }
    if (!manifest) return py::none();
    return to_py(manifest->to_json());
  }

  py::object rebuild_manifest(const std::string& table) {
    io::TableManifest manifest;
    {
      py::gil_scoped_release release;
      std::lock_guard lock(mutex_);
      manifest = dataset_->rebuild_manifest(io::TableRef(table));
    }
    return to_py(manifest.to_json());
  }

  py::list seal(std::optional<std::string> table) {
    std::vector<io::SealSummary> summaries;
    {
      py::gil_scoped_release release;
      std::lock_guard lock(mutex_);
      summaries = table ? dataset_->seal(io::TableRef(*table)) : dataset_->seal();
    }
    py::list out;
    for (const io::SealSummary& summary : summaries) out.append(to_py(summary.to_json()));
    return out;
  }

  void close() {
    py::gil_scoped_release release;
    std::lock_guard lock(mutex_);
    dataset_->close();
  }

  std::string run_id() const { return dataset_->run_id(); }
  py::object settings() const { return settings_to(dataset_->settings()); }

 private:
  std::unique_ptr<io::Dataset> dataset_;
  std::mutex mutex_;
};

// ---------------------------------------------------------------------------------------

int cli_main(const std::vector<std::string>& args) {
  std::vector<std::string> copies = args;
  std::vector<char*> argv;
  for (std::string& arg : copies) argv.push_back(arg.data());
  argv.push_back(nullptr);
  py::gil_scoped_release release;
  const int code = cli::run_command_line(static_cast<int>(copies.size()), argv.data());
  std::cout.flush();
  std::cerr.flush();
  std::fflush(stdout);
  return code;
}

py::list table_descriptors() {
  py::list out;
  for (const core::TableDescriptor& descriptor : core::list_tables()) {
    py::list columns;
    for (const core::ColumnSpec& column : descriptor.columns) {
      columns.append(
          py::make_tuple(column.name, std::string(core::to_string(column.dtype)), descriptor.is_required(column.name)));
    }
    out.append(py::make_tuple(std::string(core::to_string(descriptor.name)), columns));
  }
  return out;
}

}  // namespace
}  // namespace crv::python

PYBIND11_MODULE(CRV_IO_PYTHON_MODULE, m) {
  namespace py = pybind11;
  using namespace crv::python;
  m.doc() = "crv-io's native bindings; use the crv_io package.";

  // The seed's error classes (REFERENCE.md section 10), shown as crv_io.<name>.
  static py::exception<crv::io::IoError> io_error(m, "IoError");
  static py::exception<crv::io::IoConfigError> config_error(m, "IoConfigError", io_error.ptr());
  static py::exception<crv::io::IoSchemaError> schema_error(m, "IoSchemaError", io_error.ptr());
  static py::exception<crv::io::IoWriteError> write_error(m, "IoWriteError", io_error.ptr());
  static py::exception<crv::io::IoManifestError> manifest_error(m, "IoManifestError", io_error.ptr());
  static py::exception<crv::io::IoArgumentError> argument_error(m, "IoArgumentError", io_error.ptr());
  static py::exception<crv::io::IoReadError> read_error(m, "IoReadError", io_error.ptr());
  for (py::handle error : std::initializer_list<py::handle>{io_error, config_error, schema_error, write_error,
                                                            manifest_error, argument_error, read_error}) {
    error.attr("__module__") = "crv_io";
  }
  io_error.attr("__doc__") = "Base of every crv-io error.";
  config_error.attr("__doc__") = "Invalid settings; the message names the source and the value.";
  schema_error.attr("__doc__") = "A frame that does not match its table descriptor.";
  write_error.attr("__doc__") = "A failure of the atomic write path (a part or the append log).";
  manifest_error.attr("__doc__") = "A manifest that is missing where required, corrupt, or not writable.";
  argument_error.attr("__doc__") =
      "An argument that is not valid (a run id, a cursor, a limit); nothing was read or written.";
  read_error.attr("__doc__") = "A read that failed: a system call, or a stored file whose content is damaged.";
  py::register_exception_translator([](std::exception_ptr pointer) {
    try {
      if (pointer) std::rethrow_exception(pointer);
    } catch (const crv::io::IoConfigError& error) {
      PyErr_SetString(config_error.ptr(), error.what());
    } catch (const crv::io::IoSchemaError& error) {
      PyErr_SetString(schema_error.ptr(), error.what());
    } catch (const crv::io::IoWriteError& error) {
      PyErr_SetString(write_error.ptr(), error.what());
    } catch (const crv::io::IoManifestError& error) {
      PyErr_SetString(manifest_error.ptr(), error.what());
    } catch (const crv::io::IoArgumentError& error) {
      PyErr_SetString(argument_error.ptr(), error.what());
    } catch (const crv::io::IoReadError& error) {
      PyErr_SetString(read_error.ptr(), error.what());
    } catch (const crv::io::IoError& error) {
      PyErr_SetString(io_error.ptr(), error.what());
    } catch (const crv::core::CoreError& error) {
      // Invalid names and ids (a run id, a table name): an IoError as the reference raises.
      PyErr_SetString(io_error.ptr(), error.what());
    } catch (const crv::parquet::ParquetError& error) {
      PyErr_SetString(io_error.ptr(), error.what());
    } catch (const crv::frame::FrameError& error) {
      PyErr_SetString(io_error.ptr(), error.what());
    }
  });

  m.def(
      "version", [] { return std::string(crv::io::version()); }, "The crv-io library's version.");
  m.def("settings_defaults", [] { return settings_to(crv::io::IoSettings{}); });
  m.def(
      "settings_check", [](const py::dict& fields) { return settings_to(settings_from(fields)); },
      "The settings as crv-io reads them (validated: IoConfigError naming the field and value).");
  m.def(
      "settings_load",
      [](std::optional<std::string> path) {
        crv::io::IoSettings settings;
        {
          py::gil_scoped_release release;
          settings = path ? crv::io::IoSettings::load(std::filesystem::path(*path)) : crv::io::IoSettings::load();
        }
        return settings_to(settings);
      },
      py::arg("path") = py::none());
  m.def(
      "write_run_bundle_manifest",
      [](const py::dict& settings, const std::string& run_id, py::object meta) {
        const crv::io::IoSettings parsed = settings_from(settings);
        const nlohmann::json meta_json = meta.is_none() ? nlohmann::json::object() : to_json(meta, "meta");
        nlohmann::ordered_json payload;
        {
          py::gil_scoped_release release;
          payload = crv::io::write_run_bundle_manifest(parsed, run_id, meta_json);
        }
        return to_py(payload);
      },
      py::arg("settings"), py::arg("run_id"), py::arg("meta") = py::none());
  m.def("table_descriptors", &table_descriptors, "[(table, [(column, dtype, required)])] in descriptor order.");
  m.def("cli_main", &cli_main, py::arg("argv"), "Runs the crv-io command line; returns its exit code.");

  py::class_<PyFrame>(m, "Frame")
      .def_static("from_columns", &frame_from_columns, py::arg("names"), py::arg("values"))
      .def_static(
          "from_arrow", [](py::handle source) { return PyFrame{frame_from_arrow(source)}; }, py::arg("source"))
      .def_property_readonly("num_rows", [](const PyFrame& self) { return self.frame.num_rows(); })
      .def_property_readonly("names", [](const PyFrame& self) { return self.frame.names(); })
      .def_property_readonly("schema", [](const PyFrame& self) { return frame_schema(self.frame); })
      .def("column_to_list",
           [](const PyFrame& self, const std::string& name) { return column_to_list(column_named(self.frame, name)); })
      .def("column_to_numpy",
           [](const PyFrame& self, const std::string& name) {
             return column_to_numpy(column_named(self.frame, name), name);
           })
      .def("row",
           [](const PyFrame& self, std::int64_t row) {
             if (row < 0 || row >= self.frame.num_rows())
               throw py::index_error("row " + std::to_string(row) + " out of range");
             py::dict out;
             for (size_t i = 0; i < self.frame.num_columns(); ++i) {
               out[py::str(self.frame.schema()[i].name)] = value_to_py(self.frame.column(i), row);
             }
             return out;
           })
      .def("slice", [](const PyFrame& self, std::int64_t offset,
                       std::int64_t length) { return PyFrame{self.frame.slice(offset, length)}; })
      .def("select",
           [](const PyFrame& self, const std::vector<std::string>& names) { return PyFrame{self.frame.select(names)}; })
      .def("equals", [](const PyFrame& self, const PyFrame& other) { return self.frame.equals(other.frame); })
      .def("to_string", [](const PyFrame& self) { return self.frame.to_string(); })
      .def_static("concat",
                  [](const std::vector<const PyFrame*>& frames) {
                    std::vector<crv::frame::Frame> parts;
                    for (const PyFrame* f : frames) parts.push_back(f->frame);
                    return PyFrame{crv::frame::concat(parts)};
                  })
      .def("arrow_c_schema",
           [](const PyFrame& self) { return schema_capsule(crv::frame::struct_(self.frame.schema())); })
      .def(
          "arrow_c_array",
          [](const PyFrame& self, const py::object& requested_schema) {
            return array_capsules(conform_to_request(self.frame, requested_fields(requested_schema)));
          },
          py::arg("requested_schema") = py::none())
      .def(
          "arrow_c_stream",
          [](const PyFrame& self, const py::object& requested_schema) {
            return frame_stream_capsule(conform_to_request(self.frame, requested_fields(requested_schema)));
          },
          py::arg("requested_schema") = py::none());

  py::class_<PyBatches>(m, "Batches")
      .def("__iter__", [](PyBatches& self) -> PyBatches& { return self; })
      .def("__next__", [](PyBatches& self) {
        std::optional<crv::frame::Frame> batch;
        {
          py::gil_scoped_release release;
          batch = self.reader->next();
        }
        if (!batch) throw py::stop_iteration();
        return PyFrame{std::move(*batch)};
      });

  py::class_<PyScan>(m, "Scan")
      .def("select", [](const PyScan& self,
                        std::vector<std::string> columns) { return PyScan{self.scan.select(std::move(columns))}; })
      .def("limit", [](const PyScan& self, std::int64_t rows) { return PyScan{self.scan.limit(rows)}; })
      .def("collect",
           [](const PyScan& self) {
             py::gil_scoped_release release;
             return PyFrame{self.scan.collect()};
           })
      .def("count",
           [](const PyScan& self) {
             py::gil_scoped_release release;
             return self.scan.count();
           })
      .def("explain",
           [](const PyScan& self) {
             crv::io::ScanExplanation explanation;
             {
               py::gil_scoped_release release;
               explanation = self.scan.explain();
             }
             return explanation.to_string();
           })
      .def("explain_json",
           [](const PyScan& self) {
             crv::io::ScanExplanation explanation;
             {
               py::gil_scoped_release release;
               explanation = self.scan.explain();
             }
             return to_py(explanation.to_json());
           })
      .def("batches",
           [](const PyScan& self) {
             std::unique_ptr<crv::io::ScanBatchReader> reader;
             {
               py::gil_scoped_release release;
               reader = std::make_unique<crv::io::ScanBatchReader>(self.scan.batches());
             }
             return PyBatches{std::move(reader)};
           })
      .def("arrow_c_schema",
           [](const PyScan& self) {
             std::vector<crv::frame::Field> schema;
             {
               py::gil_scoped_release release;
               schema = self.scan.batches().schema();
             }
             return schema_capsule(crv::frame::struct_(schema));
           })
      .def(
          "arrow_c_stream",
          [](const PyScan& self, const py::object& requested_schema) {
            return scan_stream_capsule(self.scan, requested_fields(requested_schema));
          },
          py::arg("requested_schema") = py::none());

  py::class_<PyDataset>(m, "Dataset")
      .def(py::init<const py::dict&, const std::string&>(), py::arg("settings"), py::arg("run_id"))
      .def("append", &PyDataset::append, py::arg("table"), py::arg("frame"), py::arg("validate_schema"),
           py::arg("validate_rows"))
      .def("scan", &PyDataset::scan, py::arg("table"), py::arg("tick_min"), py::arg("tick_max"))
      .def("read", &PyDataset::read, py::arg("table"), py::arg("tick_min"), py::arg("tick_max"), py::arg("limit"))
      .def("manifest", &PyDataset::manifest, py::arg("table"))
      .def("rebuild_manifest", &PyDataset::rebuild_manifest, py::arg("table"))
      .def("seal", &PyDataset::seal, py::arg("table") = py::none())
      .def("close", &PyDataset::close)
      .def_property_readonly("run_id", &PyDataset::run_id)
      .def_property_readonly("settings", &PyDataset::settings);
}
