// The akn plugin against the official schema (skipped, exit 77, when it is not installed).
#define CATCH_CONFIG_RUNNER
#include "shapes_fixtures.hpp"
#include "test_support.hpp"

#include <akn_format.hpp>

#include <resconv/sdk/model/json.hpp>

#include <catch2/catch.hpp>

#include <iostream>

using namespace resconv;
using namespace resconv::model;

namespace {

const std::filesystem::path example =
    std::filesystem::path(RESCONV_SOURCE_DIR) / "examples" / "A_RES_99_101.txt";

std::string export_akn(const Document& d, Options options = {}) {
  akn::AknExporter exporter;
  OutputSink out = OutputSink::to_memory("out.xml");
  DiagnosticCollector sink;
  REQUIRE(static_cast<Exporter&>(exporter).run(d, out, options, sink));
  CHECK_FALSE(sink.has_errors());
  return out.memory();
}

DiagnosticCollector validate(const std::string& xml) {
  akn::AknValidator validator;
  DiagnosticCollector sink;
  static_cast<Validator&>(validator).run(InputSource::from_memory("broken.xml", xml), Options{}, sink);
  return sink;
}

Document example_document() {
  // The JSON golden of the example: the same model the text importer makes.
  return from_json(
      test::read_file(std::filesystem::path(RESCONV_SOURCE_DIR) / "tests/golden/A_RES_99_101.json"));
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("exports validate, with and without the publication wrapper", "[akn][schema]") {
  Document d = example_document();
  for (const char* wrapper : {"none", "publication"}) {
    Options options;
    options.set("wrapper", std::string(wrapper));
    std::string xml = export_akn(d, options);
    DiagnosticCollector result = validate(xml);
    INFO(wrapper);
    CHECK(result.diagnostics().empty());
  }
}

TEST_CASE("every shape validates: collection, parts, quotation, adopted text, draft",
          "[akn][schema][shapes]") {
  for (const auto& [name, d] : test::shape_documents()) {
    INFO(name);
    std::string xml = export_akn(d);
    DiagnosticCollector result = validate(xml);
    for (const auto& diagnostic : result.diagnostics())
      UNSCOPED_INFO(diagnostic.message);
    CHECK(result.diagnostics().empty());
  }
}

TEST_CASE("validate rejects each broken file with its code", "[akn][schema][validate]") {
  // Without its masthead lines, the preface is made of the fields (the number in docNumber).
  Document canonical = example_document();
  canonical.metadata.masthead.clear();
  std::string good = export_akn(canonical);
  REQUIRE(validate(good).diagnostics().empty());
  struct Case {
    const char* what;
    std::string xml;
    const char* code;
  };
  std::vector<Case> cases = {
      {"schema violation", replace(good, "<conclusions>", "<closing>"), "akn.schema"},
      // The schema's own identity constraint catches a duplicate within a document.
      {"duplicate eId", replace(good, "eId=\"para_2\"", "eId=\"para_1\""), "akn.schema"},
      {"malformed eId", replace(good, "eId=\"para_2\"", "eId=\"2para\""), "akn.eid"},
      {"unresolved refersTo", replace(good, "refersTo=\"#meeting\"", "refersTo=\"#nowhere\""),
       "akn.unresolved"},
      {"FRBR date",
       replace(good, "<FRBRdate date=\"2044-12-10\" name=\"adoption\"/>",
               "<FRBRdate date=\"2044-12-11\" name=\"adoption\"/>"),
       "akn.frbr"},
      {"text only in an attribute",
       replace(good, "<docNumber refersTo=\"#resolutionNumber\">99/101</docNumber>. ", ""),
       "akn.text-conservation"},
      {"not well-formed", good.substr(0, good.size() / 2), "akn.xml"},
  };
  // The closing tag must follow the opening one for the schema case.
  cases[0].xml = replace(cases[0].xml, "</conclusions>", "</closing>");
  for (const auto& c : cases) {
    INFO(c.what);
    DiagnosticCollector result = validate(c.xml);
    CHECK(result.has_code(c.code));
    CHECK(result.has_errors());
    if (std::string(c.code) == "akn.schema")
      CHECK(result.diagnostics().front().location.line > 0);
  }
}

int main(int argc, char** argv) {
  if (akn::schema_path("").empty()) {
    std::cout << "Akoma Ntoso schema not installed (scripts/fetch-schemas.sh): schema tests SKIPPED\n";
    return 77;
  }
  return Catch::Session().run(argc, argv);
}
