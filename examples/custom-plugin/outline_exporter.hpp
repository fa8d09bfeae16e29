#pragma once
// The exporter of the example plugin. It is kept apart from the plugin entry point
// (outline_plugin.cpp) so that the unit test can link it directly.
#include <resconv/sdk/exporter.hpp>

#include <cstddef>
#include <string>

namespace outline {

/// `text` cut to at most `width` characters (UTF-8 code points), the last one an
/// ellipsis when something was cut.
std::string cut(const std::string& text, std::size_t width);

/// Writes a resolution as an indented outline: the symbol and title, then one line per
/// paragraph, item and heading, two spaces deeper per level.
class OutlineExporter final : public resconv::Exporter {
protected:
  void do_export(const resconv::model::Document& document, resconv::OutputSink& output,
                 const resconv::Options& options, resconv::DiagnosticSink& sink) override;
};

} // namespace outline
