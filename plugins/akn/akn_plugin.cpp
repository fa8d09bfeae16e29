#include "akn_format.hpp"

#include <resconv/sdk/plugin.hpp>

namespace {

class AknPlugin final : public resconv::Plugin {
protected:
  std::unique_ptr<resconv::Importer> make_importer() override {
    return std::make_unique<resconv::akn::AknImporter>();
  }
  std::unique_ptr<resconv::Exporter> make_exporter() override {
    return std::make_unique<resconv::akn::AknExporter>();
  }
  std::unique_ptr<resconv::Validator> make_validator() override {
    return std::make_unique<resconv::akn::AknValidator>();
  }
};

} // namespace

RESCONV_PLUGIN(AknPlugin, "akn", "0.1.0")
