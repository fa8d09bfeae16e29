// The docx plugin on packages written by the tests: round trip, numbering, footnotes,
// hostile zips and XML.
#include "test_support.hpp"
#include "zip_patch.hpp"

#include <docx_format.hpp>

#include <resconv/sdk/model/dump.hpp>
#include <resconv/sdk/model/json.hpp>
#include <resconv/sdk/model/project.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <string_view>

using namespace resconv;
using namespace resconv::model;

namespace {

std::string export_docx(const Document& d) {
  docx::DocxExporter exporter;
  OutputSink out = OutputSink::to_memory("out.docx");
  DiagnosticCollector sink;
  REQUIRE(static_cast<Exporter&>(exporter).run(d, out, Options{}, sink));
  return out.memory();
}

std::optional<Document> import_docx(const std::string& bytes, DiagnosticCollector& sink) {
  docx::DocxImporter importer;
  return static_cast<Importer&>(importer).run(InputSource::from_memory("in.docx", bytes), Options{}, sink);
}

Document example_model() {
  return from_json(
      test::read_file(std::filesystem::path(RESCONV_SOURCE_DIR) / "tests/golden/A_RES_99_101.json"));
}

const std::string w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

std::string package(const std::string& body, const std::string& numbering = "",
                    const std::string& notes = "") {
  std::vector<std::pair<std::string, std::string>> parts = {
      {"word/document.xml",
       "<?xml version=\"1.0\"?><w:document " + w + "><w:body>" + body + "</w:body></w:document>"}};
  if (!numbering.empty())
    parts.emplace_back("word/numbering.xml",
                       "<?xml version=\"1.0\"?><w:numbering " + w + ">" + numbering + "</w:numbering>");
  if (!notes.empty())
    parts.emplace_back("word/footnotes.xml",
                       "<?xml version=\"1.0\"?><w:footnotes " + w + ">" + notes + "</w:footnotes>");
  return docx::write_zip(parts);
}

std::string para(const std::string& runs, const std::string& props = "") {
  return "<w:p>" + (props.empty() ? std::string() : "<w:pPr>" + props + "</w:pPr>") + runs + "</w:p>";
}
std::string run(const std::string& text, const std::string& props = "") {
  return "<w:r>" + (props.empty() ? std::string() : "<w:rPr>" + props + "</w:rPr>") +
         "<w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}

// The message of the first diagnostic with this code ("" when there is none).
std::string message_of(const DiagnosticCollector& sink, std::string_view code) {
  for (const auto& d : sink.diagnostics())
    if (d.code == code)
      return d.message;
  return {};
}

std::size_t count_of(const DiagnosticCollector& sink, std::string_view code) {
  std::size_t n = 0;
  for (const auto& d : sink.diagnostics())
    n += d.code == code ? 1 : 0;
  return n;
}

// A one-level list (start, format, level text) and `n` paragraphs of it at level `ilvl`.
std::string list_package(const std::string& start, const std::string& format, const std::string& ilvl, int n,
                         const std::string& level_text = "%1.") {
  std::string numbering =
      "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"" + start +
      "\"/><w:numFmt w:val=\"" + format + "\"/><w:lvlText w:val=\"" + level_text +
      "\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";
  std::string body = para(run("The General Assembly,"));
  for (int i = 0; i < n; ++i)
    body +=
        para(run("Decides;"), "<w:numPr><w:ilvl w:val=\"" + ilvl + "\"/><w:numId w:val=\"1\"/></w:numPr>");
  return package(body, numbering);
}

std::vector<std::string> numbers(const Document& d) {
  std::vector<std::string> out;
  for (const auto& p : d.operative)
    out.push_back(p.num.value_or(""));
  return out;
}

} // namespace

TEST_CASE("DOCX export reads back to the same model, byte-identically twice", "[docx][roundtrip]") {
  Document original = example_model();
  std::string bytes = export_docx(original);
  CHECK(export_docx(original) == bytes);
  DiagnosticCollector sink;
  auto back = import_docx(bytes, sink);
  REQUIRE(back);
  std::vector<std::string> kept = {"emphasis", "strong", "footnotes", "annexes", "items", "headings"};
  CHECK(dump(project(*back, kept)) == dump(project(original, kept)));
  auto parts = docx::read_zip(bytes, {"docProps/core.xml", "word/styles.xml"});
  CHECK(parts.at("docProps/core.xml").find("<dc:subject>A/RES/99/101</dc:subject>") != std::string::npos);
  CHECK(parts.at("word/styles.xml").find("UNFormula") != std::string::npos);
}

TEST_CASE("Word list numbering comes out as printed, runs split by revisions merge", "[docx][numbering]") {
  std::string numbering = "<w:abstractNum w:abstractNumId=\"7\">"
                          "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText "
                          "w:val=\"%1.\"/></w:lvl>"
                          "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt "
                          "w:val=\"lowerLetter\"/><w:lvlText w:val=\"(%2)\"/></w:lvl>"
                          "</w:abstractNum><w:num w:numId=\"3\"><w:abstractNumId w:val=\"7\"/></w:num>";
  auto numbered = [](int level) {
    return "<w:numPr><w:ilvl w:val=\"" + std::to_string(level) + "\"/><w:numId w:val=\"3\"/></w:numPr>";
  };
  std::string body = para(run("The General Assembly,")) +
                     para(run("Decides", "<w:i/>") + run(" to act in 201") + run("8;"), numbered(0)) +
                     para(run("Requests:"), numbered(0)) + para(run("a report;"), numbered(1)) +
                     para(run("a plan."), numbered(1)) + para(run("Closes the session."), numbered(0));
  DiagnosticCollector sink;
  auto d = import_docx(package(body, numbering), sink);
  REQUIRE(d);
  REQUIRE(d->operative.size() == 3);
  CHECK(d->operative[0].num == "1");
  CHECK(plain_text(d->operative[0].content) == "Decides to act in 2018;");
  CHECK(d->operative[0].content.front() == Inline{Emphasis{{Text{"Decides"}}}});
  CHECK(d->operative[1].num == "2");
  REQUIRE(d->operative[1].items.size() == 2);
  CHECK(d->operative[1].items[1].num == "(b)");
  CHECK(d->operative[2].num == "3");
}

TEST_CASE("real Word footnotes: ids need not be sequential, separators are skipped", "[docx][footnotes]") {
  std::string body = para(run("The General Assembly,")) +
                     para(run("1. Recalls the report") + "<w:r><w:footnoteReference w:id=\"12\"/></w:r>" +
                          run(" and the note") + "<w:r><w:footnoteReference w:id=\"5\"/></w:r>" + run("."));
  std::string notes =
      "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
      "<w:footnote w:id=\"5\"><w:p>" +
      run(" A/2/2.") +
      "</w:p></w:footnote>"
      "<w:footnote w:id=\"12\"><w:p><w:r><w:footnoteRef/></w:r>" +
      run(" A/1/1.") + "</w:p></w:footnote>";
  DiagnosticCollector sink;
  auto d = import_docx(package(body, "", notes), sink);
  REQUIRE(d);
  REQUIRE(d->footnotes.size() == 2);
  CHECK(d->footnotes[0].marker == "1");
  CHECK(plain_text(d->footnotes[0].content) == "A/1/1.");
  CHECK(d->footnotes[1].marker == "2");
  CHECK(plain_text(d->footnotes[1].content) == "A/2/2.");
  CHECK(d->operative[0].content[1] == Inline{FootnoteRef{"1"}});
}

TEST_CASE("hostile and broken packages fail with a reason", "[docx][errors]") {
  DiagnosticCollector not_zip;
  CHECK_FALSE(import_docx("PK not really a zip", not_zip));
  CHECK(not_zip.has_code("docx.zip"));

  DiagnosticCollector no_document;
  CHECK_FALSE(import_docx(docx::write_zip({{"hello.txt", "hi"}}), no_document));
  CHECK(no_document.has_code("docx.not-docx"));

  DiagnosticCollector dtd;
  std::string evil =
      "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><w:document " + w +
      "><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>";
  CHECK_FALSE(import_docx(docx::write_zip({{"word/document.xml", evil}}), dtd));
  CHECK(dtd.has_code("docx.dtd"));

  // A small entry that expands a thousand times.
  DiagnosticCollector bomb;
  std::string zeros(4u << 20, '\0');
  CHECK_FALSE(import_docx(docx::write_zip({{"word/document.xml", zeros}}), bomb));
  CHECK(bomb.has_code("docx.zip-bomb"));
  CHECK_THROWS_AS(
      docx::read_zip(package(para(run("x"))), {"word/document.xml"}, docx::ZipLimits{10, 10, 100, 200}),
      ConversionError);
}

TEST_CASE("the package limits are options", "[docx][limits]") {
  auto descriptor = testing::load_descriptor(std::string(RESCONV_SOURCE_DIR) + "/formats/docx/format.json");
  auto import_with = [&](const std::string& bytes, std::vector<std::pair<std::string, std::string>> given,
                         DiagnosticCollector& sink) {
    docx::DocxImporter importer;
    Options options = testing::options_for(descriptor, testing::Side::import, given);
    return static_cast<Importer&>(importer).run(InputSource::from_memory("in.docx", bytes), options, sink);
  };
  // A 2 MiB document part (a comment of random letters between paragraphs, which
  // compresses less than 2 to 1): within the defaults.
  std::mt19937 generator(7);
  std::string filler(std::size_t{2} << 20, 'a');
  for (char& c : filler)
    c = static_cast<char>('a' + generator() % 26);
  std::string body = para(run("The General Assembly,")) + "<!--" + filler + "-->" +
                     para(run("1. Decides to remain seized of the matter."));
  std::string bytes = package(body);
  DiagnosticCollector ok;
  CHECK(import_with(bytes, {}, ok));

  DiagnosticCollector part;
  CHECK_FALSE(import_with(bytes, {{"max-part-size", "1"}}, part));
  CHECK(part.has_code("docx.zip-bomb"));
  DiagnosticCollector total;
  CHECK_FALSE(import_with(bytes, {{"max-total-size", "1"}}, total));
  CHECK(total.has_code("docx.zip-bomb"));
  DiagnosticCollector ratio;
  CHECK_FALSE(import_with(bytes, {{"max-ratio", "1"}}, ratio));
  CHECK(ratio.has_code("docx.zip-bomb"));
  DiagnosticCollector depth; // w:document > w:body > w:p > w:r > w:t
  CHECK_FALSE(import_with(bytes, {{"max-depth", "4"}}, depth));
  CHECK(depth.has_code("docx.too-deep"));
  DiagnosticCollector depth_ok;
  CHECK(import_with(bytes, {{"max-depth", "5"}}, depth_ok));
  // The descriptor bounds the limits: Options refuses a value outside them before an import.
  CHECK_THROWS_WITH(testing::options_for(descriptor, testing::Side::import, {{"max-depth", "0"}}),
                    "option 'max-depth': 0 is out of range (1 to 256)");
}

TEST_CASE("entry names that leave the package are refused", "[docx][errors]") {
  for (const char* name : {"../evil", "word/../../evil", "..\\evil", "/abs", "C:/evil", ".."}) {
    INFO(name);
    DiagnosticCollector sink;
    CHECK_FALSE(import_docx(docx::write_zip({{"word/document.xml", "<x/>"}, {name, "x"}}), sink));
    CHECK(sink.has_code("docx.unsafe-entry"));
  }
  // Dots inside names are fine.
  DiagnosticCollector fine;
  CHECK(import_docx(
      docx::write_zip({{"word/document.xml", "<?xml version=\"1.0\"?><w:document " + w + "><w:body>" +
                                                 para(run("Text.")) + "</w:body></w:document>"},
                       {"word/..hidden", "x"},
                       {"a..b/c", "x"}}),
      fine));
  CHECK_FALSE(fine.has_code("docx.unsafe-entry"));
}

TEST_CASE("list numbers are bounded: no overflow, no huge level, no huge Roman numeral",
          "[docx][numbering][hostile]") {
  // F16: the largest 32-bit start counts on in 64 bits (it wrapped to -2147483648, UB).
  {
    DiagnosticCollector sink;
    auto d = import_docx(list_package("2147483647", "decimal", "0", 3), sink);
    REQUIRE(d);
    CHECK(numbers(*d) == std::vector<std::string>{"2147483647", "2147483648", "2147483649"});
    CHECK_FALSE(sink.has_code("docx.numbering"));
  }
  // Starts atoi could not read (beyond 64 bits, negative) saturate, with a warning.
  {
    DiagnosticCollector sink;
    auto d = import_docx(list_package("99999999999999999999", "decimal", "0", 2), sink);
    REQUIRE(d);
    CHECK(numbers(*d) == std::vector<std::string>{"2147483647", "2147483648"});
    CHECK(message_of(sink, "docx.numbering") ==
          "a list start outside 0-2147483647 (once) was read as the nearest bound");
  }
  {
    DiagnosticCollector sink;
    auto d = import_docx(list_package("-3", "lowerLetter", "0", 2), sink);
    REQUIRE(d);
    CHECK(numbers(*d) == std::vector<std::string>{"0", "a"}); // no letter for 0
    CHECK(sink.has_code("docx.numbering"));
  }
  // F13: levels beyond Word's nine (and negative, and beyond 32 bits) are read as 8 and 0,
  // at once; one warning for the document.
  for (const char* level : {"2000000000", "2147483647", "99999999999999999999", "9"}) {
    INFO(level);
    DiagnosticCollector sink;
    auto d = import_docx(list_package("1", "decimal", level, 50), sink);
    REQUIRE(d);
    CHECK(numbers(*d).size() == 50);
    // Level 8 has no definition here: the default text "%1." shows the level-0 number.
    CHECK(numbers(*d)[49] == "1");
    CHECK(count_of(sink, "docx.numbering") == 1);
    CHECK(message_of(sink, "docx.numbering").find("a list level outside Word's 0-8") == 0);
  }
  {
    DiagnosticCollector sink;
    auto d = import_docx(list_package("1", "decimal", "-7", 2), sink);
    REQUIRE(d);
    CHECK(numbers(*d) == std::vector<std::string>{"1", "2"});
    CHECK(message_of(sink, "docx.numbering") ==
          "a list level outside Word's 0-8 (-7, 2 times) was read as the nearest level");
  }
  // A definition for a level beyond 8 is ignored: it never replaces level 8's own.
  {
    std::string numbering =
        "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"8\"><w:start w:val=\"1\"/><w:numFmt "
        "w:val=\"lowerRoman\"/><w:lvlText w:val=\"%9)\"/></w:lvl><w:lvl w:ilvl=\"4000000000\"><w:start "
        "w:val=\"7\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>"
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";
    std::string body = para(run("The General Assembly,")) + para(run("1. Decides:"));
    for (const char* level : {"8", "4000000000"})
      body += para(run("of a kind;"),
                   std::string("<w:numPr><w:ilvl w:val=\"") + level + "\"/><w:numId w:val=\"1\"/></w:numPr>");
    DiagnosticCollector sink;
    auto d = import_docx(package(body, numbering), sink);
    REQUIRE(d);
    REQUIRE(d->operative.size() == 1);
    REQUIRE(d->operative[0].items.size() == 2);
    CHECK(d->operative[0].items[0].num == "(i)");
    CHECK(d->operative[0].items[1].num == "(ii)");
    CHECK(message_of(sink, "docx.numbering") ==
          "a list level outside Word's 0-8 (4000000000, 2 times) was read as the nearest level");
  }
  // F14: Roman up to 3999, decimal above (2e9 was 2 million "m" a number).
  {
    DiagnosticCollector sink;
    auto d = import_docx(list_package("3998", "upperRoman", "0", 3), sink);
    REQUIRE(d);
    CHECK(numbers(*d) == std::vector<std::string>{"MMMCMXCVIII", "MMMCMXCIX", "4000"});
    CHECK(message_of(sink, "docx.numbering") ==
          "Roman list numbers above 3999 (4000, once) are written in decimal");
  }
  {
    DiagnosticCollector sink;
    auto d = import_docx(list_package("2000000000", "lowerRoman", "0", 200), sink);
    REQUIRE(d);
    CHECK(numbers(*d).front() == "2000000000");
    CHECK(numbers(*d).back() == "2000000199");
  }
  // A level text longer than any Word writes is not copied into every number.
  {
    DiagnosticCollector sink;
    auto d = import_docx(list_package("1", "decimal", "0", 2, std::string(300, 'x') + "%1."), sink);
    REQUIRE(d);
    CHECK(numbers(*d) == std::vector<std::string>{"1", "2"});
    CHECK(message_of(sink, "docx.numbering") ==
          "a list level text longer than 255 bytes (once) was replaced by the level's plain number");
  }
}

TEST_CASE("encrypted, LZMA and duplicate entries each say what is wrong", "[docx][errors][hostile]") {
  const std::string good = package(para(run("The General Assembly,")) + para(run("1. Decides.")));
  // F30: an entry with the encryption flag.
  {
    DiagnosticCollector sink;
    CHECK_FALSE(
        import_docx(test::patch_zip_entry(good, "word/document.xml", test::zip_flags,
                                          [](std::uint16_t v) { return static_cast<std::uint16_t>(v | 1); }),
                    sink));
    CHECK(message_of(sink, "docx.encrypted") == "the entry word/document.xml is encrypted (a "
                                                "password-protected zip; libzip: No password provided): save "
                                                "the document without a password");
  }
  // F30: an entry compressed with LZMA (method 14), which Debian's libzip cannot read.
  {
    DiagnosticCollector sink;
    CHECK_FALSE(import_docx(test::patch_zip_entry(good, "word/document.xml", test::zip_method,
                                                  [](std::uint16_t) { return std::uint16_t{14}; }),
                            sink));
    CHECK(message_of(sink, "docx.zip") ==
          "the entry word/document.xml is compressed with a method resconv cannot read (method 14 (LZMA); "
          "libzip: "
          "Compression method not supported): Word writes deflate, save the document again from Word");
  }
  // F35: two entries named word/document.xml (libzip said "File already exists").
  {
    DiagnosticCollector sink;
    std::string two = docx::write_zip({{"word/document.xml", "<a/>"}, {"word/documenX.xml", "<b/>"}});
    CHECK_FALSE(import_docx(test::rename_in_zip(two, "word/documenX.xml", "word/document.xml"), sink));
    CHECK(message_of(sink, "docx.zip") ==
          "two entries of the package share the name 'word/document.xml': refused, "
          "since readers differ on which one counts");
  }
}

TEST_CASE("attributes are counted before libxml2 parses a part", "[docx][limits][hostile]") {
  auto descriptor = testing::load_descriptor(std::string(RESCONV_SOURCE_DIR) + "/formats/docx/format.json");
  auto import_with = [&](const std::string& bytes, std::vector<std::pair<std::string, std::string>> given,
                         DiagnosticCollector& sink) {
    docx::DocxImporter importer;
    Options options = testing::options_for(descriptor, testing::Side::import, given);
    return static_cast<Importer&>(importer).run(InputSource::from_memory("in.docx", bytes), options, sink);
  };
  auto with_attributes = [&](int n) {
    std::string many;
    for (int i = 0; i < n; ++i)
      many += " w:a" + std::to_string(i) + "=\"v\"";
    return package(para(run("The General Assembly,")) + "<w:p" + many + ">" + run("1. Decides.") + "</w:p>");
  };
  DiagnosticCollector at_limit;
  CHECK(import_with(with_attributes(256), {}, at_limit));
  DiagnosticCollector above;
  CHECK_FALSE(import_with(with_attributes(257), {}, above));
  CHECK(message_of(above, "docx.too-many-attributes") ==
        "word/document.xml: a start tag at line 1 has more than 256 attributes (option max-attributes: 256)");
  DiagnosticCollector raised;
  CHECK(import_with(with_attributes(257), {{"max-attributes", "300"}}, raised));
  CHECK_THROWS_WITH(testing::options_for(descriptor, testing::Side::import, {{"max-attributes", "10001"}}),
                    "option 'max-attributes': 10001 is out of range (1 to 10000)");
  // F12: 100,000 attributes took libxml2 107 s; refused at once.
  DiagnosticCollector huge;
  CHECK_FALSE(import_with(with_attributes(100000), {}, huge));
  CHECK(huge.has_code("docx.too-many-attributes"));
  // Also in numbering.xml, and namespace declarations count.
  std::string ns;
  for (int i = 0; i < 300; ++i)
    ns += " xmlns:n" + std::to_string(i) + "=\"urn:x\"";
  DiagnosticCollector numbering;
  CHECK_FALSE(import_docx(
      docx::write_zip({{"word/document.xml", "<?xml version=\"1.0\"?><w:document " + w + "><w:body>" +
                                                 para(run("Text.")) + "</w:body></w:document>"},
                       {"word/numbering.xml", "<w:numbering " + w + ns + "/>"}}),
      numbering));
  CHECK(message_of(numbering, "docx.too-many-attributes").find("word/numbering.xml: ") == 0);
}
