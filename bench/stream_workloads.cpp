#include "stream_workloads.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "benchmark_rows.hpp"
#include "canonical_rows.hpp"
#include "crv/core/table_descriptor.hpp"
#include "crv/io/dataset.hpp"
#include "crv/io/paths.hpp"
#include "process_stats.hpp"

namespace crv::bench {
namespace {

// ---- W7: read after a stream ----

// The W5 stream: `appends` appends of n / appends rows, one tick each. close() seals the last
// bucket (the others were sealed as the stream moved past them); vacuum(0) deletes what
// seals replaced and retires log segments, so that the bucket directories hold only live
// parts and the counts below mean what a reader meets.
void write_stream(const io::IoSettings& settings, std::int64_t n, std::int64_t appends) {
  io::Dataset dataset(settings, kRunId);
  const std::int64_t per = n / appends;
  for (std::int64_t j = 0; j < appends; ++j) dataset.append(kTable, benchmark_rows(j * per, per, per));
  dataset.close();
  dataset.vacuum(std::chrono::seconds(0));
}

struct PartCount {
  std::int64_t buckets = 0;
  std::int64_t parts = 0;
  std::int64_t most_in_a_bucket = 0;
};

// The part-*.parquet files of each bucket=* directory of the table.
PartCount count_parts(const std::filesystem::path& table_dir) {
  PartCount count;
  for (const auto& bucket : std::filesystem::directory_iterator(table_dir)) {
    if (!bucket.is_directory() || !bucket.path().filename().string().starts_with("bucket=")) continue;
    std::int64_t parts = 0;
    for (const auto& file : std::filesystem::directory_iterator(bucket.path())) {
      const std::string name = file.path().filename().string();
      if (file.is_regular_file() && name.starts_with("part-") && name.ends_with(".parquet")) ++parts;
    }
    ++count.buckets;
    count.parts += parts;
    count.most_in_a_bucket = std::max(count.most_in_a_bucket, parts);
  }
  return count;
}

nlohmann::json part_count_json(const PartCount& count) {
  return {{"buckets", count.buckets}, {"parts", count.parts}, {"max_parts_per_bucket", count.most_in_a_bucket}};
}

void check_rows(std::int64_t rows, const io::Where& where, std::int64_t expected_rows) {
  if (rows != expected_rows) {
    throw std::runtime_error("W7 read " + std::to_string(rows) + " rows of " + where.to_string() + ", expected " +
                             std::to_string(expected_rows));
  }
}

// One read as a new reader makes it: a fresh Dataset (its first snapshot replays the run's
// log), then the read. Returns the seconds; throws unless it read `expected_rows`.
double timed_read(const io::IoSettings& settings, const io::Where& where, std::int64_t expected_rows) {
  const double start = now_seconds();
  const io::Dataset dataset(settings, kRunId);
  const std::int64_t rows = dataset.read(kTable, where).num_rows();
  const double seconds = now_seconds() - start;
  check_rows(rows, where, expected_rows);
  return seconds;
}

// The same through a Dataset that is open already.
double timed_read(const io::Dataset& dataset, const io::Where& where, std::int64_t expected_rows) {
  const double start = now_seconds();
  const std::int64_t rows = dataset.read(kTable, where).num_rows();
  const double seconds = now_seconds() - start;
  check_rows(rows, where, expected_rows);
  return seconds;
}

std::int64_t log_bytes(const io::IoSettings& settings) {
  // The log's directory name is internal to src/io/log (kLogDirName).
  const std::filesystem::path dir = io::run_root(settings, kRunId) / "_crv_log";
  return std::filesystem::exists(dir) ? bytes_on_disk(dir) : 0;
}

// ---- W8: a tick of eight tables ----

using Tick = std::vector<io::TableAppend>;

// Per tick t, rows [t*R, (t+1)*R) of each canonical table, in the order of list_tables().
std::vector<Tick> eight_table_ticks(std::int64_t ticks, std::int64_t rows_per_tick) {
  std::vector<Tick> out(static_cast<std::size_t>(ticks));
  for (std::int64_t t = 0; t < ticks; ++t) {
    for (const core::TableDescriptor& table : core::list_tables()) {
      out[static_cast<std::size_t>(t)].push_back(
          {table.name, minimal_table_rows(table, t * rows_per_tick, rows_per_tick, rows_per_tick)});
    }
  }
  return out;
}

struct TicksRun {
  double seconds = 0;
  std::int64_t bytes_on_disk = 0;
};

// The ticks into a fresh dataset: one append_batch a tick, or (separate) eight append calls
// with inlining off, today's path of parts and manifest per append. close() is inside the
// timed phase (the batch path's seals are part of its cost). Checks every table's row count
// afterwards, untimed.
TicksRun time_ticks(const Options& options, const std::vector<Tick>& ticks, bool separate) {
  ScratchDir scratch(options.dir);
  io::IoSettings settings = bench_settings(scratch.path());
  if (separate) settings.inline_max_rows = 0;
  io::Dataset dataset(settings, kRunId);
  const double start = now_seconds();
  for (const Tick& tick : ticks) {
    if (separate) {
      for (const io::TableAppend& one : tick) dataset.append(one.table, one.frame);
    } else {
      dataset.append_batch(tick);
    }
  }
  dataset.close();
  TicksRun run{now_seconds() - start, bytes_on_disk(scratch.path())};
  const std::int64_t expected = static_cast<std::int64_t>(ticks.size()) * ticks.front().front().frame.num_rows();
  for (const core::TableName table : core::all_table_names()) {
    const std::int64_t rows = dataset.read(table).num_rows();
    if (rows != expected) {
      throw std::runtime_error("W8 " + std::string(core::to_string(table)) + ": read " + std::to_string(rows) +
                               " rows, expected " + std::to_string(expected));
    }
  }
  return run;
}

// ---- W9: many writers ----

// A writer's appends: global append numbers [first, first + count), append g being rows
// [g*R, (g+1)*R) of the benchmark rows, all of tick g.
struct WriterRange {
  std::int64_t first = 0;
  std::int64_t count = 0;
};

// The body of one writer process: its frames and its Dataset first, then one byte on `ready`,
// then a blocking read of `go`, which returns 0 when the parent closes it: every writer
// starts appending at the same moment.
void write_range(const io::IoSettings& settings, WriterRange range, std::int64_t rows, int ready, int go) {
  std::vector<frame::Frame> frames;
  frames.reserve(static_cast<std::size_t>(range.count));
  for (std::int64_t g = range.first; g < range.first + range.count; ++g)
    frames.push_back(benchmark_rows(g * rows, rows, rows));
  io::Dataset dataset(settings, kRunId);
  const char byte = 1;
  if (::write(ready, &byte, 1) != 1) throw std::runtime_error("cannot signal the parent");
  ::close(ready);
  char ignored = 0;
  ssize_t got = 0;
  while ((got = ::read(go, &ignored, 1)) < 0 && errno == EINTR) {
  }
  if (got != 0) throw std::runtime_error("the start barrier failed");
  for (const frame::Frame& f : frames) dataset.append(kTable, f);
  dataset.close();
}

void wait_all(const std::vector<pid_t>& pids, bool& failed) {
  for (const pid_t pid : pids) {
    int status = 0;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) failed = true;
  }
}

// Forks one writer process per range and releases them together; returns the seconds from
// the release to the exit of the last one. This process must not have used the library
// yet: its thread pool does not survive a fork (so the checks run in children too).
double race_writers(const io::IoSettings& settings, const std::vector<WriterRange>& writers, std::int64_t rows) {
  int ready[2];
  int go[2];
  if (::pipe(ready) != 0 || ::pipe(go) != 0) throw std::runtime_error("pipe failed");
  std::cout.flush();
  std::vector<pid_t> pids;
  bool failed = false;
  for (const WriterRange& range : writers) {
    const pid_t pid = fork();
    if (pid < 0) {
      failed = true;
      break;
    }
    if (pid == 0) {
      ::close(ready[0]);
      ::close(go[1]);
      int code = 0;
      try {
        write_range(settings, range, rows, ready[1], go[0]);
      } catch (const std::exception& error) {
        std::cerr << "crv_bench: W9 writer of appends [" << range.first << ", " << range.first + range.count
                  << "): " << error.what() << "\n";
        code = 1;
      }
      std::_Exit(code);
    }
    pids.push_back(pid);
  }
  ::close(ready[1]);
  ::close(go[0]);
  // Every child closes its end of `ready` once it has written: a child that dies before
  // writing ends this loop early instead of hanging it.
  std::size_t ready_count = 0;
  char byte = 0;
  while (ready_count < pids.size() && ::read(ready[0], &byte, 1) == 1) ++ready_count;
  ::close(ready[0]);
  const double start = now_seconds();
  ::close(go[1]);
  wait_all(pids, failed);
  const double seconds = now_seconds() - start;
  if (failed || ready_count != writers.size())
    throw std::runtime_error("a W9 writer process failed (see its message above)");
  return seconds;
}

std::uint32_t inverse_mod_2_32(std::uint32_t odd) {
  std::uint32_t x = odd;  // right in 3 bits (odd * odd = 1 mod 8); each step doubles that
  for (int k = 0; k < 5; ++k) x *= 2u - odd * x;
  return x;
}

// Every row exactly once: row i's edge_weight is (i * 2654435761 mod 2^32) / 2^32, a
// bijection of i < 2^32 (the multiplier is odd), so each row's i is recovered from it; its
// tick must be i / R. Also counts the parts per bucket.
void verify_rows(const io::IoSettings& settings, std::int64_t total, std::int64_t rows_per_tick) {
  const io::Dataset dataset(settings, kRunId);
  const frame::Frame rows = dataset.read(kTable);
  if (rows.num_rows() != total) {
    throw std::runtime_error("W9 read " + std::to_string(rows.num_rows()) + " rows, expected " + std::to_string(total));
  }
  const frame::Column& weight = rows.column("edge_weight");
  const frame::Column& tick = rows.column("tick");
  const std::uint32_t inverse = inverse_mod_2_32(2654435761u);
  std::vector<bool> seen(static_cast<std::size_t>(total));
  for (std::int64_t row = 0; row < total; ++row) {
    const auto hashed = static_cast<std::uint32_t>(weight.value<double>(row) * 4294967296.0);
    const auto i = static_cast<std::int64_t>(hashed * inverse);
    if (i >= total || seen[static_cast<std::size_t>(i)] || tick.value<std::int64_t>(row) != i / rows_per_tick) {
      throw std::runtime_error("W9: row " + std::to_string(row) + " (tick " +
                               std::to_string(tick.value<std::int64_t>(row)) +
                               ") is not a row of the writers, or is there twice");
    }
    seen[static_cast<std::size_t>(i)] = true;
  }
}

}  // namespace

