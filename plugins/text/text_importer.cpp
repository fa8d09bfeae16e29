#include "text_format.hpp"

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/utf8.hpp>

#include <algorithm>
#include <iterator>

namespace resconv::text_format {

namespace {

// Text damaged by a stray NUL or control byte holds a few of them; binary data (zero padding,
// small integers, compressed streams) holds them all through. One in 16 bytes is far more
// than damage leaves and far fewer than binary data has.
constexpr std::size_t damaged_text_control_share = 16;

} // namespace

Probe TextImporter::do_probe(const ProbeInput& input) const {
  std::string_view head = input.head;
  // Text in UTF-16 (or UTF-32): maybe ours, so that a .txt file reaches the importer and
  // its precise text.encoding error.
  if (!wide_unicode_form(head).empty())
    return Probe::unknown;
  std::size_t first = head.find_first_not_of(" \t\r\n");
  if (head.substr(0, 3) == "\xEF\xBB\xBF")
    first = head.find_first_not_of(" \t\r\n", 3);
  if (first == std::string_view::npos)
    return Probe::unknown;
  char c = head[first];
  // Structured formats that are text too: leave them to their own plugins.
  if (c == '{' || c == '<' || head.substr(0, 5) == "%PDF-")
    return Probe::no;
  // NUL and control bytes (other than tab, line ends and form feed) are not text. Text that
  // holds a few of them and is UTF-8 apart from them is damaged text: maybe ours, so that a
  // .txt file reaches the importer and its text.binary error with the offset. Many of them,
  // or bytes that are not UTF-8 either, are binary data of some other kind.
  auto is_control = [](char ch) {
    auto b = static_cast<unsigned char>(ch);
    return b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f';
  };
  if (std::size_t controls = static_cast<std::size_t>(std::count_if(head.begin(), head.end(), is_control))) {
    std::string rest;
    std::remove_copy_if(head.begin(), head.end(), std::back_inserter(rest), is_control);
    bool rest_utf8 = utf8_invalid_at(rest, true) == std::string_view::npos;
    return rest_utf8 && controls * damaged_text_control_share <= head.size() ? Probe::unknown : Probe::no;
  }
  // Invalid UTF-8 without control bytes is text in an 8-bit encoding: maybe ours, as above.
  if (utf8_invalid_at(head, true) != std::string_view::npos)
    return Probe::unknown;
  // Evidence of a resolution laid out as text: numbered paragraphs (after any line end) or a
  // masthead.
  if (head.find("\n1. ") != std::string_view::npos || head.find("\r1. ") != std::string_view::npos ||
      head.find("Distr.") != std::string_view::npos)
    return Probe::yes;
  return Probe::unknown;
}

model::Document TextImporter::do_import(const InputSource& input, const Options& options,
                                        DiagnosticSink& sink) {
  const auto& languages = language::Language::installed();
  recognize::RecognizeOptions settings = recognize::recognize_options(options, input.name());
  std::vector<recognize::Block> blocks = split_blocks(input.bytes(), input.name(), languages);
  if (blocks.empty())
    throw ConversionError("text.empty", "the input holds no text");
  model::Document document = recognize::recognize(blocks, settings, languages, sink);
  if (!model::has_structure(document) && !document.formula)
    throw ConversionError("text.no-structure",
                          "no resolution structure found (no formula, preambular or operative paragraph)");
  if (!document.formula) {
    // The example names the General Assembly's formula in the document's language.
    const auto& lang = language::Language::for_code(document.metadata.language.value_or("en"));
    std::string example = lang.bodies().front().formula;
    for (const auto& b : lang.bodies())
      if (b.id == "general-assembly")
        example = b.formula;
    sink.warning("text.no-formula", "no formula (such as \"" + example + "\") found; structure is guessed",
                 {input.name()});
  }
  return document;
}

} // namespace resconv::text_format
