#pragma once
// The formats this resconv knows: descriptors read from the plugin folders (no dlopen),
// plugins loaded lazily, once, when a conversion needs them.

#include "plugin_library.hpp"

#include <resconv/sdk/format_descriptor.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace resconv::host {

/// A format found in a plugin folder.
struct FormatEntry {
  FormatDescriptor descriptor;
  std::filesystem::path descriptor_path;
  std::filesystem::path library_path; ///< `resconv_<id>.so` beside the descriptor.
};

/// The plugin folders to search, and the entries of $RESCONV_PLUGIN_PATH that were not
/// searched because they are relative (they would depend on the current folder).
struct SearchPath {
  std::vector<std::filesystem::path> dirs;
  std::vector<std::string> refused;
};

class PluginRegistry {
public:
  /// The plugin folders in search order: `explicit_dirs` (--plugin-dir), then the absolute
  /// entries of $RESCONV_PLUGIN_PATH (colon-separated; empty and relative entries are left
  /// out, the relative ones listed in `refused`), then `<program>/../lib/resconv/plugins`.
  static SearchPath search_path(const std::vector<std::filesystem::path>& explicit_dirs);

  /// Reads every `<id>.format.json` in `dirs`, without loading any library. The first
  /// folder that has an id provides it; later ones with the same id are kept as fallbacks
  /// (registry.shadowed, a note). A broken descriptor is reported (registry.bad-descriptor)
  /// and skipped.
  static PluginRegistry discover(const std::vector<std::filesystem::path>& dirs, DiagnosticSink& sink);
  /// The same, after a registry.relative-path warning for each refused entry of `path`.
  static PluginRegistry discover(const SearchPath& path, DiagnosticSink& sink);

  /// All formats, sorted by id.
  const std::vector<FormatEntry>& formats() const noexcept { return m_formats; }
  /// The format with this id, or nullptr.
  const FormatEntry* find(std::string_view id) const noexcept;
  /// The format that claims this file extension for import (or export), or nullptr when
  /// none or several do.
  const FormatEntry* by_extension(std::string_view file_name, bool for_export) const noexcept;
  /// The entries of later folders that provide the same id as `entry`, in search order.
  const std::vector<FormatEntry>& shadowed(const FormatEntry& entry) const noexcept;

  /// The plugin that implements `entry`'s format, loaded once (later calls return the same
  /// library, or repeat the failure's diagnostics). When the library of `entry` is refused
  /// and a later folder provides the same id (the program's own plugins, typically), that
  /// one is used and a registry.fallback warning, reported once, says why. Thread-safe.
  std::shared_ptr<PluginLibrary> load(const FormatEntry& entry, DiagnosticSink& sink) const;

  /// Loads the library of `entry` itself, without a fallback (for `resconv plugins --check`).
  std::shared_ptr<PluginLibrary> load_library(const FormatEntry& entry, DiagnosticSink& sink) const;

private:
  struct LoadState {
    std::shared_ptr<PluginLibrary> library;
    std::vector<Diagnostic> failure; ///< Repeated on every call when `library` is null.
    std::vector<Diagnostic> notice;  ///< Reported by the first call only (the fallback warning).
  };
  const LoadState& load_locked(const FormatEntry& entry) const;

  std::vector<FormatEntry> m_formats;
  std::map<std::string, std::vector<FormatEntry>> m_shadowed;
  mutable std::shared_ptr<std::mutex> m_mutex = std::make_shared<std::mutex>();
  mutable std::map<std::string, LoadState> m_libraries; ///< By library path.
  mutable std::map<std::string, LoadState> m_resolved;  ///< By format id, after fallbacks.
};

} // namespace resconv::host
