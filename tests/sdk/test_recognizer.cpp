// The shared recogniser on block streams written for these tests (a fictional resolution).
#include "test_support.hpp"

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/recognize/recognizer.hpp>

#include <catch2/catch.hpp>

using namespace resconv;
using namespace resconv::model;
using resconv::recognize::Block;

namespace {

Block block(std::string text) {
  Block b;
  b.content = {model::text(std::move(text))};
  return b;
}

Block note(std::string marker, std::string text) {
  Block b = block(std::move(text));
  b.footnote = true;
  b.footnote_marker = std::move(marker);
  b.calls_marked = true;
  return b;
}

Document run(const std::vector<Block>& blocks, DiagnosticCollector& sink) {
  recognize::RecognizeOptions options;
  options.source_name = "test";
  return recognize::recognize(blocks, options, sink);
}

std::vector<Block> ga_resolution() {
  return {block("United Nations A/RES/98/12"),
          block("General Assembly Distr.: General 3 January 2044"),
          block("Ninety-eighth session Agenda item 17 (a) Sustainable development"),
          block("Resolution adopted by the General Assembly on 20 December 2043"),
          block("[on the report of the Second Committee (A/98/401/Add.1)]"),
          block("98/12. Protection of mountain"),
          block("glaciers"),
          block("The General Assembly,"),
          block("Recalling its resolutions 96/3 and 97/8,"),
          block("Also recalling the Charter of the United Nations,"),
          block("1. Welcomes the report of the Secretary-General;"),
          block("2. Requests the Secretary-General, in cooperation with the relevant organizations"),
          note("1", "A/98/222."),
          block("of the United Nations system, to report on the matter;"),
          block("I"),
          block("Funding"),
          block("3. Decides:"),
          block("(a) To establish a fund;"),
          block("(b) To review it:"),
          block("(i) Every year;"),
          block("(ii) By consensus;"),
          block("(c) To close it in 2050;"),
          block("2/4"),
          block("44-00123 (E)"),
          block("15th plenary meeting 20 December 2043")};
}

} // namespace

TEST_CASE("masthead and preface fields", "[recognize]") {
  DiagnosticCollector sink;
  Document d = run(ga_resolution(), sink);
  const Metadata& m = d.metadata;
  CHECK(m.body == "General Assembly");
  CHECK(m.symbol == "A/RES/98/12");
  CHECK(m.number == "98/12");
  CHECK(m.session == "Ninety-eighth session");
  CHECK(resconv::model::agenda_numbers(m.agenda_items) == std::vector<std::string>{"17 (a)"});
  CHECK(m.title == "Protection of mountain glaciers");
  CHECK(m.adopted == "2043-12-20");
  CHECK(m.issued == "2044-01-03");
  CHECK(m.origin == "on the report of the Second Committee (A/98/401/Add.1)");
  CHECK(m.meeting == "15th plenary meeting");
  CHECK(m.language == "en");
  CHECK(d.formula == "The General Assembly,");
}

TEST_CASE("paragraphs, items, headings and page furniture", "[recognize]") {
  DiagnosticCollector sink;
  Document d = run(ga_resolution(), sink);
  REQUIRE(d.preamble.size() == 2);
  REQUIRE(d.operative.size() == 4);
  CHECK(d.operative[0].num == "1");
  CHECK(plain_text(d.operative[0].content) == "Welcomes the report of the Secretary-General;");
  // Paragraph 2 continues after the footnote that interrupted it.
  CHECK(
      plain_text(d.operative[1].content) ==
      "Requests the Secretary-General, in cooperation with the relevant organizations of the United Nations "
      "system, to report on the matter;");
  CHECK(d.operative[2].kind == Paragraph::Kind::heading);
  CHECK(d.operative[2].num == "I");
  CHECK(plain_text(d.operative[2].content) == "Funding");
  const Paragraph& p3 = d.operative[3];
  REQUIRE(p3.items.size() == 3);
  CHECK(p3.items[1].num == "(b)");
  REQUIRE(p3.items[1].items.size() == 2);
  CHECK(p3.items[1].items[1].num == "(ii)");
  CHECK(p3.items[2].num == "(c)");
  CHECK(plain_text(p3.items[2].content) == "To close it in 2050;");
  REQUIRE(d.footnotes.size() == 1);
  CHECK(d.footnotes[0].marker == "1");
}

