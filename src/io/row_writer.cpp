#include "crv/io/row_writer.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "crv/core/table_descriptor.hpp"
#include "crv/frame/builder.hpp"
#include "crv/frame/error.hpp"
#include "crv/frame/json.hpp"
#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"

namespace crv::io {
namespace {

using core::DType;

bool is_nested(DType dtype) { return dtype == DType::Struct || dtype == DType::ListStruct; }

/// The edit distance of two names (for "did you mean").
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

/// One column of the writer: its builder (scalar dtypes) or its JSON values (nested ones).
struct WriterColumn {
  std::string name;
  DType dtype;
  bool required;
  std::unique_ptr<frame::ArrayBuilder> builder;
  std::vector<nlohmann::json> nested;
  bool nested_has_value = false;
};

struct RowWriter::State {
  TableRef table;
  std::vector<WriterColumn> columns;
  std::vector<bool> set_in_row;
  std::size_t set_count = 0;  // columns set in the open row
  std::size_t tick_column = 0;
  std::optional<std::int64_t> tick;
  std::int64_t rows = 0;

  std::string where(std::size_t c) const {
    return "table '" + std::string(table.str()) + "', column '" + columns[c].name + "'";
  }
  [[noreturn]] void wrong_type(std::size_t c, const std::string& given) const {
    const DType dtype = columns[c].dtype;
    throw IoSchemaError(where(c) + " is " + std::string(core::to_string(dtype)) + ", not " + given +
                        (is_nested(dtype)
                             ? "; give its value as JSON with set_json()"
                             : "; convert the value to " + std::string(core::to_string(dtype)) + " first"));
  }
  /// Marks column c set in the open row; IoArgumentError when it was already.
  void mark(std::size_t c) {
    if (set_in_row[c]) {
      throw IoArgumentError(where(c) + " is set twice in row " + std::to_string(rows) +
                            "; call end_row() before setting the next row's value");
    }
    set_in_row[c] = true;
    ++set_count;
  }
  template <class Builder>
  Builder& builder(std::size_t c) {
    return static_cast<Builder&>(*columns[c].builder);
  }
};

RowWriter::RowWriter(TableRef table) : state_(std::make_unique<State>(State{table, {}, {}, 0, 0, std::nullopt, 0})) {
  for (const core::ColumnSpec& spec : core::get_table(table.name()).columns) {
    if (spec.name == "bucket") continue;  // the append computes it from tick
    WriterColumn column{spec.name, spec.dtype, core::get_table(table.name()).is_required(spec.name),
                        nullptr,   {},         false};
    switch (spec.dtype) {
      case DType::I64: column.builder = std::make_unique<frame::Int64Builder>(); break;
      case DType::F64: column.builder = std::make_unique<frame::Float64Builder>(); break;
      case DType::Str: column.builder = std::make_unique<frame::StringBuilder>(); break;
      default: break;
    }
    if (spec.name == "tick") state_->tick_column = state_->columns.size();
    state_->columns.push_back(std::move(column));
  }
  state_->set_in_row.assign(state_->columns.size(), false);
}

RowWriter::~RowWriter() = default;
RowWriter::RowWriter(RowWriter&&) noexcept = default;
RowWriter& RowWriter::operator=(RowWriter&&) noexcept = default;

TableRef RowWriter::table() const { return state_->table; }

RowWriter& RowWriter::tick(std::int64_t tick) {
  state_->tick = tick;
  return *this;
}

ColumnHandle RowWriter::column(std::string_view name) const {
  const auto& columns = state_->columns;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].name == name) return ColumnHandle(c);
  }
  const std::string table(state_->table.str());
  if (name == "bucket") {
    throw IoArgumentError("table '" + table + "': 'bucket' is computed from tick by the append; set tick instead");
  }
  std::string names;
  std::string closest;
  std::size_t best = std::string::npos;
  for (const WriterColumn& column : columns) {
    names += (names.empty() ? "" : ", ") + column.name;
    if (const std::size_t d = edit_distance(name, column.name); d < best) {
      best = d;
      closest = column.name;
    }
  }
  throw IoSchemaError("table '" + table + "' has no column '" + std::string(name) + "'" +
                      (best <= 3 ? " (did you mean '" + closest + "'?)" : "") + "; its columns: " + names);
}

RowWriter& RowWriter::set_integer(std::size_t c, std::int64_t value) {
  State& s = *state_;
  switch (s.columns[c].dtype) {
    case DType::I64:
      s.mark(c);
      s.builder<frame::Int64Builder>(c).append(value);
      break;
    case DType::F64: {
      // A lossless conversion only, as the append's validation casts.
      const auto d = static_cast<double>(value);
      if (d >= 9223372036854775808.0 || static_cast<std::int64_t>(d) != value)
        s.wrong_type(c, "the integer " + std::to_string(value) + " (not exact in a double)");
      s.mark(c);
      s.builder<frame::Float64Builder>(c).append(d);
      break;
    }
    default: s.wrong_type(c, "an integer (" + std::to_string(value) + ")");
  }
  return *this;
}

