#include <crv/frame/kernels.hpp>

#include <fmt/format.h>

namespace crv::frame {

Column slice(const Column& column, int64_t offset, int64_t length) { return column.slice(offset, length); }

Frame slice(const Frame& frame, int64_t offset, int64_t length) {
  if (offset < 0 || length < 0 || offset + length > frame.num_rows())
    throw FrameError(
        fmt::format("slice({}, {}) out of range for a frame of {} rows", offset, length, frame.num_rows()));
  std::vector<Column> columns;
  columns.reserve(frame.num_columns());
  for (const Column& c : frame.columns()) columns.push_back(c.slice(offset, length));
  return Frame::make(frame.schema(), std::move(columns));
}

Frame take(const Frame& frame, const std::vector<int64_t>& indices) {
  std::vector<Column> columns;
  columns.reserve(frame.num_columns());
  for (const Column& c : frame.columns()) columns.push_back(take(c, indices));
  return Frame::make(frame.schema(), std::move(columns));
}

Frame concat(const std::vector<Frame>& frames) {
  if (frames.empty()) throw FrameError("concat of no frames");
  const Frame& first = frames.front();
  for (size_t f = 1; f < frames.size(); ++f) {
    const Frame& other = frames[f];
    if (other.num_columns() != first.num_columns())
      throw FrameError(
          fmt::format("concat: frame {} has {} columns, frame 0 has {}", f, other.num_columns(), first.num_columns()));
    for (size_t i = 0; i < first.num_columns(); ++i) {
      const Field& a = first.schema()[i];
      const Field& b = other.schema()[i];
      if (a.name != b.name)
        throw FrameError(fmt::format("concat: frame {} column {} is '{}', frame 0 has '{}'", f, i, b.name, a.name));
      if (!type_equals(a.type, b.type))
        throw FrameError(fmt::format("concat: column '{}' is {} in frame {} but {} in frame 0", a.name,
                                     b.type->to_string(), f, a.type->to_string()));
    }
  }
  std::vector<Column> columns;
  std::vector<Field> schema = first.schema();
  for (size_t i = 0; i < first.num_columns(); ++i) {
    std::vector<Column> parts;
    parts.reserve(frames.size());
    for (const Frame& frame : frames) {
      parts.push_back(frame.column(i));
      schema[i].nullable = schema[i].nullable || frame.schema()[i].nullable;
    }
    columns.push_back(concat(parts));
  }
  return Frame::make(std::move(schema), std::move(columns));
}

}  // namespace crv::frame