TEST_CASE("UN symbols and cited resolutions become references", "[recognize][references]") {
  DiagnosticCollector sink;
  Document d = run(ga_resolution(), sink);
  const Inlines& c = d.preamble[0].content;
  REQUIRE(c.size() == 5);
  CHECK(std::get<Reference>(c[1].value).target == "A/RES/96/3");
  CHECK(std::get<Reference>(c[3].value).target == "A/RES/97/8");
  CHECK(plain_text(c) == "Recalling its resolutions 96/3 and 97/8,");
  CHECK(std::get<Reference>(d.footnotes[0].content[0].value).target == "A/98/222");

  Inlines sc = {
      text("Recalling resolution 338 (1973), resolution 169 (II), S/RES/2803 (2025) and E/CN.4/2003/L.1.")};
  recognize::link_references(sc, language::Language::for_code("en"));
  std::vector<std::string> targets;
  for (const auto& in : sc)
    if (auto* r = std::get_if<Reference>(&in.value))
      targets.push_back(r->target);
  CHECK(targets == std::vector<std::string>{"S/RES/338 (1973)", "A/RES/169 (II)", "S/RES/2803 (2025)",
                                            "E/CN.4/2003/L.1"});
  CHECK(plain_text(sc) ==
        "Recalling resolution 338 (1973), resolution 169 (II), S/RES/2803 (2025) and E/CN.4/2003/L.1.");
}

TEST_CASE("yearbook layout: number, date, plain footnote calls, running footnotes", "[recognize]") {
  std::vector<Block> blocks = {block("999 (1960). Resolution of 4 May 1960"),
                               block("[S/9999]"),
                               block("The Security Council,"),
                               block("Having considered the report of the Commission, 7"),
                               block("Noting paragraphs 3, 8 and 9 of that report,"),
                               block("Decides to remain seized of the matter."),
                               block("Adopted unanimously at the 901st meeting."),
                               block("7 Official Records of the Security Council, Fifteenth Year."),
                               block("8 Ibid., Supplement for May.")};
  DiagnosticCollector sink;
  Document d = run(blocks, sink);
  CHECK(d.metadata.body == "Security Council");
  CHECK(d.metadata.number == "999 (1960)");
  CHECK(d.metadata.symbol == "S/RES/999 (1960)");
  CHECK(d.metadata.adopted == "1960-05-04");
  CHECK(d.metadata.origin == "S/9999");
  CHECK(d.metadata.meeting == "901st meeting");
  REQUIRE(d.preamble.size() == 2);
  REQUIRE(d.operative.size() == 1);
  CHECK_FALSE(d.operative[0].num.has_value());
  REQUIRE(d.footnotes.size() == 2);
  // "7" after a comma is the call of footnote 7; "8" in "3, 8 and 9" is not footnote 8's
  // call because footnote 7 comes first and 8 only after it in running order.
  CHECK(d.preamble[0].content.back() == Inline{FootnoteRef{"7"}});
  CHECK(plain_text(d.preamble[1].content) == "Noting paragraphs 3, 8 and 9 of that report,");
}

TEST_CASE("a formula run together with the first paragraph is split off", "[recognize]") {
  std::vector<Block> blocks = {block("Resolution 5 (1946) of 8 May 1946"),
                               block("The Security Council Decides to postpone the discussion.")};
  DiagnosticCollector sink;
  Document d = run(blocks, sink);
  CHECK(d.formula == "The Security Council");
  REQUIRE(d.operative.size() == 1);
  CHECK(plain_text(d.operative[0].content) == "Decides to postpone the discussion.");
}

TEST_CASE("annexes after the closing line", "[recognize]") {
  std::vector<Block> blocks = {block("The General Assembly,"),
                               block("Adopts the declaration annexed to the present resolution."),
                               block("9th plenary meeting 1 October 2044"),
                               block("Annex"),
                               block("Declaration on lighthouses"),
                               block("1. We, the Heads of State, agree."),
                               block("2. We commit ourselves.")};
  DiagnosticCollector sink;
  Document d = run(blocks, sink);
  REQUIRE(d.operative.size() == 1);
  REQUIRE(d.annexes.size() == 1);
  CHECK(d.annexes[0].heading == "Annex");
  CHECK(d.annexes[0].title == "Declaration on lighthouses");
  CHECK(d.annexes[0].operative.size() == 2);
  CHECK(d.metadata.adopted == "2044-10-01");
}

