// The six official languages end to end: each example resolution (examples/A_RES_99_101*.txt,
// the same fictional resolution as the UN would publish it in each language) reads into its
// golden model (tests/golden/), and text -> {json, akn, docx, pdf} -> model gives
// the same model again, all but provenance. Prints one row per language.
#include "test_support.hpp"

#include <plugin_registry.hpp>

#include <resconv/sdk/language/language.hpp>
#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/dump.hpp>
#include <resconv/sdk/model/json.hpp>
#include <resconv/sdk/model/project.hpp>

#include <catch2/catch.hpp>

#include <iomanip>
#include <iostream>
#include <sstream>

using namespace resconv;
using namespace resconv::host;
using namespace resconv::model;

namespace {

const std::vector<std::string> all_but_provenance = {"emphasis", "strong", "footnotes", "references",
                                                     "annexes",  "items",  "headings"};

std::size_t count_items(const std::vector<Paragraph>& ps) {
  std::size_t n = 0;
  for (const auto& p : ps)
    n += p.items.size() + count_items(p.items);
  return n;
}

std::optional<Document> import_with(const PluginRegistry& r, const std::string& id, const std::string& name,
                                    const std::string& bytes, DiagnosticCollector& sink) {
  const FormatEntry* f = r.find(id);
  REQUIRE(f != nullptr);
  auto lib = r.load(*f, sink);
  REQUIRE(lib);
  auto importer = lib->make_importer(sink);
  REQUIRE(importer);
  return importer->run(InputSource::from_memory(name, bytes),
                       Options::parse(f->descriptor.import_options, {}), sink);
}

std::optional<Document> through(const PluginRegistry& r, const std::string& id, const Document& d,
                                DiagnosticCollector& sink) {
  const FormatEntry* f = r.find(id);
  REQUIRE(f != nullptr);
  auto lib = r.load(*f, sink);
  REQUIRE(lib);
  auto exporter = lib->make_exporter(sink);
  REQUIRE(exporter);
  OutputSink out = OutputSink::to_memory("languages." + id);
  if (!exporter->run(d, out, Options::parse(f->descriptor.export_options, {}), sink))
    return std::nullopt;
  return import_with(r, id, "languages." + id, out.memory(), sink);
}

// What a format keeps of the features compared, from its descriptor.
std::vector<std::string> kept_by(const PluginRegistry& r, const std::string& id) {
  std::vector<std::string> kept;
  for (const auto& feature : all_but_provenance)
    if (r.find(id)->descriptor.preserves_feature(feature))
      kept.push_back(feature);
  return kept;
}

// The metadata of a document alone, as dump() prints it.
std::string dump_metadata(Document d) {
  d.formula.reset();
  d.preamble.clear();
  d.operative.clear();
  d.footnotes.clear();
  d.annexes.clear();
  return dump(d);
}

// `text` and spaces up to `width` characters (setw counts bytes, not characters).
std::string padded(const std::string& text, std::size_t width) {
  std::size_t n = language::grapheme_count(text);
  return text + std::string(n < width ? width - n : 1, ' ');
}

} // namespace

