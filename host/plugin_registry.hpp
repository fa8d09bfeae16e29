#pragma once
// The formats this resconv knows: descriptors read from the plugin folders (no dlopen),
// plugins loaded lazily, once, when a conversion needs them.

#include "plugin_library.hpp"

#include <resconv/sdk/format_descriptor.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace resconv::host {

/// A format found in a plugin folder.
struct FormatEntry {
  FormatDescriptor descriptor;
  std::filesystem::path descriptor_path;
  std::filesystem::path library_path; ///< `resconv_<id>.so` beside the descriptor.
};

class PluginRegistry {
public:
  /// The plugin folders in search order: `explicit_dirs` (--plugin-dir), then
  /// $RESCONV_PLUGIN_PATH (colon-separated), then `<program>/../lib/resconv/plugins`.
  static std::vector<std::filesystem::path>
  search_path(const std::vector<std::filesystem::path>& explicit_dirs);

  /// Reads every `<id>.format.json` in `dirs`. The first folder that has an id wins; a
  /// broken descriptor is reported (registry.bad-descriptor) and skipped.
  static PluginRegistry discover(const std::vector<std::filesystem::path>& dirs, DiagnosticSink& sink);

  /// All formats, sorted by id.
  const std::vector<FormatEntry>& formats() const noexcept { return m_formats; }
  /// The format with this id, or nullptr.
  const FormatEntry* find(std::string_view id) const noexcept;
  /// The format that claims this file extension for import (or export), or nullptr when
  /// none or several do.
  const FormatEntry* by_extension(std::string_view file_name, bool for_export) const noexcept;

  /// Loads the plugin of `entry` (once; later calls return the same library or repeat the
  /// failure's diagnostic). Thread-safe.
  std::shared_ptr<PluginLibrary> load(const FormatEntry& entry, DiagnosticSink& sink) const;

private:
  std::vector<FormatEntry> m_formats;
  struct LoadState {
    std::shared_ptr<PluginLibrary> library;
    std::vector<Diagnostic> failure;
  };
  mutable std::shared_ptr<std::mutex> m_mutex = std::make_shared<std::mutex>();
  mutable std::map<std::string, LoadState> m_loaded;
};

} // namespace resconv::host
