#include <plugin_registry.hpp>

#include <catch2/catch.hpp>

using namespace resconv;
using namespace resconv::host;

namespace {
PluginRegistry registry_with(std::vector<std::filesystem::path> dirs, DiagnosticCollector& sink) {
  return PluginRegistry::discover(dirs, sink);
}
} // namespace

TEST_CASE("the built-in plugins load and pass the handshake", "[registry]") {
  DiagnosticCollector sink;
  PluginRegistry r = registry_with({RESCONV_GOOD_PLUGIN_DIR}, sink);
  REQUIRE(r.find("text") != nullptr);
  REQUIRE(r.find("json") != nullptr);
  for (const char* id : {"text", "json"}) {
    auto lib = r.load(*r.find(id), sink);
    REQUIRE(lib);
    CHECK(lib->handshake().plugin_id == id);
    CHECK(lib->handshake().abi_version == plugin_abi_version);
    CHECK(FormatDescriptor::parse(lib->handshake().descriptor_json, "embedded").id == id);
    CHECK(lib->make_importer(sink));
    CHECK(lib->make_exporter(sink));
  }
  CHECK(sink.diagnostics().empty());
}

TEST_CASE("each broken plugin gets its own named diagnostic; the good ones still load", "[registry]") {
  DiagnosticCollector discover;
  PluginRegistry r = registry_with({RESCONV_BROKEN_PLUGIN_DIR, RESCONV_GOOD_PLUGIN_DIR}, discover);
  struct Case {
    const char* id;
    const char* code;
    const char* words;
  };
  for (Case c : {Case{"wrongabi", "plugin.abi-mismatch", "built for ABI 999"},
                 Case{"nofactory", "plugin.missing-symbol", "factory"},
                 Case{"throwingfactory", "plugin.factory-failed", "constructor refused to work"},
                 Case{"notaplugin", "plugin.not-a-plugin", "not a resconv plugin"},
                 Case{"ghost", "plugin.missing", "not found"}}) {
    INFO(c.id);
    const FormatEntry* entry = r.find(c.id);
    REQUIRE(entry != nullptr);
    DiagnosticCollector sink;
    CHECK_FALSE(r.load(*entry, sink));
    REQUIRE(sink.diagnostics().size() == 1);
    const Diagnostic& d = sink.diagnostics().front();
    CHECK(d.code == c.code);
    CHECK(d.message.find(c.words) != std::string::npos);
    CHECK(d.location.file.find(std::string("resconv_") + c.id + ".so") != std::string::npos);
    // A second attempt repeats the same answer without loading again.
    DiagnosticCollector again;
    CHECK_FALSE(r.load(*entry, again));
    CHECK(again.diagnostics() == sink.diagnostics());
  }
  DiagnosticCollector sink;
  CHECK(r.load(*r.find("text"), sink));
  CHECK(r.load(*r.find("json"), sink));
}

TEST_CASE("a throwing importer becomes a diagnostic, not a crash", "[registry]") {
  DiagnosticCollector sink;
  PluginRegistry r = registry_with({RESCONV_BROKEN_PLUGIN_DIR}, sink);
  auto lib = r.load(*r.find("throwingimporter"), sink);
  REQUIRE(lib);
  auto importer = lib->make_importer(sink);
  REQUIRE(importer);
  CHECK(importer->probe({"anything", "x"}) == Probe::unknown);
  auto d = importer->run(InputSource::from_memory("in.x", "data"), Options{}, sink);
  CHECK_FALSE(d);
  REQUIRE(sink.has_code("plugin.exception"));
  CHECK(sink.diagnostics().back().message.find("importer exploded") != std::string::npos);
  // The plugin has no exporter: a named diagnostic.
  DiagnosticCollector none;
  CHECK_FALSE(lib->make_exporter(none));
  CHECK(none.has_code("plugin.factory-failed"));
}

TEST_CASE("objects made by a plugin keep its library loaded", "[registry]") {
  std::shared_ptr<Importer> importer;
  {
    DiagnosticCollector sink;
    PluginRegistry r = registry_with({RESCONV_GOOD_PLUGIN_DIR}, sink);
    importer = r.load(*r.find("json"), sink)->make_importer(sink);
  }
  // Registry and library handle are gone; the importer's code must still be there.
  DiagnosticCollector sink;
  auto d = importer->run(InputSource::from_memory("m", "{\"resconv\": 1}"), Options{}, sink);
  CHECK(d.has_value());
}

TEST_CASE("descriptors: first folder wins, broken ones are reported", "[registry]") {
  DiagnosticCollector sink;
  PluginRegistry r = registry_with({RESCONV_GOOD_PLUGIN_DIR, RESCONV_GOOD_PLUGIN_DIR}, sink);
  std::size_t descriptors = 0;
  for (const auto& e : std::filesystem::directory_iterator(RESCONV_GOOD_PLUGIN_DIR))
    descriptors += e.path().string().size() > 12 &&
                   e.path().string().compare(e.path().string().size() - 12, 12, ".format.json") == 0;
  CHECK(r.formats().size() == descriptors);
  CHECK(sink.has_code("registry.shadowed"));
  CHECK(r.by_extension("a.JSON", false) == r.find("json"));
  CHECK(r.by_extension("a.unknown", true) == nullptr);
}
