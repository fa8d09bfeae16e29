// A plugin built for another ABI number: the host must refuse it before running its code.
#include <resconv/sdk/plugin_abi.hpp>

#include <boost/dll/alias.hpp>

namespace {
const resconv_plugin_handshake handshake = {{'R', 'E', 'S', 'C', 'O', 'N', 'V', '\0'},
                                            resconv::plugin_abi_version + 998,
                                            sizeof(resconv_plugin_handshake),
                                            RESCONV_STDLIB_TAG_STR,
                                            "wrongabi",
                                            "0.0.1",
                                            RESCONV_SDK_VERSION_STRING,
                                            "{}"};
} // namespace

BOOST_DLL_ALIAS(handshake, resconv_handshake)
