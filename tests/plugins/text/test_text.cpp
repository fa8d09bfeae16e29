#include "test_support.hpp"

#include <text_format.hpp>

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/dump.hpp>
#include <resconv/sdk/model/json.hpp>
#include <resconv/sdk/recognize/language.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace resconv;
using namespace resconv::model;
namespace tf = resconv::text_format;

namespace {

std::optional<Document> import_text(const std::string& text, DiagnosticCollector& sink) {
  tf::TextImporter importer;
  Options options = Options::parse({}, {});
  return static_cast<Importer&>(importer).run(InputSource::from_memory("mem.txt", text), options, sink);
}

std::string export_text(const Document& d) {
  tf::TextExporter exporter;
  OutputSink out = OutputSink::to_memory();
  DiagnosticCollector sink;
  REQUIRE(static_cast<Exporter&>(exporter).run(d, out, Options{}, sink));
  return out.memory();
}

const std::filesystem::path example =
    std::filesystem::path(RESCONV_SOURCE_DIR) / "examples" / "A_RES_99_101.txt";

// Golden files: compare, or rewrite them when RESCONV_UPDATE_GOLDEN=1 (review the diff).
void check_golden(const std::string& name, const std::string& actual) {
  auto path = std::filesystem::path(RESCONV_SOURCE_DIR) / "tests" / "golden" / name;
  const char* update = std::getenv("RESCONV_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    test::write_file(path, actual);
    WARN("golden file rewritten: " << path);
    return;
  }
  REQUIRE(std::filesystem::exists(path));
  CHECK(test::read_file(path) == actual);
}

} // namespace

TEST_CASE("inline markup: emphasis, strong, escapes and footnote calls", "[text][inline]") {
  CHECK(tf::parse_inlines("*Takes note* of it") == Inlines{emphasis({text("Takes note")}), text(" of it")});
  CHECK(tf::parse_inlines("a **bold** word") == Inlines{text("a "), strong({text("bold")}), text(" word")});
  CHECK(tf::parse_inlines("2002,\xC2\xB9 in which") ==
        Inlines{text("2002,"), footnote_ref("1"), text(" in which")});
  CHECK(tf::parse_inlines("Summit\xC2\xB9\xE2\x81\xB0") == Inlines{text("Summit"), footnote_ref("10")});
  CHECK(tf::parse_inlines("Headquarters[^1] are") ==
        Inlines{text("Headquarters"), footnote_ref("1"), text(" are")});
  CHECK(tf::parse_inlines("Relies on * the Chief") == Inlines{text("Relies on * the Chief")});
  CHECK(tf::parse_inlines("a \\*literal\\* star") == Inlines{text("a *literal* star")});
}

TEST_CASE("blocks: front matter, footnote lines, hyphenation with evidence", "[text][blocks]") {
  const auto& langs = recognize::LanguageData::installed();
  auto blocks =
      tf::split_blocks("---\ntitle: x\n---\n\nThe Security Council,\n\nHaving heard the Ob-\nserver "
                       "and the capacity-\nbuilding experts,\n\nThe Observer spoke.\n\n\xC2\xB9 A/1.\n",
                       "t.txt", langs);
  REQUIRE(blocks.size() == 4);
  CHECK(plain_text(blocks[1].content) == "Having heard the Observer and the capacity-building experts,");
  CHECK(blocks[3].footnote);
  CHECK(blocks[3].footnote_marker == "1");
  CHECK(blocks[3].calls_marked);
  CHECK(blocks[1].line == 7);
}

TEST_CASE("blocks: paragraphs run together by extraction are split", "[text][blocks]") {
  const auto& langs = recognize::LanguageData::installed();
  auto blocks = tf::split_blocks(
      "1. We agree.\n2. We act on it.2 3. We report.\nHaving seen it, 4\nDecides to go.", "t", langs);
  REQUIRE(blocks.size() == 5);
  CHECK(plain_text(blocks[2].content) == "3. We report.");
  CHECK(plain_text(blocks[4].content) == "Decides to go.");
}

TEST_CASE("bad input is refused with a reason", "[text][errors]") {
  DiagnosticCollector sink;
  CHECK_FALSE(import_text(std::string("abc\0def", 7), sink));
  CHECK(sink.has_code("text.binary"));
  DiagnosticCollector sink2;
  CHECK_FALSE(import_text("caf\xE9 au lait\n", sink2));
  CHECK(sink2.has_code("text.encoding"));
  CHECK(sink2.diagnostics().front().location.file == "mem.txt");
  DiagnosticCollector sink3;
  CHECK_FALSE(import_text("\n\n  \n", sink3));
  CHECK(sink3.has_code("text.empty"));
}

TEST_CASE("the probe tells text from other formats", "[text][probe]") {
  tf::TextImporter importer;
  Importer& i = importer;
  CHECK(i.probe({"The General Assembly,\n\n1. Decides", "x"}) == Probe::yes);
  CHECK(i.probe({"{\"resconv\": 1}", "x.txt"}) == Probe::no);
  CHECK(i.probe({"%PDF-1.7", "x"}) == Probe::no);
  CHECK(i.probe({std::string_view("PK\x03\x04\x00\x00", 6), "x"}) == Probe::no);
  CHECK(i.probe({"Just a line of prose.", "x"}) == Probe::unknown);
}

