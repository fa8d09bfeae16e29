#include "test_support.hpp"

#include <format_detector.hpp>

#include <catch2/catch.hpp>

using namespace resconv;
using namespace resconv::host;

namespace {
std::string example() {
  return test::read_file(std::filesystem::path(RESCONV_SOURCE_DIR) / "examples" / "A_RES_99_101.txt");
}
} // namespace

TEST_CASE("a renamed file is detected by its content", "[detect]") {
  DiagnosticCollector sink;
  PluginRegistry r = PluginRegistry::discover({RESCONV_GOOD_PLUGIN_DIR}, sink);
  Detection text = detect_format(r, {example(), "resolution.json"}, sink);
  REQUIRE(text.format != nullptr);
  CHECK(text.format->descriptor.id == "text");
  Detection json = detect_format(r, {"{\n  \"resconv\": 1,\n", "resolution.txt"}, sink);
  REQUIRE(json.format != nullptr);
  CHECK(json.format->descriptor.id == "json");
  CHECK_FALSE(sink.has_errors());
}

TEST_CASE("an unknown content falls back to the extension only when one format fits", "[detect]") {
  DiagnosticCollector sink;
  PluginRegistry r = PluginRegistry::discover({RESCONV_GOOD_PLUGIN_DIR}, sink);
  Detection by_ext = detect_format(r, {"A line of prose.", "notes.txt"}, sink);
  REQUIRE(by_ext.format != nullptr);
  CHECK(by_ext.format->descriptor.id == "text");
  Detection none = detect_format(r, {"A line of prose.", "notes.bin"}, sink);
  CHECK(none.format == nullptr);
  CHECK(sink.has_code("detect.unknown-format"));
}

TEST_CASE("two yes answers are an error, whatever the load order", "[detect]") {
  for (bool greedy_first : {true, false}) {
    DiagnosticCollector sink;
    std::vector<std::filesystem::path> dirs = {RESCONV_GOOD_PLUGIN_DIR, RESCONV_GREEDY_PLUGIN_DIR};
    if (greedy_first)
      std::swap(dirs[0], dirs[1]);
    PluginRegistry r = PluginRegistry::discover(dirs, sink);
    // No extension: no candidate, so every format recognised by content is probed, both in
    // the same round.
    Detection d = detect_format(r, {example(), "resolution"}, sink);
    CHECK(d.format == nullptr);
    REQUIRE(sink.has_code("detect.ambiguous"));
    CHECK(sink.diagnostics().back().message.find("greedy, text") != std::string::npos);
  }
}

namespace {
std::string answer_of(const Detection& d, const std::string& id) {
  for (const auto& a : d.answers)
    if (a.id == id)
      return a.answer;
  return "absent";
}
} // namespace

TEST_CASE("F23: candidates by magic or extension are probed first; the others only without a yes",
          "[detect]") {
  DiagnosticCollector sink;
  PluginRegistry r = PluginRegistry::discover({RESCONV_GOOD_PLUGIN_DIR, RESCONV_GREEDY_PLUGIN_DIR}, sink);
  // .txt: the text format is the candidate and says yes; greedy (extension .greedy, no
  // magic) is never loaded, nor are the other formats.
  Detection d = detect_format(r, {example(), "a.txt"}, sink);
  REQUIRE(d.format != nullptr);
  CHECK(d.format->descriptor.id == "text");
  CHECK(answer_of(d, "greedy") == "not-probed");
  CHECK(answer_of(d, "json") == "not-probed");
  CHECK(answer_of(d, "pdf") == "no"); // its magic does not match: out without loading
  // A renamed file: the candidate (text) says no, so the formats known by content are asked.
  Detection renamed = detect_format(r, {"{\"resconv\": 1}", "a.txt"}, sink);
  CHECK(answer_of(renamed, "text") == "no");
  CHECK(renamed.format == nullptr); // json and greedy both say yes
  CHECK(sink.has_code("detect.ambiguous"));
}

