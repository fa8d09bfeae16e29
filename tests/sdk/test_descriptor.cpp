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

TEST_CASE("option bounds: read, written back, and refused when they contradict", "[descriptor][bounds]") {
  // Every descriptor of the project parses and survives its own JSON form, bounds included.
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(RESCONV_SOURCE_DIR) / "formats")) {
    auto path = entry.path() / "format.json";
    if (!std::filesystem::exists(path))
      continue;
    FormatDescriptor d = FormatDescriptor::parse(test::read_file(path), path.string());
    CHECK(FormatDescriptor::parse(d.to_json(), "again") == d);
  }
  auto json_path = std::filesystem::path(RESCONV_SOURCE_DIR) / "formats" / "json" / "format.json";
  FormatDescriptor json = FormatDescriptor::parse(test::read_file(json_path), json_path.string());
  const OptionSpec& indent = json.export_options.front();
  CHECK(indent.name == "indent");
  CHECK(indent.min == -1.0);
  CHECK(indent.max == 16.0);
  CHECK(json.to_json().find(R"("name":"indent","type":"int","default":2,"min":-1,"max":16,)") !=
        std::string::npos);

  auto with_option = [](const std::string& option) {
    return FormatDescriptor::parse(
        R"({"id": "x", "capabilities": {}, "options": {"export": [)" + option + "]}}", "b.json");
  };
  CHECK(with_option(R"({"name": "n", "type": "number", "default": 0.5, "min": 0, "max": 1})")
            .export_options[0]
            .max == 1.0);
  CHECK_THROWS_WITH(with_option(R"({"name": "s", "type": "string", "default": "", "min": 1})"),
                    "b.json: option 's': 'min' is only for int and number options");
  CHECK_THROWS_WITH(with_option(R"({"name": "i", "type": "int", "default": 1, "max": 2.5})"),
                    "b.json: option 'i': 'max' must be an integer");
  CHECK_THROWS_WITH(with_option(R"({"name": "i", "type": "int", "default": 1, "min": "1"})"),
                    "b.json: option 'i': 'min' must be an integer");
  CHECK_THROWS_WITH(with_option(R"({"name": "i", "type": "int", "default": 5, "min": 6, "max": 2})"),
                    "b.json: option 'i': 'min' is greater than 'max'");
  CHECK_THROWS_WITH(with_option(R"({"name": "i", "type": "int", "default": 0, "min": 1})"),
                    "b.json: option 'i': the default lies outside at least 1");
  CHECK_THROWS_WITH(with_option(R"({"name": "i", "type": "int", "default": 0, "max": 9007199254740993})"),
                    "b.json: option 'i': 'max' must lie within +/-2^53");
}
