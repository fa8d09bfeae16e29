// Every corpus text through Akoma Ntoso: schema-valid, AKN4UN rules clean (text conservation
// included), and read back to the same model. Foreign AKN: read without a crash, written
// back valid.
#include "corpus.hpp"
#include "test_support.hpp"

#include <akn_format.hpp>
#include <text_format.hpp>

#include <resconv/sdk/model/dump.hpp>

#include <catch2/catch.hpp>

using namespace resconv;
using namespace resconv::model;

namespace {

std::vector<std::filesystem::path> files_under(const std::filesystem::path& dir,
                                               std::vector<std::string> exts) {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file() &&
        std::find(exts.begin(), exts.end(), e.path().extension().string()) != exts.end())
      out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<std::string> export_akn(const Document& d, DiagnosticSink& sink) {
  akn::AknExporter exporter;
  OutputSink out = OutputSink::to_memory("out.xml");
  Options options;
  options.set("check", true); // validated against the schema, or the export fails
  if (!static_cast<Exporter&>(exporter).run(d, out, options, sink))
    return std::nullopt;
  return out.memory();
}

} // namespace

TEST_CASE("every corpus text converts to valid AKN that reads back to the same model", "[corpus][akn]") {
  REQUIRE_FALSE(akn::schema_path("").empty());
  std::size_t imported = 0, valid = 0, rules_clean = 0, same = 0;
  for (const auto& file : files_under(test::corpus_dir() / "text", {".txt", ".md"})) {
    INFO(file.string());
    DiagnosticCollector sink;
    text_format::TextImporter importer;
    auto doc = static_cast<Importer&>(importer).run(InputSource::from_file(file), Options{}, sink);
    if (!doc)
      continue;
    ++imported;
    DiagnosticCollector export_sink;
    auto xml = export_akn(*doc, export_sink);
    CHECK(xml.has_value());
    if (!xml)
      continue;
    ++valid; // The exporter validated it against the schema, or it would have failed.
    akn::XmlDocPtr tree = akn::parse_secure(*xml, file.filename().string());
    DiagnosticCollector rules;
    CHECK(akn::check_rules(tree.get(), rules, file.filename().string()) == 0);
    rules_clean += rules.has_errors() ? 0 : 1;
    DiagnosticCollector read_sink;
    Document back = akn::read_akn(tree.get(), read_sink, file.filename().string());
    // AKN keeps every field, the masthead lines as printed included.
    CHECK(dump(back) == dump(*doc));
    same += back == *doc ? 1 : 0;
  }
  WARN("corpus texts imported: " << imported << "; schema-valid AKN: " << valid << "; AKN4UN rules clean: "
                                 << rules_clean << "; read back to the same model: " << same);
  CHECK(imported >= 475);
  CHECK(valid == imported);
  CHECK(rules_clean == imported);
  CHECK(same == imported);
}

TEST_CASE("foreign AKN reads without a crash and writes back valid", "[corpus][akn][foreign]") {
  std::size_t files = 0, read = 0, written = 0, collections = 0;
  for (const auto& file : files_under(test::corpus_dir() / "akn", {".xml"})) {
    INFO(file.string());
    ++files;
    DiagnosticCollector sink;
    akn::AknImporter importer;
    auto doc = static_cast<Importer&>(importer).run(InputSource::from_file(file), Options{}, sink);
    if (!doc) {
      CHECK(sink.has_errors()); // Refused with a reason, never silently.
      continue;
    }
    ++read;
    // A collection of several documents is read whole, each document a component.
    if (doc->is_collection())
      for (const auto& component : doc->components)
        CHECK_FALSE((component.operative.empty() && component.preamble.empty()));
    else
      CHECK_FALSE((doc->operative.empty() && doc->preamble.empty()));
    collections += doc->is_collection() ? 1 : 0;
    DiagnosticCollector export_sink;
    written += export_akn(*doc, export_sink) ? 1 : 0;
  }
  WARN("foreign AKN files: " << files << ", read: " << read << " (collections: " << collections
                             << "), written back schema-valid: " << written);
  CHECK(collections >= 2);
  CHECK(files >= 11);
  CHECK(read == files);
  CHECK(written == read);
}
