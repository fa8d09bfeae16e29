#pragma once
// The pdf format: import of UN resolutions from born-digital PDF (formats/pdf/spec.md).

#include <resconv/sdk/exporter.hpp>
#include <resconv/sdk/importer.hpp>

namespace resconv::pdf {

class PdfImporter final : public Importer {
protected:
  Probe do_probe(const ProbeInput& input) const override;
  model::Document do_import(const InputSource& input, const Options& options, DiagnosticSink& sink) override;
};

class PdfExporter final : public Exporter {
protected:
  void do_export(const model::Document& document, OutputSink& output, const Options& options,
                 DiagnosticSink& sink) override;
};

} // namespace resconv::pdf
