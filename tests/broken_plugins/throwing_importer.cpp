// A plugin whose importer throws: the SDK wrapper turns it into a diagnostic.
#include <resconv/sdk/plugin.hpp>

#include <stdexcept>

extern "C" const char resconv_embedded_descriptor[] = "{\"id\": \"throwingimporter\"}";

namespace {
class ThrowingImporter final : public resconv::Importer {
protected:
  resconv::Probe do_probe(const resconv::ProbeInput&) const override {
    throw std::logic_error("probe exploded");
  }
  resconv::model::Document do_import(const resconv::InputSource&, const resconv::Options&,
                                     resconv::DiagnosticSink&) override {
    throw std::runtime_error("importer exploded");
  }
};

class ThrowingImporterPlugin final : public resconv::Plugin {
protected:
  std::unique_ptr<resconv::Importer> make_importer() override { return std::make_unique<ThrowingImporter>(); }
};
} // namespace

RESCONV_PLUGIN(ThrowingImporterPlugin, "throwingimporter", "0.0.1")