RowWriter& RowWriter::set_out_of_range(std::size_t c, const std::string& value) {
  state_->wrong_type(c, "the integer " + value + " (beyond i64)");
}

RowWriter& RowWriter::set_double(std::size_t c, double value) {
  State& s = *state_;
  if (s.columns[c].dtype != DType::F64)
    s.wrong_type(c, "a floating-point number (" + nlohmann::json(value).dump() + ")");
  s.mark(c);
  s.builder<frame::Float64Builder>(c).append(value);
  return *this;
}

RowWriter& RowWriter::set_string(std::size_t c, std::string_view value) {
  State& s = *state_;
  if (s.columns[c].dtype != DType::Str) s.wrong_type(c, "a string");
  s.mark(c);
  s.builder<frame::StringBuilder>(c).append(value);
  return *this;
}

RowWriter& RowWriter::set_null(std::size_t c) {
  State& s = *state_;
  s.mark(c);
  if (WriterColumn& column = s.columns[c]; column.builder) {
    column.builder->append_null();
  } else {
    column.nested.emplace_back();
  }
  return *this;
}

RowWriter& RowWriter::set_json_value(std::size_t c, const nlohmann::json& value) {
  State& s = *state_;
  WriterColumn& column = s.columns[c];
  if (value.is_null()) return set_null(c);
  if (!is_nested(column.dtype)) {
    if (value.is_number_unsigned()) return set<ColumnHandle>(ColumnHandle(c), value.get<std::uint64_t>());
    if (value.is_number_integer()) return set_integer(c, value.get<std::int64_t>());
    if (value.is_number_float()) return set_double(c, value.get<double>());
    if (value.is_string()) return set_string(c, value.get_ref<const std::string&>());
    s.wrong_type(c, std::string("JSON ") + value.type_name());
  }
  const bool fits = column.dtype == DType::Struct ? value.is_object() : value.is_array();
  if (!fits) s.wrong_type(c, std::string("JSON ") + value.type_name());
  s.mark(c);
  column.nested.push_back(value);
  column.nested_has_value = true;
  return *this;
}

void RowWriter::end_row() {
  State& s = *state_;
  // Every check before anything is appended, so the row stays open on an error.
  for (std::size_t c = 0; c < s.columns.size(); ++c) {
    if (s.set_in_row[c] || !s.columns[c].required) continue;
    if (c == s.tick_column && s.tick) continue;
    throw IoSchemaError("table '" + std::string(s.table.str()) + "', row " + std::to_string(s.rows) +
                        ": required column '" + s.columns[c].name + "' is not set" +
                        (c == s.tick_column ? " (set it, or give every row's tick with tick())"
                                            : " (set it, then call end_row() again)"));
  }
  for (std::size_t c = 0; c < s.columns.size(); ++c) {
    if (s.set_in_row[c]) {
      s.set_in_row[c] = false;
      continue;
    }
    WriterColumn& column = s.columns[c];
    if (c == s.tick_column && s.tick) {
      s.builder<frame::Int64Builder>(c).append(*s.tick);
    } else if (column.builder) {
      column.builder->append_null();
    } else {
      column.nested.emplace_back();
    }
  }
  s.set_count = 0;
  ++s.rows;
}

std::int64_t RowWriter::num_rows() const { return state_->rows; }

frame::Frame RowWriter::take() {
  State& s = *state_;
  if (s.set_count > 0) {
    throw IoArgumentError("table '" + std::string(s.table.str()) + "': row " + std::to_string(s.rows) +
                          " has values set but was not ended; call end_row() before take()");
  }
  std::vector<std::pair<std::string, frame::Column>> columns;
  for (WriterColumn& column : s.columns) {
    if (column.builder) {
      columns.emplace_back(column.name, column.builder->finish());
      continue;
    }
    // A nested column no row gave a value is left out: a null column has no struct fields.
    if (column.nested_has_value) {
      try {
        columns.emplace_back(column.name, frame::column_from_json(column.nested, frame::infer_type(column.nested)));
      } catch (const frame::FrameError& e) {
        throw IoSchemaError("table '" + std::string(s.table.str()) + "', column '" + column.name + "': " + e.what());
      }
    }
    column.nested.clear();
    column.nested_has_value = false;
  }
  s.rows = 0;
  return frame::Frame(std::move(columns));
}

AppendSummary RowWriter::append_to(Dataset& dataset, const AppendOptions& options) {
  return dataset.append(state_->table, take(), options);
}

}  // namespace crv::io
