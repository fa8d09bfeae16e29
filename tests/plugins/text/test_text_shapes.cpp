// The text format and the shapes of JSON contract 2: collections, parts, quotations,
// adopted texts, drafts, agenda item titles and masthead lines. Each fictional model is
// written as text and read back with shapes=true; the model must come back whole.
#include "test_support.hpp"

#include <text_format.hpp>

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/dump.hpp>

#include <catch2/catch.hpp>

using namespace resconv;
using namespace resconv::model;
namespace tf = resconv::text_format;

namespace {

Paragraph para(std::optional<std::string> num, Inlines content) {
  Paragraph p;
  p.num = std::move(num);
  p.content = std::move(content);
  return p;
}

Part part(std::string num, std::string heading) {
  Part p;
  p.num = std::move(num);
  p.heading = {text(std::move(heading))};
  return p;
}

// A resolution in parts: I and II, each with a preamble and operative paragraphs from 1;
// II holds parts A and B with paragraphs of their own. Agenda items with titles.
Document parts_resolution() {
  Document d;
  Metadata& m = d.metadata;
  m.body = "General Assembly";
  m.symbol = "A/RES/99/261";
  m.number = "99/261";
  m.session = "Ninety-ninth session";
  m.agenda_items = {AgendaItem("139", "Proposed programme budget for 2046"),
                    AgendaItem("140", "Programme planning")};
  m.title = "Questions relating to the proposed programme budget for 2046";
  m.adopted = "2045-12-22";
  m.issued = "2046-01-05";
  m.distribution = "general";
  m.origin = "on the report of the Fifth Committee (A/99/651)";
  m.meeting = "61st plenary meeting";
  m.language = "en";
  d.formula = "The General Assembly,";
  Part one = part("I", "Revised estimates for the coastal archives");
  one.preamble = {para({}, {emphasis({text("Having considered")}),
                            text(" the report of the Secretary-General,"), footnote_ref("1")}),
                  para({}, {emphasis({text("Recalling")}), text(" its resolution 98/12,")})};
  Paragraph approves = para("2", {emphasis({text("Approves")}), text(" the estimates, namely:")});
  approves.items = {para("(a)", {text("For the archives, 1,000 dollars;")}),
                    para("(b)", {text("For the libraries, 2,000 dollars;")})};
  one.operative = {para("1", {emphasis({text("Takes note")}), text(" of the report;")}), approves,
                   para("3", {emphasis({text("Requests")}), text(" a further report.")})};
  Part two = part("II", "Liaison offices and their staff");
  two.preamble = {para({}, {emphasis({text("Noting")}), text(" the views of the Advisory Committee,")})};
  two.operative = {para("1", {emphasis({text("Endorses")}), text(" those views;")})};
  Part a = part("A", "Liaison offices");
  a.operative = {para("1", {emphasis({text("Decides")}), text(" to keep the offices;"), footnote_ref("2")}),
                 para("2", {emphasis({text("Requests")}), text(" a report on them.")})};
  Part b = part("B", "Staff of the offices");
  b.operative = {para("1", {emphasis({text("Approves")}), text(" two posts.")})};
  two.parts = {a, b};
  d.parts = {one, two};
  d.footnotes = {{"1", {text("A/99/7.")}}, {"2", {text("See A/99/7/Add.2.")}}};
  return d;
}

// A paragraph that quotes the rule it amends, items (a) and (b), each opening with its
// quotation mark.
Document quoting_resolution() {
  Document d;
  Metadata& m = d.metadata;
  m.body = "General Assembly";
  m.symbol = "A/RES/99/4";
  m.number = "99/4";
  m.title = "Rules of the coastal archives";
  m.adopted = "2045-10-12";
  m.meeting = "20th plenary meeting";
  m.language = "en";
  d.formula = "The General Assembly,";
  d.preamble = {para({}, {emphasis({text("Recalling")}), text(" its resolution 98/3,")})};
  Paragraph amend = para("1", {emphasis({text("Decides")}), text(" that rule 5 shall read as follows:")});
  amend.quoted = {para("(a)", {text("\u201cThe keeper of the archives shall keep them;")}),
                  para("(b)", {text("\u201cThe keeper of the libraries shall report.\u201d")})};
  d.operative = {amend, para("2", {emphasis({text("Requests")}), text(" the keepers to apply the rule.")})};
  return d;
}

// A draft: Limited distribution, sponsors, agenda item with its title, and the masthead as
// printed.
Document draft_resolution() {
  Document d;
  Metadata& m = d.metadata;
  m.body = "General Assembly";
  m.symbol = "A/99/L.7";
  m.session = "Ninety-ninth session";
  m.agenda_items = {AgendaItem("68", "Promotion and protection of human rights")};
  m.title = "Coastal archives and the right to information";
  m.issued = "2045-11-03";
  m.language = "en";
  m.distribution = "limited";
  m.kind = "draft resolution";
  m.sponsors = {"Argentina", "Brazil", "Chile"};
  m.masthead = {"United Nations",
                "A/99/L.7",
                "General Assembly",
                "Distr.: Limited",
                "3 November 2045",
                "Original: English",
                "Ninety-ninth session",
                "Agenda item 68",
                "Promotion and protection of human rights",
                "Argentina, Brazil and Chile: draft resolution",
                "Coastal archives and the right to information"};
  d.formula = "The General Assembly,";
  d.preamble = {para({}, {emphasis({text("Recalling")}), text(" its resolution 98/40,")})};
  d.operative = {para("1", {emphasis({text("Calls upon")}), text(" States to keep their archives open;")}),
                 para("2", {emphasis({text("Decides")}), text(" to remain seized of the matter.")})};
  return d;
}

// A publication of two decisions, each with a footnote numbered 1, and its masthead.
Document decisions_collection() {
  Document one;
  Metadata& m = one.metadata;
  m.body = "Conference of the Parties";
  m.number = "1/CP.40";
  m.title = "Coastal archives work programme";
  m.adopted = "2045-11-20";
  m.meeting = "8th plenary meeting";
  m.language = "en";
  m.kind = "decision";
  one.formula = "The Conference of the Parties,";
  one.preamble = {para({}, {emphasis({text("Recalling")}), text(" decision 2/CP.39,"), footnote_ref("1")})};
  one.operative = {para("1", {emphasis({text("Decides")}), text(" to continue the work programme;")}),
                   para("2", {emphasis({text("Requests")}), text(" the secretariat to report.")})};
  one.footnotes = {{"1", {text("FCCC/CP/2044/10/Add.1.")}}};
  Document two = one;
  two.metadata.number = "2/CP.40";
  two.metadata.title = "Budget for the biennium 2046\u20132047";
  two.metadata.meeting = "9th plenary meeting";
  two.metadata.adopted = "2045-11-21";
  two.preamble.clear();
  two.operative = {para("1", {emphasis({text("Approves")}), text(" the budget;"), footnote_ref("1")}),
                   para("2", {emphasis({text("Invites")}), text(" Parties to contribute.")})};
  two.footnotes = {{"1", {text("FCCC/SBI/2045/4.")}}};
  Document pub;
  pub.metadata.symbol = "FCCC/CP/2045/12/Add.1";
  pub.metadata.title = "Report of the Conference of the Parties on its fortieth session";
  pub.metadata.issued = "2046-02-01";
  pub.metadata.language = "en";
  pub.metadata.kind = "collection";
  pub.metadata.distribution = "general";
  pub.metadata.masthead = {"United Nations", "FCCC/CP/2045/12/Add.1", "Distr.: General", "1 February 2046",
                           "Report of the Conference of the Parties on its fortieth session"};
  pub.components = {one, two};
  return pub;
}

// A resolution whose paragraph 1 adopts a declaration printed after it.
Document adopting_resolution() {
  Document d = quoting_resolution();
  d.operative[0] = para("1", {emphasis({text("Adopts")}), text(" the following political declaration:")});
  Annex declaration;
  declaration.title = "Political declaration on coastal archives";
  declaration.adopted_in = "1";
  declaration.preamble = {para({}, {text("We, Heads of State and Government,")})};
  declaration.operative = {para("1", {text("Reaffirm our commitment to the archives;")}),
                           para("2", {text("Resolve to act.")})};
  d.annexes = {declaration};
  return d;
}

std::string export_text(const Document& d) {
  tf::TextExporter exporter;
  OutputSink out = OutputSink::to_memory();
  DiagnosticCollector sink;
  REQUIRE(static_cast<Exporter&>(exporter).run(d, out, Options{}, sink));
  return out.memory();
}

// Imports as the round trips of contract 2 do: shapes on, references left as printed (the
// fixtures hold none).
Document import_shapes(const std::string& text) {
  tf::TextImporter importer;
  std::vector<OptionSpec> specs(2);
  specs[0].name = "shapes";
  specs[0].type = OptionType::boolean;
  specs[0].default_value = false;
  specs[1].name = "link-references";
  specs[1].type = OptionType::boolean;
  specs[1].default_value = true;
  Options options = Options::parse(specs, {{"shapes", "true"}, {"link-references", "false"}});
  DiagnosticCollector sink;
  auto d = static_cast<Importer&>(importer).run(InputSource::from_memory("shapes.txt", text), options, sink);
  INFO(text);
  REQUIRE(d);
  return *d;
}

// The masthead lines the reader keeps of a document printed with canonical lines: the
// blocks before its formula.
std::vector<std::string> printed_masthead(const std::string& text, const std::string& formula) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find("\n\n", at);
    std::string line = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (line == formula)
      break;
    lines.push_back(line);
    at = end == std::string::npos ? text.size() : end + 2;
  }
  return lines;
}

