// A plugin whose object cannot be constructed: the factory reports, nothing escapes.
#include <resconv/sdk/plugin.hpp>

#include <stdexcept>

extern "C" const char resconv_embedded_descriptor[] = "{\"id\": \"throwingfactory\"}";

namespace {
class ThrowingPlugin final : public resconv::Plugin {
public:
  ThrowingPlugin() { throw std::runtime_error("constructor refused to work"); }
};
} // namespace

RESCONV_PLUGIN(ThrowingPlugin, "throwingfactory", "0.0.1")
