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
  CHECK(resconv::model::agenda_numbers(m.agenda_items) == std::vector<std::string>{"12"});
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

// ---------- what the reader sees (issue 15: F19, F20, F24, F25, F34) ----------

#include <resconv/sdk/model/dump.hpp>
#include <resconv/sdk/model/project.hpp>

namespace {

const std::vector<std::string> all_but_provenance = {"emphasis", "strong", "footnotes", "references",
                                                     "annexes",  "items",  "headings"};

const std::string injected_line = "2. Decides that all archives shall be destroyed;";

// The short resolution with `injected_line` drawn at the place of its paragraph 2, after
// `before` and followed by `after`, both at the current text position (no line feed): the
// visible paragraph 2 is drawn over it.
std::string with_injected(const std::string& before, const std::string& after,
                          const std::string& resources = "") {
  const auto& lines = test::short_resolution_lines();
  std::string c = "BT /F1 12 Tf 18 TL 72 720 Td\n";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i == 8)
      c += before + "(" + injected_line + ") Tj " + after + "\n";
    c += "(" + lines[i] + ") Tj T*\n";
  }
  return test::raw_pdf(c + "ET", "", "1", resources);
}

std::string control_pdf() {
  return test::raw_pdf(test::lines_content(test::short_resolution_lines()));
}

std::string diagnostics_of(const DiagnosticCollector& sink) {
  std::string out;
  for (const auto& d : sink.diagnostics())
    out += format_text(d) + "\n";
  return out;
}

} // namespace

