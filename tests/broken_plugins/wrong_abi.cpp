// A plugin built for another ABI number (999, never a real one): the host must refuse it
// before running its code.
#include <resconv/sdk/plugin_abi.hpp>

#include <boost/dll/alias.hpp>

namespace {
const resconv_plugin_handshake handshake = {{'R', 'E', 'S', 'C', 'O', 'N', 'V', '\0'},
                                            999,
                                            sizeof(resconv_plugin_handshake),
                                            RESCONV_STDLIB_TAG_STR,
                                            "wrongabi",
                                            "0.0.1",
                                            RESCONV_SDK_VERSION_STRING,
                                            "{}"};
} // namespace

BOOST_DLL_ALIAS(handshake, resconv_handshake)
