// The akn plugin without the schema: names, determinism, round trips, hostile XML.
#include "test_support.hpp"

#include <akn_format.hpp>
#include <akn_names.hpp>

#include <resconv/sdk/model/dump.hpp>
#include <resconv/sdk/model/project.hpp>

#include <catch2/catch.hpp>

using namespace resconv;
using namespace resconv::model;

namespace {

std::string to_akn(const Document& d, const akn::WriteOptions& options = {}) {
  akn::XmlDocPtr doc = akn::write_akn(d, options);
  return akn::serialize(doc.get(), true);
}

Document from_akn(const std::string& xml, DiagnosticCollector& sink) {
  akn::XmlDocPtr doc = akn::parse_secure(xml, "mem.xml");
  return akn::read_akn(doc.get(), sink, "mem.xml");
}

// A document with the awkward parts: a repeated call, an uncalled footnote, a heading
// with nothing under it, items in the preamble, footnotes out of call order, no body.
Document awkward_document() {
  Document d;
  d.metadata.number = "12/3";
  d.metadata.language = "en";
  d.formula = "The Assembly,";
  Paragraph pre;
  pre.content = {emphasis({text("Noting")}), text(" the reports:"), footnote_ref("2")};
  Paragraph item;
  item.num = "(a)";
  item.content = {text("of the first kind;"), footnote_ref("1")};
  pre.items.push_back(item);
  d.preamble.push_back(pre);
  Paragraph op;
  op.content = {text("Decides to act, as said before."), footnote_ref("2")};
  d.operative.push_back(op);
  Paragraph lone;
  lone.kind = Paragraph::Kind::heading;
  lone.num = "II";
  d.operative.push_back(lone);
  d.footnotes = {{"1", {text("First.")}}, {"2", {text("Second.")}}, {"3", {text("Never called.")}}};
  d.metadata.vote = "without a vote";
  return d;
}

} // namespace

TEST_CASE("AKN names and IRIs", "[akn][names]") {
  CHECK(akn::work_iri(std::string("General Assembly"), "2002-12-20", std::string("57/263")) ==
        "/akn/un/statement/deliberation/un-ga/2002-12-20/57-263");
  CHECK(akn::work_iri(std::string("Security Council"), "2025-11-17", std::string("2803 (2025)")) ==
        "/akn/un/statement/deliberation/un-sc/2025-11-17/2803-2025");
  CHECK(akn::actor_for(std::nullopt) == "un");
  CHECK(akn::camel_case("Having considered", "x") == "havingConsidered");
  CHECK(akn::camel_case("¿?", "fallback") == "fallback");
  for (const char* symbol : {"A/57/444", "S/RES/2803 (2025)", "A/RES/ES-10/2", "E/CN.4/2003/L.1"})
    CHECK(akn::symbol_from_href(akn::symbol_href(symbol)) == symbol);
  CHECK(akn::symbol_from_href("/akn/un/debateReport/report/un-ga-c3/DATE/A-74-394") == "A/74/394");
  CHECK(akn::language_to_iso639_2(std::string("en")) == "eng");
  CHECK(akn::language_from_iso639_2("fra") == "fr");
  CHECK_FALSE(akn::language_from_iso639_2("und").has_value());
  CHECK(akn::long_date("2002-12-20", std::string("en")) == "20 December 2002");
}

TEST_CASE("AKN export is deterministic and round trips exactly", "[akn][roundtrip]") {
  for (const Document& original : {test::sample_document(), awkward_document()}) {
    std::string xml = to_akn(original);
    CHECK(to_akn(original) == xml);
    DiagnosticCollector sink;
    Document back = from_akn(xml, sink);
    // Provenance has no place in AKN; everything else comes back.
    Document expected = project(original, {"emphasis", "strong", "footnotes", "references", "annexes",
                                           "items", "headings", "masthead", "distribution"});
    CHECK(dump(back) == dump(expected));
    CHECK(back == expected);
  }
}

TEST_CASE("AKN places parts where the mapping says", "[akn][mapping]") {
  std::string xml = to_akn(awkward_document());
  CHECK(xml.find("<formula name=\"enactingFormula\" eId=\"preamble__formula_1\">") != std::string::npos);
  CHECK(xml.find("<container name=\"noting\" eId=\"preamble__container_1\">") != std::string::npos);
  CHECK(xml.find("<noteRef href=\"#para_1__p_1__authorialNote_1\"") == std::string::npos);
  // Footnote 2 is first called in the preamble; its second call points there.
  CHECK(xml.find("<noteRef href=\"#preamble__container_1__p_1__authorialNote_1\" marker=\"2\"") !=
        std::string::npos);
  // The uncalled footnote sits in meta/notes.
  CHECK(xml.find("<note eId=\"note_3\" marker=\"3\" placement=\"bottom\">") != std::string::npos);
  CHECK(xml.find("<section eId=\"sec_II\">") != std::string::npos);
  CHECK(xml.find("<inline name=\"vote\">without a vote</inline>") != std::string::npos);
  // No clock: the manifestation date is the adoption date (here unknown).
  CHECK(xml.find("<FRBRdate date=\"0001-01-01\" name=\"markup\"/>") != std::string::npos);
}

