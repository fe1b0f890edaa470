#pragma once
/// @file
/// The run bundle manifest (REFERENCE.md section 9).

#include <string_view>

#include <nlohmann/json.hpp>

#include "crv/export.hpp"
#include "crv/io/env.hpp"
#include "crv/io/settings.hpp"

namespace crv::io {

/// `{<table>`: {rows, bytes, total_rows, total_bytes, tick_min, tick_max, buckets}} from the
/// per-table manifests only (tables without a manifest are left out; an empty table has
/// null tick bounds). {} for a run with no tables.
CRV_IO_EXPORT nlohmann::json tables_index(Env& env, const IoSettings& settings, std::string_view run_id);

/// The `env` block: crv-io's version, the compiler, the Parquet writer (created_by).
CRV_IO_EXPORT nlohmann::json runtime_versions();

/// {sha, dirty} of the git repository of the current working directory; nulls when there
/// is none (or git is unavailable).
CRV_IO_EXPORT nlohmann::json git_state();

/// Writes `<root>/runs/<run_id>/bundle.manifest.json` atomically and returns the payload:
/// schema_version, run {run_id, created_at, core_schema_v, git}, env, io, tables,
/// artifacts, meta (`meta` must be an object or null).
CRV_IO_EXPORT nlohmann::ordered_json write_run_bundle_manifest(const IoSettings& settings, std::string_view run_id,
                                                               const nlohmann::json& meta = nlohmann::json::object(),
                                                               Env& env = Env::posix());

}  // namespace crv::io
