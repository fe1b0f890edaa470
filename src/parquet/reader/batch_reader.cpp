// FileReader::batches(): row group by row group, in slices of at most batch_size rows.

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "crv/parquet/reader.hpp"
#include "parquet/reader/file_reader_impl.hpp"

namespace crv::parquet {
namespace {

class RowGroupBatchReader final : public BatchReader {
 public:
  RowGroupBatchReader(const FileReader& reader, ReadOptions options, std::vector<int> groups)
      : reader_(reader), options_(std::move(options)), groups_(std::move(groups)) {
    if (options_.batch_size <= 0) throw ParquetError::at({.file = reader.name()}, "batch_size must be positive");
  }

  std::optional<frame::Frame> next() override {
    while (!current_ || offset_ >= current_->num_rows()) {
      if (next_group_ >= groups_.size()) return std::nullopt;
      current_ = reader_.read_row_group(groups_[next_group_++], options_);
      offset_ = 0;
    }
    const int64_t length = std::min(options_.batch_size, current_->num_rows() - offset_);
    frame::Frame batch = current_->slice(offset_, length);
    offset_ += length;
    return batch;
  }

 private:
  const FileReader& reader_;
  ReadOptions options_;
  std::vector<int> groups_;
  size_t next_group_ = 0;
  std::optional<frame::Frame> current_;
  int64_t offset_ = 0;
};

}  // namespace

std::unique_ptr<BatchReader> FileReader::batches(const ReadOptions& options) const {
  (void)impl_->projection(options);  // unknown column names fail here, not at the first next()
  return std::make_unique<RowGroupBatchReader>(*this, options, impl_->selected_row_groups(options));
}

}  // namespace crv::parquet
