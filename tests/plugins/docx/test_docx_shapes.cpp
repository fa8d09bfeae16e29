// The deliberations' shapes through DOCX: each model of plugins/shapes/print_shapes.hpp is
// written, read back with shapes=true, and compared with the model projected to what the
// format preserves.
#include "plugins/shapes/print_shapes.hpp"
#include "test_support.hpp"

#include <docx_format.hpp>

#include <resconv/sdk/model/dump.hpp>
#include <resconv/sdk/model/project.hpp>

#include <catch2/catch.hpp>

using namespace resconv;
using namespace resconv::model;

namespace {

std::string to_docx(const Document& d) {
  docx::DocxExporter exporter;
  OutputSink out = OutputSink::to_memory("out.docx");
  DiagnosticCollector sink;
  REQUIRE(static_cast<Exporter&>(exporter).run(d, out, Options{}, sink));
  return out.memory();
}

Document from_docx(const std::string& bytes, DiagnosticCollector& sink) {
  docx::DocxImporter importer;
  Options options;
  options.set("shapes", true);
  auto back = static_cast<Importer&>(importer).run(InputSource::from_memory("in.docx", bytes), options, sink);
  REQUIRE(back);
  return *back;
}

std::string document_xml(const std::string& bytes) {
  return docx::read_zip(bytes, {"word/document.xml"}).at("word/document.xml");
}

// The text of document.xml, each paragraph on a line of its own.
std::string paragraph_lines(const std::string& xml) {
  std::string out;
  bool tag = false;
  for (std::size_t i = 0; i < xml.size(); ++i) {
    if (xml.compare(i, 6, "</w:p>") == 0)
      out += '\n';
    if (xml[i] == '<')
      tag = true;
    else if (xml[i] == '>')
      tag = false;
    else if (!tag)
      out += xml[i];
  }
  return out;
}

std::size_t count(const std::string& in, const std::string& what) {
  std::size_t n = 0;
  for (auto at = in.find(what); at != std::string::npos; at = in.find(what, at + 1))
    ++n;
  return n;
}

} // namespace

TEST_CASE("DOCX: every shape is written and read back (shapes=true) into the same model", "[docx][shapes]") {
  const auto kept = test::print::preserves("docx");
  for (auto [name, d] : test::print::documents()) {
    INFO(name);
    normalize(d);
    std::string bytes = to_docx(d);
    CHECK(to_docx(d) == bytes);
    DiagnosticCollector sink;
    Document back = from_docx(bytes, sink);
    for (const auto& diagnostic : sink.diagnostics())
      UNSCOPED_INFO(diagnostic.code + ": " + diagnostic.message);
    CHECK(dump(project(back, kept)) == dump(project(d, kept)));
  }
}

TEST_CASE("DOCX: an adopted text and a draft's sponsors are printed word for word, in order",
          "[docx][shapes]") {
  for (auto [name, d] : test::print::unread_documents()) {
    INFO(name);
    std::string lines = paragraph_lines(document_xml(to_docx(d)));
    std::size_t at = 0;
    for (const std::string& text : test::print::printed_texts(d)) {
      INFO(text);
      auto found = lines.find(text, at);
      CHECK(found != std::string::npos);
      if (found != std::string::npos)
        at = found + text.size();
    }
  }
  std::string adopted = paragraph_lines(document_xml(to_docx(test::print::adopting())));
  // The declaration comes right after paragraph 1, before paragraph 2, its title a line of its own.
  CHECK(adopted.find("1. Adopts") <
        adopted.find("\nPolitical declaration of the high-level meeting on coastal archives\n"));
  CHECK(adopted.find("\nPolitical declaration of the high-level meeting on coastal archives\n") <
        adopted.find("2. Decides"));
  std::string draft = paragraph_lines(document_xml(to_docx(test::print::draft())));
  CHECK(draft.find("\nArgentina, Brazil and Chile: draft resolution\n") != std::string::npos);
  CHECK(draft.find("Distr.: Limited") != std::string::npos);
  CHECK(draft.find("adopted") == std::string::npos); // a draft has no adoption line
  CHECK(draft.find("\nPromotion and protection of human rights\n") != std::string::npos);
}

TEST_CASE("DOCX: the layout of the shapes (page breaks, part headings, quotations)", "[docx][shapes]") {
  std::string pub = document_xml(to_docx(test::print::collection()));
  CHECK(count(pub, "<w:br w:type=\"page\"/>") == 2); // one before each decision
  CHECK(paragraph_lines(pub).find("\nDecision 2/CP.40\nBudget for the biennium 2046\u20132047\n") !=
        std::string::npos);
  std::string parts = document_xml(to_docx(test::print::parts()));
  CHECK(count(parts, "<w:pStyle w:val=\"UNHeading\"/>") == 4); // I, II, A, B
  std::string quoting = document_xml(to_docx(test::print::quoting()));
  CHECK(count(quoting, "<w:pStyle w:val=\"UNQuote\"/>") == 2);
  CHECK(paragraph_lines(quoting).find("\n(a) \u201cThe keeper of the archives;\n") != std::string::npos);
}
