#include "pdf_format.hpp"

#include <resconv/sdk/plugin.hpp>

namespace {

class PdfPlugin final : public resconv::Plugin {
protected:
  std::unique_ptr<resconv::Importer> make_importer() override {
    return std::make_unique<resconv::pdf::PdfImporter>();
  }
  std::unique_ptr<resconv::Exporter> make_exporter() override {
    return std::make_unique<resconv::pdf::PdfExporter>();
  }
};

} // namespace

RESCONV_PLUGIN(PdfPlugin, "pdf", "0.1.0")
