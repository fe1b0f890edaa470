#pragma once

#include <crv/export.hpp>
#include <crv/frame/column.hpp>
#include <crv/frame/frame.hpp>

#include <cstdint>
#include <vector>

namespace crv::frame {

/// Zero-copy slice (FrameError when [offset, offset + length) is out of range).
CRV_IO_EXPORT Column slice(const Column& column, int64_t offset, int64_t length);

/// The rows where `mask` is true; `mask` is a Bool column of the same length (null = false)
/// or one entry per row. Works for every type, nested included; the result is compact
/// (offset 0, freshly allocated buffers).
CRV_IO_EXPORT Column filter(const Column& column, const Column& mask);
/// One entry per row: true keeps the row.
CRV_IO_EXPORT Column filter(const Column& column, const std::vector<bool>& mask);
/// One entry per row: a nonzero entry keeps its row.
CRV_IO_EXPORT Column filter(const Column& column, const std::vector<uint8_t>& mask);

/// The rows at `indices` (each in [0, length), FrameError otherwise), in that order.
CRV_IO_EXPORT Column take(const Column& column, const std::vector<int64_t>& indices);

/// The columns one after another; all must have the same type (FrameError otherwise).
CRV_IO_EXPORT Column concat(const std::vector<Column>& columns);

/// Same type (deep) and same values, nulls in the same places; NaN equals NaN.
CRV_IO_EXPORT bool equals(const Column& a, const Column& b);

/// Number of rows where mask is true (null = false).
CRV_IO_EXPORT int64_t count_true(const Column& mask);

/// The column kernels above, applied to every column of a frame.
CRV_IO_EXPORT Frame slice(const Frame& frame, int64_t offset, int64_t length);
CRV_IO_EXPORT Frame filter(const Frame& frame, const Column& mask);                 ///< filter() of every column
CRV_IO_EXPORT Frame filter(const Frame& frame, const std::vector<bool>& mask);      ///< filter() of every column
CRV_IO_EXPORT Frame filter(const Frame& frame, const std::vector<uint8_t>& mask);   ///< filter() of every column
CRV_IO_EXPORT Frame take(const Frame& frame, const std::vector<int64_t>& indices);  ///< take() of every column
/// Frames with the same column names and types (FrameError naming the first difference).
CRV_IO_EXPORT Frame concat(const std::vector<Frame>& frames);
/// Same column names, types and values (nullability not compared; NaN equals NaN).
CRV_IO_EXPORT bool equals(const Frame& a, const Frame& b);

}  // namespace crv::frame
