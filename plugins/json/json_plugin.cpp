#include "json_format.hpp"

#include <resconv/sdk/plugin.hpp>

namespace {

class JsonPlugin final : public resconv::Plugin {
protected:
  std::unique_ptr<resconv::Importer> make_importer() override {
    return std::make_unique<resconv::json_format::JsonImporter>();
  }
  std::unique_ptr<resconv::Exporter> make_exporter() override {
    return std::make_unique<resconv::json_format::JsonExporter>();
  }
};

} // namespace

RESCONV_PLUGIN(JsonPlugin, "json", "0.1.0")
