// export_scan_stream: Scan::batches through the Arrow C Stream Interface.

#include "crv/io/scan_stream.hpp"

#include "crv/frame/conform.hpp"

#include <memory>
#include <optional>

namespace crv::io {

void export_scan_stream(const Scan& scan, ArrowArrayStream* out) {
  auto reader = std::make_shared<ScanBatchReader>(scan.batches());
  std::vector<frame::Field> schema = reader->schema();
  frame::export_stream(
      std::move(schema), [reader]() -> std::optional<frame::Frame> { return reader->next(); }, out);
}

void export_scan_stream(const Scan& scan, const std::vector<frame::Field>& requested, ArrowArrayStream* out) {
  auto reader = std::make_shared<ScanBatchReader>(scan.batches());
  std::vector<frame::Field> schema = frame::conformed_schema(reader->schema(), requested);
  frame::export_stream(
      std::move(schema),
      [reader, requested]() -> std::optional<frame::Frame> {
        std::optional<frame::Frame> batch = reader->next();
        if (!batch) return std::nullopt;
        return frame::conform(*batch, requested);
      },
      out);
}

}  // namespace crv::io
