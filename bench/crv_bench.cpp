// The crv-io side of the benchmark (../shared/bench/WORKLOADS.md): runs one workload in this
// process and prints one JSON line, as the peers (bench/peers/*.mjs) do.
//   crv_bench --workload W1 --n 1000000 --ticks 1000 [--repeat 3] [--dir TMPDIR]
//   W2: --ticks T --n T*R (T appends of R rows, one tick each)
//   W5: --appends 20000 --n 200000 [--window 1000] (appends of n / appends rows, one tick
//   each; the first and last --window appends are timed apart, and each append's latency
//   gives p50_append_seconds and p99_append_seconds)
//   W1, W2, W5 time the appends and the Dataset's close() after them (the seal of the
//   buckets still inline), with the default settings (inlining on).
//   W3, W4, W6: the W1 dataset of --n rows over --ticks ticks is written by a child process,
//   then read (W3: ticks [T/2, T/2 + 99]; W4: every row; W6: every row through batches()).
//   W7, W8, W9: see stream_workloads.hpp (W7 --write-to ROOT only writes the streamed table).
//   U8: see utf8_workload.hpp. W10: see jsonl_workload.hpp (--write-jsonl PATH only writes its input).
// Only the measured phase is timed; `seconds` is the median of --repeat runs. peak_rss_bytes
// is the process's peak (row generation included, as the peers report it);
// measured_peak_rss_bytes is the peak from the end of row generation on.

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iostream>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_support.hpp"
#include "benchmark_rows.hpp"
#include "crv/io/dataset.hpp"
#include "crv/io/scan.hpp"
#include "jsonl_workload.hpp"
#include "process_stats.hpp"
#include "stream_workloads.hpp"
#include "utf8_workload.hpp"

namespace crv::bench {
namespace {

std::int64_t parse_count(std::string_view name, const std::string& text) {
  std::size_t used = 0;
  std::int64_t value = 0;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception&) {
    usage_error("--" + std::string(name) + ": not an integer: '" + text + "'");
  }
  if (used != text.size() || value < 1)
    usage_error("--" + std::string(name) + ": expected an integer >= 1, got '" + text + "'");
  return value;
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int k = 1; k < argc; ++k) {
    const std::string_view flag = argv[k];
    if (k + 1 >= argc) usage_error(std::string(flag) + " needs a value");
    const std::string value = argv[++k];
    if (flag == "--workload") {
      options.workload = value;
    } else if (flag == "--n") {
      options.n = parse_count("n", value);
    } else if (flag == "--ticks") {
      options.ticks = parse_count("ticks", value);
    } else if (flag == "--appends") {
      options.appends = parse_count("appends", value);
    } else if (flag == "--window") {
      options.window = parse_count("window", value);
    } else if (flag == "--processes") {
      options.processes = parse_count("processes", value);
    } else if (flag == "--repeat") {
      options.repeat = static_cast<int>(parse_count("repeat", value));
    } else if (flag == "--dir") {
      options.dir = value;
    } else if (flag == "--write-to") {
      options.write_to = value;
    } else if (flag == "--write-jsonl") {
      options.write_jsonl = value;
    } else if (flag == "--crv-io") {
      options.crv_io = value;
    } else {
      usage_error("unknown option " + std::string(flag));
    }
  }
  if (options.workload.empty()) usage_error("--workload is required");
  if (options.write_to && options.workload != "W7") usage_error("--write-to is for W7 only");
  if ((options.write_jsonl || options.crv_io) && options.workload != "W10")
    usage_error("--write-jsonl and --crv-io are for W10 only");
  return options;
}

// W1, W2, W5: `frames` appended one by one into a fresh dataset, per repeat, then close():
// sealing the buckets still inline is part of the stream's cost (close_seconds apart; the
// Dataset's destructor would otherwise seal them untimed). The latencies, windows and CPU
// times are those of the last repeat.
Result run_appends(const Options& options, const std::vector<frame::Frame>& frames, bool per_append_windows) {
  Result result;
  std::vector<double> per_append(frames.size());
  for (int r = 0; r < options.repeat; ++r) {
    ScratchDir scratch(options.dir);
    io::Dataset dataset(bench_settings(scratch.path()), kRunId);
    const auto [user_start, system_start] = cpu_seconds();
    const double start = now_seconds();
    for (std::size_t j = 0; j < frames.size(); ++j) {
      const double append_start = now_seconds();
      dataset.append(kTable, frames[j]);
      per_append[j] = now_seconds() - append_start;
    }
    const double close_start = now_seconds();
    dataset.close();
    const double end = now_seconds();
    result.seconds.push_back(end - start);
    result.extra["close_seconds"] = end - close_start;
    const auto [user_end, system_end] = cpu_seconds();
    result.extra["cpu_user_seconds"] = user_end - user_start;
    result.extra["cpu_system_seconds"] = system_end - system_start;
    result.bytes_on_disk = bytes_on_disk(scratch.path());
    if (per_append_windows) {
      const auto window =
          static_cast<std::ptrdiff_t>(std::min(static_cast<std::size_t>(options.window), per_append.size()));
      result.extra["window_appends"] = window;
      result.extra["first_window_seconds"] = std::accumulate(per_append.begin(), per_append.begin() + window, 0.0);
      result.extra["last_window_seconds"] = std::accumulate(per_append.end() - window, per_append.end(), 0.0);
      result.extra["p50_append_seconds"] = quantile(per_append, 0.5);
      result.extra["p99_append_seconds"] = quantile(per_append, 0.99);
      result.extra["max_append_seconds"] = *std::max_element(per_append.begin(), per_append.end());
    }
  }
  return result;
}