TEST_CASE("F26: magic may declare a window; a PDF after junk is a PDF", "[detect]") {
  auto parse = [](const std::string& magic) {
    return FormatDescriptor::parse(R"({"id": "x", "capabilities": {}, "magic": [)" + magic + "]}", "x");
  };
  // An old descriptor: exactly at the offset.
  FormatDescriptor fixed = parse(R"({"offset": 2, "bytes": "AB"})");
  CHECK(fixed.magic.front().within == 0);
  CHECK(fixed.magic.front().matches("..AB"));
  CHECK_FALSE(fixed.magic.front().matches("...AB"));
  CHECK(fixed.to_json().find("within") == std::string::npos);
  FormatDescriptor window = parse(R"({"offset": 2, "bytes": "AB", "within": 3})");
  CHECK(window.magic.front().matches("..AB"));
  CHECK(window.magic.front().matches(".....AB"));
  CHECK_FALSE(window.magic.front().matches("......AB"));
  CHECK_FALSE(window.magic.front().matches(".AB"));
  CHECK_FALSE(window.magic.front().matches("....A"));
  CHECK(FormatDescriptor::parse(window.to_json(), "again") == window);
  CHECK_THROWS_AS(parse(R"({"bytes": "AB", "within": 100000})"), DescriptorError);

  DiagnosticCollector sink;
  PluginRegistry r = PluginRegistry::discover({RESCONV_GOOD_PLUGIN_DIR}, sink);
  const std::string pdf = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
  for (std::size_t junk : {std::size_t{0}, std::size_t{1}, std::size_t{900}, std::size_t{1000}}) {
    INFO(junk);
    Detection d = detect_format(r, {std::string(junk, '\0') + pdf, "upload.bin"}, sink);
    REQUIRE(d.format != nullptr);
    CHECK(d.format->descriptor.id == "pdf");
  }
  Detection far = detect_format(r, {std::string(2000, '\0') + pdf, "upload.bin"}, sink);
  CHECK(far.format == nullptr);
}

TEST_CASE("F27/F28: unrecognised content goes to the one importer its extension names", "[detect]") {
  DiagnosticCollector sink;
  PluginRegistry r = PluginRegistry::discover({RESCONV_GOOD_PLUGIN_DIR}, sink);
  const std::string nul = std::string("The General Assembly,\n\0\0\0 1. Decides.\n", 34);
  Detection txt = detect_format(r, {nul, "notes.txt"}, sink);
  REQUIRE(txt.format != nullptr);
  CHECK(txt.format->descriptor.id == "text");
  CHECK(answer_of(txt, "text") == "no");
  CHECK(txt.reason.find("file extension") != std::string::npos);
  // A magic that does not match vetoes the probe, not the extension's importer.
  Detection pdf = detect_format(r, {"not a PDF at all", "scan.pdf"}, sink);
  REQUIRE(pdf.format != nullptr);
  CHECK(pdf.format->descriptor.id == "pdf");
  CHECK_FALSE(sink.has_errors());
  // No extension that names a format: unknown.
  Detection bin = detect_format(r, {nul, "notes.bin"}, sink);
  CHECK(bin.format == nullptr);
  CHECK(sink.has_code("detect.unknown-format"));
}

TEST_CASE("F28: UTF-16 and UTF-32 heads are decoded before probing", "[detect]") {
  CHECK(decode_wide_head(test::widen("<a>", 2, true, true), "UTF-16LE") == "<a>");
  CHECK(decode_wide_head(test::widen("<a>", 2, false, false), "UTF-16BE") == "<a>");
  CHECK(decode_wide_head(std::string("\xFF\xFE\x3D\xD8\x00\xDE", 6), "UTF-16LE") == "\xF0\x9F\x98\x80");
  CHECK(decode_wide_head(std::string("\xFF\xFE\x3D\xD8x", 5), "UTF-16LE") == "\xEF\xBF\xBD"); // cut pair
  CHECK(decode_wide_head(std::string("\0\0\xFE\xFF\0\0\0A\0\0", 10), "UTF-32BE") == "A");

  DiagnosticCollector sink;
  PluginRegistry r = PluginRegistry::discover({RESCONV_GOOD_PLUGIN_DIR}, sink);
  const std::string akn =
      "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<akomaNtoso "
      "xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><statement/></akomaNtoso>";
  const std::string json = "{\"resconv\": 1, \"metadata\": {}}";
  for (bool little : {true, false})
    for (bool bom : {true, false}) {
      INFO("little " << little << " bom " << bom);
      Detection a = detect_format(r, {test::widen(akn, 2, little, bom), "upload"}, sink);
      REQUIRE(a.format != nullptr);
      CHECK(a.format->descriptor.id == "akn");
      Detection j = detect_format(r, {test::widen(json, 2, little, bom), "upload"}, sink);
      REQUIRE(j.format != nullptr);
      CHECK(j.format->descriptor.id == "json");
    }
  // UTF-16 prose stays text's (its importer gives text.encoding).
  Detection t = detect_format(
      r, {test::widen("The General Assembly,\n\n1. Decides.\n", 2, true, true), "upload"}, sink);
  REQUIRE(t.format != nullptr);
  CHECK(t.format->descriptor.id == "text");
  CHECK_FALSE(sink.has_errors());
}
