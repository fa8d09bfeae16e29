#pragma once
// The json format: the model's public JSON contract, read and written by the SDK codec.

#include <resconv/sdk/exporter.hpp>
#include <resconv/sdk/importer.hpp>

namespace resconv::json_format {

class JsonImporter final : public Importer {
protected:
  Probe do_probe(const ProbeInput& input) const override;
  model::Document do_import(const InputSource& input, const Options& options, DiagnosticSink& sink) override;
};

class JsonExporter final : public Exporter {
protected:
  void do_export(const model::Document& document, OutputSink& output, const Options& options,
                 DiagnosticSink& sink) override;
};

} // namespace resconv::json_format
