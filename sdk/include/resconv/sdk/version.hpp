#pragma once
/// \file version.hpp
/// Version numbers of the SDK and of the plugin binary interface.

#include <cstdint>

/// SDK version, also usable in `#if`.
///@{
#define RESCONV_SDK_VERSION_MAJOR 0
#define RESCONV_SDK_VERSION_MINOR 2
#define RESCONV_SDK_VERSION_PATCH 0
#define RESCONV_SDK_VERSION_STRING "0.2.0"
///@}

/// The plugin ABI number this SDK builds plugins for. Plugin authors never define it; the
/// test suite does, to build a plugin exactly as another SDK release would.
#ifndef RESCONV_PLUGIN_ABI_VERSION
#define RESCONV_PLUGIN_ABI_VERSION 2
#endif

namespace resconv {

/// The plugin ABI number. The host refuses a plugin whose handshake carries another
/// number. Bump it whenever a type that crosses the plugin boundary changes layout or a
/// virtual function is added, removed or reordered (docs/writing-plugins.md, "Versions").
inline constexpr std::uint32_t plugin_abi_version = RESCONV_PLUGIN_ABI_VERSION;

/// The SDK version as "major.minor.patch".
inline constexpr const char* sdk_version = RESCONV_SDK_VERSION_STRING;

/// Version of the JSON contract written by the `json` format (the "resconv" key).
inline constexpr int json_contract_version = 2;

/// The oldest JSON contract version from_json() still reads (version 1: agenda items as
/// strings, no parts, quotations, collections or masthead lines; see docs/model.md).
inline constexpr int json_oldest_contract_version = 1;

} // namespace resconv
