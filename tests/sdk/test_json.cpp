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
  CHECK(j["resconv"] == 1);
  CHECK(j["metadata"]["issued"].is_null());
  CHECK(j["metadata"]["agenda_items"] == nlohmann::json::array({"12", "14 (b)"}));
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
  CHECK_THROWS_WITH(from_json("{\"resconv\": 2}"), Catch::Contains("not supported"));
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
