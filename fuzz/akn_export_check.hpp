#pragma once
// A further check on whatever document an import gives: the AKN exporter writes it as
// well-formed, schema-valid Akoma Ntoso that keeps all of its text, or refuses it through
// the model's own checks (a `model.*` error). The importers build arbitrary models from
// fuzzed inputs (text and json most of all), so the fuzzers test the exporter's "always
// valid" promise on models no corpus holds. A finding is:
//   - an export error `akn.xml` (the exporter's own re-read found ill-formed XML),
//     `akn.schema` (the schema refuses the output) or `plugin.exception`;
//   - any other failed export whose errors are not the model checks' (`model.*`), or a
//     failed export without an error;
//   - output that libxml2 does not read as well-formed XML (checked here too, so the check
//     does not depend on the exporter's own re-read);
//   - output that lost text: a letter or digit of the document's text (formula,
//     paragraphs, items, headings, footnotes, annexes) that the output's body text (outside
//     the top document's meta, preface and conclusions) holds fewer times than the
//     document (a NUL cutting a string short, a dropped paragraph or number).

#include "fuzz_importer.hpp"

#include <akn_format.hpp>

#include <resconv/sdk/data_path.hpp>
#include <resconv/sdk/model/project.hpp>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <map>

namespace resconv::fuzz {

/// How often each counted code point occurs (see counts_toward_text()); ordered, so a
/// finding names the same character each time.
using CharCounts = std::map<char32_t, long>;

/// The characters the text check counts: letters and digits, the characters an exporter
/// must keep as they are. Left out: ASCII punctuation and spaces, which writers may
/// normalise; the Unicode spaces, joiners, soft hyphen and byte order mark, for the same
/// reason; C0/C1 controls and the characters XML cannot hold (U+FFFE, U+FFFF and the other
/// non-characters), which an exporter may have to replace.
inline bool counts_toward_text(char32_t c) {
  if (c < 0x80)
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  if (c < 0xA0 || c == 0xA0 || c == 0xAD || c == 0x1680 || (c >= 0x2000 && c <= 0x200F) ||
      (c >= 0x2028 && c <= 0x202F) || c == 0x205F || c == 0x2060 || c == 0x3000 || c == 0xFEFF)
    return false;
  if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
    return false;
  return true;
}

/// Adds the counted code points of `text` (UTF-8; a byte that starts no valid sequence
/// is skipped) to `counts`.
inline void count_text(std::string_view text, CharCounts& counts) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto b = static_cast<unsigned char>(text[i]);
    std::size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > text.size()) {
      ++i;
      continue;
    }
    char32_t c = n == 1 ? b : b & (0x7F >> n);
    bool valid = true;
    for (std::size_t k = 1; k < n; ++k) {
      auto cb = static_cast<unsigned char>(text[i + k]);
      valid = valid && (cb >> 6) == 2;
      c = (c << 6) | (cb & 0x3F);
    }
    if (!valid) {
      ++i;
      continue;
    }
    if (counts_toward_text(c))
      ++counts[c];
    i += n;
  }
}

namespace detail {

// The document text in the model's JSON form: the strings under these keys, outside
// "metadata" (which AKN writes partly as attributes and URIs, in its own spelling).
inline void count_document_text(const nlohmann::json& j, CharCounts& counts, std::string_view key = {}) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it)
      if (it.key() != "metadata")
        count_document_text(it.value(), counts, it.key());
  } else if (j.is_array()) {
    for (const auto& v : j)
      count_document_text(v, counts, key);
  } else if (j.is_string()) {
    if (key == "text" || key == "formula" || key == "num" || key == "heading" || key == "title")
      count_text(j.get_ref<const std::string&>(), counts);
  }
}

// Counts the text of the footnotes (`note`, `authorialNote`) under `node`: the writer puts
// a footnote never called in meta/notes, so the skipped parts may still hold body text.
inline void count_notes(xmlNode* node, CharCounts& counts) {
  for (xmlNode* n = node->children; n != nullptr; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    std::string_view name = reinterpret_cast<const char*>(n->name);
    if (name == "note" || name == "authorialNote") {
      if (xmlChar* content = xmlNodeGetContent(n)) {
        count_text(reinterpret_cast<const char*>(content), counts);
        xmlFree(content);
      }
    } else {
      count_notes(n, counts);
    }
  }
}