void check_round_trip(const Document& original) {
  std::string text = export_text(original);
  INFO(text);
  Document back = import_shapes(text);
  Document expected = original;
  if (expected.metadata.masthead.empty() && !expected.is_collection())
    expected.metadata.masthead = printed_masthead(text, expected.formula.value_or(""));
  CHECK(dump(back) == dump(expected));
  CHECK(back == expected);
  // The text of what was read is the text written: a fixed point.
  CHECK(export_text(back) == text);
}

} // namespace

TEST_CASE("text: parts with their own preamble, operative and nested parts round-trip", "[text][shapes]") {
  Document d = parts_resolution();
  std::string t = export_text(d);
  CHECK(t.find("\n\nI. Revised estimates for the coastal archives\n\n*Having considered*") !=
        std::string::npos);
  CHECK(t.find("\n\nII. Liaison offices and their staff\n\n*Noting*") != std::string::npos);
  CHECK(t.find("\n\nA. Liaison offices\n\n1. *Decides*") != std::string::npos);
  CHECK(t.find("Agenda items 139 and 140\n\nProposed programme budget for 2046\n\nProgramme planning\n\n") !=
        std::string::npos);
  check_round_trip(d);
}

TEST_CASE("text: a quotation follows its paragraph's text, each quoted paragraph on its own",
          "[text][shapes]") {
  Document d = quoting_resolution();
  std::string t = export_text(d);
  CHECK(t.find("shall read as follows:\n\n(a) \u201cThe keeper of the archives shall keep them;\n\n(b) "
               "\u201cThe keeper") != std::string::npos);
  check_round_trip(d);
}

