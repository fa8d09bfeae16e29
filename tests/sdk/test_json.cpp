#include "test_support.hpp"

#include <resconv/sdk/model/json.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace resconv;
using namespace resconv::model;

TEST_CASE("JSON round trip is exact for every part of the model", "[json]") {
  Document d = test::sample_document();
  std::string once = to_json(d);
  Document back = from_json(once);
  CHECK(back == d);
  CHECK(to_json(back) == once);
  CHECK(from_json(to_json(d, -1)) == d);
}

TEST_CASE("JSON follows the public contract", "[json]") {
  auto j = nlohmann::json::parse(to_json(test::sample_document()));
  CHECK(j["resconv"] == 2);
  CHECK(j["metadata"]["issued"].is_null());
  CHECK(j["metadata"]["agenda_items"] ==
        nlohmann::json::parse(R"J([{"number": "12", "title": null}, {"number": "14 (b)", "title": null}])J"));
  CHECK(j["metadata"]["sponsors"] == nlohmann::json::array());
  CHECK(j["parts"] == nlohmann::json::array());
  CHECK(j["components"] == nlohmann::json::array());
  CHECK(j["preamble"][0]["num"].is_null());
  CHECK(j["preamble"][0]["content"][0]["type"] == "emphasis");
  CHECK(j["preamble"][0]["content"][2]["type"] == "ref");
  CHECK(j["preamble"][0]["content"][2]["target"] == "A/RES/97/3");
  CHECK(j["preamble"][0]["content"][4] == nlohmann::json({{"type", "footnote_ref"}, {"marker", "1"}}));
  CHECK(j["operative"][0]["kind"] == "heading");
  CHECK_FALSE(j["operative"][1].contains("kind"));
  CHECK(j["operative"][1]["provenance"]["page"] == 2);
  CHECK(j["operative"][1]["provenance"]["box"][1] == 100.5);
  CHECK(j["annexes"][0]["formula"].is_null());
  // Keys in contract order.
  std::string text = to_json(test::sample_document());
  CHECK(text.find("\"metadata\"") < text.find("\"formula\""));
  CHECK(text.find("\"operative\"") < text.find("\"footnotes\""));
}

TEST_CASE("JSON errors name the offending path", "[json]") {
  CHECK_THROWS_WITH(from_json("{"), Catch::Contains("not valid JSON"));
  CHECK_THROWS_WITH(from_json("[]"), Catch::Contains("expected an object"));
  CHECK_THROWS_WITH(from_json("{\"metadata\": {}}"), Catch::Contains("resconv"));
  CHECK_THROWS_WITH(from_json("{\"resconv\": 3}"), Catch::Contains("not supported"));
  CHECK_THROWS_WITH(from_json("{\"resconv\": 0}"), Catch::Contains("reads 1 to 2"));
  CHECK_THROWS_WITH(from_json(R"({"resconv": 2, "metadata": {"agenda_items": [{"title": "x"}]}})"),
                    Catch::Contains("metadata.agenda_items[0]"));
  CHECK_THROWS_WITH(from_json(R"({"resconv": 2, "components": [{"parts": [{"heading": 5}]}]})"),
                    Catch::Contains("components[0].parts[0].heading"));
  CHECK_THROWS_WITH(from_json(R"({"resconv": 1, "operative": [{"content": [{"type": "blink"}]}]})"),
                    Catch::Contains("operative[0].content[0].type"));
  CHECK_THROWS_WITH(from_json(R"({"resconv": 1, "metadata": {"title": 5}})"),
                    Catch::Contains("metadata.title"));
  CHECK_THROWS_AS(from_json(R"({"resconv": 1, "preamble": [{"content": "text"}]})"), JsonError);
}

TEST_CASE("JSON accepts missing optional parts as empty", "[json]") {
  Document d = from_json(R"({"resconv": 1})");
  CHECK(d == Document{});
}

namespace {

// A preambular paragraph whose text sits inside `levels` nested emphases.
std::string nested_emphasis(int levels) {
  std::string deep = R"({"resconv": 1, "preamble": [{"content": [)";
  for (int i = 0; i < levels; ++i)
    deep += R"({"type": "emphasis", "content": [)";
  deep += R"({"type": "text", "text": "x"})";
  for (int i = 0; i < levels; ++i)
    deep += "]}";
  return deep + "]}]}";
}

} // namespace

TEST_CASE("JSON nested beyond reason is refused, not a stack overflow", "[json][hostile]") {
  std::string deep = nested_emphasis(100000);
  CHECK_THROWS_AS(from_json(deep), JsonTooDeep);
  CHECK_THROWS_WITH(from_json(deep), Catch::Contains("nest deeper than 64 levels"));
  CHECK_THROWS_WITH(from_json(deep, 10), Catch::Contains("nest deeper than 10 levels"));
}

