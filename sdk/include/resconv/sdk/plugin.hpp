#pragma once
/// \file plugin.hpp
/// What a plugin library provides, and the one macro a plugin author uses.
///
/// \code
///   class MyPlugin final : public resconv::Plugin {
///   protected:
///     std::unique_ptr<resconv::Importer> make_importer() override { ... }
///   };
///   RESCONV_PLUGIN(MyPlugin, "myformat", "1.0.0")
/// \endcode
///
/// The macro exports the handshake and the factory with Boost.DLL aliases. The build
/// (resconv_add_plugin in CMake) embeds the format descriptor as
/// `resconv_embedded_descriptor`.

#include <resconv/sdk/exporter.hpp>
#include <resconv/sdk/importer.hpp>
#include <resconv/sdk/plugin_abi.hpp>
#include <resconv/sdk/validator.hpp>

#include <boost/dll/alias.hpp>

#include <memory>
#include <string>

namespace resconv {

/// The object a plugin's factory returns. It makes a fresh importer or exporter for each
/// conversion; formats that only import (or only export) leave the other maker alone.
/// The host keeps the plugin's library loaded for as long as any object it made lives.
class Plugin {
public:
  virtual ~Plugin() = default;

  /// A new importer, or nullptr when the format cannot be imported or make_importer()
  /// failed (then `error` says why). Never throws; compiled into the plugin (see Importer).
  virtual std::unique_ptr<Importer> new_importer(std::string& error) noexcept final {
    try {
      return make_importer();
    } catch (const std::exception& e) {
      error = e.what();
    } catch (...) {
      error = "unknown exception";
    }
    return nullptr;
  }

  /// A new exporter; as new_importer().
  virtual std::unique_ptr<Exporter> new_exporter(std::string& error) noexcept final {
    try {
      return make_exporter();
    } catch (const std::exception& e) {
      error = e.what();
    } catch (...) {
      error = "unknown exception";
    }
    return nullptr;
  }

  /// A new validator; as new_importer().
  virtual std::unique_ptr<Validator> new_validator(std::string& error) noexcept final {
    try {
      return make_validator();
    } catch (const std::exception& e) {
      error = e.what();
    } catch (...) {
      error = "unknown exception";
    }
    return nullptr;
  }

protected:
  /// Makes a fresh importer for one conversion; the default has none. May throw.
  virtual std::unique_ptr<Importer> make_importer() { return nullptr; }
  /// Makes a fresh exporter for one conversion; the default has none. May throw.
  virtual std::unique_ptr<Exporter> make_exporter() { return nullptr; }
  /// Makes a fresh validator; the default has none. May throw.
  virtual std::unique_ptr<Validator> make_validator() { return nullptr; }
};

/// The factory signature. Never throws: on failure it returns nullptr and writes the
/// reason to `error`.
using PluginFactory = std::unique_ptr<Plugin>(std::string& error) noexcept;

} // namespace resconv

/// The plugin's descriptor text, embedded by `resconv_add_plugin()` at build time.
extern "C" const char resconv_embedded_descriptor[];

/// Declares `PluginClass` as this library's plugin for format `id` at version `version`.
/// Use once per plugin library, at namespace scope in one source file.
#define RESCONV_PLUGIN(PluginClass, id, version)                                                             \
  namespace resconv_plugin_entry {                                                                           \
  static_assert(sizeof(id) <= 32, "plugin id too long");                                                     \
  static_assert(sizeof(version) <= 16, "plugin version too long");                                           \
  const resconv_plugin_handshake resconv_plugin_handshake_object = {                                         \
      {'R', 'E', 'S', 'C', 'O', 'N', 'V', '\0'},                                                             \
      ::resconv::plugin_abi_version,                                                                         \
      sizeof(resconv_plugin_handshake),                                                                      \
      RESCONV_STDLIB_TAG_STR,                                                                                \
      id,                                                                                                    \
      version,                                                                                               \
      RESCONV_SDK_VERSION_STRING,                                                                            \
      resconv_embedded_descriptor};                                                                          \
  std::unique_ptr<::resconv::Plugin> create_plugin(std::string& error) noexcept {                            \
    try {                                                                                                    \
      return std::make_unique<PluginClass>();                                                                \
    } catch (const std::exception& e) {                                                                      \
      error = e.what();                                                                                      \
    } catch (...) {                                                                                          \
      error = "unknown exception";                                                                           \
    }                                                                                                        \
    return nullptr;                                                                                          \
  }                                                                                                          \
  BOOST_DLL_ALIAS(resconv_plugin_entry::resconv_plugin_handshake_object, resconv_handshake)                  \
  BOOST_DLL_ALIAS(resconv_plugin_entry::create_plugin, resconv_create_plugin)                                \
  }
