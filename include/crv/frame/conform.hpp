#pragma once
/// @file
/// A frame in the schema a consumer asks for: the Arrow PyCapsule interface's
/// `requested_schema` (pyarrow's Table.cast has the same rules).

#include <crv/export.hpp>
#include <crv/frame/data_type.hpp>
#include <crv/frame/frame.hpp>

#include <vector>

namespace crv::frame {

/// The schema `have` becomes when given as `requested`: the same column names in the same
/// order (FrameError naming the first difference otherwise); each scalar column takes the
/// requested type when crv::frame::cast converts between the two (a string column requested
/// as a 64-bit-offset or view string stays utf8: it is the one string layout a frame has, and
/// every Arrow consumer reads it); nested columns keep their type, which must equal the
/// request's; a field requested not-null is not-null. Checks types only, not values.
CRV_IO_EXPORT std::vector<Field> conformed_schema(const std::vector<Field>& have, const std::vector<Field>& requested);

/// `frame` given as `requested` (conformed_schema): columns already of the requested type
/// are shared, not copied; the others are cast. FrameError naming the column, the row and
/// the value when a value does not convert exactly (300 as int8, "abc" as int64, 1.5 as
/// int64), or when a column requested not-null has nulls: a consumer never receives a value
/// it did not send, nor a null in place of one.
CRV_IO_EXPORT Frame conform(const Frame& frame, const std::vector<Field>& requested);

}  // namespace crv::frame
