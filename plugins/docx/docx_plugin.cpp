#include "docx_format.hpp"

#include <resconv/sdk/plugin.hpp>

namespace {

class DocxPlugin final : public resconv::Plugin {
protected:
  std::unique_ptr<resconv::Importer> make_importer() override {
    return std::make_unique<resconv::docx::DocxImporter>();
  }
  std::unique_ptr<resconv::Exporter> make_exporter() override {
    return std::make_unique<resconv::docx::DocxExporter>();
  }
};

} // namespace

RESCONV_PLUGIN(DocxPlugin, "docx", "0.1.0")
