#include <gtest/gtest.h>

#include "crv/frame/arrow_c_stream.hpp"
#include "crv/frame/kernels.hpp"
#include "crv/io/dataset.hpp"
#include "crv/io/scan_stream.hpp"
#include "io/dataset_test_support.hpp"

namespace crv::io {
namespace {

using testing::edges_at;
using testing::int_values;
using testing::TempRoot;

constexpr auto kEdges = core::TableName::IdentityEdges;

TEST(ScanStream, StreamsTheScansBatchesAndEqualsCollect) {
  TempRoot root;
  IoSettings settings = root.settings();
  settings.row_group_size = 16;
  Dataset dataset(settings, "run_stream");
  std::vector<std::int64_t> ticks;
  for (std::int64_t tick = 0; tick < 300; ++tick) ticks.push_back(tick);
  dataset.append(kEdges, edges_at(ticks));

  const Scan scan = dataset.scan(kEdges, Where{20, 279});
  ArrowArrayStream stream;
  export_scan_stream(scan, &stream);
  frame::ArrowStreamReader reader(&stream);
  EXPECT_EQ(reader.schema().front().name, "bucket");
  std::vector<frame::Frame> batches;
  while (auto batch = reader.next()) batches.push_back(*batch);
  EXPECT_GE(batches.size(), 3u);  // one part per bucket at least
  EXPECT_TRUE(frame::concat(batches).equals(scan.collect()));
}

TEST(ScanStream, AnEmptyTableStreamsNoBatchWithTheDescriptorColumns) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_stream_empty");
  ArrowArrayStream stream;
  export_scan_stream(dataset.scan(kEdges), &stream);
  const frame::Frame all = frame::import_stream(&stream);
  EXPECT_EQ(all.num_rows(), 0);
  EXPECT_EQ(all.names(), dataset.read(kEdges).names());
}

TEST(ScanStream, InlineRowsAndSelectionStream) {
  TempRoot root;
  Dataset dataset(root.streaming_settings(), "run_stream_inline");
  dataset.append(kEdges, edges_at({1, 2, 150}));
  ArrowArrayStream stream;
  export_scan_stream(dataset.scan(kEdges).select({"tick"}), &stream);
  const frame::Frame all = frame::import_stream(&stream);
  EXPECT_EQ(int_values(all.column("tick")), (std::vector<std::int64_t>{1, 2, 150}));
}

}  // namespace
}  // namespace crv::io
