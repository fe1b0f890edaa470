// Handing crv-io's data to another Arrow consumer (Arrow C++, nanoarrow, pyarrow, DuckDB,
// Polars, your own C code) through the Arrow C Data Interface, without a copy:
//   1. a frame exported as an ArrowSchema + ArrowArray (crv/frame/arrow_c_data.hpp);
//   2. a scan exported as an ArrowArrayStream, read batch by batch (crv/io/scan_stream.hpp).
// This program plays the consumer: it walks the C structs itself, as any consumer would,
// checks the format strings, lengths and values, and calls every release callback.
// Built and run by `make test` (ctest: example_arrow_c_interface, and against the installed
// package in tests/package). Usage: crv_arrow_c_interface [ROOT_DIR]   (exit 1 when wrong)
#include <crv/frame/arrow_c_data.hpp>
#include <crv/frame/arrow_c_stream.hpp>
#include <crv/io.hpp>
#include <crv/io/scan_stream.hpp>

#include <cstdint>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>

using namespace crv;

namespace {

bool check(bool ok, const std::string& what) {
  std::cout << (ok ? "ok: " : "WRONG: ") << what << "\n";
  return ok;
}

// ---- What a consumer of the C Data Interface does, with nothing but the structs ----------

// Buffer 0 of every array is its validity bitmap (bit i set: row i is valid); it may be
// absent (nullptr) when the array has no nulls. `offset` applies to every buffer.
bool is_valid(const ArrowArray& array, std::int64_t i) {
  const auto* bitmap = static_cast<const std::uint8_t*>(array.buffers[0]);
  const std::int64_t bit = array.offset + i;
  return bitmap == nullptr || ((bitmap[bit / 8] >> (bit % 8)) & 1) != 0;
}

// "l" (int64) and "g" (float64): buffer 1 holds the values.
template <class T>
T value(const ArrowArray& array, std::int64_t i) {
  return static_cast<const T*>(array.buffers[1])[array.offset + i];
}

// "u" (utf8): buffer 1 holds length + 1 int32 offsets into buffer 2, the characters.
std::string_view string_value(const ArrowArray& array, std::int64_t i) {
  const auto* offsets = static_cast<const std::int32_t*>(array.buffers[1]) + array.offset;
  const auto* chars = static_cast<const char*>(array.buffers[2]);
  return {chars + offsets[i], static_cast<std::size_t>(offsets[i + 1] - offsets[i])};
}

// The index of a struct schema's child named `name`, or -1.
std::int64_t child_index(const ArrowSchema& schema, std::string_view name) {
  for (std::int64_t k = 0; k < schema.n_children; ++k) {
    if (name == schema.children[k]->name) return k;
  }
  return -1;
}

// A table batch is a struct array ("+s"): one child per column. Checks that the columns are
// tick ("l"), observer_agent_id ("u") and edge_weight ("g"), in that order.
bool check_schema(const ArrowSchema& schema) {
  bool ok = check(std::strcmp(schema.format, "+s") == 0 && schema.n_children == 3, "a struct schema of 3 columns");
  const char* const names[] = {"tick", "observer_agent_id", "edge_weight"};
  const char* const formats[] = {"l", "u", "g"};
  for (int k = 0; k < 3 && ok; ++k) {
    ok &= check(std::strcmp(schema.children[k]->name, names[k]) == 0 &&
                    std::strcmp(schema.children[k]->format, formats[k]) == 0,
                std::string("column ") + names[k] + " has format \"" + formats[k] + "\"");
  }
  return ok;
}

// The rows written below: tick t has observer "A<t % 3>" and weight t / 4.
bool check_rows(const ArrowSchema& schema, const ArrowArray& batch) {
  const ArrowArray& ticks = *batch.children[child_index(schema, "tick")];
  const ArrowArray& agents = *batch.children[child_index(schema, "observer_agent_id")];
  const ArrowArray& weights = *batch.children[child_index(schema, "edge_weight")];
  bool ok = ticks.length == batch.length && agents.length == batch.length && weights.length == batch.length;
  for (std::int64_t i = 0; ok && i < batch.length; ++i) {
    const std::int64_t t = value<std::int64_t>(ticks, i);
    ok = is_valid(ticks, i) && is_valid(agents, i) && is_valid(weights, i) &&
         string_value(agents, i) == "A" + std::to_string(t % 3) && value<double>(weights, i) == t / 4.0;
  }
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  io::IoSettings settings;
  settings.root_dir = argc > 1 ? argv[1] : "out";
  settings.tick_bucket_size = 100;
  io::Dataset ds(settings, "20250101-000002");

  // 300 rows, ticks 0-299 (three buckets).
  io::RowWriter edges = ds.row_writer(core::TableName::IdentityEdges);
  for (std::int64_t t = 0; t < 300; ++t) {
    edges.tick(t).set("observer_agent_id", "A" + std::to_string(t % 3)).set("edge_kind", "self_to_object");
    edges.set("edge_weight", static_cast<double>(t) / 4.0).end_row();
  }
  edges.append_to(ds);
  const io::Scan scan = ds.scan(core::TableName::IdentityEdges).select({"tick", "observer_agent_id", "edge_weight"});
  bool ok = true;

  // 1. One frame as an ArrowSchema + ArrowArray. export_frame fills caller-owned structs; the
  //    frame's buffers are shared, not copied, and stay alive until both release callbacks ran
  //    (so the frame itself may go out of scope first).
  ArrowSchema schema{};
  ArrowArray array{};
  frame::export_frame(scan.collect(), &array, &schema);
  ok &= check_schema(schema);
  ok &= check(array.length == 300 && array.n_children == 3, "one struct array of 300 rows");
  ok &= check(check_rows(schema, array), "every value read through the C structs");
  // The consumer owns both structs now: it must call each release exactly once. A release
  // callback marks its struct released by setting `release` to nullptr, and releases the
  // children with their parent (a consumer never calls a child's release itself).
  array.release(&array);
  schema.release(&schema);
  ok &= check(array.release == nullptr && schema.release == nullptr, "array and schema released");

  // 2. A scan as an ArrowArrayStream: get_schema once, then get_next until it returns an
  //    array whose `release` is nullptr (the end). Each get_next reads one batch of the scan,
  //    so a consumer of a table larger than memory holds one batch at a time.
  //    Every callback returns 0 or an errno value; get_last_error() says what went wrong.
  ArrowArrayStream stream{};
  io::export_scan_stream(scan, &stream);
  ArrowSchema stream_schema{};
  if (stream.get_schema(&stream, &stream_schema) != 0) {
    std::cerr << "get_schema: " << stream.get_last_error(&stream) << "\n";
    return 1;
  }
  ok &= check_schema(stream_schema);
  std::int64_t rows = 0;
  std::int64_t batches = 0;
  bool batches_ok = true;
  for (;;) {
    ArrowArray batch{};
    if (stream.get_next(&stream, &batch) != 0) {
      std::cerr << "get_next: " << stream.get_last_error(&stream) << "\n";
      return 1;
    }
    if (batch.release == nullptr) break;  // the end of the stream
    ++batches;
    rows += batch.length;
    batches_ok &= check_rows(stream_schema, batch);
    batch.release(&batch);  // each batch is the consumer's, and released on its own
  }
  ok &= check(batches_ok && rows == 300, std::to_string(rows) + " rows in " + std::to_string(batches) + " batches");
  stream_schema.release(&stream_schema);
  stream.release(&stream);  // the producer's state (the scan's open parts) goes with it
  ok &= check(stream_schema.release == nullptr && stream.release == nullptr, "schema and stream released");

  // crv-io is also a consumer: import_stream (or ArrowStreamReader) reads any producer's
  // stream, here crv-io's own, back into a frame.
  ArrowArrayStream again{};
  io::export_scan_stream(scan, &again);
  const frame::Frame imported = frame::import_stream(&again);
  ok &= check(imported.equals(scan.collect()), "the stream imported back equals collect()");

  std::cout << (ok ? "arrow_c_interface: all checks passed\n" : "arrow_c_interface: FAILED\n");
  return ok ? 0 : 1;
}
