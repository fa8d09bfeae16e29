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
    Detection d = detect_format(r, {example(), "a.txt"}, sink);
    CHECK(d.format == nullptr);
    REQUIRE(sink.has_code("detect.ambiguous"));
    CHECK(sink.diagnostics().back().message.find("greedy, text") != std::string::npos);
  }
}
