#pragma once

#include <crv/frame/column.hpp>
#include <crv/frame/frame.hpp>

#include <cstdint>
#include <vector>

namespace crv::frame {

/// Zero-copy slice (FrameError when [offset, offset + length) is out of range).
Column slice(const Column& column, int64_t offset, int64_t length);

/// The rows where `mask` is true; `mask` is a Bool column of the same length (null = false)
/// or one entry per row. Works for every type, nested included; the result is compact
/// (offset 0, freshly allocated buffers).
Column filter(const Column& column, const Column& mask);
Column filter(const Column& column, const std::vector<bool>& mask);
Column filter(const Column& column, const std::vector<uint8_t>& mask);

/// The rows at `indices` (each in [0, length), FrameError otherwise), in that order.
Column take(const Column& column, const std::vector<int64_t>& indices);

/// The columns one after another; all must have the same type (FrameError otherwise).
Column concat(const std::vector<Column>& columns);

/// Same type (deep) and same values, nulls in the same places; NaN equals NaN.
bool equals(const Column& a, const Column& b);

/// Number of rows where mask is true (null = false).
int64_t count_true(const Column& mask);

Frame slice(const Frame& frame, int64_t offset, int64_t length);
Frame filter(const Frame& frame, const Column& mask);
Frame filter(const Frame& frame, const std::vector<bool>& mask);
Frame filter(const Frame& frame, const std::vector<uint8_t>& mask);
Frame take(const Frame& frame, const std::vector<int64_t>& indices);
/// Frames with the same column names and types (FrameError naming the first difference).
Frame concat(const std::vector<Frame>& frames);
bool equals(const Frame& a, const Frame& b);

}  // namespace crv::frame
