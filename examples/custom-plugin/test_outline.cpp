// Unit test of the outline exporter with the SDK's test helpers: no host, no files.
#define CATCH_CONFIG_MAIN
#include "outline_exporter.hpp"

#include <resconv/sdk/testing.hpp>

#include <catch2/catch.hpp>

using namespace resconv;

namespace {

const FormatDescriptor& descriptor() {
  static const FormatDescriptor d = testing::load_descriptor(OUTLINE_DESCRIPTOR);
  return d;
}

std::string render(const model::Document& document,
                   std::vector<std::pair<std::string, std::string>> given = {}) {
  outline::OutlineExporter exporter;
  auto result = testing::export_to_memory(exporter, document,
                                          testing::options_for(descriptor(), testing::Side::export_, given));
  REQUIRE(result.ok);
  return result.bytes;
}

} // namespace

TEST_CASE("the sample resolution as an outline", "[outline]") {
  CHECK(render(testing::sample_document()) == "A/RES/99/7  Cooperation between lighthouses\n"
                                              "preamble\n"
                                              "  Recalling its resolution 97/3,[1]\n"
                                              "operative\n"
                                              "  I. Lights\n"
                                              "  1. Decides that:\n"
                                              "    (a) Lamps are kept lit;\n"
                                              "      (i) at night;\n"
                                              "Annex: Rules for keepers\n"
                                              "  1. Keepers log every ship.\n");
}

TEST_CASE("options: width cuts long lines, the preamble can be left out", "[outline][options]") {
  std::string short_lines = render(testing::sample_document(), {{"width", "20"}, {"preamble", "false"}});
  CHECK(short_lines.rfind("A/RES/99/7  Coopera\xE2\x80\xA6\noperative\n", 0) == 0);
  CHECK(outline::cut("abc", 3) == "abc");
  CHECK(outline::cut("abcd", 3) == "ab\xE2\x80\xA6");
  CHECK(outline::cut("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 3) == "\xC3\xA9\xC3\xA9\xE2\x80\xA6");
  // The descriptor bounds width: Options refuses 19 before the exporter runs.
  CHECK_THROWS_AS(testing::options_for(descriptor(), testing::Side::export_, {{"width", "19"}}), OptionError);
  CHECK_THROWS_AS(testing::options_for(descriptor(), testing::Side::export_, {{"preamble", "maybe"}}),
                  OptionError);
}