Result run_read_after_stream(const Options& options) {
  if (options.appends > options.n) usage_error("W7: more appends than rows");
  const std::int64_t per = options.n / options.appends;
  const std::int64_t n = per * options.appends;
  ScratchDir streamed(options.dir);
  ScratchDir bulk(options.dir);
  const io::IoSettings stream_settings = bench_settings(streamed.path());
  const io::IoSettings bulk_settings = bench_settings(bulk.path());
  run_in_child([&] { write_stream(stream_settings, n, options.appends); });
  run_in_child([&] {
    io::Dataset dataset(bulk_settings, kRunId);
    dataset.append(kTable, benchmark_rows(0, n, per));
  });
  settle_filesystem();  // the writers' writeback is not the reads' cost

  const std::int64_t low = options.appends / 2;
  const io::Where range{.tick_min = low, .tick_max = low + 99};
  const std::int64_t range_rows = (std::min(low + 99, options.appends - 1) - low + 1) * per;
  Result result;
  std::vector<double> bulk_full;
  std::vector<double> streamed_range;
  std::vector<double> bulk_range;
  for (int r = 0; r < options.repeat; ++r) {
    result.seconds.push_back(timed_read(stream_settings, {}, n));
    bulk_full.push_back(timed_read(bulk_settings, {}, n));
    streamed_range.push_back(timed_read(stream_settings, range, range_rows));
    bulk_range.push_back(timed_read(bulk_settings, range, range_rows));
  }
  // The same reads by a reader that has read the run before: its log state is replayed
  // already, so these show what the replay costs a fresh reader.
  const io::Dataset warm(stream_settings, kRunId);
  warm.read(kTable);
  std::vector<double> warm_full;
  std::vector<double> warm_range;
  for (int r = 0; r < options.repeat; ++r) {
    warm_full.push_back(timed_read(warm, {}, n));
    warm_range.push_back(timed_read(warm, range, range_rows));
  }
  result.bytes_on_disk = bytes_on_disk(streamed.path());
  result.extra = {{"rows", n},
                  {"warm_seconds", median(warm_full)},
                  {"warm_range_seconds", median(warm_range)},
                  {"range_rows", range_rows},
                  {"range_seconds", median(streamed_range)},
                  {"bulk_seconds", median(bulk_full)},
                  {"bulk_range_seconds", median(bulk_range)},
                  {"log_bytes", log_bytes(stream_settings)},
                  {"bulk_bytes_on_disk", bytes_on_disk(bulk.path())}};
  result.extra.update(part_count_json(count_parts(io::table_dir(stream_settings, kRunId, kTable))));
  return result;
}

