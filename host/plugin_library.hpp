#pragma once
// One loaded plugin library: the handshake checked before any of its C++ code runs, then
// its factory called once. Objects it makes keep the library loaded.

#include <resconv/sdk/diagnostics.hpp>
#include <resconv/sdk/plugin.hpp>

#include <filesystem>
#include <memory>
#include <string>

namespace boost::dll {
class shared_library;
}

namespace resconv::host {

/// What the handshake said, copied out of the library.
struct HandshakeInfo {
  std::uint32_t abi_version = 0;
  std::string stdlib_tag;
  std::string plugin_id;
  std::string plugin_version;
  std::string sdk_version;
  std::string descriptor_json;
};

class PluginLibrary {
public:
  /// Loads `path`, checks its handshake against this host and `expected_id`, and calls its
  /// factory. Reports a diagnostic naming the file and returns nullptr on any failure:
  /// plugin.missing, plugin.unsafe (writable by every user), plugin.load-failed,
  /// plugin.not-a-plugin, plugin.bad-handshake, plugin.abi-mismatch, plugin.stdlib-mismatch,
  /// plugin.id-mismatch, plugin.missing-symbol, plugin.factory-failed.
  static std::shared_ptr<PluginLibrary> load(const std::filesystem::path& path,
                                             const std::string& expected_id, DiagnosticSink& sink);

  const HandshakeInfo& handshake() const noexcept { return m_handshake; }
  const std::filesystem::path& path() const noexcept { return m_path; }

  /// A fresh importer or exporter; nullptr (after a plugin.factory-failed diagnostic) when
  /// the plugin fails to make one or has none. The object keeps the library loaded.
  std::shared_ptr<Importer> make_importer(DiagnosticSink& sink) const;
  std::shared_ptr<Exporter> make_exporter(DiagnosticSink& sink) const;
  std::shared_ptr<Validator> make_validator(DiagnosticSink& sink) const;

private:
  std::filesystem::path m_path;
  HandshakeInfo m_handshake;
  std::shared_ptr<boost::dll::shared_library> m_library;
  std::shared_ptr<Plugin> m_plugin;
};

} // namespace resconv::host