// W3, W4, W6: reads of the W1 dataset (written by a child process), per repeat; `read`
// returns the number of rows it read, which must be `expected_rows`.
Result run_reads(const Options& options, std::int64_t expected_rows,
                 const std::function<std::int64_t(const io::Dataset&)>& read) {
  ScratchDir scratch(options.dir);
  const io::IoSettings settings = bench_settings(scratch.path());
  const std::int64_t rows_per_tick = options.n / options.ticks;
  run_in_child([&] {
    io::Dataset writer(settings, kRunId);
    writer.append(kTable, benchmark_rows(0, options.n, rows_per_tick));
  });
  Result result;
  result.bytes_on_disk = bytes_on_disk(scratch.path());
  io::Dataset dataset(settings, kRunId);
  for (int r = 0; r < options.repeat; ++r) {
    const double start = now_seconds();
    const std::int64_t rows = read(dataset);
    result.seconds.push_back(now_seconds() - start);
    if (rows != expected_rows) {
      throw std::runtime_error(options.workload + " read " + std::to_string(rows) + " rows, expected " +
                               std::to_string(expected_rows));
    }
    result.extra["rows"] = rows;
  }
  return result;
}

std::vector<frame::Frame> chunks(std::int64_t n, std::int64_t count, std::int64_t rows_per_tick) {
  std::vector<frame::Frame> frames;
  frames.reserve(static_cast<std::size_t>(count));
  const std::int64_t per = n / count;
  for (std::int64_t j = 0; j < count; ++j) frames.push_back(benchmark_rows(j * per, per, rows_per_tick));
  return frames;
}

nlohmann::json run(const Options& options) {
  const std::string& w = options.workload;
  const std::int64_t rows_per_tick = options.n / options.ticks;
  const bool one_tick_per_append = w == "W5" || w == "W7" || w == "W9";
  if (!one_tick_per_append && rows_per_tick < 1) usage_error("--n must be at least --ticks");
  nlohmann::json report = {{"engine", "crv-io"}, {"workload", w}, {"n", options.n}};
  Result result;
  std::int64_t generation_peak = 0;
  if (w == "W1" || w == "W2" || w == "W5") {
    const std::int64_t count = w == "W1" ? 1 : w == "W2" ? options.ticks : options.appends;
    if (count > options.n) usage_error("more appends than rows");
    const std::vector<frame::Frame> frames = chunks(options.n, count, w == "W5" ? options.n / count : rows_per_tick);
    std::int64_t input_bytes = 0;
    for (const frame::Frame& f : frames) input_bytes += frame_bytes(f);
    report["input_frame_bytes"] = input_bytes;
    generation_peak = peak_rss_bytes();
    reset_peak_rss();
    result = run_appends(options, frames, w == "W5");
  } else if (w == "W3") {
    const std::int64_t low = options.ticks / 2;
    const std::int64_t high = low + 99;
    const std::int64_t expected = (std::min(high, options.ticks - 1) - low + 1) * rows_per_tick;
    result = run_reads(options, expected, [&](const io::Dataset& dataset) {
      return dataset.read(kTable, io::Where{.tick_min = low, .tick_max = high}).num_rows();
    });
  } else if (w == "W4") {
    result = run_reads(options, options.n, [](const io::Dataset& dataset) { return dataset.read(kTable).num_rows(); });
  } else if (w == "W6") {
    std::int64_t largest_batch = 0;
    result = run_reads(options, options.n, [&](const io::Dataset& dataset) {
      io::ScanBatchReader reader = dataset.scan(kTable).batches();
      std::int64_t rows = 0;
      while (std::optional<frame::Frame> batch = reader.next()) {
        rows += batch->num_rows();
        largest_batch = std::max(largest_batch, batch->num_rows());
      }
      return rows;
    });
    report["largest_batch_rows"] = largest_batch;
  } else if (w == "W7") {
    result = run_read_after_stream(options);
  } else if (w == "W8") {
    result = run_tick_of_eight_tables(options);
  } else if (w == "W9") {
    result = run_many_writers(options);
  } else if (w == "U8") {
    result = run_utf8_validation(options);
  } else if (w == "W10") {
    result = run_jsonl_ingestion(options);
  } else {
    usage_error("unknown workload " + w);
  }
  // W5, W7, W9: one tick per append.
  report["ticks"] = w == "W9"             ? options.processes * options.appends
                    : one_tick_per_append ? options.appends
                                          : options.ticks;
  report["repeat"] = options.repeat;
  report["seconds"] = median(result.seconds);
  report["all_seconds"] = result.seconds;
  report["bytes_on_disk"] = result.bytes_on_disk;
  report.update(result.extra);
  const std::int64_t measured_peak = peak_rss_bytes();
  report["measured_peak_rss_bytes"] = measured_peak;
  report["peak_rss_bytes"] = std::max(generation_peak, measured_peak);
  // W10 times another process: its peak is the one that counts.
  if (w == "W10") report["peak_rss_bytes"] = result.extra["append_peak_rss_bytes"];
  return report;
}

}  // namespace
}  // namespace crv::bench

int main(int argc, char** argv) {
  try {
    const crv::bench::Options options = crv::bench::parse_options(argc, argv);
    if (options.write_to) {
      std::cout << crv::bench::write_stream_only(options, *options.write_to).dump() << std::endl;
      return 0;
    }
    if (options.write_jsonl) {
      crv::bench::write_benchmark_jsonl(options, *options.write_jsonl);
      return 0;
    }
    std::cout << crv::bench::run(options).dump() << std::endl;
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "crv_bench: " << error.what() << "\n";
    return 1;
  }
}
