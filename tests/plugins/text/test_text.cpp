#include "test_support.hpp"

#include <text_format.hpp>

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/dump.hpp>
#include <resconv/sdk/model/json.hpp>
#include <resconv/sdk/recognize/language.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <tuple>

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
  CHECK(resconv::model::agenda_numbers(d->metadata.agenda_items) == std::vector<std::string>{"21", "34 (c)"});
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
  // The masthead lines are printed as they were read, so they come back too.
  CHECK_FALSE(first->metadata.masthead.empty());
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

namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

} // namespace

TEST_CASE("line ends: CR alone, CR LF and LF each end a line", "[text][blocks][eol]") {
  DiagnosticCollector sink;
  const std::string lf = test::read_file(example);
  auto expected = import_text(lf, sink);
  REQUIRE(expected);
  // Old Mac files end lines with CR alone; Windows files with CR LF; some files mix them.
  std::string mixed;
  // (A lone CR is never followed by an LF here: that pair is one CR LF line end.)
  const char* ends[] = {"\n", "\r", "\r\n"};
  std::size_t k = 0;
  for (char c : lf)
    mixed += c == '\n' ? std::string(ends[k++ % 3]) : std::string(1, c);
  for (const std::string& text : {replace_all(lf, "\n", "\r"), replace_all(lf, "\n", "\r\n"), mixed}) {
    DiagnosticCollector s;
    auto d = import_text(text, s);
    REQUIRE(d);
    CHECK_FALSE(s.has_errors());
    CHECK(*d == *expected);
  }
  // Block lines count CR LF as one line end and a lone CR as one.
  const auto& langs = recognize::LanguageData::installed();
  auto blocks =
      tf::split_blocks("The Security Council,\r\r1. Decides.\r\n\r\n2. Acts.\r3. Ends.", "t", langs);
  REQUIRE(blocks.size() == 4);
  CHECK(blocks[1].line == 3);
  CHECK(blocks[2].line == 5);
  CHECK(blocks[3].line == 6);
  CHECK(plain_text(blocks[3].content) == "3. Ends.");
}

TEST_CASE("control bytes are text.binary with the offset and line", "[text][errors][binary]") {
  for (auto [text, what, offset, line] :
       {std::tuple{std::string("The General\x01 Assembly,\n"), std::string("control byte 0x01"), 11, 1},
        std::tuple{std::string("A\n\nThe General\x1f Assembly,\n"), std::string("control byte 0x1F"), 14, 3},
        std::tuple{std::string("A\r\nB\x0b\n"), std::string("control byte 0x0B"), 4, 2},
        std::tuple{std::string("A\rB\rC\0", 6), std::string("NUL byte"), 5, 3}}) {
    DiagnosticCollector sink;
    CHECK_FALSE(import_text(text, sink));
    REQUIRE(sink.has_code("text.binary"));
    const Diagnostic& d = sink.diagnostics().front();
    CHECK(d.message == "binary data, not text (" + what + " at offset " + std::to_string(offset) + ")");
    CHECK(d.location.file == "mem.txt");
    CHECK(d.location.offset == offset);
    CHECK(d.location.line == line);
  }
  // Tab and form feed (pdftotext's page break) are text.
  DiagnosticCollector sink;
  CHECK(import_text("The General Assembly,\n\n1.\tDecides\fto act.\n", sink));
  CHECK_FALSE(sink.has_errors());
  // Invalid UTF-8 after a CR-only line end names the right line.
  DiagnosticCollector latin;
  CHECK_FALSE(import_text("A\rB\rcaf\xE9\n", latin));
  REQUIRE(latin.has_code("text.encoding"));
  CHECK(latin.diagnostics().front().location.line == 3);
}

TEST_CASE("the probe: damaged text is maybe ours, binary data is not", "[text][probe][binary]") {
  tf::TextImporter importer;
  Importer& i = importer;
  const std::string text = test::read_file(example);
  std::string nul = text;
  nul.insert(300, 1, '\0');
  std::string control = text;
  control.insert(300, "\x01\x1f");
  // A .txt file with a stray NUL or control byte reaches the importer (and its text.binary).
  CHECK(i.probe({nul, "x.txt"}) == Probe::unknown);
  CHECK(i.probe({control, "x.txt"}) == Probe::unknown);
  // Binary data: control bytes all through, or bytes that are not UTF-8 either.
  std::string zeros(4096, '\0');
  CHECK(i.probe({zeros, "x.txt"}) == Probe::no);
  std::string png = "\x89PNG\r\n\x1a\n" + text;
  CHECK(i.probe({png, "x.txt"}) == Probe::no);
  // CR-only line ends still show numbered paragraphs.
  CHECK(i.probe({"The General Assembly,\r\r1. Decides", "x"}) == Probe::yes);
}

TEST_CASE("run-in paragraphs are split in one pass over the line", "[text][blocks][runin]") {
  const auto& langs = recognize::LanguageData::installed();
  // 999 paragraphs on one line (three digits is the most a paragraph number has), then
  // more: every numbered start splits, and no word is lost.
  std::string line;
  for (int n = 1; n <= 1200; ++n)
    line += (n == 1 ? "" : " ") + std::to_string(n) + ". Decides A";
  auto blocks = tf::split_blocks("The General Assembly,\n\n" + line + "\n", "t", langs);
  REQUIRE(blocks.size() == 1 + 999);
  CHECK(plain_text(blocks[1].content) == "1. Decides A");
  CHECK(plain_text(blocks[998].content) == "998. Decides A");
  std::string last = plain_text(blocks[999].content);
  CHECK(last.rfind("999. Decides A 1000. Decides A 1001.", 0) == 0);
  CHECK(last.size() > 200 * 15);
  std::string all;
  for (std::size_t k = 1; k < blocks.size(); ++k)
    all += (k == 1 ? "" : " ") + plain_text(blocks[k].content);
  CHECK(all == line);
  // A number that does not start a capitalised clause is not a paragraph start, and the
  // search stops there as before.
  auto kept = tf::split_blocks("1. We agree.\n2. We act on it. 3. of them 4. We end.", "t", langs);
  REQUIRE(kept.size() == 2);
  CHECK(plain_text(kept[1].content) == "2. We act on it. 3. of them 4. We end.");
}
