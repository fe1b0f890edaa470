#pragma once
// Dataset: the facade of one run (the seed's crv.io.Dataset).

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "crv/frame/frame.hpp"
#include "crv/io/append.hpp"
#include "crv/io/append_summary.hpp"
#include "crv/io/env.hpp"
#include "crv/io/manifest.hpp"
#include "crv/io/rebuild.hpp"
#include "crv/io/scan.hpp"
#include "crv/io/settings.hpp"
#include "crv/io/table_ref.hpp"

namespace crv::io {

class Dataset {
 public:
  /// Throws IoConfigError for invalid settings and IoError for an invalid run id.
  /// `env` must outlive the Dataset and its scans.
  Dataset(IoSettings settings, std::string_view run_id, Env& env = Env::posix());

  const IoSettings& settings() const { return settings_; }
  const std::string& run_id() const { return run_id_; }
  Env& env() const { return *env_; }

  AppendSummary append(TableRef table, const frame::Frame& frame, const AppendOptions& options = {});

  /// A lazy scan over the table as it is now.
  Scan scan(TableRef table, Where where = {}) const;
  /// scan(table, where), limited, collected.
  frame::Frame read(TableRef table, Where where = {},
                    std::optional<std::int64_t> limit = std::nullopt) const;

  /// The table's manifest; nullopt when it has none. Parsed once and reparsed only when
  /// the file changed (Env::file_identity).
  std::optional<TableManifest> manifest(TableRef table) const;

  /// Rebuilds the manifest from the files and writes it; returns it.
  TableManifest rebuild_manifest(TableRef table);
  /// Same, with the list of files that could not be read.
  RebuildResult rebuild_manifest_with_report(TableRef table);

 private:
  struct CachedManifest {
    FileIdentity identity;
    std::shared_ptr<const TableManifest> manifest;
  };
  std::shared_ptr<const TableManifest> cached_manifest(core::TableName table) const;

  IoSettings settings_;
  std::string run_id_;
  Env* env_;
  mutable std::mutex cache_mutex_;
  mutable std::map<core::TableName, CachedManifest> cache_;
};

}  // namespace crv::io
