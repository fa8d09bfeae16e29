#pragma once
// The markdown format: a resolution written as CommonMark with footnotes (formats/markdown/spec.md).

#include <resconv/sdk/exporter.hpp>
#include <resconv/sdk/model/document.hpp>

#include <string>
#include <string_view>

namespace resconv::markdown_format {

/// Text with every character CommonMark could read as inline markup backslash-escaped
/// (\ ` * _ [ ] < > ~, and & where it could start an entity); line breaks and tabs become
/// spaces, so that text never starts a new block.
std::string escape_inline(std::string_view text);

/// A line of Markdown (already inline-escaped) that must read as paragraph text: a start
/// that CommonMark would take for a heading, list item, block quote, setext underline or
/// thematic break ("# ", "- ", "+ ", "1. ", "2) ", "=", "---") gets a backslash, and
/// leading spaces (which would make an indented code block) are dropped.
std::string guard_line_start(std::string line);

/// A link destination: characters a destination cannot hold bare (space, control
/// characters, < > ( ) \ and bytes outside ASCII) percent-encoded.
std::string encode_destination(std::string_view url);

/// The document as Markdown. `front_matter` writes the YAML block; `link_base` prefixes
/// the symbols of cited documents (empty: references are plain text).
std::string write_markdown(const model::Document& document, bool front_matter, const std::string& link_base);

class MarkdownExporter final : public Exporter {
protected:
  void do_export(const model::Document& document, OutputSink& output, const Options& options,
                 DiagnosticSink& sink) override;
};

} // namespace resconv::markdown_format
