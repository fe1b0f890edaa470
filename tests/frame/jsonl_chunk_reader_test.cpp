// read_jsonl_chunks and read_jsonl_file_chunks: the frames, concatenated, are read_jsonl's
// frame, for frame sizes that cut the input everywhere and read buffers that split lines
// across reads; errors name the input's line; a consumer's exception stops the parsing thread.

#include <crv/frame/error.hpp>
#include <crv/frame/jsonl_chunk_reader.hpp>
#include <crv/frame/jsonl_file_reader.hpp>
#include <crv/frame/jsonl_reader.hpp>
#include <crv/frame/kernels.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace crv::frame {
namespace {

using ::testing::HasSubstr;

/// `rows` lines of varying length, a blank line now and then, the last without its newline.
std::string jsonl_text(int rows) {
  std::string text;
  for (int row = 0; row < rows; ++row) {
    text += "{\"tick\":" + std::to_string(row) + ",\"name\":\"" + std::string(static_cast<std::size_t>(row % 13), 'x') +
            "\",\"w\":" + std::to_string(row) + ".5}";
    if (row + 1 < rows) text += row % 17 == 5 ? "\n\n" : "\n";
  }
  return text;
}

const JsonlSchema kHints{{{"tick", int64(), true}, {"name", utf8(), true}, {"w", float64(), true}}};

std::vector<JsonlChunk> chunks_of(const std::string& text, std::size_t read_bytes, std::uint64_t frame_bytes) {
  std::istringstream input(text);
  JsonlReadOptions options;
  options.chunk_bytes = read_bytes;
  std::vector<JsonlChunk> chunks;
  read_jsonl_chunks(
      input, [&chunks](JsonlChunk chunk) { chunks.push_back(std::move(chunk)); }, kHints, options, frame_bytes);
  return chunks;
}

Frame whole(const std::string& text) {
  std::istringstream input(text);
  return read_jsonl(input, kHints);
}

Frame joined(const std::vector<JsonlChunk>& chunks) {
  std::vector<Frame> frames;
  for (const JsonlChunk& chunk : chunks) frames.push_back(chunk.frame);
  return concat(frames);
}

class TempFile {
 public:
  explicit TempFile(const std::string& text)
      : path_(std::filesystem::temp_directory_path() /
              ("crv_chunks_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++) + ".jsonl")) {
    std::ofstream(path_, std::ios::binary) << text;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST(JsonlChunkReader, FramesConcatenateToTheWholeReadAtEverySize) {
  const std::string text = jsonl_text(200);
  const Frame expected = whole(text);
  for (const std::size_t read_bytes : {std::size_t{1}, std::size_t{3}, std::size_t{64}, std::size_t{1} << 20}) {
    for (const std::uint64_t frame_bytes :
         {std::uint64_t{1}, std::uint64_t{7}, std::uint64_t{100}, std::uint64_t{1000}, kDefaultJsonlFrameBytes}) {
      SCOPED_TRACE("read " + std::to_string(read_bytes) + " frame " + std::to_string(frame_bytes));
      const std::vector<JsonlChunk> chunks = chunks_of(text, read_bytes, frame_bytes);
      ASSERT_FALSE(chunks.empty());
      EXPECT_TRUE(equals(joined(chunks), expected));
      std::int64_t next_line = 1;
      for (const JsonlChunk& chunk : chunks) {
        EXPECT_GT(chunk.frame.num_rows(), 0);
        EXPECT_GE(chunk.first_line, next_line);  // blank lines are skipped, never shared
        EXPECT_GE(chunk.last_line, chunk.first_line);
        next_line = chunk.last_line + 1;
      }
      EXPECT_EQ(chunks.back().end_offset, text.size());
      if (frame_bytes == kDefaultJsonlFrameBytes) {
        EXPECT_EQ(chunks.size(), 1u);
      }
      if (frame_bytes == 1) {
        EXPECT_EQ(static_cast<std::int64_t>(chunks.size()), expected.num_rows());
      }
    }
  }
}

TEST(JsonlChunkReader, AnInputWithoutRowsGivesNoFrame) {
  EXPECT_TRUE(chunks_of("", 16, 10).empty());
  EXPECT_TRUE(chunks_of("\n \n\t\n", 16, 1).empty());
}

TEST(JsonlChunkReader, AnErrorNamesTheInputsLineAfterTheEarlierFrames) {
  const std::string text = jsonl_text(50) + "\n{\"tick\": oops}\n";
  std::istringstream input(text);
  int delivered = 0;
  try {
    read_jsonl_chunks(
        input, [&delivered](JsonlChunk) { ++delivered; }, kHints, {}, 100);
    FAIL() << "no error";
  } catch (const FrameError& error) {
    EXPECT_THAT(error.what(), HasSubstr("line 54"));  // 50 rows, three blank lines
  }
  EXPECT_GT(delivered, 5);
}

TEST(JsonlChunkReader, AFileIsReadOnAThreadInTheSameFrames) {
  const std::string text = jsonl_text(300);
  const TempFile file(text);
  for (const std::uint64_t frame_bytes : {std::uint64_t{1}, std::uint64_t{500}, kDefaultJsonlFrameBytes}) {
    std::vector<JsonlChunk> chunks;
    std::uint64_t progressed = 0;
    JsonlReadOptions options;
    options.chunk_bytes = 64;
    options.on_progress = [&progressed](std::uint64_t consumed, std::uint64_t total) {
      EXPECT_LE(consumed, total);
      progressed = consumed;
    };
    read_jsonl_file_chunks(
        file.path(), [&chunks](JsonlChunk chunk) { chunks.push_back(std::move(chunk)); }, kHints, options, frame_bytes);
    const std::vector<JsonlChunk> sequential = chunks_of(text, 64, frame_bytes);
    ASSERT_EQ(chunks.size(), sequential.size());
    for (std::size_t k = 0; k < chunks.size(); ++k) {
      EXPECT_TRUE(equals(chunks[k].frame, sequential[k].frame));
      EXPECT_EQ(chunks[k].first_line, sequential[k].first_line);
      EXPECT_EQ(chunks[k].last_line, sequential[k].last_line);
      EXPECT_EQ(chunks[k].end_offset, sequential[k].end_offset);
    }
    EXPECT_EQ(progressed, text.size());
  }
}

// The frames are parsed on several threads (one per segment in turn): an error in a frame
// other than the first still names the file's line, counted over the frames before it, and
// the frames before it are handed out first.
TEST(JsonlChunkReader, AFilesErrorInAMiddleFrameNamesTheFilesLine) {
  const std::string text = jsonl_text(100) + "\n\n{\"tick\": [}\n" + jsonl_text(100);
  const TempFile file(text);
  for (const std::uint64_t frame_bytes : {std::uint64_t{1}, std::uint64_t{150}, std::uint64_t{700}}) {
    std::int64_t last_line = 0;
    try {
      read_jsonl_file_chunks(
          file.path(), [&last_line](JsonlChunk chunk) { last_line = chunk.last_line; }, kHints, {}, frame_bytes);
      FAIL() << "no error";
    } catch (const FrameError& error) {
      EXPECT_THAT(error.what(), HasSubstr("line 108")) << frame_bytes;  // 100 rows, six blank lines, one more
    }
    EXPECT_GT(last_line, 90) << frame_bytes;
    EXPECT_LT(last_line, 108) << frame_bytes;
  }
}

TEST(JsonlChunkReader, AFileSmallerThanOneFrameIsOneFrame) {
  const std::string text = jsonl_text(20);
  const TempFile file(text);
  std::vector<JsonlChunk> chunks;
  read_jsonl_file_chunks(
      file.path(), [&chunks](JsonlChunk chunk) { chunks.push_back(std::move(chunk)); }, kHints);
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_TRUE(equals(chunks.front().frame, read_jsonl_file(file.path(), kHints)));
  EXPECT_EQ(chunks.front().first_line, 1);
}

TEST(JsonlChunkReader, AFilesErrorInItsLastFrameComesAfterTheOthers) {
  const TempFile file(jsonl_text(100) + "\n{\"tick\":1,\"tick\":2}\n");
  int delivered = 0;
  try {
    read_jsonl_file_chunks(
        file.path(), [&delivered](JsonlChunk) { ++delivered; }, kHints, {}, 200);
    FAIL() << "no error";
  } catch (const FrameError& error) {
    EXPECT_THAT(error.what(), HasSubstr("line 107"));  // 100 rows, six blank lines
  }
  EXPECT_GT(delivered, 3);
}

TEST(JsonlChunkReader, AConsumersExceptionStopsTheRead) {
  const TempFile file(jsonl_text(2000));
  int delivered = 0;
  EXPECT_THROW(read_jsonl_file_chunks(
                   file.path(),
                   [&delivered](JsonlChunk) {
                     if (++delivered == 2) throw std::runtime_error("stop");
                   },
                   kHints, {}, 100),
               std::runtime_error);
  EXPECT_EQ(delivered, 2);
}

}  // namespace
}  // namespace crv::frame
