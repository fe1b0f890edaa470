// export_scan_stream: Scan::batches through the Arrow C Stream Interface.

#include "crv/io/scan_stream.hpp"

#include <memory>
#include <optional>

namespace crv::io {

void export_scan_stream(const Scan& scan, ArrowArrayStream* out) {
  auto reader = std::make_shared<ScanBatchReader>(scan.batches());
  std::vector<frame::Field> schema = reader->schema();
  frame::export_stream(
      std::move(schema), [reader]() -> std::optional<frame::Frame> { return reader->next(); }, out);
}

}  // namespace crv::io
