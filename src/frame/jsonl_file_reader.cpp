#include <crv/frame/error.hpp>
#include <crv/frame/jsonl_file_reader.hpp>
#include <crv/frame/kernels.hpp>

#include <atomic>
#include <cstring>
#include <exception>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "frame/jsonl_range.hpp"
#include "frame/jsonl_segments.hpp"

namespace crv::frame {
namespace {

constexpr std::uint64_t kParallelMinBytes = std::uint64_t{1} << 20;

std::ifstream open_input(const std::filesystem::path& path) {
  std::ifstream input(path, std::ios::binary);
  if (!input) throw std::runtime_error("cannot open '" + path.string() + "': " + std::strerror(errno));
  return input;
}

/// Where the line holding byte `from` of the file ends (jsonl_segments.hpp).
std::uint64_t line_end_at(const std::filesystem::path& path, std::uint64_t from, std::uint64_t size) {
  std::ifstream input = open_input(path);
  return detail::jsonl_line_end(input, size, from);
}

/// The two halves' columns joined, or nullopt when a column's types differ (only a sequential
/// read then says what the whole file's column is).
std::optional<Frame> join(const Frame& first, const Frame& second) {
  std::vector<Field> fields;
  std::vector<Column> columns;
  const auto add = [&](const Field& field, const std::optional<Column>& a, const std::optional<Column>& b) {
    fields.push_back(field);
    columns.push_back(concat(
        {a ? *a : Column::nulls(field.type, first.num_rows()), b ? *b : Column::nulls(field.type, second.num_rows())}));
  };
  for (size_t c = 0; c < first.num_columns(); ++c) {
    const Field& field = first.schema()[c];
    if (!second.has_column(field.name)) {
      add(field, first.column(c), std::nullopt);
      continue;
    }
    const Column& other = second.column(field.name);
    if (!other.type()->equals(*field.type)) return std::nullopt;
    add(field, first.column(c), other);
  }
  for (size_t c = 0; c < second.num_columns(); ++c) {
    const Field& field = second.schema()[c];
    if (!first.has_column(field.name)) add(field, std::nullopt, second.column(c));
  }
  return Frame::make(std::move(fields), std::move(columns));
}

}  // namespace

Frame read_jsonl_file(const std::filesystem::path& path, const JsonlSchema& schema, JsonlReadOptions options) {
  std::error_code error;
  const std::uint64_t size = std::filesystem::file_size(path, error);
  options.total_bytes = error ? 0 : size;
  const std::uint64_t split = error || size < kParallelMinBytes ? 0 : line_end_at(path, size / 2, size);
  if (split == 0 || split >= size) {
    std::ifstream input = open_input(path);
    return read_jsonl(input, schema, options);
  }
  // The second half on a thread of its own, reporting its progress to the first, which
  // alone calls on_progress (on the caller's thread).
  std::atomic<std::uint64_t> second_consumed{0};
  std::optional<Frame> second;
  std::exception_ptr second_error;
  std::thread reader([&] {
    try {
      std::ifstream input = open_input(path);
      input.seekg(static_cast<std::streamoff>(split));
      JsonlReadOptions half = options;
      half.total_bytes = size - split;
      half.on_progress = [&](std::uint64_t consumed, std::uint64_t) { second_consumed = consumed; };
      second = detail::read_jsonl_range(input, UINT64_MAX, schema, half);
    } catch (...) {
      second_error = std::current_exception();
    }
  });
  std::optional<Frame> first;
  try {
    std::ifstream input = open_input(path);
    JsonlReadOptions half = options;
    half.total_bytes = split;
    if (options.on_progress) {
      half.on_progress = [&](std::uint64_t consumed, std::uint64_t) {
        options.on_progress(consumed + second_consumed, options.total_bytes);
      };
    }
    first = detail::read_jsonl_range(input, split, schema, half);
  } catch (...) {
    // Read again below, for the error of the whole file (with its line numbers); the thread
    // is joined first.
    first.reset();
  }
  reader.join();
  if (first && second && !second_error) {
    if (std::optional<Frame> joined = join(*first, *second)) {
      if (options.on_progress) options.on_progress(size, options.total_bytes);
      return std::move(*joined);
    }
  }
  first.reset();
  second.reset();
  std::ifstream input = open_input(path);
  return read_jsonl(input, schema, options);
}

}  // namespace crv::frame