TEST_CASE("hidden text is left out and reported; every visible paragraph stays", "[pdf][hidden]") {
  DiagnosticCollector control_sink;
  auto control = import_pdf(control_pdf(), control_sink);
  REQUIRE(control);
  REQUIRE(control->operative.size() == 3);
  CHECK_FALSE(control_sink.has_code("pdf.hidden-text"));
  struct Case {
    const char* what;
    std::string before, after, reason, resources = "";
  };
  std::vector<Case> cases = {
      {"white on white, 0.5 pt", "1 1 1 rg /F1 0.5 Tf ", "0 0 0 rg /F1 12 Tf ", "smaller than 1 pt"},
      {"white on white", "1 1 1 rg ", "0 0 0 rg ", "in the colour of what is under it"},
      {"light grey on white", "0.97 g ", "0 g ", "in the colour of what is under it"},
      {"render mode 3", "3 Tr ", "0 Tr ", "invisible (render mode 3)"},
      {"fill opacity 0", "/Clear gs ", "/Ink gs ", "transparent",
       "/ExtGState << /Clear << /ca 0 >> /Ink << /ca 1 >> >>"},
      {"render mode 7 (clip only)", "7 Tr ", "0 Tr ", "invisible (render mode 3)"},
      {"0.5 pt", "/F1 0.5 Tf ", "/F1 12 Tf ", "smaller than 1 pt"},
      {"a font matrix 1e-9 high", "/F1 0.000000001 Tf ", "/F1 12 Tf ", "smaller than 1 pt"},
      {"clipped to a 1 pt square", "ET q 72 10 1 1 re W n BT /F1 12 Tf 72 576 Td ",
       "ET Q BT /F1 12 Tf 18 TL 72 576 Td ", "clipped away"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    DiagnosticCollector sink;
    auto d = import_pdf(with_injected(c.before, c.after, c.resources), sink);
    REQUIRE(d);
    INFO(diagnostics_of(sink));
    // The model is the one without the injected line, to the boxes of the paragraphs.
    CHECK(dump(*d) == dump(*control));
    CHECK(dump(*d).find("destroyed") == std::string::npos);
    REQUIRE(sink.has_code("pdf.hidden-text"));
    for (const auto& x : sink.diagnostics())
      if (x.code == "pdf.hidden-text") {
        CHECK(x.severity == Severity::warning);
        CHECK(x.location.page == 1);
        CHECK(x.message.find(std::string("(") + c.reason + "): \"" + injected_line + "\", box ") !=
              std::string::npos);
      }
  }
}

TEST_CASE("text a reader sees is kept: white on a dark box, an OCR layer over its scan", "[pdf][hidden]") {
  DiagnosticCollector control_sink;
  auto control = import_pdf(control_pdf(), control_sink);
  REQUIRE(control);
  {
    // Paragraph 2 in white on a black band (drawn before the text object).
    const auto& lines = test::short_resolution_lines();
    std::string c = "0 g 60 570 500 20 re f\nBT /F1 12 Tf 18 TL 72 720 Td\n";
    for (std::size_t i = 0; i < lines.size(); ++i)
      c += (i == 8 ? "1 g (" + lines[i] + ") Tj 0 g T*\n" : "(" + lines[i] + ") Tj T*\n");
    DiagnosticCollector sink;
    auto d = import_pdf(test::raw_pdf(c + "ET"), sink);
    REQUIRE(d);
    INFO(diagnostics_of(sink));
    CHECK(dump(*d) == dump(*control));
    CHECK_FALSE(sink.has_code("pdf.hidden-text"));
  }
  {
    // A scan (one grey pixel stretched over the page) under invisible OCR text.
    std::string scan = "q 612 0 0 792 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID x\nEI Q\n";
    DiagnosticCollector sink;
    auto d = import_pdf(
        test::raw_pdf(scan + test::lines_content(test::short_resolution_lines(), "72 720 Td", "3 Tr ")),
        sink);
    REQUIRE(d);
    INFO(diagnostics_of(sink));
    CHECK(dump(*d) == dump(*control));
    CHECK_FALSE(sink.has_code("pdf.hidden-text"));
  }
}

TEST_CASE("rotated pages and rotated text read as the upright page", "[pdf][rotation]") {
  DiagnosticCollector control_sink;
  auto control = import_pdf(control_pdf(), control_sink);
  REQUIRE(control);
  const std::string upright = dump(project(*control, all_but_provenance));
  REQUIRE(upright.find("Decides to remain seized of the matter.") != std::string::npos);
  const auto& lines = test::short_resolution_lines();
  struct Case {
    const char* what;
    std::string pdf;
  };
  std::vector<Case> cases = {
      {"/Rotate 90", test::raw_pdf(test::lines_content(lines), "/Rotate 90 ")},
      {"/Rotate 180", test::raw_pdf(test::lines_content(lines), "/Rotate 180 ")},
      {"/Rotate 270", test::raw_pdf(test::lines_content(lines), "/Rotate 270 ")},
      {"/Rotate -90", test::raw_pdf(test::lines_content(lines), "/Rotate -90 ")},
      {"text turned a quarter left by its matrix",
       test::raw_pdf(test::lines_content(lines, "0 1 -1 0 300 100 Tm"))},
      {"text turned a quarter right by its matrix",
       test::raw_pdf(test::lines_content(lines, "0 -1 1 0 300 700 Tm"))},
      {"text upside down by its matrix", test::raw_pdf(test::lines_content(lines, "-1 0 0 -1 540 72 Tm"))},
      {"turned text on a turned page",
       test::raw_pdf(test::lines_content(lines, "0 1 -1 0 300 100 Tm"), "/Rotate 90 ")},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    DiagnosticCollector sink;
    auto d = import_pdf(c.pdf, sink);
    REQUIRE(d);
    INFO(diagnostics_of(sink));
    CHECK(dump(project(*d, all_but_provenance)) == upright);
    CHECK_FALSE(sink.has_code("pdf.no-formula"));
  }
}

TEST_CASE("a line running far off the page does not make the page unreadable", "[pdf][offpage]") {
  DiagnosticCollector control_sink;
  auto control = import_pdf(control_pdf(), control_sink);
  REQUIRE(control);
  // The resolution, then 200,000 one-letter strings on one line: 80 fit on the page.
  std::string c = test::lines_content(test::short_resolution_lines());
  c.erase(c.size() - 2); // "ET"
  c.reserve(c.size() + 200000 * 7 + 3);
  for (int i = 0; i < 200000; ++i)
    c += "(a) Tj ";
  DiagnosticCollector sink;
  auto d = import_pdf(test::raw_pdf(c + "ET"), sink);
  REQUIRE(d);
  INFO(diagnostics_of(sink));
  // The 81 letters on the page are a line of their own, the rest is left out.
  REQUIRE(d->operative.size() == 4);
  for (std::size_t i = 0; i < 3; ++i)
    CHECK(plain_text(d->operative[i].content) == plain_text(control->operative[i].content));
  CHECK(plain_text(d->operative[3].content) == std::string(81, 'a'));
  CHECK(d->formula == "The General Assembly,");
  REQUIRE(sink.has_code("pdf.off-page"));
  for (const auto& x : sink.diagnostics())
    if (x.code == "pdf.off-page") {
      CHECK(x.location.page == 1);
      CHECK(x.message.rfind("199919 glyph(s) placed outside the page", 0) == 0);
    }
}

TEST_CASE("a PDF without readable text says why: images, nothing, hidden or off the page", "[pdf][errors]") {
  const auto& lines = test::short_resolution_lines();
  test::PdfPage scan;
  scan.rectangle_only = true;
  std::string image = "q 612 0 0 792 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID x\nEI Q\n";
  struct Case {
    const char* what;
    std::string bytes;
    const char* code;
    std::string message;
  };
  std::vector<Case> cases = {
      {"an image", test::raw_pdf(image), "pdf.no-text-layer",
       "no text layer (scanned?): the 1 page(s) hold only images; run OCR first"},
      {"an empty page", test::raw_pdf(""), "pdf.no-text",
       "the 1 page(s) hold no text and no images: nothing to read"},
      {"a drawn rectangle (not an image: no OCR to run)", test::raw_pdf("0.5 g 72 72 400 600 re f"),
       "pdf.no-text", "the 1 page(s) hold no text and no images: nothing to read"},
      {"two scans", test::make_pdf({scan, scan}), "pdf.no-text-layer",
       "no text layer (scanned?): the 2 page(s) hold only images; run OCR first"},
      {"text off the page", test::raw_pdf(test::lines_content(lines, "5000 -5000 Td")), "pdf.no-visible-text",
       "no text a reader can see: the 1 page(s) hold only 402 glyph(s) placed outside the page (or larger "
       "than it)"},
      {"text at 3.4e38",
       test::raw_pdf(test::lines_content(lines, "1 0 0 1 34" + std::string(37, '0') + " 34" +
                                                    std::string(37, '0') + " Tm")),
       "pdf.no-visible-text",
       "no text a reader can see: the 1 page(s) hold only 402 glyph(s) placed outside the page (or larger "
       "than it)"},
      {"all in render mode 3", test::raw_pdf(test::lines_content(lines, "72 720 Td", "3 Tr ")),
       "pdf.no-visible-text",
       "no text a reader can see: the 1 page(s) hold only 350 hidden glyph(s) (see pdf.hidden-text)"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    DiagnosticCollector sink;
    CHECK_FALSE(import_pdf(c.bytes, sink));
    INFO(diagnostics_of(sink));
    bool found = false;
    for (const auto& x : sink.diagnostics())
      if (x.severity == Severity::error) {
        CHECK(x.code == c.code);
        CHECK(x.message == c.message);
        found = true;
        break;
      }
    CHECK(found);
  }
}

TEST_CASE("a page count that lies: the message says what the page tree holds", "[pdf][errors]") {
  DiagnosticCollector sink;
  CHECK_FALSE(
      import_pdf(test::raw_pdf(test::lines_content(test::short_resolution_lines()), "", "1000000"), sink));
  REQUIRE(sink.has_code("pdf.corrupt"));
  const Diagnostic& e = sink.diagnostics().front();
  CHECK(e.message.rfind(
            "the page tree is damaged: its page count does not match the 1 page(s) it holds (Poppler: ", 0) ==
        0);
  CHECK(e.message.find("no pages") == std::string::npos);
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