nlohmann::json write_stream_only(const Options& options, const std::filesystem::path& root) {
  if (options.appends > options.n) usage_error("W7: more appends than rows");
  const io::IoSettings settings = bench_settings(root);
  const std::int64_t per = options.n / options.appends;
  write_stream(settings, per * options.appends, options.appends);
  const std::filesystem::path dir = io::table_dir(settings, kRunId, kTable);
  nlohmann::json out = {{"root", root.string()}, {"table_dir", dir.string()}, {"rows", per * options.appends}};
  out.update(part_count_json(count_parts(dir)));
  return out;
}

Result run_tick_of_eight_tables(const Options& options) {
  const std::int64_t rows_per_tick = options.n / options.ticks;
  if (rows_per_tick < 1) usage_error("W8: --n must be at least --ticks");
  const std::vector<Tick> ticks = eight_table_ticks(options.ticks, rows_per_tick);
  Result result;
  std::vector<double> separate;
  for (int r = 0; r < options.repeat; ++r) {
    const TicksRun batch = time_ticks(options, ticks, false);
    result.seconds.push_back(batch.seconds);
    result.bytes_on_disk = batch.bytes_on_disk;
    const TicksRun apart = time_ticks(options, ticks, true);
    separate.push_back(apart.seconds);
    result.extra["separate_bytes_on_disk"] = apart.bytes_on_disk;
  }
  result.extra["separate_seconds"] = median(separate);
  result.extra["all_separate_seconds"] = separate;
  result.extra["tables"] = core::list_tables().size();
  result.extra["rows_per_table"] = options.ticks * rows_per_tick;
  return result;
}

