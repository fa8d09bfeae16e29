// The pdf importer on PDFs written by the tests: layout rules and bad input.
#include "make_pdf.hpp"
#include "test_support.hpp"

#include <pdf_format.hpp>
#include <pdf_layout.hpp>

#include <resconv/sdk/model/builder.hpp>

#include <catch2/catch.hpp>

using namespace resconv;
using namespace resconv::model;

namespace {

std::optional<Document> import_pdf(const std::string& bytes, DiagnosticCollector& sink,
                                   Options options = {}) {
  pdf::PdfImporter importer;
  return static_cast<Importer&>(importer).run(InputSource::from_memory("test.pdf", bytes), options, sink);
}

} // namespace

TEST_CASE("a UN-style PDF: masthead, paragraphs across pages, footnotes, furniture", "[pdf]") {
  DiagnosticCollector sink;
  auto d = import_pdf(test::sample_resolution_pdf(), sink);
  REQUIRE(d);
  for (const auto& x : sink.diagnostics())
    INFO(format_text(x));
  const Metadata& m = d->metadata;
  CHECK(m.symbol == "A/RES/99/7");
  CHECK(m.body == "General Assembly");
  CHECK(m.issued == "2045-01-03");
  CHECK(m.session == "Ninety-ninth session");
  CHECK(m.agenda_items == std::vector<std::string>{"12"});
  CHECK(m.adopted == "2044-12-20");
  CHECK(m.origin == "without reference to a Main Committee (A/99/L.7)");
  CHECK(m.number == "99/7");
  CHECK(m.title == "Cooperation between lighthouse keepers");
  CHECK(m.meeting == "15th plenary meeting");
  CHECK(d->formula == "The General Assembly,");
  REQUIRE(d->preamble.size() == 1);
  REQUIRE(d->operative.size() == 2);
  // Emphasis from the italic font; the footnote call from the small raised number.
  CHECK(d->preamble[0].content.front() == Inline{Emphasis{{Text{"Recalling"}}}});
  CHECK(plain_text(d->preamble[0].content) == "Recalling its resolution 97/3 of 1 December 2042 on the "
                                              "safety of coastal navigation and the report of the "
                                              "Secretary-General,");
  bool called = false;
  for (const auto& in : d->preamble[0].content)
    called = called || in == Inline{FootnoteRef{"1"}};
  CHECK(called);
  // The real line-end hyphen is kept; the paragraph goes on across the page break.
  CHECK(plain_text(d->operative[0].content) ==
        "Welcomes the work of lighthouse keepers, and encourages capacity-building among them;");
  CHECK(plain_text(d->operative[1].content) ==
        "Requests the Secretary-General to report to the General Assembly at its hundredth session on the "
        "implementation of the present resolution;");
  REQUIRE(d->footnotes.size() == 1);
  CHECK(plain_text(d->footnotes[0].content) == "A/99/100, annex.");
  // Provenance: page and box.
  REQUIRE(d->operative[0].provenance);
  CHECK(d->operative[0].provenance->page == 1);
  CHECK(d->operative[0].provenance->box[1] > 400);
  // No furniture in the text.
  for (const auto& p : d->operative)
    for (const char* furniture : {"44-12345", "4412345", "2/2"})
      CHECK(plain_text(p.content).find(furniture) == std::string::npos);
}

TEST_CASE("the layout report names furniture and paragraph starts", "[pdf][layout]") {
  DiagnosticCollector sink;
  Options options;
  options.set("layout", true);
  REQUIRE(import_pdf(test::sample_resolution_pdf(), sink, options));
  std::vector<std::string> notes;
  for (const auto& d : sink.diagnostics())
    if (d.code == "pdf.layout")
      notes.push_back(std::to_string(d.location.page) + " " + d.message);
  auto has = [&](const std::string& text) {
    return std::any_of(notes.begin(), notes.end(), [&](const std::string& n) { return n == text; });
  };
  CHECK(has("1 page furniture: \"44-12345 (E)\""));
  CHECK(has("1 page furniture: \"*4412345*\""));
  CHECK(has("2 running header: \"A/RES/99/7\""));
  CHECK(has("2 page furniture: \"2/2\""));
  CHECK(has("1 footnote 1 starts"));
  CHECK(has("1 footnote rule: \"__________________\""));
}

TEST_CASE("glyph boxes repair words split by justification", "[pdf][layout]") {
  pdf::Page page{1, 612, 792, {}};
  auto word = [](std::string t, double x0, double x1, bool space) {
    return pdf::Word{std::move(t), x0, 100, x1, 111, 10, "TimesNewRomanPSMT", space};
  };
  page.words = {word("Latin", 100, 122, true), word("Amer", 125.5, 146, true),
                word("ica", 147.1, 160, true), word("and", 163.5, 178, true),
                word("(UN", 181.5, 196, true), word("-SPIDER)", 197.1, 240, false)};
  pdf::LayoutReport report;
  auto blocks = pdf::analyse({page}, "t.pdf", report);
  REQUIRE(blocks.size() == 1);
  CHECK(plain_text(blocks[0].content) == "Latin America and (UN-SPIDER)");
}