TEST_CASE("text conservation: the model's words stand in the file, in order", "[akn][conservation]") {
  Document d = test::sample_document();
  akn::XmlDocPtr doc = akn::write_akn(d, {});
  std::vector<std::string> present = akn::content_words(doc.get());
  std::vector<std::string> expected = akn::model_words(d);
  std::size_t k = 0;
  for (const auto& w : present)
    if (k < expected.size() && w == expected[k])
      ++k;
  CHECK(k == expected.size());
  CHECK(expected.size() > 20);
}

TEST_CASE("hostile XML is refused with a reason", "[akn][security]") {
  auto code_of = [](const std::string& xml) {
    try {
      akn::parse_secure(xml, "hostile.xml");
    } catch (const ConversionError& e) {
      return e.code();
    }
    return std::string("accepted");
  };
  std::string bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
      "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><akomaNtoso>&lol2;</akomaNtoso>";
  CHECK(code_of(bomb) == "akn.dtd");
  std::string xxe =
      "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>";
  CHECK(code_of(xxe) == "akn.dtd");
  std::string deep;
  for (int i = 0; i < 100000; ++i)
    deep += "<a>";
  CHECK(code_of(deep) == "akn.too-deep");
  CHECK(code_of("<akomaNtoso><statement>") == "akn.xml");
  try {
    akn::parse_secure("<a>\n<b>\n</a>", "broken.xml");
    FAIL("accepted a broken document");
  } catch (const ConversionError& e) {
    CHECK(e.location().line == 3);
  }
}

TEST_CASE("not Akoma Ntoso: a clear error", "[akn][errors]") {
  DiagnosticCollector sink;
  CHECK_THROWS_WITH(from_akn("<html><body/></html>", sink), Catch::Contains("not an Akoma Ntoso"));
  CHECK_THROWS_AS(from_akn("<akomaNtoso xmlns=\"urn:other\"/>", sink), ConversionError);
}

TEST_CASE("the probe recognises AKN by root and namespace", "[akn][probe]") {
  akn::AknImporter importer;
  Importer& i = importer;
  CHECK(i.probe({"<?xml version=\"1.0\"?>\n<akomaNtoso "
                 "xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0/WD17\">",
                 "x"}) == Probe::yes);
  CHECK(i.probe({"<html>", "x.xml"}) == Probe::no);
  CHECK(i.probe({"The General Assembly,", "x.xml"}) == Probe::no);
}

// Foreign files mix text and elements freely; a note or a paragraph read as a block of
// blocks once kept only its elements' text and lost the words between them.
TEST_CASE("mixed content keeps every word", "[akn][conservation]") {
  const std::string xml = R"(<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <statement name="resolution"><mainBody>
    <paragraph eId="para_1"><num>1.</num><content><p>Decides<authorialNote marker="1" eId="n1">Loose
      words <def>defined</def> here <p>and a paragraph</p> after it</authorialNote> to act.</p></content></paragraph>
  </mainBody></statement></akomaNtoso>)";
  DiagnosticCollector sink;
  Document d = from_akn(xml, sink);
  REQUIRE(d.footnotes.size() == 1);
  std::string note = collapse_space(plain_text(d.footnotes[0].content));
  CHECK(note == "Loose words defined here and a paragraph after it");
  REQUIRE(d.operative.size() == 1);
  CHECK(collapse_space(plain_text(d.operative[0].content)) == "Decides to act.");
}

namespace {

// UTF-8 as UTF-16 (little or big endian), with a byte order mark.
std::string utf16(const std::string& utf8, bool big) {
  std::u32string code_points;
  for (std::size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + static_cast<std::size_t>(k)]) & 0x3F);
    code_points += cp;
    i += static_cast<std::size_t>(extra) + 1;
  }
  std::string out;
  auto unit = [&](char32_t u) {
    char high = static_cast<char>((u >> 8) & 0xFF), low = static_cast<char>(u & 0xFF);
    out += big ? high : low;
    out += big ? low : high;
  };
  unit(0xFEFF);
  for (char32_t cp : code_points)
    if (cp < 0x10000) {
      unit(cp);
    } else {
      unit(0xD800 + ((cp - 0x10000) >> 10));
      unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
    }
  return out;
}

