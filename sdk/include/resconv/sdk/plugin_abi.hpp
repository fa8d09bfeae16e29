#pragma once
/// \file plugin_abi.hpp
/// The plain-C handshake every plugin exports. The host reads and checks it before it
/// calls any C++ code of the plugin, so a plugin built against another SDK, another ABI
/// number or another standard library is refused with a clear message instead of crashing.

#include <resconv/sdk/version.hpp>

#include <cstdint>

extern "C" {

/// Layout frozen for all ABI numbers: fields may only be appended (struct_size tells the
/// host how much the plugin filled in).
struct resconv_plugin_handshake {
  char magic[8];               ///< "RESCONV" and a NUL byte.
  std::uint32_t abi_version;   ///< resconv::plugin_abi_version the plugin was built with.
  std::uint32_t struct_size;   ///< sizeof(resconv_plugin_handshake) in the plugin.
  char stdlib_tag[32];         ///< resconv::stdlib_tag() in the plugin.
  char plugin_id[32];          ///< Format id the plugin implements ("text").
  char plugin_version[16];     ///< The plugin's own version.
  char sdk_version[16];        ///< SDK version the plugin was built with.
  const char* descriptor_json; ///< The embedded format descriptor (NUL-terminated JSON).
};
}

namespace resconv {

/// Symbol (Boost.DLL alias) of the handshake object.
inline constexpr const char* handshake_symbol = "resconv_handshake";
/// Symbol (Boost.DLL alias) of the plugin factory.
inline constexpr const char* factory_symbol = "resconv_create_plugin";
/// The handshake magic.
inline constexpr char handshake_magic[8] = {'R', 'E', 'S', 'C', 'O', 'N', 'V', '\0'};

/// \def RESCONV_STDLIB_TAG_STR
/// The standard library and its ABI flavour, which decide whether std::string and friends
/// can cross the boundary; host and plugin must agree.
#if defined(_LIBCPP_VERSION)
#define RESCONV_STDLIB_TAG_STR "libc++"
#elif defined(__GLIBCXX__) && defined(_GLIBCXX_USE_CXX11_ABI) && _GLIBCXX_USE_CXX11_ABI
#define RESCONV_STDLIB_TAG_STR "libstdc++/cxx11"
#elif defined(__GLIBCXX__)
#define RESCONV_STDLIB_TAG_STR "libstdc++/old"
#else
#define RESCONV_STDLIB_TAG_STR "unknown"
#endif

/// The standard library tag of the code that includes this header.
constexpr const char* stdlib_tag() noexcept {
  return RESCONV_STDLIB_TAG_STR;
}

} // namespace resconv
