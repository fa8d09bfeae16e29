#pragma once
// The text format (formats/text/spec.md): import through the shared recogniser, export to
// the canonical layout.

#include <resconv/sdk/exporter.hpp>
#include <resconv/sdk/importer.hpp>
#include <resconv/sdk/recognize/recognizer.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace resconv::text_format {

/// Parses one block's text: `*emphasis*`, `**strong**`, `\*` escapes, Unicode superscript
/// footnote calls and Markdown calls `[^1]`.
model::Inlines parse_inlines(std::string_view text);

/// The digits of a run of Unicode superscript digits at the start of `text`, and its length
/// in bytes; empty when `text` does not start with one.
std::pair<std::string, std::size_t> leading_superscript(std::string_view text);

/// Splits text into blocks for the recogniser (see spec.md, "Reading"). The languages'
/// lead words help find paragraph starts in hard-wrapped text.
/// Throws ConversionError for input that is not UTF-8 text.
std::vector<recognize::Block> split_blocks(std::string_view text, const std::string& name,
                                           const std::vector<recognize::LanguageData>& languages);

class TextImporter final : public Importer {
protected:
  Probe do_probe(const ProbeInput& input) const override;
  model::Document do_import(const InputSource& input, const Options& options, DiagnosticSink& sink) override;
};

class TextExporter final : public Exporter {
protected:
  void do_export(const model::Document& document, OutputSink& output, const Options& options,
                 DiagnosticSink& sink) override;
};

/// The canonical text of a document (what TextExporter writes).
std::string write_text(const model::Document& document);

} // namespace resconv::text_format
