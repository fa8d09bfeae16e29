#include "test_support.hpp"

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/dump.hpp>
#include <resconv/sdk/model/project.hpp>
#include <resconv/sdk/model/validate.hpp>

#include <catch2/catch.hpp>

using namespace resconv;
using namespace resconv::model;

TEST_CASE("model values compare structurally", "[model]") {
  Document a = test::sample_document();
  Document b = test::sample_document();
  CHECK(a == b);
  b.operative[1].items[0].items[0].content = {text("by day;")};
  CHECK_FALSE(a == b);
  b = a;
  b.operative[1].provenance->page = 3;
  CHECK_FALSE(a == b);
  b = a;
  std::get<Emphasis>(b.preamble[0].content[0].value).content = {text("Recalling also")};
  CHECK_FALSE(a == b);
}

TEST_CASE("normalize merges text, collapses space and moves edge spaces out of emphasis",
          "[model][builder]") {
  Inlines in = {text("  Takes"), text("  note "), emphasis({text(" of ")}), text("the   report"), text("")};
  normalize_trimmed(in);
  REQUIRE(in.size() == 3);
  CHECK(std::get<Text>(in[0].value).text == "Takes note ");
  CHECK(std::get<Emphasis>(in[1].value).content == Inlines{text("of")});
  CHECK(std::get<Text>(in[2].value).text == " the report");
}

TEST_CASE("normalize drops empty emphasis and keeps footnote calls", "[model][builder]") {
  Inlines in = {text("a"), emphasis({}), footnote_ref("2"), text(" b")};
  normalize(in);
  CHECK(in == Inlines{text("a"), footnote_ref("2"), text(" b")});
}

TEST_CASE("normalize turns empty metadata into null", "[model][builder]") {
  Document d;
  d.metadata.title = "   ";
  d.metadata.body = " General   Assembly ";
  normalize(d);
  CHECK_FALSE(d.metadata.title.has_value());
  CHECK(d.metadata.body == "General Assembly");
}

TEST_CASE("plain_text leaves out footnote calls and keeps reference text", "[model]") {
  Document d = test::sample_document();
  CHECK(plain_text(d.preamble[0].content) == "Recalling its resolution 97/3,");
}

TEST_CASE("the builder produces a normalised document", "[model][builder]") {
  Document d = DocumentBuilder()
                   .formula(" The General Assembly, ")
                   .preamble({emphasis({text("Noting ")}), text("the  report,")})
                   .operative("1", {text("Decides ")})
                   .footnote("1", {text(" A/1. ")})
                   .build();
  CHECK(d.formula == "The General Assembly,");
  CHECK(d.preamble[0].content == Inlines{emphasis({text("Noting")}), text(" the report,")});
  CHECK(d.operative[0].content == Inlines{text("Decides")});
  CHECK(d.footnotes[0].content == Inlines{text("A/1.")});
}

TEST_CASE("validate reports each kind of problem with its code", "[model][validate]") {
  Document d = test::sample_document();
  DiagnosticCollector ok;
  CHECK(validate(d, ok, "x") == 0);
  CHECK_FALSE(ok.has_errors());

  d.operative[1].content.push_back(footnote_ref("9"));
  d.footnotes.push_back({"4", {text("never called")}});
  d.footnotes.push_back({"4", {text("twice")}});
  d.metadata.adopted = "2044-02-30";
  Paragraph empty;
  d.operative.push_back(empty);
  Paragraph dup;
  dup.num = "1";
  dup.content = {text("again")};
  d.operative.push_back(dup);
  DiagnosticCollector sink;
  int errors = validate(d, sink, "doc.json");
  CHECK(sink.has_code("model.footnote-missing"));
  CHECK(sink.has_code("model.footnote-unused"));
  CHECK(sink.has_code("model.footnote-duplicate"));
  CHECK(sink.has_code("model.bad-date"));
  CHECK(sink.has_code("model.empty-paragraph"));
  CHECK(sink.has_code("model.duplicate-number"));
  CHECK(errors == 3);
  CHECK(sink.diagnostics().front().location.file == "doc.json");
}

TEST_CASE("is_iso_date checks the calendar", "[model][validate]") {
  CHECK(is_iso_date("2002-12-20"));
  CHECK(is_iso_date("2024-02-29"));
  CHECK_FALSE(is_iso_date("2023-02-29"));
  CHECK_FALSE(is_iso_date("2002-13-01"));
  CHECK_FALSE(is_iso_date("20 December 2002"));
  CHECK_FALSE(is_iso_date("2002-1-01"));
}

TEST_CASE("the canonical dump is stable and shows structure", "[model][dump]") {
  Document d = test::sample_document();
  std::string text = dump(d);
  CHECK(text == dump(test::sample_document()));
  CHECK(text.find("operative[2] num=\"1\" page=2 [Emph[Text \"Decides\"], Text \" that:\"]") !=
        std::string::npos);
  CHECK(text.find("operative[2].items[1].items[1] num=\"(i)\"") != std::string::npos);
  CHECK(text.find("operative[1] heading num=\"I\"") != std::string::npos);
  CHECK(text.find("Ref<A/RES/97/3>[Text \"97/3\"]") != std::string::npos);
  CHECK(text.find("metadata.issued null") != std::string::npos);
}

TEST_CASE("project removes what a format cannot hold", "[model][project]") {
  Document d = test::sample_document();
  Document p = project(d, {"emphasis", "footnotes", "annexes", "items", "headings"});
  CHECK(p.preamble[0].content ==
        Inlines{emphasis({text("Recalling")}), text(" its resolution 97/3,"), footnote_ref("1")});
  CHECK_FALSE(p.operative[1].provenance.has_value());
  CHECK(p.operative[1].items[0].content == Inlines{text("Lamps are kept lit;")});
  Document bare = project(d, {});
  CHECK(bare.footnotes.empty());
  CHECK(bare.annexes.empty());
  CHECK(bare.operative.size() == 1);
  CHECK(bare.operative[0].items.empty());
  CHECK(bare.preamble[0].content == Inlines{text("Recalling its resolution 97/3,")});
}
