// The Arrow C Stream Interface: export_stream, ArrowStreamReader.

#include <crv/frame/arrow_c_stream.hpp>
#include <crv/frame/error.hpp>
#include <crv/frame/kernels.hpp>

#include <cerrno>
#include <exception>
#include <string>
#include <utility>

namespace crv::frame {
namespace {

struct ExportedStream {
  std::vector<Field> schema;
  TypePtr type;
  BatchSource next;
  std::string last_error;
  int failed = 0;  ///< the errno of the first error, returned again by later calls
  bool ended = false;
};

ExportedStream* state_of(ArrowArrayStream* stream) { return static_cast<ExportedStream*>(stream->private_data); }

int stream_get_schema(ArrowArrayStream* stream, ArrowSchema* out) {
  ExportedStream* state = state_of(stream);
  try {
    export_type(state->type, "", false, out);
    return 0;
  } catch (const std::exception& error) {
    state->last_error = error.what();
    return EINVAL;
  }
}

/// The first difference between a batch's columns and the stream's, "" when none.
std::string schema_difference(const std::vector<Field>& expected, const Frame& batch) {
  const std::vector<Field>& got = batch.schema();
  if (got.size() != expected.size()) {
    return "a batch has " + std::to_string(got.size()) + " columns, the stream's schema " +
           std::to_string(expected.size());
  }
  for (size_t i = 0; i < got.size(); ++i) {
    if (got[i].name != expected[i].name || !type_equals(got[i].type, expected[i].type)) {
      return "a batch's column " + std::to_string(i) + " is " + got[i].name + ": " + got[i].type->to_string() +
             ", the stream's schema has " + expected[i].name + ": " + expected[i].type->to_string();
    }
  }
  return "";
}

int stream_get_next(ArrowArrayStream* stream, ArrowArray* out) {
  ExportedStream* state = state_of(stream);
  out->release = nullptr;
  if (state->failed != 0) return state->failed;
  if (state->ended) return 0;
  try {
    std::optional<Frame> batch = state->next();
    if (!batch) {
      state->ended = true;
      state->next = nullptr;  // drops what the source holds (open files, buffers)
      return 0;
    }
    if (std::string difference = schema_difference(state->schema, *batch); !difference.empty()) {
      state->last_error = difference;
      state->failed = EINVAL;
      return state->failed;
    }
    ArrowSchema ignored;
    export_frame(*batch, out, &ignored);
    ignored.release(&ignored);
    return 0;
  } catch (const std::exception& error) {
    state->last_error = error.what();
  } catch (...) {
    state->last_error = "unknown error";
  }
  state->failed = EIO;
  return state->failed;
}

const char* stream_get_last_error(ArrowArrayStream* stream) {
  ExportedStream* state = state_of(stream);
  return state->last_error.empty() ? nullptr : state->last_error.c_str();
}

void stream_release(ArrowArrayStream* stream) {
  if (stream->release == nullptr) return;
  delete state_of(stream);
  stream->private_data = nullptr;
  stream->release = nullptr;
}

}  // namespace

void export_stream(std::vector<Field> schema, BatchSource next, ArrowArrayStream* out) {
  auto state = std::make_unique<ExportedStream>();
  state->type = struct_(schema);
  state->schema = std::move(schema);
  state->next = std::move(next);
  out->get_schema = stream_get_schema;
  out->get_next = stream_get_next;
  out->get_last_error = stream_get_last_error;
  out->release = stream_release;
  out->private_data = state.release();
}

void export_frame_stream(const Frame& frame, ArrowArrayStream* out) {
  std::optional<Frame> pending;
  if (frame.num_rows() > 0) pending = frame;
  export_stream(
      frame.schema(),
      [pending]() mutable {
        std::optional<Frame> batch = std::move(pending);
        pending.reset();
        return batch;
      },
      out);
}

ArrowStreamReader::ArrowStreamReader(ArrowArrayStream* stream)
    : stream_(std::make_unique<ArrowArrayStream>(*stream)), arrow_schema_(std::make_unique<ArrowSchema>()) {
  if (stream->release == nullptr) {
    stream_.reset();
    throw FrameError("cannot import an Arrow stream that is already released");
  }
  stream->release = nullptr;  // moved: the reader releases it
  arrow_schema_->release = nullptr;
  const int code = stream_->get_schema(stream_.get(), arrow_schema_.get());
  if (code != 0) {
    const char* message = stream_->get_last_error(stream_.get());
    const std::string text = "Arrow stream error (errno " + std::to_string(code) +
                             ") in get_schema: " + (message != nullptr ? message : "no message");
    stream_->release(stream_.get());
    throw FrameError(text);
  }
  try {
    if (arrow_schema_->release == nullptr) throw FrameError("an Arrow stream's get_schema gave a released schema");
    Field field = describe_field(*arrow_schema_);
    if (field.type->id() != TypeId::Struct) {
      throw FrameError("an Arrow stream of " + field.type->to_string() +
                       " is not a table: its schema must be a struct (\"+s\") of the columns");
    }
    schema_ = field.type->fields();
  } catch (...) {
    if (arrow_schema_->release != nullptr) arrow_schema_->release(arrow_schema_.get());
    stream_->release(stream_.get());
    throw;
  }
}

ArrowStreamReader::~ArrowStreamReader() {
  if (arrow_schema_ && arrow_schema_->release != nullptr) arrow_schema_->release(arrow_schema_.get());
  if (stream_ && stream_->release != nullptr) stream_->release(stream_.get());
}

std::optional<Frame> ArrowStreamReader::next() {
  ArrowArray array;
  array.release = nullptr;
  const int code = stream_->get_next(stream_.get(), &array);
  if (code != 0) {
    const char* message = stream_->get_last_error(stream_.get());
    throw FrameError("Arrow stream error (errno " + std::to_string(code) + ") reading batch " +
                     std::to_string(batches_) + ": " + (message != nullptr ? message : "no message"));
  }
  if (array.release == nullptr) return std::nullopt;
  Frame batch = import_frame(&array, *arrow_schema_);
  ++batches_;
  return batch;
}

Frame import_stream(ArrowArrayStream* stream) {
  ArrowStreamReader reader(stream);
  std::vector<Frame> batches;
  while (std::optional<Frame> batch = reader.next()) batches.push_back(std::move(*batch));
  if (batches.size() == 1) return std::move(batches.front());
  if (batches.empty()) {
    std::vector<Column> columns;
    for (const Field& field : reader.schema()) columns.push_back(Column::nulls(field.type, 0));
    return Frame::make(reader.schema(), std::move(columns));
  }
  return concat(batches);
}

}  // namespace crv::frame