TEST_CASE("the example resolution imports as written", "[text][example]") {
  DiagnosticCollector sink;
  auto d = import_text(test::read_file(example), sink);
  REQUIRE(d);
  CHECK_FALSE(sink.has_errors());
  CHECK(d->metadata.symbol == "A/RES/99/101");
  CHECK(d->metadata.agenda_items == std::vector<std::string>{"21", "34 (c)"});
  CHECK(d->preamble.size() == 3);
  REQUIRE(d->operative.size() == 4);
  CHECK(d->operative[2].items.size() == 3);
  CHECK(d->operative[2].items[1].items.size() == 2);
  CHECK(d->footnotes.size() == 3);
  REQUIRE(d->annexes.size() == 1);
  CHECK(d->annexes[0].operative.size() == 2);
}

TEST_CASE("text -> model -> text -> model is the identity on the model", "[text][roundtrip]") {
  DiagnosticCollector sink;
  auto first = import_text(test::read_file(example), sink);
  REQUIRE(first);
  std::string canonical = export_text(*first);
  auto second = import_text(canonical, sink);
  REQUIRE(second);
  CHECK(dump(*second) == dump(*first));
  CHECK(*second == *first);
  // The canonical form is a fixed point.
  CHECK(export_text(*second) == canonical);
}

TEST_CASE("exporter output matches the golden files", "[text][golden]") {
  DiagnosticCollector sink;
  auto d = import_text(test::read_file(example), sink);
  REQUIRE(d);
  check_golden("A_RES_99_101.txt", export_text(*d));
  check_golden("A_RES_99_101.json", to_json(*d));
}

TEST_CASE("hostile markup: deep emphasis is bounded and linear", "[text][hostile]") {
  std::string text;
  for (int i = 0; i < 100000; ++i)
    text += "*x ";
  for (int i = 0; i < 100000; ++i)
    text += "x* ";
  Inlines parsed = tf::parse_inlines(text);
  // Depth is capped: walk down the first child chain.
  int depth = 0;
  const Inlines* level = &parsed;
  while (true) {
    auto it = std::find_if(level->begin(), level->end(),
                           [](const Inline& in) { return std::holds_alternative<Emphasis>(in.value); });
    if (it == level->end())
      break;
    ++depth;
    level = &std::get<Emphasis>(it->value).content;
  }
  CHECK(depth <= 4);
  // Nothing is lost: every x is still there.
  std::string plain = plain_text(parsed);
  CHECK(std::count(plain.begin(), plain.end(), 'x') == 200000);
}

TEST_CASE("the SDK test helpers run a plugin on memory buffers and find a lossy round trip",
          "[text][sdk-testing]") {
  tf::TextExporter exporter;
  tf::TextImporter importer;
  FormatDescriptor descriptor = testing::load_descriptor(RESCONV_SOURCE_DIR "/formats/text/format.json");
  Options export_options = testing::options_for(descriptor, testing::Side::export_);
  Options import_options = testing::options_for(descriptor, testing::Side::import);

  auto out = testing::export_to_memory(exporter, testing::sample_document(), export_options);
  REQUIRE(out.ok);
  CHECK(out.bytes.find("Cooperation between lighthouses") != std::string::npos);
  auto in = testing::import_from_memory(importer, out.bytes, import_options);
  REQUIRE(in.document);

  // Within what the format says it keeps, the round trip is exact...
  CHECK(testing::round_trip_difference(exporter, importer, testing::sample_document(), descriptor.preserves,
                                       export_options, import_options) == "");
  // ...and asking for provenance, which plain text cannot keep, shows the first difference.
  std::vector<std::string> too_much = descriptor.preserves;
  too_much.push_back("provenance");
  std::string difference = testing::round_trip_difference(exporter, importer, testing::sample_document(),
                                                          too_much, export_options, import_options);
  CHECK(difference.find("dump line") != std::string::npos);
  CHECK_THROWS_AS(testing::options_for(descriptor, testing::Side::export_, {{"no-such-option", "1"}}),
                  OptionError);
}

TEST_CASE("the source's own inconsistencies are warnings: the document is still made", "[text][model]") {
  DiagnosticCollector sink;
  auto d =
      import_text("United Nations\n\nA/RES/99/8\n\nGeneral Assembly\n\nDistr.: General\n29 February 2003\n\n"
                  "The General Assembly,\n\n1. Decides to remain seized of the matter.\xC2\xB9\n",
                  sink);
  REQUIRE(d);
  CHECK(d->metadata.issued == "2003-02-29"); // what the source printed
  CHECK(sink.has_code("model.bad-date"));
  CHECK(sink.has_code("model.footnote-missing"));
  CHECK_FALSE(sink.has_errors());
}
