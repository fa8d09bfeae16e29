#include "test_support.hpp"

#include <json_format.hpp>

#include <resconv/sdk/model/json.hpp>

#include <catch2/catch.hpp>

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
