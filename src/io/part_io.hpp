#pragma once
// Parquet files through the Env: adapters of Env files to the Parquet codec's sink and
// source, and the durable write of one Parquet file (tmp, fsync, rename, dir fsync).

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

#include "crv/export.hpp"
#include "crv/frame/frame.hpp"
#include "crv/io/env.hpp"
#include "crv/io/settings.hpp"
#include "crv/parquet/reader.hpp"
#include "crv/parquet/sink.hpp"
#include "crv/parquet/source.hpp"
#include "crv/parquet/writer.hpp"

namespace crv::io {

/// An OutputSink appending to an Env WritableFile (the caller owns the file).
class CRV_IO_EXPORT EnvOutputSink final : public parquet::OutputSink {
 public:
  explicit EnvOutputSink(WritableFile& file) : file_(file) {}
  void write(const void* data, std::size_t size) override { file_.append(data, size); }
  [[nodiscard]] std::int64_t position() const override { return static_cast<std::int64_t>(file_.position()); }

 private:
  WritableFile& file_;
};

/// A RandomAccessSource reading an Env RandomAccessFile.
class CRV_IO_EXPORT EnvRandomAccessSource final : public parquet::RandomAccessSource {
 public:
  explicit EnvRandomAccessSource(std::unique_ptr<RandomAccessFile> file);
  [[nodiscard]] std::int64_t size() const override;
  void read_at(std::int64_t offset, std::size_t size, std::uint8_t* out) const override;
  [[nodiscard]] const std::string& name() const override { return name_; }

 private:
  std::unique_ptr<RandomAccessFile> file_;
  std::string name_;
};

/// Opens a Parquet file through the Env (IoError when it cannot be opened, ParquetError
/// when its footer is invalid).
CRV_IO_EXPORT std::unique_ptr<parquet::FileReader> open_parquet_file(Env& env, const std::filesystem::path& path);

/// The Parquet codec named by IoSettings::compression ("lz4" is LZ4_RAW).
CRV_IO_EXPORT parquet::CompressionCodec compression_codec(std::string_view compression);

/// Writer options from the settings: codec, level and row-group size.
CRV_IO_EXPORT parquet::WriterOptions writer_options(const IoSettings& settings);

/// Writes `frame` to `path`.tmp through the Env, fsyncs it, renames it to `path` and
/// fsyncs the directory (which must exist). On failure the .tmp is removed and an
/// IoWriteError naming the file and the failed step is thrown; `path` is untouched.
/// Returns the size of the file in bytes.
CRV_IO_EXPORT std::uint64_t write_parquet_file_atomically(Env& env, const std::filesystem::path& path,
                                                          const frame::Frame& frame,
                                                          const parquet::WriterOptions& options);

}  // namespace crv::io
