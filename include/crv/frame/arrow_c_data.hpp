#pragma once

#include <crv/export.hpp>
#include <crv/frame/column.hpp>
#include <crv/frame/frame.hpp>

#include <cstdint>
#include <string>

// The Arrow C Data Interface, exactly as the Arrow specification defines it.
#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

extern "C" {

struct ArrowSchema {
  // Array type description
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;

  // Release callback
  void (*release)(struct ArrowSchema*);
  // Opaque producer-specific data
  void* private_data;
};

struct ArrowArray {
  // Array data description
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;

  // Release callback
  void (*release)(struct ArrowArray*);
  // Opaque producer-specific data
  void* private_data;
};

}  // extern "C"

#endif  // ARROW_C_DATA_INTERFACE

namespace crv::frame {

/// Exports a column zero-copy: `out_array` and `out_schema` get release callbacks that
/// keep the column's buffers alive until called. The schema is named `name` and flagged
/// nullable.
CRV_IO_EXPORT void export_column(const Column& column, const std::string& name, ArrowArray* out_array,
                                 ArrowSchema* out_schema);
/// Exports a frame as a struct array ("+s") with one child per column.
CRV_IO_EXPORT void export_frame(const Frame& frame, ArrowArray* out_array, ArrowSchema* out_schema);
/// Exports only a type (for a schema handshake).
CRV_IO_EXPORT void export_type(const TypePtr& type, const std::string& name, bool nullable, ArrowSchema* out_schema);

/// Imports an array: takes ownership of both structs (they are moved out and marked
/// released; the producer's release callbacks run when the last buffer is dropped, or
/// immediately on error). Buffers are wrapped zero-copy where the layout matches; "U",
/// "Z", "+L" (64-bit offsets) are converted to 32-bit offsets when they fit (FrameError
/// otherwise), "vu" / "vz" (string and binary views, as Polars exports) are copied to
/// utf8 / binary, and "e" (float16) is converted to float32. The result is validated.
CRV_IO_EXPORT Column import_column(ArrowArray* array, ArrowSchema* schema);
/// Imports a struct array ("+s") as a frame, one column per child. A null struct row is
/// not representable in a frame: FrameError when the struct has nulls.
CRV_IO_EXPORT Frame import_frame(ArrowArray* array, ArrowSchema* schema);
/// Imports a type (and its name and nullability as a Field); takes ownership of the schema.
CRV_IO_EXPORT Field import_field(ArrowSchema* schema);
/// The Field `schema` describes; the schema stays the caller's (not released).
CRV_IO_EXPORT Field describe_field(const ArrowSchema& schema);
/// import_frame against a schema that stays the caller's (a stream's, shared by its
/// batches): only the array is taken over.
CRV_IO_EXPORT Frame import_frame(ArrowArray* array, const ArrowSchema& schema);

}  // namespace crv::frame
