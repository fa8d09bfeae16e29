// An ordinary, working plugin, compiled with RESCONV_PLUGIN_ABI_VERSION=2 as a future SDK
// release would build it: the host must refuse it before running any of its code.
#include <resconv/sdk/importer.hpp>
#include <resconv/sdk/plugin.hpp>

namespace {

class NeverRun final : public resconv::Importer {
protected:
  resconv::Probe do_probe(const resconv::ProbeInput&) const override { return {}; }
  resconv::model::Document do_import(const resconv::InputSource&, const resconv::Options&,
                                     resconv::DiagnosticSink&) override {
    return {};
  }
};

class OtherSdkPlugin final : public resconv::Plugin {
protected:
  std::unique_ptr<resconv::Importer> make_importer() override { return std::make_unique<NeverRun>(); }
};

} // namespace

RESCONV_PLUGIN(OtherSdkPlugin, "othersdk", "2.0.0")
