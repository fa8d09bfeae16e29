#include "version_info.hpp"

#include <resconv/sdk/plugin_abi.hpp>
#include <resconv/sdk/version.hpp>

#include <cstdlib>
#include <dlfcn.h>

namespace resconv::host {

namespace {

// The build passes, for each library pkg-config found, its soname and version
// (host/CMakeLists.txt); a library it did not find is reported as unknown.
#ifndef RESCONV_POPPLER_SONAME
#define RESCONV_POPPLER_SONAME ""
#endif
#ifndef RESCONV_POPPLER_BUILD_VERSION
#define RESCONV_POPPLER_BUILD_VERSION ""
#endif
#ifndef RESCONV_LIBXML2_SONAME
#define RESCONV_LIBXML2_SONAME ""
#endif
#ifndef RESCONV_LIBXML2_BUILD_VERSION
#define RESCONV_LIBXML2_BUILD_VERSION ""
#endif
#ifndef RESCONV_CAIRO_SONAME
#define RESCONV_CAIRO_SONAME ""
#endif
#ifndef RESCONV_CAIRO_BUILD_VERSION
#define RESCONV_CAIRO_BUILD_VERSION ""
#endif
#ifndef RESCONV_PANGO_SONAME
#define RESCONV_PANGO_SONAME ""
#endif
#ifndef RESCONV_PANGO_BUILD_VERSION
#define RESCONV_PANGO_BUILD_VERSION ""
#endif

// Opens a library by soname, without running it into the program's symbol space. It is
// never closed: GLib (under Pango) cannot be unloaded safely, and --version exits next.
void* open_library(const std::string& soname) {
  return soname.empty() ? nullptr : ::dlopen(soname.c_str(), RTLD_LAZY | RTLD_LOCAL);
}

template <typename Function>
Function* function(void* library, const char* symbol) {
  return library == nullptr ? nullptr : reinterpret_cast<Function*>(::dlsym(library, symbol));
}

// Poppler's C++ wrapper (libpoppler-cpp, the same release as the core library the plugin
// reads PDFs with) has poppler::version_major() etc.: C++ functions, so their mangled names.
std::string poppler_version(void* library) {
  using Part = unsigned int();
  auto* major = function<Part>(library, "_ZN7poppler13version_majorEv");
  auto* minor = function<Part>(library, "_ZN7poppler13version_minorEv");
  auto* micro = function<Part>(library, "_ZN7poppler13version_microEv");
  if (major == nullptr || minor == nullptr || micro == nullptr)
    return "";
  return std::to_string(major()) + "." + std::to_string(minor()) + "." + std::to_string(micro());
}

// libxml2 exports `const char* const xmlParserVersion`, the version as one number written
// as digits, two per part after the first: "20914" is 2.9.14.
std::string libxml2_version(void* library) {
  const void* symbol = library == nullptr ? nullptr : ::dlsym(library, "xmlParserVersion");
  if (symbol == nullptr)
    return "";
  const char* digits = *static_cast<const char* const*>(symbol);
  if (digits == nullptr)
    return "";
  long number = std::strtol(digits, nullptr, 10);
  constexpr long part = 100; // two decimal digits per part
  return std::to_string(number / (part * part)) + "." + std::to_string(number / part % part) + "." +
         std::to_string(number % part);
}

// cairo_version_string() and pango_version_string(): plain C, "1.16.0".
std::string c_version_string(void* library, const char* symbol) {
  using VersionString = const char*();
  auto* get = function<VersionString>(library, symbol);
  const char* text = get == nullptr ? nullptr : get();
  return text == nullptr ? "" : text;
}

} // namespace

std::vector<LibraryVersion> library_versions() {
  std::vector<LibraryVersion> list{
      {"Poppler", RESCONV_POPPLER_SONAME, "", RESCONV_POPPLER_BUILD_VERSION},
      {"libxml2", RESCONV_LIBXML2_SONAME, "", RESCONV_LIBXML2_BUILD_VERSION},
      {"Cairo", RESCONV_CAIRO_SONAME, "", RESCONV_CAIRO_BUILD_VERSION},
      {"Pango", RESCONV_PANGO_SONAME, "", RESCONV_PANGO_BUILD_VERSION},
  };
  list[0].version = poppler_version(open_library(list[0].soname));
  list[1].version = libxml2_version(open_library(list[1].soname));
  list[2].version = c_version_string(open_library(list[2].soname), "cairo_version_string");
  list[3].version = c_version_string(open_library(list[3].soname), "pango_version_string");
  return list;
}

std::string version_text() {
  std::string text = std::string("resconv ") + sdk_version + "\n";
  text += std::string("SDK ") + sdk_version + ", plugin ABI " + std::to_string(plugin_abi_version) + " (" +
          stdlib_tag() + ")\n";
  text += "Libraries used by the plugins:";
  for (const LibraryVersion& lib : library_versions()) {
    text += "\n  " + lib.name + " ";
    if (!lib.version.empty()) {
      text += lib.version + " (" + lib.soname;
      if (!lib.build_version.empty() && lib.build_version != lib.version)
        text += ", built with " + lib.build_version;
      text += ")";
    } else if (!lib.soname.empty()) {
      text += "not found (" + lib.soname +
              (lib.build_version.empty() ? "" : ", built with " + lib.build_version) + ")";
    } else {
      text += "unknown (not found when resconv was built)";
    }
  }
  return text;
}

} // namespace resconv::host
