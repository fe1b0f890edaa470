#include "crv/io/run_bundle.hpp"

#include <string>

#include "crv/core/schema_version.hpp"
#include "crv/core/table_name.hpp"
#include "crv/io/artifacts.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/manifest.hpp"
#include "crv/io/paths.hpp"
#include "crv/version.hpp"
#include "io/atomic_write.hpp"
#include "io/iso_time.hpp"

namespace crv::io {
namespace {

nlohmann::json optional_int(const std::optional<std::int64_t>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

}  // namespace

nlohmann::json tables_index(Env& env, const IoSettings& settings, std::string_view run_id) {
  nlohmann::json tables = nlohmann::json::object();
  for (core::TableName table : core::all_table_names()) {
    const std::optional<TableManifest> manifest = load_manifest(env, manifest_path(settings, run_id, table));
    if (!manifest) continue;
    const std::int64_t rows = manifest->total_rows();
    const std::int64_t bytes = manifest->total_bytes();
    tables[std::string(core::to_string(table))] = {
        {"rows", rows},
        {"bytes", bytes},
        {"total_rows", rows},
        {"total_bytes", bytes},
        {"tick_min", optional_int(manifest->tick_min())},
        {"tick_max", optional_int(manifest->tick_max())},
        {"buckets", manifest->bucket_ids()},
    };
  }
  return tables;
}

nlohmann::json runtime_versions() {
  return {{"crv_io", kVersion},
          {"parquet_writer", kCreatedBy},
          {"compiler", std::string("g++ ") + __VERSION__},
          {"cxx_standard", __cplusplus}};
}

nlohmann::ordered_json write_run_bundle_manifest(const IoSettings& settings, std::string_view run_id,
                                                 const nlohmann::json& meta, Env& env) {
  if (!meta.is_object() && !meta.is_null()) {
    throw IoArgumentError("the bundle meta must be a JSON object, got " + std::string(meta.type_name()));
  }
  const core::SchemaVersion& version = core::SCHEMA_V;
  // Keys in the reference's order (schema_version, run, env, io, tables, artifacts, meta).
  nlohmann::ordered_json payload = {
      {"schema_version", 1},
      {"run",
       {{"run_id", std::string(run_id)},
        {"created_at", detail::utc_now_iso(env)},
        {"core_schema_v", {{"major", version.major}, {"minor", version.minor}, {"date", version.date}}},
        {"git", git_state()}}},
      {"env", runtime_versions()},
      {"io",
       {{"root_dir", settings.root_dir.string()},
        {"partitioning", settings.partitioning},
        {"tick_bucket_size", settings.tick_bucket_size},
        {"row_group_size", settings.row_group_size},
        {"compression", settings.compression}}},
      {"tables", tables_index(env, settings, run_id)},
      {"artifacts", artifacts_index(env, settings, run_id)},
      {"meta", meta.is_null() ? nlohmann::json::object() : meta},
  };
  write_file_atomically(env, bundle_manifest_path(settings, run_id), payload.dump(2) + "\n");
  return payload;
}

}  // namespace crv::io
