// The markdown exporter: exact output for the sample resolution, its options, the escaping
// that keeps text from turning into markup, and the HTML a CommonMark reader (pandoc, from
// scripts/setup.sh) makes of the output.
#include "test_support.hpp"

#include <markdown_format.hpp>

#include <resconv/sdk/model/builder.hpp>

#include <catch2/catch.hpp>

#include "plugins/akn/shapes_fixtures.hpp"

#include <cstdlib>

using namespace resconv;
using namespace resconv::model;
namespace md = resconv::markdown_format;

namespace {

const FormatDescriptor& descriptor() {
  static const FormatDescriptor d =
      testing::load_descriptor(std::string(RESCONV_SOURCE_DIR) + "/formats/markdown/format.json");
  return d;
}

struct Exported {
  std::string text;
  DiagnosticCollector diagnostics;
};

Exported export_md(const Document& d, std::vector<std::pair<std::string, std::string>> given = {}) {
  md::MarkdownExporter exporter;
  OutputSink out = OutputSink::to_memory("out.md");
  Exported e;
  REQUIRE(static_cast<Exporter&>(exporter).run(
      d, out, testing::options_for(descriptor(), testing::Side::export_, given), e.diagnostics));
  e.text = out.memory();
  return e;
}

Document with_preamble(std::vector<Inlines> paragraphs) {
  Document d;
  for (auto& content : paragraphs) {
    Paragraph p;
    p.content = std::move(content);
    d.preamble.push_back(std::move(p));
  }
  return d;
}

Paragraph numbered(const std::string& num, const std::string& content) {
  Paragraph p;
  p.num = num;
  p.content = {text(content)};
  return p;
}

/// The HTML pandoc makes of `markdown` read as CommonMark with footnotes and YAML front
/// matter, on one line per block.
std::string render(const std::string& markdown) {
  test::TempDir dir;
  test::write_file(dir / "in.md", markdown);
  std::string command = "pandoc -f commonmark+footnotes+yaml_metadata_block -t html --wrap=none '" +
                        (dir / "in.md").string() + "' -o '" + (dir / "out.html").string() + "'";
  REQUIRE(std::system(command.c_str()) == 0); // pandoc comes with scripts/setup.sh
  return test::read_file(dir / "out.html");
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

} // namespace

TEST_CASE("the sample resolution as Markdown", "[markdown]") {
  auto e = export_md(testing::sample_document());
  CHECK(e.text == "---\n"
                  "body: \"General Assembly\"\n"
                  "symbol: \"A/RES/99/7\"\n"
                  "number: \"99/7\"\n"
                  "session: \"Ninety-ninth session\"\n"
                  "agenda_items:\n"
                  "  - \"12\"\n"
                  "  - \"14 (b)\"\n"
                  "title: \"Cooperation between lighthouses\"\n"
                  "adopted: \"2044-11-02\"\n"
                  "language: \"en\"\n"
                  "---\n"
                  "\n"
                  "# Cooperation between lighthouses\n"
                  "\n"
                  "A/RES/99/7\\\n"
                  "General Assembly\\\n"
                  "Ninety-ninth session\n"
                  "\n"
                  "The General Assembly,\n"
                  "\n"
                  "*Recalling* its resolution [97/3](https://undocs.org/A/RES/97/3),[^1]\n"
                  "\n"
                  "## I. Lights\n"
                  "\n"
                  "1. *Decides* that:\n"
                  "   - (a) Lamps are kept **lit**;\n"
                  "     - (i) at night;\n"
                  "\n"
                  "## Annex\n"
                  "\n"
                  "### Rules for keepers\n"
                  "\n"
                  "1. Keepers log every ship.\n"
                  "\n"
                  "[^1]: See [A/97/100](https://undocs.org/A/97/100).\n");
  REQUIRE(e.diagnostics.diagnostics().size() == 1);
  CHECK(e.diagnostics.diagnostics().front().code == "markdown.dropped-provenance");
}

TEST_CASE("a CommonMark reader sees the structure of the resolution", "[markdown][commonmark]") {
  std::string html = render(export_md(testing::sample_document()).text);
  CHECK(contains(html, "<h1>Cooperation between lighthouses</h1>"));
  CHECK(contains(html, "<p>A/RES/99/7<br />\nGeneral Assembly<br />\nNinety-ninth session</p>"));
  CHECK(contains(html,
                 "<p><em>Recalling</em> its resolution <a href=\"https://undocs.org/A/RES/97/3\">97/3</a>,<a "
                 "href=\"#fn1\""));
  CHECK(contains(html, "<h2>I. Lights</h2>"));
  CHECK(contains(html, "<ol type=\"1\">\n<li><em>Decides</em> that:\n<ul>\n<li>(a) Lamps are kept "
                       "<strong>lit</strong>;\n<ul>\n<li>(i) at night;</li>\n</ul></li>\n</ul></li>\n</ol>"));
  CHECK(contains(html, "<h3>Rules for keepers</h3>"));
  CHECK(contains(html, "<section class=\"footnotes footnotes-end-of-document\""));
  CHECK(contains(html, "See <a href=\"https://undocs.org/A/97/100\">A/97/100</a>."));
  CHECK_FALSE(contains(html, "body:")); // The front matter is metadata, not text.
}

TEST_CASE("options: no front matter, references as plain text", "[markdown][options]") {
  auto e = export_md(testing::sample_document(), {{"front-matter", "false"}, {"link-base", ""}});
  CHECK(e.text.rfind("# Cooperation between lighthouses\n\nA/RES/99/7\\\n", 0) == 0);
  CHECK(contains(e.text, "\n*Recalling* its resolution 97/3,[^1]\n"));
  CHECK_FALSE(contains(e.text, "undocs.org"));
  CHECK(e.diagnostics.has_code("markdown.dropped-metadata"));
  for (const auto& d : e.diagnostics.diagnostics())
    if (d.code == "markdown.dropped-metadata")
      CHECK(d.message == "without front matter these metadata fields are not written: number, agenda_items, "
                         "adopted, language");
  CHECK_THROWS_AS(testing::options_for(descriptor(), testing::Side::export_, {{"front-matter", "maybe"}}),
                  OptionError);
}

TEST_CASE("text that looks like a block stays a paragraph", "[markdown][escape][commonmark]") {
  auto e = export_md(with_preamble({{text("1. Not a list")},
                                    {text("2) Not one either")},
                                    {text("# Not a heading")},
                                    {text("- Not a bullet")},
                                    {text("+ Nor this")},
                                    {text("> Not a quote")},
                                    {text("    Not code")},
                                    {text("---")},
                                    {text("1953.")}}));
  CHECK(e.text ==
        "1\\. Not a list\n\n2\\) Not one either\n\n\\# Not a heading\n\n\\- Not a bullet\n\n\\+ Nor "
        "this\n\n\\> Not a quote\n\nNot code\n\n\\---\n\n1953\\.\n");
  std::string html = render(e.text);
  CHECK(
      html ==
      "<p>1. Not a list</p>\n<p>2) Not one either</p>\n<p># Not a heading</p>\n<p>- Not a "
      "bullet</p>\n<p>+ Nor this</p>\n<p>&gt; Not a quote</p>\n<p>Not code</p>\n<p>---</p>\n<p>1953.</p>\n");
}

TEST_CASE("text that looks like inline markup stays text", "[markdown][escape][commonmark]") {
  CHECK(md::escape_inline("2 *not emphasis* [not a link] a_b `code` <b> ~~x~~ &amp; & a\\b") ==
        "2 \\*not emphasis\\* \\[not a link\\] a\\_b \\`code\\` \\<b\\> \\~\\~x\\~\\~ \\&amp; & a\\\\b");
  CHECK(md::escape_inline("line\nbreak\ttab") == "line break tab");
  auto e = export_md(with_preamble({{text("*not emphasis* [^1] [x](y) &amp; <i>")}}));
  CHECK(render(e.text) == "<p>*not emphasis* [^1] [x](y) &amp;amp; &lt;i&gt;</p>\n");
}

TEST_CASE("numbering: lists keep the printed numbers", "[markdown][numbering][commonmark]") {
  Document d;
  d.operative = {numbered("1", "One."),  numbered("2", "Two."),    numbered("4", "Four."),
                 numbered("5", "Five."), numbered("07", "Seven."), numbered("A", "Letter.")};
  Paragraph ten = numbered("10", "Ten:");
  ten.items = {numbered("(a)", "first;"), numbered("1", "a number")};
  d.operative.push_back(ten);
  auto e = export_md(d);
  CHECK(e.text == "1. One.\n\n2. Two.\n\n4) Four.\n\n5) Five.\n\n07\\. Seven.\n\nA. Letter.\n\n10. Ten:\n"
                  "    - (a) first;\n    - 1\\. a number\n");
  std::string html = render(e.text);
  CHECK(contains(html, "<ol type=\"1\">\n<li><p>One.</p></li>\n<li><p>Two.</p></li>\n</ol>"));
  CHECK(contains(html, "<ol start=\"4\" type=\"1\">\n<li><p>Four.</p></li>\n<li><p>Five.</p></li>\n</ol>"));
  CHECK(contains(html, "<p>07. Seven.</p>\n<p>A. Letter.</p>"));
  CHECK(contains(html, "<ol start=\"10\" type=\"1\">\n<li>Ten:\n<ul>\n<li>(a) first;</li>\n<li>1. a "
                       "number</li>\n</ul></li>\n</ol>"));
}

TEST_CASE("emphasis that delimiters cannot hold is written as HTML", "[markdown][emphasis][commonmark]") {
  auto e = export_md(with_preamble({{text("a"), emphasis({text("\"quoted\"")}), text("b")},
                                    {emphasis({text("Noting ")}), text("that")},
                                    {emphasis({text("one")}), emphasis({text("two")})},
                                    {strong({emphasis({text("both")})})}}));
  CHECK(e.text == "a<em>\"quoted\"</em>b\n\n*Noting* that\n\n*one*<em>two</em>\n\n<strong>*both*</strong>\n");
  CHECK(render(e.text) ==
        "<p>a<em>\"quoted\"</em>b</p>\n<p><em>Noting</em> that</p>\n<p><em>one</em><em>two</em></p>\n"
        "<p><strong><em>both</em></strong></p>\n");
}

TEST_CASE("footnotes: labels, notes nothing calls, calls without a note",
          "[markdown][footnotes][commonmark]") {
  Document d = with_preamble({{text("See"), footnote_ref("*")}, {text("Also"), footnote_ref("9")}});
  d.footnotes = {Footnote{"*", {text("Reissued.")}}, Footnote{"2", {text("- Never called.")}}};
  auto e = export_md(d);
  CHECK(e.text == "See[^note-1]\n\nAlso\\[^9\\]\n\n[^note-1]: Reissued.\n\n2 - Never called.\n");
  CHECK(e.diagnostics.has_code("markdown.uncalled-footnote"));
  std::string html = render(e.text);
  CHECK(contains(html, "<p>Also[^9]</p>"));
  CHECK(contains(html, "<p>2 - Never called.</p>"));
  CHECK(contains(html, "Reissued."));
}

TEST_CASE("front matter values are YAML strings whatever they hold", "[markdown][front-matter]") {
  Document d;
  d.metadata.title = "A \"quoted\" title\\with\nbreak";
  d.metadata.origin = "on the report of the Second Committee (A/99/612)";
  auto e = export_md(d);
  CHECK(e.text ==
        "---\ntitle: \"A \\\"quoted\\\" title\\\\with\\x0Abreak\"\norigin: \"on the report of the Second "
        "Committee (A/99/612)\"\n---\n\n# A \"quoted\" title\\\\with break\n\non the report of the "
        "Second Committee (A/99/612)\n");
}

TEST_CASE("link destinations are encoded", "[markdown][references]") {
  CHECK(md::encode_destination("https://undocs.org/S/RES/338 (1973)") ==
        "https://undocs.org/S/RES/338%20%281973%29");
  Document d = with_preamble({{reference("S/RES/338 (1973)", {text("338 (1973)")})}});
  CHECK(export_md(d).text == "[338 (1973)](https://undocs.org/S/RES/338%20%281973%29)\n");
}

TEST_CASE("annexes without a heading start at a thematic break", "[markdown][annexes]") {
  Document d;
  d.operative = {numbered("1", "Decides.")};
  Annex a;
  a.operative = {numbered("1", "Rule.")};
  d.annexes = {a};
  CHECK(export_md(d).text == "1. Decides.\n\n***\n\n1. Rule.\n");
}

// The shapes of contract 2 (fixtures shared with the AKN tests): the structure a CommonMark
// reader sees, no golden file.

namespace {

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

std::string one_line(std::string html) {
  for (char& c : html)
    if (c == '\n')
      c = ' ';
  return html;
}

} // namespace

TEST_CASE("shapes: parts are headings one level down, nested parts below them",
          "[markdown][shapes][commonmark]") {
  Document d = test::parts_resolution();
  std::string md_text = export_md(d).text;
  CHECK(
      contains(md_text, "\n## I. Revised estimates relating to the coastal archives\n\n*Having considered*"));
  CHECK(contains(md_text, "\n### A. Liaison offices\n\n1. *Decides*"));
  std::string html = one_line(render(md_text));
  CHECK(count(html, "<h1>") == 1);
  CHECK(contains(html, "<h2>I. Revised estimates relating to the coastal archives</h2>"));
  CHECK(contains(html, "<h2>II. Questions relating to the proposed programme budget</h2>"));
  CHECK(contains(html, "<h3>A. Liaison offices</h3>"));
  CHECK(contains(html, "<h3>B. Questions deferred for future consideration</h3>"));
  // The part's own preamble comes under its heading, before its numbered paragraphs.
  auto part_two = html.find("<h2>II.");
  CHECK(html.find("<em>Noting</em>", part_two) < html.find("<h3>A.", part_two));
  // Agenda item titles are in the masthead paragraph.
  CHECK(contains(html, "Proposed programme budget for 2046<br />"));
}

TEST_CASE("shapes: quotations are block quotes, adopted texts a heading after their paragraph",
          "[markdown][shapes][commonmark]") {
  Document d = test::quoting_resolution();
  std::string md_text = export_md(d).text;
  std::string html = one_line(render(md_text));
  // The preamble's quotation: its number as printed, not a list.
  CHECK(contains(html,
                 "which read:</p> <blockquote> <p>12. \u201cThe keeper shall keep.\u201d</p> </blockquote>"));
  // Paragraph 2's quotation is inside its list item, before nothing else; paragraph 3's
  // quotation comes before its items.
  CHECK(contains(html,
                 "rule 5 shall read as follows:</p> <blockquote> <p><strong>Rule 5. Keepers</strong></p> "
                 "<p>(a) \u201cThe keeper of the archives;</p>"));
  CHECK(contains(html, "<li>(i) Those of the coast;\u201d</li>"));
  CHECK(contains(html, "as the declaration says:</p> <blockquote> <p>\u201cWe commit ourselves.\u201d</p> "
                       "</blockquote> <ul> <li>(a) To act;</li>"));
  // The declaration follows paragraph 1 under a heading of its own; the resolution's
  // paragraphs 2 and 3 then start a list of their own, numbered as printed.
  auto adopts = html.find("<em>Adopts</em>");
  auto declaration =
      html.find("<h2>Political declaration of the high-level meeting on coastal archives</h2>");
  auto decides = html.find("<em>Decides</em>");
  REQUIRE(adopts != std::string::npos);
  REQUIRE(declaration != std::string::npos);
  CHECK(adopts < declaration);
  CHECK(declaration < html.find("We, Heads of State and Government,"));
  CHECK(html.find("Resolve to act.") < decides);
  CHECK(contains(html, "<ol start=\"2\""));
  CHECK(count(html, "<h2>Annex</h2>") == 1);
  CHECK(contains(html, "<h3>Rules for keepers</h3>"));
  CHECK(contains(html, "<h4>I. Duties</h4>"));
}

TEST_CASE("shapes: a draft prints its masthead lines as printed", "[markdown][shapes][commonmark]") {
  Document d = test::draft_resolution();
  std::string html = one_line(render(export_md(d).text));
  CHECK(contains(html,
                 "<p>United Nations<br /> A/C.3/99/L.10<br /> General Assembly<br /> Distr.: Limited<br />"));
  CHECK(contains(html, "Argentina, Brazil and Chile: draft resolution<br />"));
  SECTION("without masthead lines: its fields, the sponsors among them") {
    d.metadata.masthead.clear();
    std::string plain = one_line(render(export_md(d).text));
    CHECK(contains(plain,
                   "<p>A/C.3/99/L.10<br /> General Assembly<br /> Ninety-ninth session<br /> Promotion "
                   "and protection of human rights<br /> Argentina, Brazil, Chile</p>"));
  }
}

TEST_CASE("shapes: a collection is one level-1 heading per deliberation under the publication's",
          "[markdown][shapes][commonmark]") {
  Document d = test::decisions_collection();
  std::string md_text = export_md(d).text;
  std::string html = one_line(render(md_text));
  CHECK(count(html, "<h1>") == 4);
  auto pub = html.find("<h1>Report of the Conference of the Parties on its fortieth session</h1>");
  auto one = html.find("<h1>Decision 1/CP.40: Coastal archives work programme</h1>");
  auto two = html.find("<h1>Decision 2/CP.40: Budget for the biennium 2046\u20132047</h1>");
  auto draft = html.find("<h1>Coastal archives and the right to information</h1>");
  REQUIRE(pub != std::string::npos);
  REQUIRE(one != std::string::npos);
  REQUIRE(two != std::string::npos);
  REQUIRE(draft != std::string::npos);
  CHECK((pub < one && one < two && two < draft));
  // Each decision's footnote 1 is its own: two notes, each called once.
  CHECK(count(html, "role=\"doc-endnote\"") == 2);
  CHECK(contains(html, "FCCC/CP/2044/10/Add.1."));
  CHECK(contains(html, "FCCC/SBI/2045/4."));
  CHECK(count(md_text, "[^d1-1]") == 2);
  CHECK(count(md_text, "[^d2-1]") == 2);
  // The front matter is the publication's.
  CHECK(md_text.rfind("---\nsymbol: \"FCCC/CP/2045/12/Add.1\"", 0) == 0);
  CHECK(contains(md_text, "kind: \"collection\""));
}
