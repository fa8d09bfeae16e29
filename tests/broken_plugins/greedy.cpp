// A plugin whose probe says "yes" to everything: with another "yes", detection must refuse
// to choose.
#include <resconv/sdk/plugin.hpp>

extern "C" const char resconv_embedded_descriptor[] = "{\"id\": \"greedy\"}";

namespace {
class GreedyImporter final : public resconv::Importer {
protected:
  resconv::Probe do_probe(const resconv::ProbeInput&) const override { return resconv::Probe::yes; }
  resconv::model::Document do_import(const resconv::InputSource&, const resconv::Options&,
                                     resconv::DiagnosticSink&) override {
    return {};
  }
};

class GreedyPlugin final : public resconv::Plugin {
protected:
  std::unique_ptr<resconv::Importer> make_importer() override { return std::make_unique<GreedyImporter>(); }
};
} // namespace

RESCONV_PLUGIN(GreedyPlugin, "greedy", "0.0.1")
