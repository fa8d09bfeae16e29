#pragma once
/// \file testing.hpp
/// Helpers for testing a plugin without the host: run an importer or exporter on memory
/// buffers with the options its descriptor declares, check a round trip, and a small
/// resolution that uses every part of the model. Header-only; use from unit tests.
#include <resconv/sdk/diagnostics.hpp>
#include <resconv/sdk/exporter.hpp>
#include <resconv/sdk/format_descriptor.hpp>
#include <resconv/sdk/importer.hpp>
#include <resconv/sdk/io.hpp>
#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/document.hpp>
#include <resconv/sdk/model/dump.hpp>
#include <resconv/sdk/model/project.hpp>
#include <resconv/sdk/options.hpp>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace resconv::testing {

/// Which side of a descriptor's options to use.
enum class Side { import, export_ };

/// Reads a descriptor file (`format.json`). Throws std::runtime_error when it is missing
/// or invalid.
inline FormatDescriptor load_descriptor(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot read descriptor " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return FormatDescriptor::parse(text.str(), path);
}

/// The options a user would get from `--option name=value` for this descriptor: every
/// declared option with its default, `given` checked and applied. Throws OptionError.
inline Options options_for(const FormatDescriptor& descriptor, Side side,
                           const std::vector<std::pair<std::string, std::string>>& given = {}) {
  return Options::parse(side == Side::import ? descriptor.import_options : descriptor.export_options, given);
}

/// What an export produced.
struct ExportResult {
  bool ok = false;                 ///< run() returned true.
  std::string bytes;               ///< What was written.
  DiagnosticCollector diagnostics; ///< What was reported.
};

/// Runs `exporter` into memory, as the host would (through run(), so exceptions become
/// diagnostics).
inline ExportResult export_to_memory(Exporter& exporter, const model::Document& document,
                                     const Options& options = {}) {
  ExportResult result;
  OutputSink sink = OutputSink::to_memory("<test output>");
  result.ok = exporter.run(document, sink, options, result.diagnostics);
  result.bytes = sink.memory();
  return result;
}

/// What an import produced.
struct ImportResult {
  std::optional<model::Document> document; ///< Empty when the import failed.
  DiagnosticCollector diagnostics;         ///< What was reported.
};

/// Runs `importer` on `bytes`, as the host would.
inline ImportResult import_from_memory(Importer& importer, std::string bytes, const Options& options = {},
                                       std::string name = "<test input>") {
  ImportResult result;
  InputSource input = InputSource::from_memory(std::move(name), std::move(bytes));
  result.document = importer.run(input, options, result.diagnostics);
  return result;
}

/// Exports `document`, imports the bytes back and compares the canonical dumps of both,
/// each projected onto `preserves` (a descriptor's "preserves" list; see
/// model::project()). Returns an empty string when they are equal, else a message with the
/// first differing line of the two dumps (or the first diagnostic, when a step failed).
inline std::string round_trip_difference(Exporter& exporter, Importer& importer,
                                         const model::Document& document,
                                         const std::vector<std::string>& preserves,
                                         const Options& export_options = {},
                                         const Options& import_options = {}) {
  ExportResult out = export_to_memory(exporter, document, export_options);
  if (!out.ok)
    return "export failed: " + (out.diagnostics.diagnostics().empty()
                                    ? std::string("?")
                                    : out.diagnostics.diagnostics().front().message);
  ImportResult in = import_from_memory(importer, out.bytes, import_options);
  if (!in.document)
    return "import failed: " + (in.diagnostics.diagnostics().empty()
                                    ? std::string("?")
                                    : in.diagnostics.diagnostics().front().message);
  std::istringstream a(model::dump(model::project(document, preserves)));
  std::istringstream b(model::dump(model::project(*in.document, preserves)));
  std::string la, lb;
  for (int line = 1;; ++line) {
    bool more_a = static_cast<bool>(std::getline(a, la)), more_b = static_cast<bool>(std::getline(b, lb));
    if (!more_a && !more_b)
      return {};
    if (!more_a || !more_b || la != lb)
      return "dump line " + std::to_string(line) + ": expected \"" + (more_a ? la : "<end>") + "\", got \"" +
             (more_b ? lb : "<end>") + "\"";
  }
}

/// A short fictional resolution that uses every part of the model: all inline types, items
/// two levels deep, a numbered heading, provenance, a footnote, an annex, and some metadata
/// left empty. Compare with `model::project(doc, descriptor.preserves)` for a format that
/// keeps only part of the model.
inline model::Document sample_document() {
  using namespace model;
  Document d;
  d.metadata.body = "General Assembly";
  d.metadata.symbol = "A/RES/99/7";
  d.metadata.number = "99/7";
  d.metadata.session = "Ninety-ninth session";
  d.metadata.agenda_items = {"12", "14 (b)"};
  d.metadata.title = "Cooperation between lighthouses";
  d.metadata.adopted = "2044-11-02";
  d.metadata.language = "en";
  d.formula = "The General Assembly,";
  Paragraph pre;
  pre.content = {emphasis({text("Recalling")}), text(" its resolution "),
                 reference("A/RES/97/3", {text("97/3")}), text(","), footnote_ref("1")};
  d.preamble.push_back(pre);
  Paragraph heading;
  heading.kind = Paragraph::Kind::heading;
  heading.num = "I";
  heading.content = {text("Lights")};
  d.operative.push_back(heading);
  Paragraph op;
  op.num = "1";
  op.content = {emphasis({text("Decides")}), text(" that:")};
  Paragraph a;
  a.num = "(a)";
  a.content = {text("Lamps are kept "), strong({text("lit")}), text(";")};
  Paragraph i;
  i.num = "(i)";
  i.content = {text("at night;")};
  a.items.push_back(i);
  op.items.push_back(a);
  op.provenance = Provenance{2, {72.0, 100.5, 523.25, 180.0}};
  d.operative.push_back(op);
  d.footnotes.push_back({"1", {text("See "), reference("A/97/100", {text("A/97/100")}), text(".")}});
  Annex annex;
  annex.heading = "Annex";
  annex.title = "Rules for keepers";
  Paragraph rule;
  rule.num = "1";
  rule.content = {text("Keepers log every ship.")};
  annex.operative.push_back(rule);
  d.annexes.push_back(annex);
  return d;
}

} // namespace resconv::testing
