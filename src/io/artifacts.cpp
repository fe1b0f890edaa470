#include "crv/io/artifacts.hpp"

#include <exception>
#include <string>

#include "crv/io/paths.hpp"
#include "io/atomic_write.hpp"
#include "io/part_io.hpp"

namespace crv::io {

std::filesystem::path ensure_lab_dir(Env& env, const IoSettings& settings, std::string_view run_id,
                                     std::string_view kind) {
  const std::filesystem::path dir = lab_artifact_dir(settings, run_id, kind);
  env.create_dirs(dir);
  return dir;
}

void write_text_artifact(Env& env, const std::filesystem::path& path, std::string_view text) {
  write_file_atomically(env, path, text);
}

std::uint64_t write_parquet_artifact(Env& env, const IoSettings& settings, const std::filesystem::path& path,
                                     const frame::Frame& frame) {
  if (path.has_parent_path()) env.create_dirs(path.parent_path());
  return write_parquet_file_atomically(env, path, frame, writer_options(settings));
}

FileStats file_stats(Env& env, const std::filesystem::path& path) {
  FileStats stats;
  stats.bytes = env.file_size(path);
  const std::string name = path.filename().string();
  if (name.size() > kPartSuffix.size() && name.ends_with(kPartSuffix)) {
    try {
      stats.rows = open_parquet_file(env, path)->num_rows();
    } catch (const std::exception&) {
      // Not a readable Parquet file: its rows are not countable.
    }
  }
  return stats;
}

nlohmann::json artifacts_index(Env& env, const IoSettings& settings, std::string_view run_id) {
  const std::filesystem::path run_dir = run_root(settings, run_id);
  nlohmann::json lab = nlohmann::json::object();
  for (std::string_view kind : lab_artifact_kinds()) {
    nlohmann::json entries = nlohmann::json::array();
    const std::filesystem::path dir = lab_artifact_dir(settings, run_id, kind);
    if (env.is_directory(dir)) {
      for (const std::string& name : env.list_dir(dir)) {
        const std::filesystem::path path = dir / name;
        if (is_tmp_file_name(name) || env.is_directory(path)) continue;
        const FileStats stats = file_stats(env, path);
        nlohmann::json entry = {{"path", path.lexically_relative(run_dir).generic_string()}, {"bytes", stats.bytes}};
        if (stats.rows) entry["rows"] = *stats.rows;
        entries.push_back(std::move(entry));
      }
    }
    lab[std::string(kind)] = std::move(entries);
  }
  return {{"lab", std::move(lab)}, {"world", nlohmann::json::object()}, {"mind", nlohmann::json::object()}};
}

}  // namespace crv::io
