#pragma once
/// @file
/// UTF-8 validation of string columns: Parquet's STRING and Arrow's utf8 promise UTF-8, and
/// Polars refuses a file whose strings are not ("String data contained invalid UTF-8"), so
/// crv-io checks every str value as it comes in.

#include <crv/export.hpp>
#include <crv/frame/column.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crv::frame {

/// Whether `bytes` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
/// past U+10FFFF, no sequence cut short). A shift-based DFA (one table load and one shift a
/// byte, no branch on the byte) behind a fast path that skips ASCII 16 bytes at a time.
CRV_IO_EXPORT bool is_valid_utf8(std::string_view bytes);

/// Where a UTF-8 check failed: the byte of the first ill-formed sequence (bytes.size() when
/// the text ends inside a sequence), or nullopt when `bytes` is valid.
CRV_IO_EXPORT std::optional<size_t> first_invalid_utf8_byte(std::string_view bytes);

/// A value that is not UTF-8, found by find_invalid_utf8.
struct CRV_IO_EXPORT InvalidUtf8 {
  int64_t row = 0;   ///< the row of the column searched (a list's row, not its item's)
  std::string path;  ///< where in the row: "" for a string column, ".note", "[].text"...
};

/// The first row of `column` holding a utf8 value (in the column itself or, for structs and
/// lists, at any depth) that is not UTF-8, or nullopt. Values under a null (the row's, or a
/// parent struct's or list's) are not stored and not looked at. Binary columns are not
/// checked. Each value is checked once: the column's bytes in one pass, then the value
/// boundaries; only when that fails are the values checked one by one to find the row.
CRV_IO_EXPORT std::optional<InvalidUtf8> find_invalid_utf8(const Column& column);

}  // namespace crv::frame
