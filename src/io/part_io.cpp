#include "io/part_io.hpp"

#include "crv/io/parquet_file.hpp"

#include <exception>
#include <string>
#include <vector>

#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "io/append_part_steps.hpp"

namespace crv::io {

EnvRandomAccessSource::EnvRandomAccessSource(std::unique_ptr<RandomAccessFile> file)
    : file_(std::move(file)), name_(file_->path().string()) {}

std::int64_t EnvRandomAccessSource::size() const { return static_cast<std::int64_t>(file_->size()); }

void EnvRandomAccessSource::read_at(std::int64_t offset, std::size_t size, std::uint8_t* out) const {
  if (offset < 0) throw IoArgumentError("negative read offset in '" + name_ + "'");
  file_->read_at(static_cast<std::uint64_t>(offset), size, reinterpret_cast<std::byte*>(out));
}

std::unique_ptr<parquet::FileReader> open_parquet_file(Env& env, const std::filesystem::path& path) {
  // A part this small is read whole, with one read: its footer and a chunk per column would
  // otherwise cost a dozen reads of a few kilobytes each, and a stream's sealed buckets are
  // hundreds of such files. Larger parts are read by range, so that a scan fetches only the
  // row groups and columns it keeps.
  constexpr std::uint64_t kReadWholeBytes = 128u << 10;
  std::unique_ptr<RandomAccessFile> file = env.new_random_access_file(path);
  const std::uint64_t size = file->size();
  if (size <= kReadWholeBytes) {
    std::vector<std::uint8_t> bytes(size);
    file->read_at(0, bytes.size(), reinterpret_cast<std::byte*>(bytes.data()));
    return parquet::FileReader::open(std::make_shared<parquet::MemorySource>(std::move(bytes), path.string()));
  }
  return parquet::FileReader::open(std::make_shared<EnvRandomAccessSource>(std::move(file)));
}

parquet::CompressionCodec compression_codec(std::string_view compression) {
  using parquet::CompressionCodec;
  if (compression == "zstd") return CompressionCodec::ZSTD;
  if (compression == "lz4" || compression == "lz4_raw") return CompressionCodec::LZ4_RAW;
  if (compression == "snappy") return CompressionCodec::SNAPPY;
  if (compression == "gzip") return CompressionCodec::GZIP;
  if (compression == "brotli") return CompressionCodec::BROTLI;
  if (compression == "uncompressed" || compression == "none") return CompressionCodec::UNCOMPRESSED;
  throw IoConfigError("unknown compression '" + std::string(compression) +
                      "' (expected zstd, lz4, snappy, gzip, brotli or uncompressed)");
}

parquet::WriterOptions writer_options(const IoSettings& settings) {
  parquet::WriterOptions options;
  options.compression = compression_codec(settings.compression);
  if (options.compression == parquet::CompressionCodec::ZSTD ||
      options.compression == parquet::CompressionCodec::GZIP ||
      options.compression == parquet::CompressionCodec::BROTLI) {
    options.compression_level = settings.compression_level;
  }
  options.row_group_size = settings.row_group_size;
  return options;
}

std::uint64_t write_parquet_file_atomically(Env& env, const std::filesystem::path& path, const frame::Frame& frame,
                                            const parquet::WriterOptions& options) {
  const std::uint64_t bytes = detail::write_and_rename_part(env, path, frame, options);
  detail::sync_part_directory(env, path);
  return bytes;
}

frame::Frame read_parquet_file(const std::filesystem::path& path, Env& env) {
  return open_parquet_file(env, path)->read();
}

}  // namespace crv::io
