#include "markdown_format.hpp"

#include <resconv/sdk/plugin.hpp>

namespace {

class MarkdownPlugin final : public resconv::Plugin {
protected:
  std::unique_ptr<resconv::Exporter> make_exporter() override {
    return std::make_unique<resconv::markdown_format::MarkdownExporter>();
  }
};

} // namespace

RESCONV_PLUGIN(MarkdownPlugin, "markdown", "0.1.0")
