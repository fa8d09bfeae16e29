#pragma once
// One libFuzzer target per importer (fuzz/README.md). Each input goes through the
// importer's probe and run(), the way the host would use it, and then through the model
// code that follows an import (validation, canonical dump, a JSON round trip). A target stops
// on what would be a bug in the field:
//   - a sanitizer report, a crash, a hang or memory blow-up (libFuzzer's own limits);
//   - an importer that fails without an error diagnostic (a silent empty result);
//   - an error diagnostic without the input's name, or "plugin.exception" (an exception
//     the importer did not turn into its own diagnostic: a raw library message);
//   - an imported document that the JSON contract does not carry unchanged.

#include <resconv/sdk/diagnostics.hpp>
#include <resconv/sdk/importer.hpp>
#include <resconv/sdk/io.hpp>
#include <resconv/sdk/model/dump.hpp>
#include <resconv/sdk/model/json.hpp>
#include <resconv/sdk/model/validate.hpp>
#include <resconv/sdk/testing.hpp>

#include <cstdint>
#include <functional>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace resconv::fuzz {

/// The descriptor's default import options for format `id` (its limits included).
inline Options default_import_options(const std::string& id) {
  auto descriptor =
      testing::load_descriptor(std::string(RESCONV_SOURCE_DIR) + "/formats/" + id + "/format.json");
  return testing::options_for(descriptor, testing::Side::import);
}

/// What went wrong with one input (empty: nothing), with the diagnostics reported.
inline std::string describe(const char* what, const DiagnosticCollector& diagnostics) {
  std::string text = what;
  for (const auto& d : diagnostics.diagnostics())
    text += "\n  " + d.location.file + " " + d.code + ": " + d.message;
  return text;
}

/// Feeds one input to `importer` as the host would and checks what follows (see above);
/// returns the finding, or an empty string.
/// `more`, when given, runs further checks on an imported document and returns a finding.
inline std::string check_importer(Importer& importer, const Options& options, std::string bytes,
                                  const std::function<std::string(const model::Document&)>& more = {}) {
  static const std::string name = "fuzz-input";
  (void)importer.probe(ProbeInput{std::string_view(bytes).substr(0, 64 * 1024), name});

  DiagnosticCollector diagnostics;
  auto document = importer.run(InputSource::from_memory(name, std::move(bytes)), options, diagnostics);
  for (const auto& d : diagnostics.diagnostics()) {
    if (d.code == "plugin.exception")
      return describe("an exception escaped the importer's own error handling", diagnostics);
    if (d.severity == Severity::error && d.location.file != name)
      return describe("an error diagnostic does not name the input", diagnostics);
  }
  if (!document)
    return diagnostics.has_errors() ? std::string()
                                    : describe("the import failed without an error", diagnostics);

  // What the host does next with a document: check it, print it, write it as JSON.
  DiagnosticCollector checks;
  model::validate(*document, checks);
  std::string json = model::to_json(*document);
  model::Document back = model::from_json(json);
  if (!(back == *document)) {
    std::string a = model::dump(*document), b = model::dump(back);
    std::size_t at = 0;
    while (at < a.size() && at < b.size() && a[at] == b[at])
      ++at;
    std::size_t from = at < 80 ? 0 : at - 80;
    return describe(("the JSON contract changes the imported document:\n  imported:   " +
                     a.substr(from, 200) + "\n  after JSON: " + b.substr(from, 200))
                        .c_str(),
                    diagnostics);
  }
  return more ? more(*document) : std::string();
}

/// The libFuzzer body: aborts on a finding, so libFuzzer records the input.
inline void run_importer(Importer& importer, const Options& options, const std::uint8_t* data,
                         std::size_t size,
                         const std::function<std::string(const model::Document&)>& more = {}) {
  std::string finding =
      check_importer(importer, options, std::string(reinterpret_cast<const char*>(data), size), more);
  if (!finding.empty()) {
    std::fprintf(stderr, "fuzz: %s\n", finding.c_str());
    std::abort();
  }
}

} // namespace resconv::fuzz