TEST_CASE("JSON within the depth limit but with inlines nested beyond the model's is refused",
          "[json][hostile]") {
  std::string deep = nested_emphasis(40);
  CHECK_THROWS_WITH(from_json(deep, 1000), Catch::Contains("nested too deeply"));
  // The parse limit counts every array and object: 40 emphases are 80 levels.
  CHECK_THROWS_AS(from_json(deep), JsonTooDeep);
}

namespace {

// Every shape of contract version 2: a collection of two deliberations, one with a part in
// its body and one in its annex, a quotation, an adopted text and a draft's fields.
Document shapes_document() {
  Document one;
  one.metadata.number = "2/CMP.16";
  one.metadata.kind = "decision";
  one.metadata.agenda_items = {AgendaItem("98", "General and complete disarmament"), AgendaItem("99")};
  one.formula = "The Conference of the Parties,";
  one.operative.push_back({Paragraph::Kind::paragraph, "1", {Text{"Amends rule 5 to read:"}}, {}, {}, {}});
  one.operative.back().quoted.push_back(
      {Paragraph::Kind::paragraph, "(a)", {Text{"\u201cThe keeper ...;"}}, {}, {}, {}});
  Part part;
  part.num = "I";
  part.heading = {Text{"Revised estimates"}};
  part.preamble.push_back(
      {Paragraph::Kind::paragraph, {}, {Emphasis{{Text{"Recalling"}}}, Text{" its decision,"}}, {}, {}, {}});
  part.operative.push_back({Paragraph::Kind::paragraph, "1", {Text{"Approves the estimates;"}}, {}, {}, {}});
  Part inner;
  inner.num = "A";
  inner.operative.push_back({Paragraph::Kind::paragraph, "1", {Text{"Decides."}}, {}, {}, {}});
  part.parts.push_back(inner);
  one.parts.push_back(part);
  Annex adopted;
  adopted.title = "Political declaration";
  adopted.adopted_in = "1";
  adopted.operative.push_back({Paragraph::Kind::paragraph, "1", {Text{"We commit."}}, {}, {}, {}});
  adopted.parts.push_back(part);
  one.annexes.push_back(adopted);
  Document two;
  two.metadata.kind = "draft resolution";
  two.metadata.distribution = "limited";
  two.metadata.sponsors = {"Argentina", "Brazil"};
  two.metadata.masthead = {"United Nations", "A/C.3/99/L.10", "Distr.: Limited"};
  two.operative.push_back({Paragraph::Kind::paragraph, {}, {Text{"Decides."}}, {}, {}, {}});
  Document pub;
  pub.metadata.symbol = "FCCC/KP/CMP/2021/8/Add.1";
  pub.metadata.kind = "collection";
  pub.components = {one, two};
  return pub;
}

} // namespace

TEST_CASE("JSON version 2 holds collections, parts, quotations, adopted texts and drafts exactly", "[json]") {
  Document d = shapes_document();
  std::string once = to_json(d);
  CHECK(from_json(once) == d);
  CHECK(to_json(from_json(once)) == once);
  auto j = nlohmann::json::parse(once);
  CHECK_FALSE(j["components"][0].contains("resconv")); // the version is the publication's
  CHECK(j["components"][0]["parts"][0]["heading"][0]["text"] == "Revised estimates");
  CHECK(j["components"][0]["parts"][0]["parts"][0]["num"] == "A");
  CHECK(j["components"][0]["operative"][0]["quoted"][0]["num"] == "(a)");
  CHECK_FALSE(j["components"][1]["operative"][0].contains("quoted")); // only when there is one
  CHECK(j["components"][0]["annexes"][0]["adopted_in"] == "1");
  CHECK(j["components"][0]["metadata"]["agenda_items"][0]["title"] == "General and complete disarmament");
  CHECK(j["components"][1]["metadata"]["sponsors"] == nlohmann::json::array({"Argentina", "Brazil"}));
  CHECK(j["components"][1]["metadata"]["distribution"] == "limited");
}

TEST_CASE("JSON version 1 files still import: agenda items as strings", "[json]") {
  Document d = from_json(R"J({"resconv": 1, "metadata": {"agenda_items": ["12", "14 (b)"], "title": "T"},
                             "operative": [{"num": "1", "content": [{"type": "text", "text": "Decides."}]}]})J");
  REQUIRE(d.metadata.agenda_items.size() == 2);
  CHECK(d.metadata.agenda_items[1] == AgendaItem("14 (b)"));
  CHECK_FALSE(d.metadata.agenda_items[1].title);
  CHECK(d.operative.size() == 1);
  // Written back, it is version 2.
  CHECK(nlohmann::json::parse(to_json(d))["resconv"] == 2);
}
