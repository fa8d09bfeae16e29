#include "test_support.hpp"

#include <json_format.hpp>

#include <resconv/sdk/model/json.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

using namespace resconv;

TEST_CASE("json plugin round trip through importer and exporter", "[json-plugin]") {
  json_format::JsonExporter exporter;
  json_format::JsonImporter importer;
  model::Document d = test::sample_document();
  OutputSink out = OutputSink::to_memory();
  DiagnosticCollector sink;
  Options options;
  options.set("indent", std::int64_t{-1});
  REQUIRE(static_cast<Exporter&>(exporter).run(d, out, options, sink));
  CHECK(out.memory().find('\n') == out.memory().size() - 1);
  auto back =
      static_cast<Importer&>(importer).run(InputSource::from_memory("m.json", out.memory()), Options{}, sink);
  REQUIRE(back);
  CHECK(*back == d);
}

TEST_CASE("json plugin reports bad input as a diagnostic", "[json-plugin]") {
  json_format::JsonImporter importer;
  DiagnosticCollector sink;
  auto d = static_cast<Importer&>(importer).run(
      InputSource::from_memory("bad.json", "{\"resconv\": 1, \"preamble\": 3}"), Options{}, sink);
  CHECK_FALSE(d);
  REQUIRE(sink.has_code("json.invalid"));
  CHECK(sink.diagnostics().front().location.file == "bad.json");
  CHECK(sink.diagnostics().front().message.find("preamble") != std::string::npos);
}

TEST_CASE("json probe", "[json-plugin]") {
  json_format::JsonImporter importer;
  Importer& i = importer;
  CHECK(i.probe({"  {\n \"resconv\": 1", "a"}) == Probe::yes);
  CHECK(i.probe({"{\"other\": 1}", "a"}) == Probe::unknown);
  CHECK(i.probe({"The General Assembly,", "a.json"}) == Probe::no);
}

namespace {

std::optional<model::Document> import_json(const std::string& text, DiagnosticCollector& sink) {
  json_format::JsonImporter importer;
  return static_cast<Importer&>(importer).run(InputSource::from_memory("m.json", text), Options{}, sink);
}

std::string exported_sample() {
  json_format::JsonExporter exporter;
  OutputSink out = OutputSink::to_memory();
  DiagnosticCollector sink;
  REQUIRE(static_cast<Exporter&>(exporter).run(test::sample_document(), out, Options{}, sink));
  return out.memory();
}

} // namespace

TEST_CASE("json: a key given twice in one object is refused, named with its place",
          "[json-plugin][duplicate]") {
  struct Row {
    std::string text;
    std::string message;
    int line;
    long offset;
  };
  for (
      const Row& row : std::vector<Row>{
          {"{\"resconv\": 1,\n \"formula\": \"The General Assembly,\",\n \"formula\": \"The Security "
           "Council,\"}",
           "key \"formula\" appears twice in the top object; keep one of them", 3, 53},
          {R"({"resconv": 1, "resconv": 999})",
           "key \"resconv\" appears twice in the top object; keep one of them", 1, 15},
          {R"({"resconv": 1, "metadata": {"symbol": "A/1", "title": "x", "symbol": "A/2"}})",
           "key \"symbol\" appears twice in metadata; keep one of them", 1, 59},
          {R"({"resconv": 1, "operative": [{"content": []}, {"content": [{"type": "text", "text": "a", "text": "b"}]}]})",
           "key \"text\" appears twice in operative[1].content[0]; keep one of them", 1, 89},
          // The same name written with an escape is the same key; the place is the raw key.
          {R"({"resconv": 1, "formula": "A", "form\u0075la": "B"})",
           "key \"formula\" appears twice in the top object; keep one of them", 1, 31},
      }) {
    INFO(row.text);
    DiagnosticCollector sink;
    CHECK_FALSE(import_json(row.text, sink));
    REQUIRE(sink.has_code("json.duplicate-key"));
    const Diagnostic& d = sink.diagnostics().front();
    CHECK(d.message == row.message);
    CHECK(d.location.file == "m.json");
    CHECK(d.location.line == row.line);
    CHECK(d.location.offset == row.offset);
    CHECK(row.text.substr(static_cast<std::size_t>(d.location.offset), 1) == "\"");
  }
  // A long key is quoted short.
  std::string key(100000, 'k');
  DiagnosticCollector sink;
  CHECK_FALSE(import_json("{\"" + key + "\": 1, \"" + key + "\": 2}", sink));
  REQUIRE(sink.has_code("json.duplicate-key"));
  CHECK(sink.diagnostics().front().message.size() < 200);
  CHECK(sink.diagnostics().front().message.find("kkk...\" appears twice") != std::string::npos);
  // The same key in different objects is no duplicate; nor are keys of an array's elements.
  DiagnosticCollector ok;
  CHECK(import_json(exported_sample(), ok));
  CHECK_FALSE(ok.has_errors());
  // Other faults keep their own codes.
  DiagnosticCollector syntax;
  CHECK_FALSE(import_json(R"({"resconv": 1, "formula": "A", )", syntax));
  CHECK(syntax.has_code("json.invalid"));
  DiagnosticCollector deep;
  CHECK_FALSE(import_json(
      "{\"resconv\": 1, \"preamble\": " + std::string(100, '[') + std::string(100, ']') + "}", deep));
  CHECK(deep.has_code("json.too-deep"));
}

TEST_CASE("json: UTF-16 and UTF-32 are refused with the conversion to UTF-8; a UTF-8 BOM is read",
          "[json-plugin][encoding]") {
  const std::string text = exported_sample();
  json_format::JsonImporter importer;
  Importer& i = importer;
  for (std::size_t unit : {2, 4})
    for (bool little : {true, false})
      for (bool bom : {true, false}) {
        std::string form = std::string(unit == 2 ? "UTF-16" : "UTF-32") + (little ? "LE" : "BE");
        INFO(form << (bom ? " with BOM" : " without BOM"));
        std::string wide = test::widen(text, unit, little, bom);
        CHECK(json_format::wide_json_form(wide) == form);
        // The probe reads its ASCII start, so the file reaches the importer.
        CHECK(i.probe({wide, ""}) == Probe::yes);
        DiagnosticCollector sink;
        CHECK_FALSE(import_json(wide, sink));
        REQUIRE(sink.has_code("json.encoding"));
        CHECK(sink.diagnostics().front().message == "JSON must be UTF-8 (RFC 8259); this input is " + form +
                                                        ": convert it first, e.g. iconv -f " + form +
                                                        " -t UTF-8");
        CHECK(sink.diagnostics().front().location.file == "m.json");
      }
  CHECK(json_format::wide_json_form(text).empty());
  CHECK(json_format::wide_json_form("{}").empty());
  CHECK(json_format::wide_json_form(std::string("{\0", 2)) == "UTF-16LE");
  DiagnosticCollector sink;
  auto d = import_json("\xEF\xBB\xBF" + text, sink);
  REQUIRE(d);
  CHECK(*d == test::sample_document());
  CHECK(i.probe({"\xEF\xBB\xBF" + text, ""}) == Probe::yes);
}
