// Scan::batches(): the kept parts read batch by batch, with one output schema.

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include "crv/io/scan.hpp"
#include "scan_plan.hpp"

namespace crv::io {

class ScanBatchReader::Impl {
 public:
  Impl(std::shared_ptr<const ScanInput> input, Where where, std::vector<std::string> columns,
       std::optional<std::int64_t> limit)
      : input_(std::move(input)), where_(where), columns_(std::move(columns)), remaining_(limit.value_or(-1)) {
    const ScanExplanation plan = detail::plan_parts(*input_, where_);
    std::vector<std::pair<std::string, std::vector<frame::Field>>> schemas;
    for (const PartDecision& part : plan.parts) {
      if (!part.kept) continue;
      auto reader = detail::open_part(*input_, part);
      schemas.emplace_back(part.relative_path, reader->frame_schema());
      // The first parts stay open, so that their footers are read only once.
      opened_.push_back(opened_.size() < kPartsKeptOpen ? std::move(reader) : nullptr);
      parts_.push_back(part);
    }
    schema_ = detail::output_schema(input_->table, schemas, columns_);
  }

  std::optional<frame::Frame> next() {
    while (remaining_ != 0) {
      if (!batches_ && !open_next_part()) return std::nullopt;
      std::optional<frame::Frame> batch = batches_->next();
      if (!batch) {
        batches_.reset();
        reader_.reset();
        continue;
      }
      frame::Frame rows = detail::filter_ticks(*batch, where_);
      if (remaining_ >= 0 && rows.num_rows() > remaining_) rows = rows.slice(0, remaining_);
      if (rows.num_rows() == 0) continue;
      if (remaining_ >= 0) remaining_ -= rows.num_rows();
      return detail::conform(rows, schema_);
    }
    return std::nullopt;
  }

  const std::vector<frame::Field>& schema() const { return schema_; }

 private:
  bool open_next_part() {
    while (next_part_ < parts_.size()) {
      const std::size_t index = next_part_++;
      auto reader = opened_[index] ? std::move(opened_[index]) : detail::open_part(*input_, parts_[index]);
      std::vector<int> groups = detail::kept_row_groups(detail::decide_row_groups(*reader, where_));
      if (groups.empty()) continue;
      reader_ = std::move(reader);
      batches_ = reader_->batches(detail::part_read_options(*reader_, where_, columns_, std::move(groups)));
      return true;
    }
    return false;
  }

  std::shared_ptr<const ScanInput> input_;
  Where where_;
  std::vector<std::string> columns_;
  std::int64_t remaining_;
  // Parts opened by the constructor and kept open for reading (at most kPartsKeptOpen).
  static constexpr std::size_t kPartsKeptOpen = 64;
  std::vector<PartDecision> parts_;
  std::vector<std::unique_ptr<parquet::FileReader>> opened_;
  std::vector<frame::Field> schema_;
  std::size_t next_part_ = 0;
  std::unique_ptr<parquet::FileReader> reader_;
  std::unique_ptr<parquet::BatchReader> batches_;  // reads from reader_: declared after it
};

ScanBatchReader::ScanBatchReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ScanBatchReader::ScanBatchReader(ScanBatchReader&&) noexcept = default;
ScanBatchReader& ScanBatchReader::operator=(ScanBatchReader&&) noexcept = default;
ScanBatchReader::~ScanBatchReader() = default;

std::optional<frame::Frame> ScanBatchReader::next() { return impl_->next(); }
const std::vector<frame::Field>& ScanBatchReader::schema() const { return impl_->schema(); }

ScanBatchReader Scan::batches() const {
  return ScanBatchReader(std::make_unique<ScanBatchReader::Impl>(input_, where_, columns_, limit_));
}

}  // namespace crv::io
