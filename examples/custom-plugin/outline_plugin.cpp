// The plugin's entry point: a Plugin subclass that makes exporters, and the one macro that
// exports the handshake and factory the host looks for.
#include "outline_exporter.hpp"

#include <resconv/sdk/plugin.hpp>

namespace {

class OutlinePlugin final : public resconv::Plugin {
protected:
  std::unique_ptr<resconv::Exporter> make_exporter() override {
    return std::make_unique<outline::OutlineExporter>();
  }
};

} // namespace

RESCONV_PLUGIN(OutlinePlugin, "outline", "1.0.0")
