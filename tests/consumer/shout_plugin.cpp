#include "shout_exporter.hpp"

#include <resconv/sdk/plugin.hpp>

namespace {
class ShoutPlugin final : public resconv::Plugin {
protected:
  std::unique_ptr<resconv::Exporter> make_exporter() override { return std::make_unique<ShoutExporter>(); }
};
} // namespace

RESCONV_PLUGIN(ShoutPlugin, "shout", "1.0.0")
