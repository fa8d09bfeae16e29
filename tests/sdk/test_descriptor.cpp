#include "test_support.hpp"

#include <resconv/sdk/format_descriptor.hpp>

#include <catch2/catch.hpp>

using namespace resconv;

TEST_CASE("the project's descriptors parse", "[descriptor]") {
  for (const char* id : {"text", "json"}) {
    auto path = std::filesystem::path(RESCONV_SOURCE_DIR) / "formats" / id / "format.json";
    FormatDescriptor d = FormatDescriptor::parse(test::read_file(path), path.string());
    CHECK(d.id == id);
    CHECK(d.can_import);
    CHECK(d.can_export);
    CHECK(d.preserves_feature("footnotes"));
    CHECK(FormatDescriptor::parse(d.to_json(), "again") == d);
  }
}

TEST_CASE("descriptor errors name the file", "[descriptor]") {
  CHECK_THROWS_WITH(FormatDescriptor::parse("{", "a.json"), Catch::StartsWith("a.json: not valid JSON"));
  CHECK_THROWS_WITH(FormatDescriptor::parse(R"({"id": "x"})", "b.json"), Catch::StartsWith("b.json"));
  CHECK_THROWS_WITH(FormatDescriptor::parse(R"({"id": "Bad Id", "capabilities": {}})", "c.json"),
                    Catch::Contains("lowercase"));
  CHECK_THROWS_WITH(
      FormatDescriptor::parse(
          R"({"id": "x", "capabilities": {}, "options": {"export": [{"name": "o", "type": "colour", "default": 1}]}})",
          "d.json"),
      Catch::Contains("unknown option type"));
}

TEST_CASE("extensions and magic bytes match", "[descriptor]") {
  FormatDescriptor d = FormatDescriptor::parse(
      R"({"id": "pdf", "extensions": ["pdf"], "magic": [{"offset": 0, "bytes": "%PDF-"}], "capabilities": {"import": true}})",
      "pdf.json");
  CHECK(d.matches_extension("dir/A_RES_1.PDF"));
  CHECK_FALSE(d.matches_extension("pdf"));
  CHECK(d.magic.front().matches("%PDF-1.7\n"));
  CHECK_FALSE(d.magic.front().matches("%PD"));
  CHECK_FALSE(d.magic.front().matches("PK\x03\x04"));
}