struct XmlDocFree {
  void operator()(xmlDoc* d) const noexcept { xmlFreeDoc(d); }
};

} // namespace detail

/// The counted characters of `document`'s text, as the check compares them.
inline CharCounts document_text_counts(const model::Document& document) {
  CharCounts counts;
  detail::count_document_text(nlohmann::json::parse(model::to_json(document)), counts);
  return counts;
}

/// A finding when `xml` is not well-formed or its text holds a counted character fewer
/// times than `expected`; else an empty string.
inline std::string check_akn_output(std::string_view xml, const CharCounts& expected) {
  std::unique_ptr<xmlDoc, detail::XmlDocFree> doc(
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "akn-output.xml", nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc || xmlDocGetRootElement(doc.get()) == nullptr)
    return "the AKN exporter wrote XML that is not well-formed (" + std::to_string(xml.size()) + " bytes)";
  // The text of the document element's parts, except those the writer fills from the
  // metadata and its own words ("Resolution adopted by the General Assembly", the meeting
  // and the date): counting those would hide a loss in the body. Footnotes in those parts
  // are counted. An annex's own preface (its heading and title) is deeper and counted.
  CharCounts written;
  xmlNode* document = xmlDocGetRootElement(doc.get())->children;
  while (document != nullptr && document->type != XML_ELEMENT_NODE)
    document = document->next;
  for (xmlNode* part = document ? document->children : nullptr; part != nullptr; part = part->next) {
    if (part->type != XML_ELEMENT_NODE)
      continue;
    std::string_view name = reinterpret_cast<const char*>(part->name);
    if (name == "meta" || name == "preface" || name == "conclusions") {
      detail::count_notes(part, written);
      continue;
    }
    if (xmlChar* content = xmlNodeGetContent(part)) {
      count_text(reinterpret_cast<const char*>(content), written);
      xmlFree(content);
    }
  }
  for (const auto& [c, n] : expected) {
    auto it = written.find(c);
    long have = it == written.end() ? 0 : it->second;
    if (have < n)
      return "the AKN output lost text: U+" +
             [](char32_t u) {
               char hex[16];
               std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(u));
               return std::string(hex);
             }(c) +
             " occurs " + std::to_string(n) + " times in the document's text, " + std::to_string(have) +
             " in the output's";
  }
  return {};
}

/// Whether every error among `diagnostics` comes from the model checks (`model.*`): the
/// one way an exporter may refuse a document an importer gave.
inline bool refused_by_model_checks(const DiagnosticCollector& diagnostics) {
  bool any = false;
  for (const auto& d : diagnostics.diagnostics()) {
    if (d.severity != Severity::error)
      continue;
    if (d.code.rfind("model.", 0) != 0)
      return false;
    any = true;
  }
  return any;
}

inline std::string akn_export_check(const model::Document& document) {
  static akn::AknExporter exporter;
  static const auto schema = data_directory() / "schemas" / "akn" / "akomantoso30.xsd";
  if (!std::filesystem::exists(schema))
    return "no AKN schema at " + schema.string() + " (run scripts/fetch-schemas.sh)";
  static const auto descriptor =
      testing::load_descriptor(std::string(RESCONV_SOURCE_DIR) + "/formats/akn/format.json");
  static const Options options =
      testing::options_for(descriptor, testing::Side::export_, {{"check", "true"}});
  auto result = testing::export_to_memory(exporter, document, options);
  if (result.diagnostics.has_code("akn.xml"))
    return describe("the AKN exporter wrote ill-formed XML", result.diagnostics);
  if (result.diagnostics.has_code("akn.schema"))
    return describe("the AKN exporter wrote a document the schema refuses", result.diagnostics);
  if (result.diagnostics.has_code("plugin.exception"))
    return describe("an exception escaped the AKN exporter", result.diagnostics);
  if (!result.ok)
    return refused_by_model_checks(result.diagnostics)
               ? std::string()
               : describe("the AKN exporter refused a document the importer gave", result.diagnostics);
  // The text AKN keeps (its descriptor's "preserves"), counted and looked for in the output.
  std::string problem =
      check_akn_output(result.bytes, document_text_counts(model::project(document, descriptor.preserves)));
  return problem.empty() ? problem : describe(problem.c_str(), result.diagnostics);
}

} // namespace resconv::fuzz
