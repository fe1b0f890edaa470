#pragma once
/// @file
/// A scan as an Arrow C stream (ArrowArrayStream): its batches, read one at a time as the
/// consumer asks for them, in bounded memory (Scan::batches).

#include "crv/export.hpp"
#include "crv/frame/arrow_c_stream.hpp"
#include "crv/io/scan.hpp"

namespace crv::io {

/// Opens the scan's batch reader (the parts are planned and their footers read now, so that
/// the schema is known: IoError / IoManifestError / ParquetError are thrown here) and
/// exports it as a stream whose get_next reads the next batch. The stream keeps what the
/// scan reads alive; the Env the scan was made with must outlive it.
CRV_IO_EXPORT void export_scan_stream(const Scan& scan, ArrowArrayStream* out);

}  // namespace crv::io
