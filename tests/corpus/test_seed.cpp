// The canonical first case: A/RES/57/263 as extracted text against its hand-checked truth.
#include "corpus.hpp"
#include "test_support.hpp"

#include <akn_format.hpp>
#include <text_format.hpp>

#include <resconv/sdk/model/builder.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>

using namespace resconv;
using namespace resconv::model;

namespace {

std::optional<std::string> opt(const nlohmann::json& j) {
  return j.is_null() ? std::nullopt : std::optional<std::string>(j.get<std::string>());
}

void collect_calls(const Inlines& in, const std::string& where,
                   std::map<std::string, std::vector<std::string>>& out) {
  for (const auto& i : in) {
    if (auto* f = std::get_if<FootnoteRef>(&i.value))
      out[f->marker].push_back(where);
    else if (auto* e = std::get_if<Emphasis>(&i.value))
      collect_calls(e->content, where, out);
    else if (auto* r = std::get_if<Reference>(&i.value))
      collect_calls(r->content, where, out);
  }
}

} // namespace

TEST_CASE("A/RES/57/263 text matches its truth file", "[corpus][seed]") {
  auto dir = test::corpus_dir();
  auto truth = nlohmann::json::parse(test::read_file(dir / "truth" / "A_RES_57_263.json"));
  text_format::TextImporter importer;
  DiagnosticCollector sink;
  auto doc = static_cast<Importer&>(importer).run(InputSource::from_file(dir / "text" / "A_RES_57_263.txt"),
                                                  Options{}, sink);
  REQUIRE(doc);
  CHECK_FALSE(sink.has_errors());

  const auto& tm = truth["metadata"];
  const Metadata& m = doc->metadata;
  CHECK(m.body == opt(tm["body"]));
  CHECK(m.symbol == opt(tm["symbol"]));
  CHECK(m.number == opt(tm["number"]));
  CHECK(m.session == opt(tm["session"]));
  CHECK(resconv::model::agenda_numbers(m.agenda_items) == tm["agenda_items"].get<std::vector<std::string>>());
  CHECK(m.title == opt(tm["title"]));
  CHECK(m.adopted == opt(tm["adopted"]));
  CHECK(m.issued == opt(tm["issued"]));
  CHECK(m.origin == opt(tm["origin"]));
  CHECK(m.meeting == opt(tm["meeting"]));
  CHECK(m.language == opt(tm["language"]));
  CHECK(doc->formula == opt(truth["formula"]));

  REQUIRE(doc->preamble.size() == truth["preamble"].size());
  for (std::size_t i = 0; i < doc->preamble.size(); ++i) {
    INFO("preamble " << i + 1);
    CHECK(collapse_space(plain_text(doc->preamble[i].content)) == truth["preamble"][i].get<std::string>());
  }
  REQUIRE(doc->operative.size() == truth["operative"].size());
  for (std::size_t i = 0; i < doc->operative.size(); ++i) {
    INFO("operative " << i + 1);
    const auto& t = truth["operative"][i];
    CHECK(doc->operative[i].num == opt(t["num"]));
    CHECK(collapse_space(plain_text(doc->operative[i].content)) == t["text"].get<std::string>());
    CHECK(doc->operative[i].items.size() == t["items"].size());
  }

  // Footnotes: text, and linked to the paragraphs that call them.
  REQUIRE(doc->footnotes.size() == truth["footnotes"].size());
  std::map<std::string, std::vector<std::string>> calls;
  for (std::size_t i = 0; i < doc->preamble.size(); ++i)
    collect_calls(doc->preamble[i].content, "preamble " + std::to_string(i + 1), calls);
  for (std::size_t i = 0; i < doc->operative.size(); ++i)
    collect_calls(doc->operative[i].content, "operative " + std::to_string(i + 1), calls);
  for (std::size_t i = 0; i < doc->footnotes.size(); ++i) {
    const auto& t = truth["footnotes"][i];
    INFO("footnote " << t["marker"]);
    CHECK(doc->footnotes[i].marker == t["marker"].get<std::string>());
    CHECK(collapse_space(plain_text(doc->footnotes[i].content)) == t["text"].get<std::string>());
    std::string where;
    for (const auto& w : calls[doc->footnotes[i].marker])
      where += (where.empty() ? "" : "; ") + w;
    CHECK(where == t["called_from"].get<std::string>());
    // No footnote text inside any paragraph.
    std::string note = t["text"].get<std::string>();
    for (const auto& p : doc->operative)
      CHECK(plain_text(p.content).find(note) == std::string::npos);
  }

  // Emphasis from *...*: operative 1 starts with "Takes note" in italics, operative 2 does not.
  CHECK(doc->operative[0].content.front() == Inline{Emphasis{{Text{"Takes note"}}}});
  CHECK(std::holds_alternative<Text>(doc->operative[1].content.front().value));
}

TEST_CASE("A/RES/57/263 as Akoma Ntoso", "[corpus][seed][akn]") {
  auto dir = test::corpus_dir();
  text_format::TextImporter importer;
  DiagnosticCollector sink;
  auto doc = static_cast<Importer&>(importer).run(InputSource::from_file(dir / "text" / "A_RES_57_263.txt"),
                                                  Options{}, sink);
  REQUIRE(doc);
  auto export_once = [&] {
    akn::AknExporter exporter;
    OutputSink out = OutputSink::to_memory("seed.xml");
    REQUIRE(static_cast<Exporter&>(exporter).run(*doc, out, Options{}, sink));
    return out.memory();
  };
  std::string xml = export_once();
  CHECK(export_once() == xml); // byte-identical
  CHECK(xml.find("<FRBRuri value=\"/akn/un/statement/deliberation/un-ga/2002-12-20/57-263\"/>") !=
        std::string::npos);
  std::size_t notes = 0;
  for (auto at = xml.find("<authorialNote "); at != std::string::npos;
       at = xml.find("<authorialNote ", at + 1))
    ++notes;
  CHECK(notes == 7);
  akn::AknValidator validator;
  DiagnosticCollector checks;
  CHECK(static_cast<Validator&>(validator).run(InputSource::from_memory("seed.xml", xml), Options{}, checks));
  CHECK(checks.diagnostics().empty());
  akn::AknImporter back_importer;
  auto back =
      static_cast<Importer&>(back_importer).run(InputSource::from_memory("seed.xml", xml), Options{}, sink);
  REQUIRE(back);
  // AKN keeps every field, the masthead lines as printed included.
  CHECK(*back == *doc);
}
