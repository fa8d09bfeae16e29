// The deliberations' shapes in AKN: collections, parts, quotations, adopted texts, drafts,
// the masthead as printed. Each model goes to AKN and back to itself, and the AKN read and
// written again is the same bytes.
#include "shapes_fixtures.hpp"
#include "test_support.hpp"

#include <akn_format.hpp>

#include <resconv/sdk/model/dump.hpp>

#include <catch2/catch.hpp>

using namespace resconv;
using namespace resconv::model;

namespace {

std::string to_akn(const Document& d) {
  akn::XmlDocPtr doc = akn::write_akn(d, {});
  return akn::serialize(doc.get(), true);
}

Document from_akn(const std::string& xml, DiagnosticCollector& sink) {
  akn::XmlDocPtr doc = akn::parse_secure(xml, "mem.xml");
  return akn::read_akn(doc.get(), sink, "mem.xml");
}

bool has(const std::string& xml, const std::string& what) {
  return xml.find(what) != std::string::npos;
}

} // namespace

TEST_CASE("AKN: every shape goes to AKN and back exactly, and AKN -> model -> AKN is byte-identical",
          "[akn][shapes]") {
  for (auto [name, d] : test::shape_documents()) {
    INFO(name);
    normalize(d);
    std::string xml = to_akn(d);
    DiagnosticCollector sink;
    Document back = from_akn(xml, sink);
    CHECK(dump(back) == dump(d));
    CHECK(back == d);
    CHECK_FALSE(sink.has_errors());
    for (const auto& diagnostic : sink.diagnostics())
      CHECK(diagnostic.code != "akn.unmapped");
    CHECK(to_akn(back) == xml);
    akn::XmlDocPtr doc = akn::parse_secure(xml, "mem.xml");
    DiagnosticCollector rules;
    CHECK(akn::check_rules(doc.get(), rules, "mem.xml") == 0);
    for (const auto& diagnostic : rules.diagnostics())
      UNSCOPED_INFO(diagnostic.message);
  }
}

TEST_CASE("AKN: a collection is a documentCollection of statements, one per deliberation", "[akn][shapes]") {
  std::string xml = to_akn(test::decisions_collection());
  CHECK(has(xml, "<documentCollection name=\"collection\" contains=\"originalVersion\">"));
  CHECK(has(xml, "<FRBRuri "
                 "value=\"/akn/un/documentCollection/publication/un/2046-02-01/FCCC/CP/2045/12/Add.1\"/>") ==
        false); // the symbol's slashes never make path segments
  CHECK(has(xml, "/akn/un/documentCollection/publication/un/2046-02-01/FCCC-CP-2045-12-Add.1"));
  CHECK(test::count_of(xml, "<component eId=\"cmp_") == 3);
  CHECK(test::count_of(xml, "<statement name=\"decision\"") == 2);
  CHECK(has(xml, "<statement name=\"resolutionDraft\""));
  // Each deliberation's eIds and TLCs carry its component's: unique in the collection.
  CHECK(has(xml, "eId=\"cmp_2__para_1\""));
  CHECK(has(xml, "eId=\"cmp_2__para_1__p_1__authorialNote_1\""));
  CHECK(has(xml, "<TLCOrganization eId=\"cmp_1__resconv\""));
  CHECK(has(xml, "<FRBRnumber value=\"1-CP.40\" showAs=\"1/CP.40\"/>"));
}

TEST_CASE("AKN: parts are hcontainers with their own preamble and paragraphs", "[akn][shapes]") {
  std::string xml = to_akn(test::parts_resolution());
  CHECK(has(xml, "<hcontainer eId=\"part_I\" name=\"part\">"));
  CHECK(has(xml, "<hcontainer eId=\"part_I__preamble\" name=\"preamble\">"));
  CHECK(has(xml, "<hcontainer eId=\"part_I__preamble__hcontainer_1\" name=\"havingConsidered\">"));
  CHECK(has(xml, "<paragraph eId=\"part_I__para_2\">"));
  CHECK(has(xml, "<hcontainer eId=\"part_II__part_A\" name=\"part\">"));
  CHECK(has(xml, "<section eId=\"part_II__part_A__sec_1\">"));
  // The agenda items' titles are printed under the agenda line.
  CHECK(has(xml, "<inline name=\"agendaItemTitle\">Proposed programme budget for 2046</inline>"));
}

TEST_CASE("AKN: quotations and adopted texts are embeddedStructures, in their paragraph", "[akn][shapes]") {
  std::string xml = to_akn(test::quoting_resolution());
  CHECK(has(xml, "<embeddedStructure eId=\"para_2__p_1__embeddedStructure_1\">"));
  CHECK(has(xml, "<hcontainer eId=\"para_2__p_1__embeddedStructure_1__hcontainer_Rule5\" name=\"heading\">"));
  CHECK(has(xml, "<num>12.</num>"));
  CHECK(has(xml, "<embeddedStructure eId=\"para_3__list_1__intro__p_1__embeddedStructure_1\">"));
  CHECK(has(xml, "<embeddedStructure eId=\"para_1__p_1__embeddedStructure_1\">"));
  CHECK_FALSE(has(xml, "quotedStructure"));
  CHECK(has(xml, "<doc name=\"adoptedText\">"));
  // The annex proper is the one attachment.
  CHECK(test::count_of(xml, "<attachment ") == 1);
}

TEST_CASE("AKN: the masthead as printed, fields marked where they stand, wrapped lines kept",
          "[akn][shapes]") {
  std::string xml = to_akn(test::draft_resolution());
  CHECK(has(xml, "<preface class=\"masthead\""));
  CHECK(has(xml, "<docProponent class=\"sponsor\">Argentina</docProponent>, "
                 "<docProponent class=\"sponsor\">Brazil</docProponent> and "
                 "<docProponent class=\"sponsor\">Chile</docProponent>: draft resolution"));
  CHECK(has(xml, "<docTitle>Coastal archives and the right to<eol/>information</docTitle>"));
  CHECK(has(xml, "<p eId=\"preface__p_4\">Distr.: Limited</p>"));
  CHECK(has(xml, "Agenda item <ref eId=\"preface__p_9__ref_1\" class=\"agendaItem\""));
  // What the markup cannot say, the proprietary block keeps.
  CHECK(has(xml, "<resconv:field name=\"distribution\" value=\"limited\"/>"));
}
