// Unit test of the Markdown exporter with the SDK's test helpers: no host, no files.
#define CATCH_CONFIG_MAIN
#include "markdown_exporter.hpp"

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/testing.hpp>

#include <catch2/catch.hpp>

using namespace resconv;

namespace {

const FormatDescriptor& descriptor() {
  static const FormatDescriptor d = testing::load_descriptor(MARKDOWN_DESCRIPTOR);
  return d;
}

std::string render(const model::Document& document,
                   std::vector<std::pair<std::string, std::string>> given = {}) {
  markdown::MarkdownExporter exporter;
  auto result = testing::export_to_memory(exporter, document,
                                          testing::options_for(descriptor(), testing::Side::export_, given));
  REQUIRE(result.ok);
  return result.bytes;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

} // namespace

TEST_CASE("the sample resolution as Markdown", "[markdown]") {
  std::string md = render(testing::sample_document());
  CHECK(md.rfind("---\nbody: \"General Assembly\"\n", 0) == 0);
  CHECK(contains(md, "agenda_items:\n  - \"12\"\n  - \"14 (b)\"\n"));
  CHECK(contains(md, "\n# Cooperation between lighthouses\n"));
  CHECK(contains(md, "\nThe General Assembly,\n"));
  CHECK(contains(md, "*Recalling* its resolution [97/3](https://undocs.org/A/RES/97/3),[^1]\n"));
  CHECK(contains(md, "\n## I. Lights\n"));
  CHECK(contains(md, "\n1. *Decides* that:\n   - (a) Lamps are kept **lit**;\n     - (i) at night;\n"));
  CHECK(contains(md, "\n## Annex\n\n### Rules for keepers\n"));
  CHECK(contains(md, "\n[^1]: See [A/97/100](https://undocs.org/A/97/100).\n"));
  CHECK(md.back() == '\n');
  CHECK(md.substr(md.size() - 2) != "\n\n");
}

TEST_CASE("options: no front matter, references as plain text", "[markdown][options]") {
  std::string md = render(testing::sample_document(), {{"front-matter", "false"}, {"link-base", ""}});
  CHECK(md.rfind("# Cooperation between lighthouses\n", 0) == 0);
  CHECK(contains(md, "its resolution 97/3,[^1]"));
  CHECK_FALSE(contains(md, "undocs.org"));
  CHECK_THROWS_AS(testing::options_for(descriptor(), testing::Side::export_, {{"front-matter", "maybe"}}),
                  OptionError);
}

TEST_CASE("text that looks like markup stays text", "[markdown][escape]") {
  using namespace model;
  Document d;
  Paragraph p;
  p.content = {text("2. *not emphasis* [not a link] a_b")};
  d.preamble = {p};
  Paragraph star;
  star.content = {text("See"), footnote_ref("*")};
  d.operative = {star};
  d.footnotes = {Footnote{"*", {text("Reissued.")}}};
  std::string md = render(d, {{"front-matter", "false"}});
  CHECK(contains(md, "2\\. \\*not emphasis\\* \\[not a link\\] a\\_b\n"));
  CHECK(contains(md, "See[^note1]\n"));
  CHECK(contains(md, "[^note1]: Reissued.\n"));
}

TEST_CASE("what Markdown cannot keep is reported", "[markdown][diagnostics]") {
  markdown::MarkdownExporter exporter;
  auto result = testing::export_to_memory(exporter, testing::sample_document(),
                                          testing::options_for(descriptor(), testing::Side::export_));
  REQUIRE(result.ok);
  CHECK(result.diagnostics.diagnostics().size() == 1);
  CHECK(result.diagnostics.diagnostics().front().code == "markdown.dropped-provenance");
}
