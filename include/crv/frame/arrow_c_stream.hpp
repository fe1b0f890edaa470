#pragma once
/// @file
/// The Arrow C Stream Interface (ArrowArrayStream): a frame's batches exported as a stream,
/// and a stream imported batch by batch. Each batch travels as a struct array ("+s") with one
/// child per column, the form the Arrow PyCapsule interface and the Arrow implementations use.

#include <crv/export.hpp>
#include <crv/frame/arrow_c_data.hpp>
#include <crv/frame/data_type.hpp>
#include <crv/frame/frame.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

// Exactly as the Arrow specification defines it (with Doxygen comments).
#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

extern "C" {

/// A stream of arrays of one schema (Arrow C Stream Interface): the consumer calls
/// get_schema once, then get_next until it yields a released array (the end), then release.
/// Every callback returns 0 or an errno value.
struct ArrowArrayStream {
  /// Fills `out` with the schema of every array; the caller releases it.
  int (*get_schema)(struct ArrowArrayStream*, struct ArrowSchema* out);
  /// Fills `out` with the next array, or marks it released (`out->release` null) at the end.
  int (*get_next)(struct ArrowArrayStream*, struct ArrowArray* out);
  /// What the last failing callback failed on (valid until the next call); may be null.
  const char* (*get_last_error)(struct ArrowArrayStream*);

  /// Frees the stream and sets `release` to null; arrays already handed out stay valid.
  void (*release)(struct ArrowArrayStream*);
  void* private_data;  ///< the producer's, opaque to the consumer
};

}  // extern "C"

#endif  // ARROW_C_STREAM_INTERFACE

namespace crv::frame {

/// The next batch of a stream, nullopt at its end. It may throw: the consumer's get_next then
/// returns EIO and get_last_error() the exception's message. Every batch must have the
/// columns and types of the stream's schema.
using BatchSource = std::function<std::optional<Frame>()>;

/// Exports a stream of batches of `schema` (the columns; exported as a "+s" struct schema).
/// The stream owns `next` until its release callback runs; `next` is called from get_next
/// only, on the consumer's thread. A batch whose schema differs from `schema` is an error of
/// get_next (EINVAL) naming the difference. After the end or an error get_next keeps
/// returning it.
CRV_IO_EXPORT void export_stream(std::vector<Field> schema, BatchSource next, ArrowArrayStream* out);
/// Exports one frame as a stream of one batch (none when the frame has no rows).
CRV_IO_EXPORT void export_frame_stream(const Frame& frame, ArrowArrayStream* out);

/// Reads an imported stream batch by batch. Takes ownership of the stream (moved out and
/// marked released); the producer's release callback runs when the reader is destroyed.
/// The batches are imported zero-copy (import_frame), so they keep the producer's buffers
/// alive after the reader is gone.
class CRV_IO_EXPORT ArrowStreamReader {
 public:
  /// Calls get_schema: FrameError when it fails or is not a struct schema.
  explicit ArrowStreamReader(ArrowArrayStream* stream);
  ~ArrowStreamReader();
  ArrowStreamReader(const ArrowStreamReader&) = delete;
  ArrowStreamReader& operator=(const ArrowStreamReader&) = delete;

  /// The columns of every batch.
  const std::vector<Field>& schema() const { return schema_; }
  /// The next batch, nullopt at the end. FrameError when the producer's get_next fails
  /// ("Arrow stream error (errno N): <get_last_error>") or a batch does not match the schema.
  std::optional<Frame> next();

 private:
  std::unique_ptr<ArrowArrayStream> stream_;
  /// The producer's schema, kept (and released last): each batch is imported against it, so
  /// that layouts the frame converts (views, 64-bit offsets, float16) are read as sent.
  std::unique_ptr<ArrowSchema> arrow_schema_;
  std::vector<Field> schema_;
  int64_t batches_ = 0;
};

/// Imports a whole stream: its batches concatenated (the batch itself, zero-copy, when there
/// is one; an empty frame of the schema when there is none).
CRV_IO_EXPORT Frame import_stream(ArrowArrayStream* stream);

}  // namespace crv::frame
