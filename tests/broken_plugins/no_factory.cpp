// A plugin with a valid handshake but no factory.
#include <resconv/sdk/plugin_abi.hpp>

#include <boost/dll/alias.hpp>

namespace {
const resconv_plugin_handshake handshake = {{'R', 'E', 'S', 'C', 'O', 'N', 'V', '\0'},
                                            resconv::plugin_abi_version,
                                            sizeof(resconv_plugin_handshake),
                                            RESCONV_STDLIB_TAG_STR,
                                            "nofactory",
                                            "0.0.1",
                                            RESCONV_SDK_VERSION_STRING,
                                            "{}"};
} // namespace

BOOST_DLL_ALIAS(handshake, resconv_handshake)
