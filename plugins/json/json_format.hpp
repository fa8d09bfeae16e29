#pragma once
// The json format: the model's public JSON contract, read and written by the SDK codec.

#include <resconv/sdk/exporter.hpp>
#include <resconv/sdk/importer.hpp>

#include <string_view>

namespace resconv::json_format {

/// The UTF-16 or UTF-32 form JSON text is in ("UTF-16LE", "UTF-32BE", ...), judged by a
/// byte-order mark or by the NUL bytes among its first four (JSON starts with ASCII), or an
/// empty view for UTF-8.
std::string_view wide_json_form(std::string_view text) noexcept;

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
