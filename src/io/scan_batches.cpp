// Scan::batches(): the kept parts read batch by batch, with one output schema.

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include "crv/io/scan.hpp"
#include "scan_output.hpp"
#include "scan_plan.hpp"

namespace crv::io {

class ScanBatchReader::Impl {
 public:
  explicit Impl(detail::ScanPlan plan) : plan_(std::move(plan)), remaining_(plan_.limit().value_or(-1)) {
    // The output schema is known before the first batch: every kept part's footer is read
    // now, and the first parts stay open so that their footers are read only once.
    std::vector<std::pair<std::string, std::vector<frame::Field>>> schemas;
    for (std::size_t k = 0; k < plan_.kept_parts(); ++k) {
      detail::OpenedPart part = plan_.open(k);
      schemas.emplace_back(part.part->relative_path, part.reader->frame_schema());
      opened_.push_back(k < kPartsKeptOpen ? std::move(part) : detail::OpenedPart{});
    }
    schema_ = detail::output_schema(plan_.input().table, schemas, plan_.selection());
  }

  std::optional<frame::Frame> next() {
    while (remaining_ != 0) {
      if (!batches_ && !open_next_part()) return std::nullopt;
      std::optional<frame::Frame> batch = batches_->next();
      if (!batch) {
        batches_.reset();
        part_ = {};
        continue;
      }
      frame::Frame rows = detail::filter_ticks(*batch, plan_.where());
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
    while (next_part_ < plan_.kept_parts()) {
      const std::size_t k = next_part_++;
      detail::OpenedPart part = opened_[k].reader ? std::move(opened_[k]) : plan_.open(k);
      if (!part.has_rows()) continue;
      part_ = std::move(part);
      batches_ = part_.reader->batches(part_.options);
      return true;
    }
    return false;
  }

  detail::ScanPlan plan_;
  std::int64_t remaining_;
  // Parts opened by the constructor and kept open for reading (at most kPartsKeptOpen).
  static constexpr std::size_t kPartsKeptOpen = 64;
  std::vector<detail::OpenedPart> opened_;
  std::vector<frame::Field> schema_;
  std::size_t next_part_ = 0;
  detail::OpenedPart part_;
  std::unique_ptr<parquet::BatchReader> batches_;  // reads from part_.reader: declared after it
};

ScanBatchReader::ScanBatchReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ScanBatchReader::ScanBatchReader(ScanBatchReader&&) noexcept = default;
ScanBatchReader& ScanBatchReader::operator=(ScanBatchReader&&) noexcept = default;
ScanBatchReader::~ScanBatchReader() = default;

std::optional<frame::Frame> ScanBatchReader::next() { return impl_->next(); }
const std::vector<frame::Field>& ScanBatchReader::schema() const { return impl_->schema(); }

ScanBatchReader Scan::batches() const {
  return ScanBatchReader(std::make_unique<ScanBatchReader::Impl>(detail::ScanPlan(input_, where_, columns_, limit_)));
}

}  // namespace crv::io
