// FileReader: footer -> schema -> row groups -> column chunks -> record assembly.

#include <fmt/format.h>
#include "crv/parquet/reader.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "crv/core/parallel_tasks.hpp"
#include "crv/frame/error.hpp"
#include "crv/frame/kernels.hpp"
#include "parquet/reader/column_reader.hpp"
#include "parquet/reader/file_reader_impl.hpp"
#include "parquet/reader/footer.hpp"
#include "parquet/reader/page_index.hpp"
#include "parquet/reader/record_assembly.hpp"
#include "parquet/reader/statistics_range.hpp"
#include "parquet/reader/value_conversion.hpp"

namespace crv::parquet {

using reader::LeafData;
using reader::RowRanges;

FileReader::Impl::Impl(std::shared_ptr<RandomAccessSource> src, const OpenOptions& options) : source(std::move(src)) {
  reader::Footer footer = reader::read_footer(*source);
  metadata = std::move(footer.metadata);
  data_end = footer.data_end;
  schema = schema::map_schema(metadata.schema, source->name(), options);
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
  if (node.kind != schema::AssemblyNode::Kind::kLeaf ||
      !reader::is_integer_leaf(schema.leaves[static_cast<size_t>(node.leaf)])) {
    throw ParquetError::at(where(), "filter column '" + filter.column + "' is not a top-level integer column");
  }
  return schema.leaves[static_cast<size_t>(node.leaf)];
}

std::optional<reader::IntRange> FileReader::Impl::int_range(int row_group, const schema::FileLeaf& leaf) const {
  const ColumnMetaData& meta =
      *metadata.row_groups[static_cast<size_t>(row_group)].columns[static_cast<size_t>(leaf.index)].meta_data;
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
  const std::string wanted = fmt::format("[{}, {}]", bound(filter.min), bound(filter.max));
  std::vector<RowGroupDecision> decisions;
  for (int g = 0; g < static_cast<int>(metadata.row_groups.size()); ++g) {
    RowGroupDecision d{.row_group = g, .kept = true, .reason = "", .pages = std::nullopt};
    const auto range = int_range(g, leaf);
    if (!range) {
      d.reason = "kept: no statistics for '" + filter.column + "'";
    } else {
      const std::string have = fmt::format("[{}, {}]", range->first, range->second);
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
  // Row groups chosen by the caller were pruned by the caller (a scan plan decides them
  // once, with the reasons it reports); the filter then only skips pages and rows.
  if (!options.filter || !options.row_groups.empty()) return groups;
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

std::optional<reader::PageSelection> FileReader::Impl::select_pages(int g, const IntRangeFilter& filter) const {
  const schema::FileLeaf& leaf = filter_leaf(filter);
  const RowGroup& rg = metadata.row_groups[static_cast<size_t>(g)];
  ErrorContext at = where(g);
  at.column_path = leaf.dotted_path;
  return reader::filter_pages(*source, rg.columns[static_cast<size_t>(leaf.index)], leaf, filter.min, filter.max,
                              rg.num_rows, data_end, at);
}

FileReader::Impl::GroupRead FileReader::Impl::plan_group(int g, const std::vector<size_t>& columns,
                                                         const ReadOptions& options) const {
  const RowGroup& rg = metadata.row_groups[static_cast<size_t>(g)];
  GroupRead group{this, &columns, g, std::nullopt, rg.num_rows};
  // Page pruning through the filter column's page index.
  if (options.filter && options.use_page_index) {
    if (auto pages = select_pages(g, *options.filter)) group.rows = std::move(pages->rows);
    if (group.rows && group.rows->row_count() == rg.num_rows) group.rows.reset();  // every page kept: whole chunks
    if (group.rows) group.num_rows = group.rows->row_count();
  }
  return group;
}

frame::Column FileReader::Impl::read_group_column(const GroupRead& group, size_t c) const {
  const RowGroup& rg = metadata.row_groups[static_cast<size_t>(group.row_group)];
  const ErrorContext group_where = where(group.row_group);
  const std::optional<RowRanges>& rows = group.rows;
  const schema::AssemblyNode& node = schema.columns[c];
  std::vector<LeafData> leaves(schema.leaves.size());
  for (int l = node.first_leaf; l < node.end_leaf; ++l) {
    const schema::FileLeaf& leaf = schema.leaves[static_cast<size_t>(l)];
    const ColumnChunk& chunk = rg.columns[static_cast<size_t>(l)];
    ErrorContext at = group_where;
    at.column_path = leaf.dotted_path;
    reader::ColumnReader chunk_reader(*source, leaf, chunk, data_end, at);
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
  return reader::assemble_column(node, schema.leaves, leaves, group_where);
}

void FileReader::Impl::append_group_column(const GroupRead& group, size_t c, reader::FlatColumnBuilder& out,
                                           reader::ChunkScratch& scratch) const {
  const RowGroup& rg = metadata.row_groups[static_cast<size_t>(group.row_group)];
  const schema::AssemblyNode& node = schema.columns[c];
  const schema::FileLeaf& leaf = schema.leaves[static_cast<size_t>(node.leaf)];
  ErrorContext at = where(group.row_group);
  at.column_path = leaf.dotted_path;
  reader::ColumnReader chunk_reader(*source, leaf, rg.columns[static_cast<size_t>(node.leaf)], data_end, at);
  chunk_reader.read_all_into(out, scratch);
}

namespace {

void check_column_rows(const ErrorContext& group_where, const std::string& column_path, int64_t rows,
                       int64_t expected) {
  if (rows == expected) return;
  ErrorContext at = group_where;
  at.column_path = column_path;
  throw ParquetError::at(at, "column has " + std::to_string(rows) + " rows, the row group " + std::to_string(expected));
}

}  // namespace

frame::Frame FileReader::Impl::read_groups(const std::vector<GroupRead>& groups,
                                           const std::vector<frame::Field>& fields, int threads,
                                           const ErrorContext& where) {
  int64_t total_rows = 0;
  for (const GroupRead& group : groups) total_rows += group.num_rows;
  std::vector<frame::Column> out(fields.size());
  core::run_tasks(fields.size(), threads > 0 ? threads : core::hardware_threads(), [&](size_t k) {
    std::vector<frame::Column> pieces;
    std::optional<reader::FlatColumnBuilder> builder;
    reader::ChunkScratch scratch;
    int64_t remaining = total_rows;
    for (const GroupRead& group : groups) {
      if (group.num_rows == 0) continue;
      const Impl& file = *group.file;
      const size_t c = (*group.columns)[k];
      const schema::AssemblyNode& node = file.schema.columns[c];
      const std::string& path = file.schema.leaves[static_cast<size_t>(node.first_leaf)].dotted_path;
      const bool flat = !group.rows && node.kind == schema::AssemblyNode::Kind::kLeaf &&
                        reader::FlatColumnBuilder::supports(node, file.schema.leaves[static_cast<size_t>(node.leaf)]);
      if (flat) {
        if (!builder) {
          builder.emplace(fields[k].type);
          builder->reserve(remaining);
        }
        const int64_t before = builder->length();
        file.append_group_column(group, c, *builder, scratch);
        check_column_rows(file.where(group.row_group), path, builder->length() - before, group.num_rows);
      } else {
        if (builder && builder->length() > 0) {
          pieces.push_back(builder->finish());
          builder->reserve(remaining);
        }
        frame::Column column = file.read_group_column(group, c);
        check_column_rows(file.where(group.row_group), path, column.length(), group.num_rows);
        pieces.push_back(std::move(column));
      }
      remaining -= group.num_rows;
    }
    if (builder && builder->length() > 0) pieces.push_back(builder->finish());
    if (pieces.empty()) {
      out[k] = frame::Column::nulls(fields[k].type, 0);
    } else if (pieces.size() == 1) {
      out[k] = std::move(pieces.front());
    } else {
      try {
        out[k] = frame::concat(pieces);
      } catch (const frame::FrameError& e) {
        throw ParquetError::at(where, e.what());
      }
    }
  });
  try {
    return frame::Frame::make(fields, std::move(out));
  } catch (const frame::FrameError& e) {
    throw ParquetError::at(where, e.what());
  }
}

// ---- FileReader ----------------------------------------------------------------------

FileReader::FileReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FileReader::~FileReader() = default;

std::unique_ptr<FileReader> FileReader::open(std::shared_ptr<RandomAccessSource> source, const OpenOptions& options) {
  if (!source) throw ParquetError("FileReader::open: no source");
  return std::unique_ptr<FileReader>(new FileReader(std::make_unique<Impl>(std::move(source), options)));
}

std::unique_ptr<FileReader> FileReader::open(const std::filesystem::path& path, const OpenOptions& options) {
  return open(FileSource::open(path), options);
}

FileMetadataView FileReader::metadata() const { return FileMetadataView(&impl_->metadata); }
const SchemaNode& FileReader::schema_tree() const { return impl_->public_tree().root; }
const std::vector<frame::Field>& FileReader::frame_schema() const { return impl_->schema.fields; }
const SchemaNode* FileReader::node_of(const std::vector<std::string>& frame_path) const {
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
  if (node == nullptr) return nullptr;
  const reader::PublicSchemaTree& tree = impl_->public_tree();
  const auto found = tree.by_element.find(node->element);
  return found == tree.by_element.end() ? nullptr : found->second;
}

int FileReader::num_row_groups() const { return static_cast<int>(impl_->metadata.row_groups.size()); }
int64_t FileReader::num_rows() const { return impl_->metadata.num_rows; }
int64_t FileReader::num_rows(int row_group) const {
  impl_->check_row_group(row_group);
  return impl_->metadata.row_groups[static_cast<size_t>(row_group)].num_rows;
}
const std::string& FileReader::name() const { return impl_->source->name(); }

std::map<std::string, std::string> FileReader::key_value_metadata() const {
  std::map<std::string, std::string> out;
  if (impl_->metadata.key_value_metadata) {
    for (const KeyValue& kv : *impl_->metadata.key_value_metadata) out[kv.key] = kv.value.value_or("");
  }
  return out;
}

std::optional<std::pair<int64_t, int64_t>> FileReader::int_column_range(int row_group,
                                                                        const std::string& column) const {
  impl_->check_row_group(row_group);
  return impl_->int_range(row_group, impl_->filter_leaf({column, std::nullopt, std::nullopt}));
}

std::vector<RowGroupDecision> FileReader::prune_row_groups(const IntRangeFilter& filter) const {
  return impl_->prune(filter);
}

std::optional<PageDecision> FileReader::decide_pages(int row_group, const IntRangeFilter& filter) const {
  impl_->check_row_group(row_group);
  const auto pages = impl_->select_pages(row_group, filter);
  if (!pages) return std::nullopt;
  return PageDecision{.pages = pages->pages, .pages_kept = pages->pages_kept, .rows_kept = pages->rows.row_count()};
}

frame::Frame FileReader::read(const ReadOptions& options) const {
  return read_concatenated({FileRead{this, options}}, options.threads);
}

frame::Frame FileReader::read_row_group(int row_group, const ReadOptions& options) const {
  impl_->check_row_group(row_group);
  const std::vector<size_t> columns = impl_->projection(options);
  const std::vector<Impl::GroupRead> groups{impl_->plan_group(row_group, columns, options)};
  return Impl::read_groups(groups, impl_->projected_fields(columns), options.threads, impl_->where(row_group));
}

frame::Frame FileReader::read_concatenated(const std::vector<FileRead>& reads, int threads) {
  if (reads.empty()) throw ParquetError("read_concatenated: no files");
  std::vector<std::vector<size_t>> columns(reads.size());
  std::vector<frame::Field> fields;
  for (size_t i = 0; i < reads.size(); ++i) {
    if (reads[i].file == nullptr) throw ParquetError("read_concatenated: no file");
    const Impl& file = *reads[i].file->impl_;
    columns[i] = file.projection(reads[i].options);
    std::vector<frame::Field> file_fields = file.projected_fields(columns[i]);
    if (i == 0) {
      fields = std::move(file_fields);
      continue;
    }
    bool same = file_fields.size() == fields.size();
    for (size_t k = 0; same && k < fields.size(); ++k) {
      same = file_fields[k].name == fields[k].name && frame::type_equals(file_fields[k].type, fields[k].type);
    }
    if (!same) {
      throw ParquetError::at(
          file.where(), "the selected columns differ from those of '" + reads[0].file->name() + "' (names or types)");
    }
  }
  std::vector<Impl::GroupRead> groups;
  for (size_t i = 0; i < reads.size(); ++i) {
    const Impl& file = *reads[i].file->impl_;
    for (int g : file.selected_row_groups(reads[i].options)) {
      groups.push_back(file.plan_group(g, columns[i], reads[i].options));
    }
  }
  return Impl::read_groups(groups, fields, threads, reads[0].file->impl_->where());
}

}  // namespace crv::parquet