TEST_CASE("nothing after the closing line is lost", "[recognize]") {
  std::vector<Block> blocks = {block("The General Assembly,"), block("Decides to act."),
                               block("9th plenary meeting"), block("An unexpected sentence at the end.")};
  DiagnosticCollector sink;
  Document d = run(blocks, sink);
  CHECK(sink.has_code("recognize.after-closing"));
  REQUIRE(d.operative.size() == 2);
  CHECK(plain_text(d.operative[1].content) == "An unexpected sentence at the end.");
}

TEST_CASE("missing language data is a clear error", "[recognize][language]") {
  test::TempDir dir;
  CHECK_THROWS_WITH(recognize::LanguageData::load(dir.path(), "xx"), Catch::Contains("xx.json"));
  CHECK_THROWS_AS(recognize::LanguageData::load_all(dir.path()), recognize::LanguageError);
  const auto& en = language::Language::for_code("en");
  CHECK(en.lead_words("Also recalling its resolution").word == "recalling");
  CHECK(en.lead_words("Also recalling its resolution").end == std::string("Also recalling").size());
  CHECK(en.lead_words("Strongly condemns").kind == language::LeadKind::operative);
  CHECK(en.lead_words("Unrelated words").kind == language::LeadKind::none);
}

namespace {

Document run_shapes(const std::vector<Block>& blocks, DiagnosticCollector& sink) {
  recognize::RecognizeOptions options;
  options.source_name = "test";
  options.deliberation_shapes = true;
  return recognize::recognize(blocks, options, sink);
}

} // namespace

TEST_CASE("sections set as one block with a Roman numeral become parts", "[recognize][shapes]") {
  // A Fifth Committee style text: each section has its own preamble and numbers from 1; the
  // PDF gives the numeral and the title as one block, and a reissued symbol ("A/RES/98/260*")
  // runs as a page header.
  std::vector<Block> blocks = {
      block("United Nations A/RES/98/260*"),
      block("General Assembly Distr.: General 2 January 2044"),
      block("Resolution adopted by the General Assembly on 23 December 2043"),
      block("98/260. Special subjects relating to the proposed programme budget for 2044"),
      block("The General Assembly,"),
      block("A/RES/98/260*"),
      block("I Lighthouse maintenance fund"),
      block("Recalling its resolution 97/250,"),
      block("Having considered the report of the Secretary-General,"),
      block("1. Takes note of the report;"),
      block("2. Approves the proposals;"),
      block("II Revised estimates relating to the proposed programme budget for 2044 under section 29A, "
            "Department of Coastal Safety, and section 29B, Department of Harbour Support, related to the "
            "renovation of the northern pier"),
      block("Having considered the revised estimates,"),
      block("1. Approves an appropriation of 100,000 dollars;"),
      block("81st plenary meeting 23 December 2043")};
  DiagnosticCollector sink;
  Document d = run_shapes(blocks, sink);
  CHECK(d.preamble.empty());
  CHECK(d.operative.empty());
  REQUIRE(d.parts.size() == 2);
  CHECK(d.parts[0].num == "I");
  CHECK(plain_text(d.parts[0].heading) == "Lighthouse maintenance fund");
  CHECK(d.parts[0].preamble.size() == 2);
  REQUIRE(d.parts[0].operative.size() == 2);
  CHECK(d.parts[0].operative[0].num == "1");
  CHECK(d.parts[1].num == "II");
  CHECK(plain_text(d.parts[1].heading).rfind("Revised estimates", 0) == 0);
  CHECK(d.parts[1].preamble.size() == 1);
  REQUIRE(d.parts[1].operative.size() == 1);
  CHECK(d.parts[1].operative[0].num == "1");
}

TEST_CASE("Roman-numbered sections whose numbering runs on stay headings", "[recognize][shapes]") {
  std::vector<Block> blocks = {block("The General Assembly,"),
                               block("Recalling its resolution 97/68,"),
                               block("I Sustainable fisheries"),
                               block("1. Reaffirms its commitment;"),
                               block("II Capacity-building"),
                               block("2. Encourages States to cooperate;"),
                               block("40th plenary meeting 5 December 2043")};
  DiagnosticCollector sink;
  Document d = run_shapes(blocks, sink);
  CHECK(d.parts.empty());
  REQUIRE(d.operative.size() == 4);
  CHECK(d.operative[0].kind == Paragraph::Kind::heading);
  CHECK(d.operative[0].num == "I");
  CHECK(plain_text(d.operative[0].content) == "Sustainable fisheries");
  CHECK(d.operative[2].num == "II");
  CHECK(d.operative[3].num == "2");
}
