// The shared cues (recognize/cues.hpp): how lines end, open and join, the same for every
// importer.
#include "test_support.hpp"

#include <resconv/sdk/recognize/cues.hpp>

#include <catch2/catch.hpp>

using namespace resconv;
using namespace resconv::recognize;

TEST_CASE("cues: a clause ends the same behind any closing quote, bracket or call", "[cues]") {
  // The case three importers once disagreed on: typographic and straight quotes alike.
  CHECK(ends_clause("as it reads now.\u201d"));
  CHECK(ends_clause("as it reads now.\""));
  CHECK(ends_clause("as it reads now.'"));
  CHECK(ends_clause("(see annex).)"));
  CHECK(ends_clause("\u00abmaintenant.\u00bb"));
  CHECK(ends_clause("the report;12"));
  CHECK(ends_clause("the report.\u201d 3"));
  CHECK(ends_clause("\u0627\u0644\u062a\u0642\u0631\u064a\u0631\u061b")); // Arabic semicolon
  CHECK(ends_clause("\u62a5\u544a\u3002"));                               // ideographic full stop
  CHECK_FALSE(ends_clause("the General Assembly"));
  CHECK_FALSE(ends_clause("in 2023"));
  CHECK_FALSE(ends_clause("Recalling its resolution 12/3,"));
  CHECK_FALSE(ends_clause(""));
  CHECK(ends_preamble_clause("Recalling its resolution 12/3,"));
  CHECK(ends_preamble_clause("Recalling its resolution 12/3,\u201d"));
  CHECK(ends_preamble_clause("\u0625\u0630 \u062a\u0634\u064a\u0631\u060c")); // Arabic comma
  CHECK_FALSE(ends_preamble_clause("Recalling its resolution"));
  CHECK(closing_character("now.\u201d  ") == U'.');
  CHECK(closing_character("\u201d") == U'\0');
}

TEST_CASE("cues: paragraph and item numbers of any language open a line", "[cues]") {
  const auto& languages = language::Language::installed();
  CHECK(starts_with_marker("12. Decides to act", languages));
  CHECK(starts_with_marker("(iv) To report", languages));
  CHECK(starts_with_marker("a) Pour agir", languages));
  CHECK_FALSE(starts_with_marker("12.", languages)); // a number with no text after it
  CHECK_FALSE(starts_with_marker("Decides to act", languages));
  CHECK(starts_with_marker("12. Decides", {})); // the forms every language shares
}

TEST_CASE("cues: lines join with a space, touching, or with the hyphen dropped", "[cues]") {
  HyphenEvidence evidence;
  evidence.add_text("the Observer of the capacity-building programme");
  CHECK(line_join("the", "report", evidence) == LineJoin::space);
  CHECK(line_join("capacity-", "building", evidence) == LineJoin::touching);
  CHECK(line_join("the Ob-", "server", evidence) == LineJoin::hyphen_dropped);
  CHECK(line_join("Sud-", "Sud", evidence) == LineJoin::touching);
  CHECK(line_join("S/INF/", "68", evidence) == LineJoin::touching);
  CHECK(line_join("\u5927\u4f1a", "\u51b3\u5b9a", evidence) == LineJoin::touching);
  CHECK(line_join("1990 -", "2000", evidence) == LineJoin::space); // a dash between numbers is no hyphen
  std::string text = "the Ob-";
  join_line(text, "server said", evidence);
  CHECK(text == "the Observer said");
}
