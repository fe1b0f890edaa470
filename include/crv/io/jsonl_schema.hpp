#pragma once
/// @file
/// How a table's JSONL input is read: its descriptor's scalar columns as typed hints.

#include "crv/export.hpp"
#include "crv/frame/jsonl_reader.hpp"
#include "crv/io/table_ref.hpp"

namespace crv::io {

/// The JSONL schema of a table's input (crv/frame/jsonl_reader.hpp): every key of the
/// input a column, the descriptor's i64, f64 and str columns built in their types as they
/// are read, struct and list[struct] columns and keys the descriptor lacks inferred. The
/// frame is what inference gives once the append's validation has cast it (a value that
/// does not cast leaves its column inferred, so validation reports it as before).
CRV_IO_EXPORT frame::JsonlSchema jsonl_schema(TableRef table);

}  // namespace crv::io