TEST_CASE("bad PDFs fail with a reason", "[pdf][errors]") {
  std::string good = test::sample_resolution_pdf();
  struct Case {
    const char* what;
    std::string bytes;
    const char* code;
  };
  test::PdfPage scan;
  scan.rectangle_only = true;
  std::vector<Case> cases = {
      {"not a PDF", "The General Assembly,", "pdf.not-pdf"},
      {"garbage after the header", "%PDF-1.7\n" + std::string(3000, 'x') + "\n%%EOF\n", "pdf.corrupt"},
      {"garbage without an end marker", "%PDF-1.7\n" + std::string(3000, 'x'), "pdf.corrupt"},
      {"truncated", good.substr(0, good.size() / 3), "pdf.truncated"},
      {"truncated just before the end marker", good.substr(0, good.rfind("%%EOF")), "pdf.truncated"},
      {"image only", test::make_pdf({scan, scan}), "pdf.no-text-layer"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    DiagnosticCollector sink;
    auto d = import_pdf(c.bytes, sink);
    CHECK_FALSE(d);
    CHECK(sink.has_code(c.code));
  }
}

TEST_CASE("an encrypted PDF asks for its password", "[pdf][errors]") {
  test::TempDir dir;
  test::write_file(dir / "plain.pdf", test::sample_resolution_pdf());
  std::string command = "qpdf --encrypt secret owner 256 -- '" + (dir / "plain.pdf").string() + "' '" +
                        (dir / "locked.pdf").string() + "' 2>/dev/null";
  REQUIRE(std::system(command.c_str()) == 0); // qpdf comes with scripts/setup.sh
  DiagnosticCollector sink;
  CHECK_FALSE(import_pdf(test::read_file(dir / "locked.pdf"), sink));
  CHECK(sink.has_code("pdf.encrypted"));
}

// ---------- export ----------

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <resconv/sdk/model/dump.hpp>
#include <resconv/sdk/model/json.hpp>
#include <resconv/sdk/model/project.hpp>

namespace {

std::string export_pdf(const Document& d) {
  pdf::PdfExporter exporter;
  OutputSink out = OutputSink::to_memory("out.pdf");
  DiagnosticCollector sink;
  REQUIRE(static_cast<Exporter&>(exporter).run(d, out, Options{}, sink));
  return out.memory();
}

Document example_model() {
  return from_json(
      test::read_file(std::filesystem::path(RESCONV_SOURCE_DIR) / "tests/golden/A_RES_99_101.json"));
}

std::string utf8(const poppler::ustring& s) {
  auto b = s.to_utf8();
  return std::string(b.begin(), b.end());
}

} // namespace

TEST_CASE("PDF export: A4, embedded fonts, metadata", "[pdf][export]") {
  std::string bytes = export_pdf(example_model());
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  REQUIRE(doc);
  REQUIRE(doc->pages() >= 2);
  std::unique_ptr<poppler::page> first(doc->create_page(0));
  CHECK(std::abs(first->page_rect().width() - 595.28) < 0.5);
  CHECK(std::abs(first->page_rect().height() - 841.89) < 0.5);
  CHECK(utf8(doc->info_key("Title")) ==
        "International cooperation on the preservation of coastal libraries and archives");
  CHECK(utf8(doc->info_key("Subject")) == "A/RES/99/101");
  CHECK(utf8(doc->info_key("Producer")).rfind("resconv ", 0) == 0);
  auto fonts = doc->fonts();
  REQUIRE_FALSE(fonts.empty());
  for (const auto& f : fonts) {
    INFO(f.name());
    CHECK(f.is_embedded());
  }
  // Deterministic: no clock in the file.
  CHECK(export_pdf(example_model()) == bytes);
}

TEST_CASE("PDF export reads back to the same model", "[pdf][export][roundtrip]") {
  Document original = example_model();
  DiagnosticCollector sink;
  auto back = import_pdf(export_pdf(original), sink);
  REQUIRE(back);
  std::vector<std::string> kept = {"emphasis", "strong", "footnotes", "references",
                                   "annexes",  "items",  "headings"};
  CHECK(dump(project(*back, kept)) == dump(project(original, kept)));
}

TEST_CASE("PDF export matches the golden text layer", "[pdf][export][golden]") {
  std::string bytes = export_pdf(example_model());
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  REQUIRE(doc);
  std::string layer = "pages: " + std::to_string(doc->pages()) + "\n";
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> p(doc->create_page(i));
    layer += "--- page " + std::to_string(i + 1) + "\n";
    for (auto& box : p->text_list())
      layer += utf8(box.text()) + (box.has_space_after() ? " " : "\n");
    layer += "\n";
  }
  auto path = std::filesystem::path(RESCONV_SOURCE_DIR) / "tests" / "golden" / "A_RES_99_101.pdf.txt";
  const char* update = std::getenv("RESCONV_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    test::write_file(path, layer);
    WARN("golden file rewritten: " << path);
    return;
  }
  REQUIRE(std::filesystem::exists(path));
  CHECK(test::read_file(path) == layer);
}
