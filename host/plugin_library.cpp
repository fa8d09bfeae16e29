#include "plugin_library.hpp"

#include <boost/dll/shared_library.hpp>

#include <cstring>

namespace resconv::host {

namespace {

std::string fixed(const char* field, std::size_t size) {
  return std::string(field, ::strnlen(field, size));
}

} // namespace

std::shared_ptr<PluginLibrary> PluginLibrary::load(const std::filesystem::path& path,
                                                   const std::string& expected_id, DiagnosticSink& sink) {
  const std::string file = path.string();
  auto fail = [&](const char* code, const std::string& message) {
    sink.error(code, message, {file});
    return nullptr;
  };
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::is_regular_file(status))
    return fail("plugin.missing", "plugin library not found");
  // Loading runs the library's code: never one that every user may rewrite.
  if ((status.permissions() & std::filesystem::perms::others_write) != std::filesystem::perms::none)
    return fail("plugin.unsafe", "plugin library is writable by every user: not loaded");

  auto library = std::make_shared<boost::dll::shared_library>();
  boost::dll::fs::error_code load_error;
  // RTLD_NODELETE: a plugin, once loaded, stays mapped for the life of the process. Its
  // dependencies may register types in process-wide tables (GLib's type system, used by
  // Pango and Cairo) that point into their code; unloading them and loading them again
  // (a second registry in one process) would leave those pointers dangling.
  const auto mode = boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local |
                    static_cast<boost::dll::load_mode::type>(RTLD_NODELETE);
  library->load(path, mode, load_error);
  if (load_error) {
    // dlerror() names the missing dependency or the bad format.
    const char* detail = ::dlerror();
    return fail("plugin.load-failed",
                "cannot load plugin: " + (detail ? std::string(detail) : load_error.message()));
  }
  if (!library->has(handshake_symbol))
    return fail("plugin.not-a-plugin",
                std::string("no '") + handshake_symbol + "' symbol: not a resconv plugin");

  const auto& hs = library->get_alias<const resconv_plugin_handshake>(handshake_symbol);
  if (std::memcmp(hs.magic, handshake_magic, sizeof hs.magic) != 0)
    return fail("plugin.bad-handshake", "handshake has a wrong magic number");
  if (hs.abi_version != plugin_abi_version)
    return fail("plugin.abi-mismatch", "plugin built for ABI " + std::to_string(hs.abi_version) +
                                           ", this resconv needs ABI " + std::to_string(plugin_abi_version) +
                                           "; rebuild the plugin against this SDK");
  if (hs.struct_size < sizeof(resconv_plugin_handshake))
    return fail("plugin.bad-handshake",
                "handshake is too short (" + std::to_string(hs.struct_size) + " bytes)");
  auto shared = std::make_shared<PluginLibrary>();
  shared->m_path = path;
  HandshakeInfo& info = shared->m_handshake;
  info.abi_version = hs.abi_version;
  info.stdlib_tag = fixed(hs.stdlib_tag, sizeof hs.stdlib_tag);
  info.plugin_id = fixed(hs.plugin_id, sizeof hs.plugin_id);
  info.plugin_version = fixed(hs.plugin_version, sizeof hs.plugin_version);
  info.sdk_version = fixed(hs.sdk_version, sizeof hs.sdk_version);
  info.descriptor_json = hs.descriptor_json ? hs.descriptor_json : "";
  if (info.stdlib_tag != stdlib_tag())
    return fail("plugin.stdlib-mismatch", "plugin built with standard library '" + info.stdlib_tag +
                                              "', this resconv uses '" + stdlib_tag() + "'");
  if (!expected_id.empty() && info.plugin_id != expected_id)
    return fail("plugin.id-mismatch",
                "plugin implements '" + info.plugin_id + "' but its descriptor says '" + expected_id + "'");
  if (!library->has(factory_symbol))
    return fail("plugin.missing-symbol", std::string("no '") + factory_symbol + "' factory");

  auto& factory = library->get_alias<PluginFactory>(factory_symbol);
  std::string error;
  std::unique_ptr<Plugin> plugin = factory(error);
  if (!plugin)
    return fail("plugin.factory-failed", "plugin factory failed: " + (error.empty() ? "no object" : error));
  shared->m_library = library;
  // The plugin object is destroyed before its library is released.
  shared->m_plugin = std::shared_ptr<Plugin>(plugin.release(), [library](Plugin* p) { delete p; });
  return shared;
}

namespace {

// Makes an importer or exporter through the plugin's no-throw maker and ties its lifetime
// to the plugin (and so to the library).
template <typename T, typename Maker>
std::shared_ptr<T> make_object(const std::shared_ptr<Plugin>& plugin, Maker maker, const char* what,
                               const HandshakeInfo& handshake, const std::filesystem::path& path,
                               DiagnosticSink& sink) {
  std::string error;
  std::unique_ptr<T> object = maker(*plugin, error);
  if (!object) {
    sink.error("plugin.factory-failed",
               error.empty() ? "plugin '" + handshake.plugin_id + "' has no " + what
                             : std::string("plugin could not make an ") + what + ": " + error,
               {path.string()});
    return nullptr;
  }
  return std::shared_ptr<T>(object.release(), [keep = plugin](T* p) { delete p; });
}

} // namespace

std::shared_ptr<Importer> PluginLibrary::make_importer(DiagnosticSink& sink) const {
  return make_object<Importer>(
      m_plugin, [](Plugin& p, std::string& e) { return p.new_importer(e); }, "importer", m_handshake, m_path,
      sink);
}

std::shared_ptr<Validator> PluginLibrary::make_validator(DiagnosticSink& sink) const {
  return make_object<Validator>(
      m_plugin, [](Plugin& p, std::string& e) { return p.new_validator(e); }, "validator", m_handshake,
      m_path, sink);
}

std::shared_ptr<Exporter> PluginLibrary::make_exporter(DiagnosticSink& sink) const {
  return make_object<Exporter>(
      m_plugin, [](Plugin& p, std::string& e) { return p.new_exporter(e); }, "exporter", m_handshake, m_path,
      sink);
}

} // namespace resconv::host
