#include "io/append_manifest_cache.hpp"

#include <map>
#include <mutex>
#include <utility>

#include "crv/io/errors.hpp"
#include "io/manifest_errors.hpp"

namespace crv::io::detail {
namespace {

struct RememberedManifest {
  FileIdentity identity;
  ManifestFile file;
};

std::mutex cache_mutex;
std::map<std::filesystem::path, RememberedManifest>& cache() {
  static std::map<std::filesystem::path, RememberedManifest> remembered;
  return remembered;
}

}  // namespace

std::optional<ManifestFile> load_manifest_for_append(Env& env, const std::filesystem::path& path) {
  FileIdentity identity;
  try {
    if (!env.file_exists(path)) return std::nullopt;
    identity = env.file_identity(path);
  } catch (const IoError& error) {
    throw manifest_read_error(path, error);
  }
  {
    const std::lock_guard guard(cache_mutex);
    const auto it = cache().find(path);
    if (it != cache().end()) {
      const bool current = it->second.identity == identity;
      std::optional<ManifestFile> taken;
      if (current) taken = std::move(it->second.file);
      cache().erase(it);
      if (taken) return taken;
    }
  }
  ManifestFile loaded;
  try {
    loaded.text = env.read_file(path);
  } catch (const IoError& error) {
    throw manifest_read_error(path, error);
  }
  loaded.manifest = parse_manifest(loaded.text, path);
  return loaded;
}

void remember_saved_manifest(const std::filesystem::path& path, const FileIdentity& identity, ManifestFile saved) {
  const std::lock_guard guard(cache_mutex);
  if (cache().size() >= kMaxRememberedManifests && !cache().contains(path)) cache().erase(cache().begin());
  cache().insert_or_assign(path, RememberedManifest{identity, std::move(saved)});
}

}  // namespace crv::io::detail