TEST_CASE("the example resolution in the six official languages", "[languages]") {
  DiagnosticCollector discover;
  PluginRegistry r = PluginRegistry::discover({RESCONV_GOOD_PLUGIN_DIR}, discover);
  const std::filesystem::path source = RESCONV_SOURCE_DIR;
  struct Row {
    std::string code, file;
  };
  const std::vector<Row> rows = {{"ar", "A_RES_99_101-AR"}, {"zh", "A_RES_99_101-ZH"},
                                 {"en", "A_RES_99_101"},    {"fr", "A_RES_99_101-FR"},
                                 {"ru", "A_RES_99_101-RU"}, {"es", "A_RES_99_101-ES"}};
  const std::vector<std::string> targets = {"json", "akn", "docx", "pdf"};
  std::ostringstream table;
  table << "lang session formula                 pre op items notes annexes golden json akn docx pdf\n";
  for (const auto& row : rows) {
    {
      INFO(row.file);
      auto text_path = source / "examples" / (row.file + ".txt");
      auto golden_path = source / "tests" / "golden" / (row.file + ".json");
      CHECK(std::filesystem::exists(text_path));
      CHECK(std::filesystem::exists(golden_path));
      if (!std::filesystem::exists(text_path) || !std::filesystem::exists(golden_path)) {
        table << row.code << " missing example or golden model\n";
        continue;
      }
      std::string text = test::read_file(text_path);
      DiagnosticCollector sink;
      auto d = import_with(r, "text", text_path.filename().string(), text, sink);
      CHECK(d);
      if (!d) {
        table << row.code << " does not import\n";
        continue;
      }
      Document golden = from_json(test::read_file(golden_path));
      const language::Language& lang = language::Language::for_code(row.code);
      // The same resolution in every language: the same shape and metadata.
      CHECK(d->metadata.language == row.code);
      CHECK(d->metadata.symbol == "A/RES/99/101");
      CHECK(d->metadata.number == "99/101");
      CHECK(d->metadata.adopted == "2044-12-10");
      CHECK(d->metadata.issued == "2045-01-14");
      CHECK(d->metadata.session);
      CHECK(lang.parse_session(d->metadata.session.value_or("")) == 99);
      // "34 (c)", "34 c)", "34 (ج)": the sub-item as the language prints it.
      CHECK(d->metadata.agenda_items.size() == 2);
      CHECK(d->metadata.agenda_items.front().number == "21");
      CHECK(d->metadata.body);
      CHECK(d->metadata.origin);
      CHECK(d->metadata.meeting);
      CHECK(d->formula);
      CHECK(lang.body_of_formula(d->formula.value_or("")) != nullptr);
      CHECK(d->preamble.size() == 3);
      CHECK(d->operative.size() == 4);
      CHECK(count_items(d->operative) == 5);
      CHECK(d->footnotes.size() == 3);
      CHECK(d->annexes.size() == 1);
      bool golden_ok = dump(project(*d, all_but_provenance)) == dump(project(golden, all_but_provenance));
      CHECK(dump(project(*d, all_but_provenance)) == dump(project(golden, all_but_provenance)));
      table << std::left << std::setw(5) << row.code << std::setw(8)
            << (lang.parse_session(d->metadata.session.value_or(""))
                    ? std::to_string(*lang.parse_session(d->metadata.session.value_or("")))
                    : "?")
            << padded(language::truncate_graphemes(d->formula.value_or("-"), 22), 24) << std::setw(4)
            << d->preamble.size() << std::setw(3) << d->operative.size() << std::setw(6)
            << count_items(d->operative) << std::setw(6) << d->footnotes.size() << std::setw(8)
            << d->annexes.size() << std::setw(7) << (golden_ok ? "same" : "DIFF");
      for (const auto& target : targets) {
        INFO(row.code << " through " << target);
        DiagnosticCollector trip;
        auto back = through(r, target, *d, trip);
        CHECK(back);
        if (!back) {
          table << std::setw(static_cast<int>(target.size()) + 1) << "fail";
          continue;
        }
        auto kept = kept_by(r, target);
        bool same = dump(project(*back, kept)) == dump(project(*d, kept));
        if (row.code == "ar" && target == "pdf" && !same) {
          // Known gap (issue 17's note): an Arabic PDF reads back with spaces beside
          // brackets and punctuation around Latin runs ("( A/99/612 )"), and the page number
          // of a page whose last footnote line is as low as the footer joins that footnote.
          // The structure must still be the same.
          Document a = project(*back, kept), b = project(*d, kept);
          CHECK(a.formula == b.formula);
          CHECK(a.preamble.size() == b.preamble.size());
          CHECK(a.operative.size() == b.operative.size());
          CHECK(count_items(a.operative) == count_items(b.operative));
          CHECK(a.annexes.size() == b.annexes.size());
          REQUIRE(a.footnotes.size() == b.footnotes.size());
          for (std::size_t i = 0; i < a.footnotes.size(); ++i)
            CHECK(a.footnotes[i].marker == b.footnotes[i].marker);
          a.metadata.origin = b.metadata.origin;
          CHECK(dump_metadata(a) == dump_metadata(b));
          table << std::setw(static_cast<int>(target.size()) + 1) << "~";
          continue;
        }
        CHECK(dump(project(*back, kept)) == dump(project(*d, kept)));
        table << std::setw(static_cast<int>(target.size()) + 1) << (same ? "ok" : "X");
      }
      table << "\n";
    }
  }
  std::cout << table.str();
}
