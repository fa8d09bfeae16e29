#include "test_support.hpp"

#include <converter.hpp>
#include <exit_codes.hpp>

#include <resconv/sdk/model/json.hpp>

#include <catch2/catch.hpp>

using namespace resconv;
using namespace resconv::host;

namespace {
const std::string example = std::string(RESCONV_SOURCE_DIR) + "/examples/A_RES_99_101.txt";

PluginRegistry good(DiagnosticCollector& sink) {
  return PluginRegistry::discover({RESCONV_GOOD_PLUGIN_DIR}, sink);
}
} // namespace

TEST_CASE("convert writes the output file named by -O and the target's extension", "[convert]") {
  test::TempDir dir;
  DiagnosticCollector sink;
  PluginRegistry r = good(sink);
  ConversionRequest req;
  req.input = example;
  req.output_dir = dir.path().string();
  req.to = {"json"};
  req.options = {"indent=-1"};
  CHECK(convert(r, req, sink) == exit_ok);
  auto written = dir / "A_RES_99_101.json";
  REQUIRE(std::filesystem::exists(written));
  std::string text = test::read_file(written);
  CHECK(model::from_json(text).metadata.symbol == "A/RES/99/101");
  CHECK(std::count(text.begin(), text.end(), '\n') == 1);
}

TEST_CASE("a failed conversion leaves no output and no temporary file", "[convert]") {
  test::TempDir dir;
  test::write_file(dir / "broken.json", "{\"resconv\": 1, \"operative\": 7}");
  DiagnosticCollector sink;
  PluginRegistry r = good(sink);
  ConversionRequest req;
  req.input = (dir / "broken.json").string();
  req.output = (dir / "out.txt").string();
  CHECK(convert(r, req, sink) == exit_input);
  CHECK(sink.has_code("json.invalid"));
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), {}) == 1);
}

TEST_CASE("options are checked against both formats", "[convert][options]") {
  DiagnosticCollector sink;
  PluginRegistry r = good(sink);
  const FormatDescriptor& text = r.find("text")->descriptor;
  const FormatDescriptor& json = r.find("json")->descriptor;
  auto [in, out] = resolve_options({"language=en", "json.indent=4"}, &text, &json);
  CHECK(in.get_string("language") == "en");
  CHECK(out.get_int("indent") == 4);
  CHECK_THROWS_WITH(resolve_options({"colour=red"}, &text, &json), Catch::Contains("text.language"));
  CHECK_THROWS_WITH(resolve_options({"indent=wide"}, &text, &json), Catch::Contains("not an integer"));
  CHECK_THROWS_WITH(resolve_options({"indent"}, &text, &json), Catch::Contains("name=value"));
}

TEST_CASE("the input is never overwritten", "[convert]") {
  test::TempDir dir;
  auto copy = dir / "res.txt";
  test::write_file(copy, test::read_file(example));
  DiagnosticCollector sink;
  PluginRegistry r = good(sink);
  ConversionRequest req;
  req.input = copy.string();
  req.output = copy.string();
  req.to = {"text"};
  CHECK(convert(r, req, sink) == exit_usage);
  CHECK(sink.has_code("convert.overwrite-input"));
  CHECK(test::read_file(copy) == test::read_file(example));
}
