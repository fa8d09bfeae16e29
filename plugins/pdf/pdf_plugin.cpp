#include "pdf_format.hpp"

#include <resconv/sdk/plugin.hpp>

#include <boost/dll/import.hpp>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include <dlfcn.h>
#include <functional>
#include <mutex>

namespace {

using RenderFunction = void(const resconv::model::Document&, resconv::OutputSink&, const resconv::Options&,
                            resconv::DiagnosticSink&);

// The renderer lives in resconv_pdf_render.so beside this module: Cairo, Pango and their
// thirty-odd libraries are loaded on the first export only, never for an import.
RenderFunction& renderer() {
  static std::once_flag once;
  // Never unloaded (RTLD_NODELETE, and the handle is never destroyed): GLib, Pango and
  // fontconfig keep state and threads that must not lose their code while the process
  // exits. Unloading them at exit crashed one run in many.
  static auto* library = new boost::dll::shared_library;
  static RenderFunction* function = nullptr;
  static std::string failure;
  std::call_once(once, [] {
    boost::dll::fs::error_code ec;
    auto here = boost::dll::this_line_location(ec);
    auto path = here.parent_path() / "resconv_pdf_render.so";
    if (!boost::dll::fs::exists(path, ec)) {
      failure = "the PDF renderer " + path.string() + " is missing (install it beside the pdf plugin)";
      return;
    }
    library->load(path,
                  boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local |
                      static_cast<boost::dll::load_mode::type>(RTLD_NODELETE),
                  ec);
    if (ec) {
      failure = "cannot load the PDF renderer " + path.string() + ": " + ec.message();
      return;
    }
    if (!library->has("resconv_pdf_render")) {
      failure = path.string() + " has no resconv_pdf_render";
      return;
    }
    function = &library->get<RenderFunction>("resconv_pdf_render");
  });
  if (function == nullptr)
    throw resconv::ConversionError("pdf.renderer", failure);
  return *function;
}

class LazyPdfExporter final : public resconv::Exporter {
protected:
  void do_export(const resconv::model::Document& document, resconv::OutputSink& output,
                 const resconv::Options& options, resconv::DiagnosticSink& sink) override {
    renderer()(document, output, options, sink);
  }
};

class PdfPlugin final : public resconv::Plugin {
protected:
  std::unique_ptr<resconv::Importer> make_importer() override {
    return std::make_unique<resconv::pdf::PdfImporter>();
  }
  std::unique_ptr<resconv::Exporter> make_exporter() override { return std::make_unique<LazyPdfExporter>(); }
};

} // namespace

RESCONV_PLUGIN(PdfPlugin, "pdf", "0.1.0")
