// FileReader: footer -> schema -> row groups -> column chunks -> record assembly.

#include "crv/parquet/reader.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "crv/frame/error.hpp"
#include "crv/frame/kernels.hpp"
#include "parquet/reader/column_chunk_reader.hpp"
#include "parquet/reader/file_reader_impl.hpp"
#include "parquet/reader/footer.hpp"
#include "parquet/reader/page_index.hpp"
#include "parquet/reader/record_assembly.hpp"
#include "parquet/reader/statistics_range.hpp"
#include "parquet/reader/value_conversion.hpp"

namespace crv::parquet {

using reader::LeafData;
using reader::RowRanges;

FileReader::Impl::Impl(std::shared_ptr<RandomAccessSource> src) : source(std::move(src)) {
  reader::Footer footer = reader::read_footer(*source);
  metadata = std::move(footer.metadata);
  data_end = footer.data_end;
  schema = schema::map_schema(metadata.schema, source->name());
  reader::validate_row_groups(metadata, schema, data_end, source->name());
}

ErrorContext FileReader::Impl::where(std::optional<int64_t> row_group) const {
  return {.file = source->name(), .row_group = row_group};
}

size_t FileReader::Impl::column_index(const std::string& name) const {
  for (size_t i = 0; i < schema.fields.size(); ++i) {
    if (schema.fields[i].name == name) return i;
  }
  std::string names;
  for (const auto& f : schema.fields) names += (names.empty() ? "" : ", ") + f.name;
  throw ParquetError::at(where(), "no column named '" + name + "' (columns: " + names + ")");
}

const schema::FileLeaf& FileReader::Impl::filter_leaf(const IntRangeFilter& filter) const {
  const schema::AssemblyNode& node = schema.columns[column_index(filter.column)];
  if (node.kind != schema::AssemblyNode::Kind::kLeaf || !reader::is_integer_leaf(schema.leaves[static_cast<size_t>(node.leaf)])) {
    throw ParquetError::at(where(), "filter column '" + filter.column + "' is not a top-level integer column");
  }
  return schema.leaves[static_cast<size_t>(node.leaf)];
}

std::optional<reader::IntRange> FileReader::Impl::int_range(int row_group, const schema::FileLeaf& leaf) const {
  const ColumnMetaData& meta = *metadata.row_groups[static_cast<size_t>(row_group)].columns[static_cast<size_t>(leaf.index)].meta_data;
  if (!meta.statistics) return std::nullopt;
  return reader::statistics_int_range(leaf, *meta.statistics);
}

void FileReader::Impl::check_row_group(int row_group) const {
  if (row_group < 0 || static_cast<size_t>(row_group) >= metadata.row_groups.size()) {
    throw ParquetError::at(where(), "row group " + std::to_string(row_group) + " does not exist (the file has " +
                                        std::to_string(metadata.row_groups.size()) + ")");
  }
}

std::vector<RowGroupDecision> FileReader::Impl::prune(const IntRangeFilter& filter) const {
  const schema::FileLeaf& leaf = filter_leaf(filter);
  const auto bound = [](std::optional<int64_t> v) { return v ? std::to_string(*v) : std::string("unbounded"); };
  const std::string wanted = "[" + bound(filter.min) + ", " + bound(filter.max) + "]";
  std::vector<RowGroupDecision> decisions;
  for (int g = 0; g < static_cast<int>(metadata.row_groups.size()); ++g) {
    RowGroupDecision d{g, true, ""};
    const auto range = int_range(g, leaf);
    if (!range) {
      d.reason = "kept: no statistics for '" + filter.column + "'";
    } else {
      const std::string have = "[" + std::to_string(range->first) + ", " + std::to_string(range->second) + "]";
      d.kept = reader::overlaps(*range, filter.min, filter.max);
      d.reason = (d.kept ? "kept: '" : "skipped: '") + filter.column + "' statistics " + have +
                 (d.kept ? " overlap " : " outside ") + wanted;
    }
    decisions.push_back(std::move(d));
  }
  return decisions;
}

std::vector<int> FileReader::Impl::selected_row_groups(const ReadOptions& options) const {
  std::vector<int> groups = options.row_groups;
  if (groups.empty()) {
    for (int g = 0; g < static_cast<int>(metadata.row_groups.size()); ++g) groups.push_back(g);
  }
  for (int g : groups) check_row_group(g);
  if (!options.filter) return groups;
  const auto decisions = prune(*options.filter);
  std::vector<int> kept;
  for (int g : groups) {
    if (decisions[static_cast<size_t>(g)].kept) kept.push_back(g);
  }
  return kept;
}

std::vector<size_t> FileReader::Impl::projection(const ReadOptions& options) const {
  std::vector<size_t> columns;
  if (options.columns.empty()) {
    for (size_t i = 0; i < schema.fields.size(); ++i) columns.push_back(i);
    return columns;
  }
  for (const std::string& name : options.columns) {
    const size_t i = column_index(name);
    if (std::find(columns.begin(), columns.end(), i) != columns.end()) {
      throw ParquetError::at(where(), "column '" + name + "' is selected twice");
    }
    columns.push_back(i);
  }
  return columns;
}

std::vector<frame::Field> FileReader::Impl::projected_fields(const std::vector<size_t>& columns) const {
  std::vector<frame::Field> fields;
  for (size_t c : columns) fields.push_back(schema.fields[c]);
  return fields;
}

frame::Frame FileReader::Impl::empty_frame(const std::vector<size_t>& columns) const {
  std::vector<frame::Column> out;
  for (size_t c : columns) out.push_back(frame::Column::nulls(schema.fields[c].type, 0));
  return frame::Frame::make(projected_fields(columns), std::move(out));
}

frame::Frame FileReader::Impl::read_group(int g, const std::vector<size_t>& columns, const ReadOptions& options) const {
  const RowGroup& rg = metadata.row_groups[static_cast<size_t>(g)];
  const ErrorContext group_where = where(g);
  // Page pruning through the filter column's page index.
  std::optional<RowRanges> rows;
  if (options.filter && options.use_page_index) {
    const schema::FileLeaf& leaf = filter_leaf(*options.filter);
    ErrorContext at = group_where;
    at.column_path = leaf.dotted_path;
    rows = reader::filter_pages(*source, rg.columns[static_cast<size_t>(leaf.index)], leaf, options.filter->min,
                                options.filter->max, rg.num_rows, data_end, at);
    if (rows && rows->row_count() == rg.num_rows) rows.reset();  // every page kept: read whole chunks
  }
  if (rows && rows->empty()) return empty_frame(columns);

  std::vector<LeafData> leaves(schema.leaves.size());
  std::vector<frame::Column> out;
  const int64_t expected_rows = rows ? rows->row_count() : rg.num_rows;
  for (size_t c : columns) {
    const schema::AssemblyNode& node = schema.columns[c];
    for (int l = node.first_leaf; l < node.end_leaf; ++l) {
      const schema::FileLeaf& leaf = schema.leaves[static_cast<size_t>(l)];
      const ColumnChunk& chunk = rg.columns[static_cast<size_t>(l)];
      ErrorContext at = group_where;
      at.column_path = leaf.dotted_path;
      reader::ColumnChunkReader chunk_reader(*source, leaf, chunk, data_end, at);
      LeafData data;
      if (rows) {
        const auto offsets = reader::read_offset_index(*source, chunk, data_end, at);
        data = offsets ? chunk_reader.read_pages(*offsets, *rows, rg.num_rows) : chunk_reader.read_all(&*rows);
      } else {
        data = chunk_reader.read_all(nullptr);
      }
      try {
        reader::convert_dense_values(leaf, data);
      } catch (const ParquetError& e) {
        throw ParquetError::at(at, e.what());
      }
      leaves[static_cast<size_t>(l)] = std::move(data);
    }
    frame::Column column = reader::assemble_column(node, schema.leaves, leaves, group_where);
    if (column.length() != expected_rows) {
      ErrorContext at = group_where;
      at.column_path = schema.leaves[static_cast<size_t>(node.first_leaf)].dotted_path;
      throw ParquetError::at(at, "column has " + std::to_string(column.length()) + " rows, the row group " +
                                     std::to_string(expected_rows));
    }
    out.push_back(std::move(column));
    for (int l = node.first_leaf; l < node.end_leaf; ++l) leaves[static_cast<size_t>(l)] = LeafData();
  }
  try {
    return frame::Frame::make(projected_fields(columns), std::move(out));
  } catch (const frame::FrameError& e) {
    throw ParquetError::at(group_where, e.what());
  }
}

// ---- FileReader ----------------------------------------------------------------------

FileReader::FileReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FileReader::~FileReader() = default;

std::unique_ptr<FileReader> FileReader::open(std::shared_ptr<RandomAccessSource> source) {
  if (!source) throw ParquetError("FileReader::open: no source");
  return std::unique_ptr<FileReader>(new FileReader(std::make_unique<Impl>(std::move(source))));
}

std::unique_ptr<FileReader> FileReader::open(const std::filesystem::path& path) { return open(FileSource::open(path)); }

const FileMetaData& FileReader::metadata() const { return impl_->metadata; }
const SchemaNode& FileReader::schema_tree() const { return impl_->schema.tree; }
const std::vector<frame::Field>& FileReader::frame_schema() const { return impl_->schema.fields; }
const SchemaElement* FileReader::element_of(const std::vector<std::string>& frame_path) const {
  const std::vector<schema::AssemblyNode>* level = &impl_->schema.columns;
  const schema::AssemblyNode* node = nullptr;
  for (const std::string& name : frame_path) {
    node = nullptr;
    for (const schema::AssemblyNode& candidate : *level) {
      if (candidate.field.name == name) node = &candidate;
    }
    if (node == nullptr) return nullptr;
    level = &node->children;
  }
  return node ? node->element : nullptr;
}

int FileReader::num_row_groups() const { return static_cast<int>(impl_->metadata.row_groups.size()); }
int64_t FileReader::num_rows() const { return impl_->metadata.num_rows; }
const std::string& FileReader::name() const { return impl_->source->name(); }

std::map<std::string, std::string> FileReader::key_value_metadata() const {
  std::map<std::string, std::string> out;
  if (impl_->metadata.key_value_metadata) {
    for (const KeyValue& kv : *impl_->metadata.key_value_metadata) out[kv.key] = kv.value.value_or("");
  }
  return out;
}

std::optional<std::pair<int64_t, int64_t>> FileReader::int_column_range(int row_group, const std::string& column) const {
  impl_->check_row_group(row_group);
  return impl_->int_range(row_group, impl_->filter_leaf({column, std::nullopt, std::nullopt}));
}

std::vector<RowGroupDecision> FileReader::prune_row_groups(const IntRangeFilter& filter) const { return impl_->prune(filter); }

frame::Frame FileReader::read(const ReadOptions& options) const {
  const std::vector<size_t> columns = impl_->projection(options);
  std::vector<frame::Frame> frames;
  for (int g : impl_->selected_row_groups(options)) frames.push_back(impl_->read_group(g, columns, options));
  if (frames.empty()) return impl_->empty_frame(columns);
  if (frames.size() == 1) return std::move(frames[0]);
  try {
    return frame::concat(frames);
  } catch (const frame::FrameError& e) {
    throw ParquetError::at(impl_->where(), e.what());
  }
}

frame::Frame FileReader::read_row_group(int row_group, const ReadOptions& options) const {
  impl_->check_row_group(row_group);
  const std::vector<size_t> columns = impl_->projection(options);
  return impl_->read_group(row_group, columns, options);
}

}  // namespace crv::parquet