std::string code_of(const std::string& xml, std::int64_t max_attributes = 256) {
  try {
    akn::parse_secure(xml, "hostile.xml", akn::xml_max_depth, max_attributes);
  } catch (const ConversionError& e) {
    return e.code();
  }
  return "accepted";
}

std::string with_attributes(int n, const std::string& inside = "") {
  std::string many;
  for (int i = 0; i < n; ++i)
    many += " a" + std::to_string(i) + "=\"v\"";
  return "<?xml version=\"1.0\"?>\n<akomaNtoso>\n<statement" + many + ">" + inside +
         "</statement></akomaNtoso>";
}

} // namespace

// F12: libxml2 2.9.14 checks each attribute against the earlier ones (100,000: 107 s).
TEST_CASE("attributes are counted before libxml2, linearly, in any encoding it reads",
          "[akn][security][hostile]") {
  CHECK(code_of(with_attributes(256)) == "accepted");
  CHECK(code_of(with_attributes(257)) == "akn.too-many-attributes");
  CHECK(code_of(with_attributes(257), 300) == "accepted");
  CHECK(code_of(with_attributes(1), 0) == "akn.option");
  CHECK(code_of(with_attributes(1), 10001) == "akn.option");
  try {
    akn::parse_secure(with_attributes(100000), "many.xml");
    FAIL("accepted 100,000 attributes");
  } catch (const ConversionError& e) {
    CHECK(e.code() == "akn.too-many-attributes");
    CHECK(std::string(e.what()) == "a start tag has more than 256 attributes (option max-attributes: 256)");
    CHECK(e.location().line == 3);
  }
  // Namespace declarations are attributes too; whitespace and single quotes around values.
  std::string ns;
  for (int i = 0; i < 300; ++i)
    ns += "\n xmlns:n" + std::to_string(i) + " =\n '" + "urn:x'";
  CHECK(code_of("<akomaNtoso" + ns + "/>") == "akn.too-many-attributes");
  // Text with many '=' is no attribute: a line of them, equations.
  std::string equations;
  for (int i = 0; i < 1000; ++i)
    equations += " x = y ====";
  CHECK(code_of(with_attributes(3, "<p>" + equations + "</p>")) == "accepted");
  // A malformed tag cannot hide its attributes from the count (a '<' in a value, odd quotes).
  CHECK(code_of("<a b=\"x<y\"" + with_attributes(300).substr(50)) == "akn.too-many-attributes");
  // UTF-16 of both byte orders (and UTF-32) are counted as libxml2 decodes them.
  CHECK(code_of(utf16(with_attributes(257), false)) == "akn.too-many-attributes");
  CHECK(code_of(utf16(with_attributes(257), true)) == "akn.too-many-attributes");
  CHECK(code_of(utf16(with_attributes(256), true)) == "accepted");
  std::string utf32;
  for (char c : with_attributes(257).substr(22)) // without the declaration: UCS-4 by its "<"
    utf32 += std::string(1, c) + std::string(3, '\0');
  CHECK(code_of(utf32) == "akn.too-many-attributes");
  // A DOCTYPE is refused before parsing, also in UTF-16; encodings where ASCII bytes may
  // stand for other characters are refused (no byte count is sound in them).
  CHECK(code_of(utf16("<?xml version=\"1.0\"?><!-- x --><!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>",
                      false)) == "akn.dtd");
  CHECK(code_of("<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?><a/>") == "akn.xml");
  CHECK(code_of("<?xml version='1.0' encoding='utf-7'?><a/>") == "akn.xml");
  CHECK(code_of("<?xml version='1.0' encoding='ISO-8859-1'?><a b='\xe9'/>") == "accepted");
}

// F28 (the importer's half): UTF-16 Akoma Ntoso reads as its UTF-8, and the probe knows it.
TEST_CASE("UTF-16 Akoma Ntoso reads as the same document as UTF-8", "[akn][encoding]") {
  Document d = test::sample_document();
  const std::string xml = to_akn(d);
  auto import = [](const std::string& bytes, DiagnosticCollector& sink) {
    akn::AknImporter importer;
    return static_cast<Importer&>(importer).run(InputSource::from_memory("in.xml", bytes), Options{}, sink);
  };
  DiagnosticCollector utf8_sink;
  auto from_utf8 = import(xml, utf8_sink);
  REQUIRE(from_utf8);
  for (bool big : {false, true}) {
    INFO(big);
    std::string wide = utf16(xml, big);
    DiagnosticCollector sink;
    auto from_wide = import(wide, sink);
    REQUIRE(from_wide);
    CHECK(dump(*from_wide) == dump(*from_utf8));
    akn::AknImporter importer;
    CHECK(static_cast<Importer&>(importer).probe({wide, "in.xml"}) == Probe::yes);
  }
}
