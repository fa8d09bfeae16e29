// The plugin's entry point: a Plugin subclass that makes exporters, and the one macro that
// exports the handshake and factory the host looks for.
#include "markdown_exporter.hpp"

#include <resconv/sdk/plugin.hpp>

namespace {

class MarkdownPlugin final : public resconv::Plugin {
protected:
  std::unique_ptr<resconv::Exporter> make_exporter() override {
    return std::make_unique<markdown::MarkdownExporter>();
  }
};

} // namespace

RESCONV_PLUGIN(MarkdownPlugin, "markdown", "1.0.0")