Result run_many_writers(const Options& options) {
  const std::int64_t processes = options.processes;
  const std::int64_t rows = options.n / (processes * options.appends);
  if (rows < 1) usage_error("W9: --n must be at least --processes x --appends");
  const std::int64_t total = processes * options.appends * rows;
  std::vector<WriterRange> many;
  for (std::int64_t p = 0; p < processes; ++p) many.push_back({p * options.appends, options.appends});
  const std::vector<WriterRange> one{{0, processes * options.appends}};
  Result result;
  std::vector<double> single;
  for (int r = 0; r < options.repeat; ++r) {
    {
      ScratchDir scratch(options.dir);
      const io::IoSettings settings = bench_settings(scratch.path());
      result.seconds.push_back(race_writers(settings, many, rows));
      run_in_child([&] { verify_rows(settings, total, rows); });
      result.bytes_on_disk = bytes_on_disk(scratch.path());
      result.extra.update(part_count_json(count_parts(io::table_dir(settings, kRunId, kTable))));
    }
    ScratchDir scratch(options.dir);
    const io::IoSettings settings = bench_settings(scratch.path());
    single.push_back(race_writers(settings, one, rows));
    run_in_child([&] { verify_rows(settings, total, rows); });
  }
  result.extra["processes"] = processes;
  result.extra["appends_per_process"] = options.appends;
  result.extra["rows_per_append"] = rows;
  result.extra["rows"] = total;
  result.extra["every_row_once"] = true;  // verify_rows threw otherwise
  result.extra["single_process_seconds"] = median(single);
  result.extra["all_single_process_seconds"] = single;
  return result;
}

}  // namespace crv::bench
