#include <crv/frame/frame.hpp>
#include <crv/frame/kernels.hpp>
#include <crv/frame/pretty_print.hpp>

#include <fmt/format.h>

namespace crv::frame {
namespace {

std::string join_names(const std::vector<Field>& fields) {
  std::string out;
  for (const Field& f : fields) out += (out.empty() ? "" : ", ") + f.name;
  return out;
}

}  // namespace

Frame::Frame(std::vector<std::pair<std::string, Column>> columns) {
  fields_.reserve(columns.size());
  columns_.reserve(columns.size());
  for (auto& [name, column] : columns) {
    if (!column) throw FrameError("column '" + name + "' is empty");
    fields_.push_back(Field{name, column.type(), true});
    columns_.push_back(std::move(column));
  }
  check_and_index();
}

Frame::Frame(std::initializer_list<std::pair<std::string, Column>> columns)
    : Frame(std::vector<std::pair<std::string, Column>>(columns)) {}

Frame Frame::make(std::vector<Field> schema, std::vector<Column> columns) {
  if (schema.size() != columns.size())
    throw FrameError(fmt::format("schema has {} fields but {} columns were given", schema.size(), columns.size()));
  for (size_t i = 0; i < schema.size(); ++i) {
    const Field& f = schema[i];
    const Column& c = columns[i];
    if (!c) throw FrameError("column '" + f.name + "' is empty");
    if (!type_equals(f.type, c.type()))
      throw FrameError(fmt::format("column '{}' has type {}, schema says {}", f.name, c.type()->to_string(),
                                   f.type ? f.type->to_string() : "?"));
    if (!f.nullable && c.null_count() > 0)
      throw FrameError(fmt::format("column '{}' is not nullable but has {} nulls", f.name, c.null_count()));
  }
  Frame frame;
  frame.fields_ = std::move(schema);
  frame.columns_ = std::move(columns);
  frame.check_and_index();
  return frame;
}

void Frame::check_and_index() {
  num_rows_ = columns_.empty() ? 0 : columns_.front().length();
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].length() != num_rows_)
      throw FrameError(fmt::format("column '{}' has {} rows but column '{}' has {}", fields_[i].name,
                                   columns_[i].length(), fields_.front().name, num_rows_));
    for (size_t j = 0; j < i; ++j)
      if (fields_[j].name == fields_[i].name) throw FrameError("duplicate column name '" + fields_[i].name + "'");
  }
}

std::vector<std::string> Frame::names() const {
  std::vector<std::string> out;
  out.reserve(fields_.size());
  for (const Field& f : fields_) out.push_back(f.name);
  return out;
}

const Column& Frame::column(size_t i) const {
  if (i >= columns_.size())
    throw FrameError(fmt::format("column index {} out of range ({} columns)", i, columns_.size()));
  return columns_[i];
}

std::optional<size_t> Frame::index_of(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i)
    if (fields_[i].name == name) return i;
  return std::nullopt;
}

const Column& Frame::column(std::string_view name) const {
  auto i = index_of(name);
  if (!i) throw FrameError(fmt::format("no column '{}'; available: {}", name, join_names(fields_)));
  return columns_[*i];
}

Frame Frame::select(const std::vector<std::string>& names) const {
  std::vector<Field> fields;
  std::vector<Column> columns;
  for (const std::string& name : names) {
    auto i = index_of(name);
    if (!i) throw FrameError(fmt::format("no column '{}'; available: {}", name, join_names(fields_)));
    fields.push_back(fields_[*i]);
    columns.push_back(columns_[*i]);
  }
  Frame out;
  out.fields_ = std::move(fields);
  out.columns_ = std::move(columns);
  out.check_and_index();
  out.num_rows_ = names.empty() ? 0 : num_rows_;
  return out;
}

Frame Frame::with_column(const std::string& name, const Column& column) const {
  if (!column) throw FrameError("with_column('" + name + "') with an empty column");
  Frame out = *this;
  Field field{name, column.type(), true};
  if (auto i = index_of(name)) {
    out.fields_[*i] = std::move(field);
    out.columns_[*i] = column;
  } else {
    out.fields_.push_back(std::move(field));
    out.columns_.push_back(column);
  }
  out.check_and_index();
  return out;
}

Frame Frame::drop(std::string_view name) const {
  auto i = index_of(name);
  if (!i) throw FrameError(fmt::format("cannot drop '{}': no such column; available: {}", name, join_names(fields_)));
  Frame out = *this;
  out.fields_.erase(out.fields_.begin() + static_cast<std::ptrdiff_t>(*i));
  out.columns_.erase(out.columns_.begin() + static_cast<std::ptrdiff_t>(*i));
  out.check_and_index();
  return out;
}

Frame Frame::slice(int64_t offset, int64_t length) const { return crv::frame::slice(*this, offset, length); }
Frame Frame::filter(const Column& mask) const { return crv::frame::filter(*this, mask); }
Frame Frame::filter(const std::vector<bool>& mask) const { return crv::frame::filter(*this, mask); }
Frame Frame::take(const std::vector<int64_t>& indices) const { return crv::frame::take(*this, indices); }
bool Frame::equals(const Frame& other) const { return crv::frame::equals(*this, other); }
std::string Frame::to_string() const { return crv::frame::to_string(*this); }

}  // namespace crv::frame
