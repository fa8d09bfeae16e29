#include "text_format.hpp"

#include <resconv/sdk/plugin.hpp>

namespace {

class TextPlugin final : public resconv::Plugin {
protected:
  std::unique_ptr<resconv::Importer> make_importer() override {
    return std::make_unique<resconv::text_format::TextImporter>();
  }
  std::unique_ptr<resconv::Exporter> make_exporter() override {
    return std::make_unique<resconv::text_format::TextExporter>();
  }
};

} // namespace

RESCONV_PLUGIN(TextPlugin, "text", "0.1.0")
