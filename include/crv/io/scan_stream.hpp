#pragma once
/// @file
/// A scan as an Arrow C stream (ArrowArrayStream): its batches, read one at a time as the
/// consumer asks for them, in bounded memory (Scan::batches).

#include "crv/export.hpp"
#include "crv/frame/arrow_c_stream.hpp"
#include "crv/io/scan.hpp"

#include <vector>

namespace crv::io {

/// Opens the scan's batch reader (the parts are planned and their footers read now, so that
/// the schema is known: IoError / IoManifestError / ParquetError are thrown here) and
/// exports it as a stream whose get_next reads the next batch. The stream keeps what the
/// scan reads alive; the Env the scan was made with must outlive it.
CRV_IO_EXPORT void export_scan_stream(const Scan& scan, ArrowArrayStream* out);

/// The same stream with each batch given in the schema a consumer asked for (the Arrow
/// PyCapsule interface's requested_schema; see frame::conform): the schemas are checked now
/// (FrameError), each batch is cast as it is read (a value that does not convert exactly is
/// an error of get_next, never a null).
CRV_IO_EXPORT void export_scan_stream(const Scan& scan, const std::vector<frame::Field>& requested,
                                      ArrowArrayStream* out);

}  // namespace crv::io
