// The deliberations' shapes through PDF: each model of plugins/shapes/print_shapes.hpp is
// rendered, read back with shapes=true, and compared with the model projected to what the
// format preserves; the layout (a page per deliberation, centred part headings, indented
// quotations) is checked on the pages' text.
#include "plugins/shapes/print_shapes.hpp"
#include "test_support.hpp"

#include <pdf_format.hpp>

#include <resconv/sdk/model/dump.hpp>
#include <resconv/sdk/model/project.hpp>

#include <catch2/catch.hpp>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <memory>
#include <sstream>

using namespace resconv;
using namespace resconv::model;

namespace {

std::string to_pdf(const Document& d) {
  pdf::PdfExporter exporter;
  OutputSink out = OutputSink::to_memory("out.pdf");
  DiagnosticCollector sink;
  REQUIRE(static_cast<Exporter&>(exporter).run(d, out, Options{}, sink));
  return out.memory();
}

Document from_pdf(const std::string& bytes, DiagnosticCollector& sink) {
  pdf::PdfImporter importer;
  Options options;
  options.set("shapes", true);
  auto back = static_cast<Importer&>(importer).run(InputSource::from_memory("in.pdf", bytes), options, sink);
  REQUIRE(back);
  return *back;
}

// Each page's text boxes: their text and left edge.
struct Word {
  std::string text;
  double left = 0, right = 0, top = 0;
};

std::vector<std::vector<Word>> pages(const std::string& bytes) {
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  REQUIRE(doc);
  std::vector<std::vector<Word>> out;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    std::vector<Word> words;
    for (const auto& box : page->text_list()) {
      auto b = box.text().to_utf8();
      words.push_back(
          {std::string(b.begin(), b.end()), box.bbox().left(), box.bbox().right(), box.bbox().top()});
    }
    out.push_back(std::move(words));
  }
  return out;
}

// The page's words joined by spaces.
std::string page_text(const std::vector<Word>& words) {
  std::string out;
  for (const auto& w : words)
    out += (out.empty() ? "" : " ") + w.text;
  return out;
}

// The first box with this text on the page, or nullptr.
const Word* find(const std::vector<Word>& words, const std::string& text) {
  for (const auto& w : words)
    if (w.text == text)
      return &w;
  return nullptr;
}

} // namespace

TEST_CASE("PDF: every shape is rendered and read back (shapes=true) into the same model", "[pdf][shapes]") {
  const auto kept = test::print::preserves("pdf");
  for (auto [name, d] : test::print::documents()) {
    INFO(name);
    normalize(d);
    std::string bytes = to_pdf(d);
    DiagnosticCollector sink;
    Document back = from_pdf(bytes, sink);
    for (const auto& diagnostic : sink.diagnostics())
      UNSCOPED_INFO(diagnostic.code + ": " + diagnostic.message);
    CHECK(dump(project(back, kept)) == dump(project(d, kept)));
  }
}

TEST_CASE("PDF: an adopted text and a draft's sponsors are printed word for word, in order",
          "[pdf][shapes]") {
  for (auto [name, d] : test::print::unread_documents()) {
    INFO(name);
    std::string text;
    for (const auto& page : pages(to_pdf(d)))
      text += page_text(page) + " ";
    std::size_t at = 0;
    for (const std::string& printed : test::print::printed_texts(d)) {
      // Words as the pages have them, one space apart.
      std::string words;
      std::istringstream in(printed);
      for (std::string w; in >> w;)
        words += (words.empty() ? "" : " ") + w;
      INFO(words);
      auto found = text.find(words, at);
      CHECK(found != std::string::npos);
      if (found != std::string::npos)
        at = found + words.size();
    }
  }
  std::string draft = page_text(pages(to_pdf(test::print::draft())).front());
  CHECK(draft.find("Argentina, Brazil and Chile: draft resolution") != std::string::npos);
  CHECK(draft.find("Distr.: Limited") != std::string::npos);
  CHECK(draft.find("adopted") == std::string::npos); // a draft has no adoption line
  CHECK(draft.find("Promotion and protection of human rights") != std::string::npos);
}

TEST_CASE("PDF: a page per deliberation, part headings centred, quotations indented", "[pdf][shapes]") {
  auto pub = pages(to_pdf(test::print::collection()));
  REQUIRE(pub.size() == 3); // the publication's masthead, then one page per decision
  CHECK(page_text(pub[1]).find("Decision 1/CP.40 Coastal archives work programme") != std::string::npos);
  CHECK(page_text(pub[2]).find("Decision 2/CP.40") != std::string::npos);
  CHECK(page_text(pub[1]).find("2/CP.40") == std::string::npos);

  auto parts = pages(to_pdf(test::print::parts()));
  const Word* liaison = nullptr;
  for (const auto& page : parts)
    if (!liaison)
      liaison = find(page, "Liaison");
  REQUIRE(liaison != nullptr);
  // "A. Liaison offices" is centred: the column's middle (A4, margins of the style) lies
  // between its first and last words; it starts far right of the paragraphs' edge.
  CHECK(liaison->left > 200);

  auto quoting = pages(to_pdf(test::print::quoting()));
  const Word* decides = nullptr;
  const Word* quoted = nullptr;
  for (const auto& page : quoting) {
    for (const auto& w : page)
      if (w.text == "2.")
        decides = &w;
    if (!quoted)
      quoted = find(page, "(a)");
  }
  REQUIRE(decides != nullptr);
  REQUIRE(quoted != nullptr);
  CHECK(quoted->left > decides->left + 30); // indented
}