TEST_CASE("text: a draft keeps its sponsors, distribution and masthead", "[text][shapes]") {
  Document d = draft_resolution();
  std::string t = export_text(d);
  CHECK(t.rfind("United Nations\n\nA/99/L.7\n\nGeneral Assembly\n\nDistr.: Limited\n\n", 0) == 0);
  check_round_trip(d);
  SECTION("without masthead lines: canonical lines of a draft, no adoption line") {
    d.metadata.masthead.clear();
    std::string canonical = export_text(d);
    CHECK(canonical.find("Resolution adopted") == std::string::npos);
    CHECK(canonical.find(
              "\n\nArgentina, Brazil and Chile: draft resolution\n\nCoastal archives and the right to "
              "information\n\nThe General Assembly,") != std::string::npos);
    check_round_trip(d);
  }
}

TEST_CASE("text: a collection prints its masthead, then each deliberation from its heading",
          "[text][shapes]") {
  Document d = decisions_collection();
  std::string t = export_text(d);
  CHECK(
      t.find("Report of the Conference of the Parties on its fortieth session\n\nDecision 1/CP.40\n\nCoastal "
             "archives work programme\n\nThe Conference of the Parties,") != std::string::npos);
  CHECK(t.find("\n\n8th plenary meeting 20 November 2045\n\n\xC2\xB9 FCCC/CP/2044/10/Add.1.\n\nDecision "
               "2/CP.40") != std::string::npos);
  check_round_trip(d);
}

TEST_CASE("text: an adopted text is printed right after its adopting paragraph", "[text][shapes]") {
  Document d = adopting_resolution();
  std::string t = export_text(d);
  CHECK(
      t.find(
          "the following political declaration:\n\nPolitical declaration on coastal archives\n\nWe, Heads of "
          "State and Government,\n\n1. Reaffirm our commitment to the archives;\n\n2. Resolve to act.\n\n2. "
          "*Requests*") != std::string::npos);
  CHECK(t.find("Annex") == std::string::npos);
}
