#include "io/log/inline_rows_io.hpp"

#include <cstring>

#include "crv/parquet/error.hpp"
#include "crv/parquet/sink.hpp"
#include "crv/parquet/source.hpp"

namespace crv::io::detail {
namespace {

/// A sink appending to a std::string (the log record's payload keeps the bytes as they are).
class StringSink final : public parquet::OutputSink {
 public:
  explicit StringSink(std::string& out) : out_(out) {}
  void write(const void* data, std::size_t size) override { out_.append(static_cast<const char*>(data), size); }
  [[nodiscard]] std::int64_t position() const override { return static_cast<std::int64_t>(out_.size()); }

 private:
  std::string& out_;
};

/// Reads shared bytes without copying them.
class SharedBytesSource final : public parquet::RandomAccessSource {
 public:
  SharedBytesSource(std::shared_ptr<const std::string> bytes, std::string name)
      : bytes_(std::move(bytes)), name_(std::move(name)) {}
  [[nodiscard]] std::int64_t size() const override { return static_cast<std::int64_t>(bytes_->size()); }
  void read_at(std::int64_t offset, std::size_t size, std::uint8_t* out) const override {
    if (offset < 0 || static_cast<std::uint64_t>(offset) + size > bytes_->size()) {
      throw parquet::ParquetError("read of " + std::to_string(size) + " bytes at offset " + std::to_string(offset) +
                                  " is outside the " + std::to_string(bytes_->size()) + " bytes of " + name_);
    }
    std::memcpy(out, bytes_->data() + offset, size);
  }
  [[nodiscard]] const std::string& name() const override { return name_; }

 private:
  std::shared_ptr<const std::string> bytes_;
  std::string name_;
};

}  // namespace

std::shared_ptr<const std::string> encode_inline_rows(const frame::Frame& rows, const parquet::WriterOptions& options) {
  auto bytes = std::make_shared<std::string>();
  StringSink sink(*bytes);
  parquet::write_frame(rows, sink, options);
  return bytes;
}

std::unique_ptr<parquet::FileReader> open_inline_rows(std::shared_ptr<const std::string> bytes, std::string name) {
  return parquet::FileReader::open(std::make_shared<SharedBytesSource>(std::move(bytes), std::move(name)));
}

}  // namespace crv::io::detail
