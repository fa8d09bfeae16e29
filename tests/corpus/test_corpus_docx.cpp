// DOCX on real documents: the seed through DOCX, the UNECE Word files' words, and an outside
// reader (pandoc) on our output.
#include "corpus.hpp"
#include "test_support.hpp"

#include <docx_format.hpp>
#include <text_format.hpp>

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/dump.hpp>

#include <catch2/catch.hpp>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstdio>
#include <cstring>
#include <utility>
#include <map>

using namespace resconv;
using namespace resconv::model;

namespace {

std::map<std::string, int> word_counts(const std::string& text) {
  std::map<std::string, int> out;
  std::string w;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80)
      w += static_cast<char>(std::tolower(u));
    else if (!w.empty()) {
      ++out[w];
      w.clear();
    }
  }
  if (!w.empty())
    ++out[w];
  return out;
}

// The text of document.xml as Word shows it: runs of a paragraph joined, tabs and breaks as
// spaces, the VML fallback copies of text boxes left out.
void word_text(const xmlNode* node, std::string& out) {
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    const char* name = reinterpret_cast<const char*>(c->name);
    if (std::strcmp(name, "Fallback") == 0 || std::strcmp(name, "delText") == 0)
      continue;
    if (std::strcmp(name, "t") == 0) {
      xmlChar* t = xmlNodeGetContent(c);
      out += reinterpret_cast<char*>(t);
      xmlFree(t);
    } else if (std::strcmp(name, "tab") == 0 || std::strcmp(name, "br") == 0) {
      out += ' ';
    } else {
      word_text(c, out);
      if (std::strcmp(name, "p") == 0)
        out += '\n';
    }
  }
}

void model_text(const std::vector<Paragraph>& list, std::string& out) {
  for (const auto& p : list) {
    out += " " + p.num.value_or("") + " " + plain_text(p.content);
    model_text(p.items, out);
  }
}

} // namespace

TEST_CASE("the seed through DOCX gives the text import's model", "[corpus][docx]") {
  text_format::TextImporter text;
  DiagnosticCollector sink;
  auto original = static_cast<Importer&>(text).run(
      InputSource::from_file(test::corpus_dir() / "text" / "A_RES_57_263.txt"), Options{}, sink);
  REQUIRE(original);
  docx::DocxExporter exporter;
  OutputSink out = OutputSink::to_memory("seed.docx");
  REQUIRE(static_cast<Exporter&>(exporter).run(*original, out, Options{}, sink));
  docx::DocxImporter importer;
  auto back = static_cast<Importer&>(importer).run(InputSource::from_memory("seed.docx", out.memory()),
                                                   Options{}, sink);
  REQUIRE(back);
  // The DOCX writer prints the canonical masthead, not the lines as printed (only the json
  // format keeps them so far).
  back->metadata.masthead.clear();
  original->metadata.masthead.clear();
  CHECK(dump(*back) == dump(*original));
  CHECK(*back == *original);

  // pandoc reads our package: every word of the body and the footnotes.
  test::TempDir dir;
  test::write_file(dir / "seed.docx", out.memory());
  std::string command = "pandoc -f docx -t plain --wrap=none '" + (dir / "seed.docx").string() + "' > '" +
                        (dir / "seed.txt").string() + "' 2>/dev/null";
  REQUIRE(std::system(command.c_str()) == 0); // pandoc comes with scripts/setup.sh
  auto pandoc_words = word_counts(test::read_file(dir / "seed.txt"));
  std::string expected;
  model_text(original->preamble, expected);
  model_text(original->operative, expected);
  for (const auto& f : original->footnotes)
    expected += " " + plain_text(f.content);
  int missing = 0;
  for (const auto& [word, n] : word_counts(expected))
    missing += std::max(0, n - pandoc_words[word]);
  CHECK(missing == 0);
}

TEST_CASE("the UNECE Word files import with their words", "[corpus][docx]") {
  for (const auto& e : std::filesystem::directory_iterator(test::corpus_dir() / "docx")) {
    if (e.path().extension() != ".docx")
      continue;
    INFO(e.path().filename().string());
    std::string bytes = test::read_file(e.path());
    docx::DocxImporter importer;
    DiagnosticCollector sink;
    auto d = static_cast<Importer&>(importer).run(
        InputSource::from_memory(e.path().filename().string(), bytes), Options{}, sink);
    REQUIRE(d);
    CHECK(sink.has_code("docx.no-resolution")); // Not resolutions: said, not failed.

    std::string xml = docx::read_zip(bytes, {"word/document.xml"}).at("word/document.xml");
    xmlDoc* doc =
        xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "document.xml", nullptr, XML_PARSE_NONET);
    REQUIRE(doc != nullptr);
    std::string source;
    word_text(xmlDocGetRootElement(doc), source);
    xmlFreeDoc(doc);

    std::string kept;
    const Metadata& m = d->metadata;
    for (const auto* f : {&m.body, &m.symbol, &m.number, &m.session, &m.title, &m.origin, &m.meeting, &m.vote,
                          &std::as_const(d->formula)})
      if (*f)
        kept += " " + **f;
    for (const auto& a : m.agenda_items)
      kept += " " + a.number + " " + a.title.value_or("");
    model_text(d->preamble, kept);
    model_text(d->operative, kept);
    for (const auto& a : d->annexes) {
      kept += " " + a.heading.value_or("") + " " + a.title.value_or("");
      model_text(a.preamble, kept);
      model_text(a.operative, kept);
    }
    auto have = word_counts(kept);
    int total = 0, found = 0;
    for (const auto& [word, n] : word_counts(source)) {
      total += n;
      found += std::min(n, have[word]);
    }
    double share = static_cast<double>(found) / total;
    WARN(e.path().filename().string()
         << ": " << found << " of " << total << " words of document.xml kept (" << share * 100 << "%)");
    CHECK(share >= 0.99);
  }
}
