#pragma once
// The Markdown exporter of the example plugin. It is kept apart from the plugin entry point
// (markdown_plugin.cpp) so that the unit test can link it directly.
#include <resconv/sdk/exporter.hpp>

#include <string>

namespace markdown {

/// Escapes the characters Markdown would read as markup inside running text.
std::string escape(const std::string& text);

/// Writes a resolution as CommonMark with footnotes ([^1]).
class MarkdownExporter final : public resconv::Exporter {
protected:
  void do_export(const resconv::model::Document& document, resconv::OutputSink& output,
                 const resconv::Options& options, resconv::DiagnosticSink& sink) override;
};

} // namespace markdown
