#pragma once
// The pdf format: import of UN resolutions from born-digital PDF, export in the UN layout
// (formats/pdf/spec.md).

#include <resconv/sdk/exporter.hpp>
#include <resconv/sdk/importer.hpp>

namespace resconv::pdf {

class PdfImporter final : public Importer {
protected:
  Probe do_probe(const ProbeInput& input) const override;
  model::Document do_import(const InputSource& input, const Options& options, DiagnosticSink& sink) override;
};

/// The exporter, linked in: unit tests use it. The plugin module uses a stand-in that loads
/// the renderer (Cairo, Pango) from resconv_pdf_render.so on the first export, so that
/// importing a PDF never loads the rendering libraries (pdf_plugin.cpp).
class PdfExporter final : public Exporter {
protected:
  void do_export(const model::Document& document, OutputSink& output, const Options& options,
                 DiagnosticSink& sink) override;
};

/// What PdfExporter does: lays the document out and writes the PDF. Throws
/// ConversionError.
void render_pdf(const model::Document& document, OutputSink& output, const Options& options,
                DiagnosticSink& sink);

} // namespace resconv::pdf
