#pragma once
/// @file
/// The Arrow C Data Interface (ArrowSchema, ArrowArray) and crv-io's zero-copy export and
/// import of columns and frames through it.

#include <crv/export.hpp>
#include <crv/frame/column.hpp>
#include <crv/frame/frame.hpp>

#include <cstdint>
#include <string>

// The Arrow C Data Interface, exactly as the Arrow specification defines it (with Doxygen comments).
#ifndef ARROW_C_DATA_INTERFACE
/// Guards the spec's definitions, which other Arrow libraries (nanoarrow, Arrow C++) guard the same way.
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1  ///< ArrowSchema::flags: the dictionary's order is meaningful
#define ARROW_FLAG_NULLABLE 2            ///< ArrowSchema::flags: the field may hold nulls
#define ARROW_FLAG_MAP_KEYS_SORTED 4     ///< ArrowSchema::flags: a map's keys are sorted

extern "C" {

/// The type of an array (Arrow C Data Interface): a format string, a name, and the children
/// of nested types. Produced by export_frame / export_column / export_type, consumed by
/// import_*; whoever holds it calls `release` once.
struct ArrowSchema {
  const char* format;              ///< the type, e.g. "l" int64, "g" float64, "u" utf8, "+s" struct, "+l" list
  const char* name;                ///< the field name (a column's name); may be null
  const char* metadata;            ///< key-value metadata in the spec's binary layout; may be null
  int64_t flags;                   ///< ARROW_FLAG_* bits (ARROW_FLAG_NULLABLE)
  int64_t n_children;              ///< number of child types (struct fields, a list's item)
  struct ArrowSchema** children;   ///< the child types
  struct ArrowSchema* dictionary;  ///< the value type of a dictionary-encoded array; null otherwise

  /// Frees the producer's data and sets `release` to null; null once released.
  void (*release)(struct ArrowSchema*);
  void* private_data;  ///< the producer's, opaque to the consumer
};

/// The data of an array (Arrow C Data Interface): its length, null count and buffers, laid
/// out as the matching ArrowSchema's format says. Whoever holds it calls `release` once.
struct ArrowArray {
  int64_t length;      ///< number of rows (from `offset`)
  int64_t null_count;  ///< number of nulls, or -1 when not computed
  int64_t offset;      ///< index of the first row within the buffers (applies to every buffer)
  int64_t n_buffers;   ///< number of buffers: the format's layout fixes it (e.g. 2 for "l", 3 for "u")
  int64_t n_children;  ///< number of child arrays
  /// The buffers: [0] the validity bitmap (null when there are no nulls), then values or
  /// offsets and data, as the layout of the format says.
  const void** buffers;
  struct ArrowArray** children;   ///< the child arrays (struct fields, a list's items)
  struct ArrowArray* dictionary;  ///< the dictionary of a dictionary-encoded array; null otherwise

  /// Frees the producer's data and sets `release` to null; null once released.
  void (*release)(struct ArrowArray*);
  void* private_data;  ///< the producer's, opaque to the consumer
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
