#include <plugin_registry.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>

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

namespace {
const std::filesystem::path badtext_dir =
    std::filesystem::path(RESCONV_BROKEN_PLUGIN_DIR).parent_path() / "plugins-badtext";
} // namespace

TEST_CASE("F23: a refused plugin does not hide a later one of the same id", "[registry]") {
  DiagnosticCollector discover;
  PluginRegistry r = registry_with({badtext_dir, RESCONV_GOOD_PLUGIN_DIR}, discover);
  const FormatEntry* text = r.find("text");
  REQUIRE(text != nullptr);
  CHECK(text->library_path == badtext_dir / "resconv_text.so");
  REQUIRE(r.shadowed(*text).size() == 1);
  CHECK(discover.has_code("registry.shadowed"));
  DiagnosticCollector sink;
  auto library = r.load(*text, sink);
  REQUIRE(library);
  CHECK(library->path() == std::filesystem::path(RESCONV_GOOD_PLUGIN_DIR) / "resconv_text.so");
  CHECK(library->make_importer(sink));
  REQUIRE(sink.diagnostics().size() == 1);
  const Diagnostic& d = sink.diagnostics().front();
  CHECK(d.severity == Severity::warning);
  CHECK(d.code == "registry.fallback");
  CHECK(d.location.file == (badtext_dir / "resconv_text.so").string());
  CHECK(d.message.find("not a resconv plugin [plugin.not-a-plugin]") != std::string::npos);
  // Said once; the same library afterwards.
  DiagnosticCollector again;
  CHECK(r.load(*text, again) == library);
  CHECK(again.diagnostics().empty());
  // The file itself, checked alone, is refused.
  DiagnosticCollector own;
  CHECK_FALSE(r.load_library(*text, own));
  CHECK(own.has_code("plugin.not-a-plugin"));
}

TEST_CASE("F23: relative RESCONV_PLUGIN_PATH entries are refused, absolute ones kept", "[registry]") {
  const char* before = std::getenv("RESCONV_PLUGIN_PATH");
  std::string saved = before ? before : "";
  ::setenv("RESCONV_PLUGIN_PATH", "relative/plugins::/abs/plugins:.", 1);
  SearchPath path = PluginRegistry::search_path({"/explicit"});
  if (before)
    ::setenv("RESCONV_PLUGIN_PATH", saved.c_str(), 1);
  else
    ::unsetenv("RESCONV_PLUGIN_PATH");
  REQUIRE(path.dirs.size() >= 2);
  CHECK(path.dirs[0] == "/explicit");
  CHECK(path.dirs[1] == "/abs/plugins");
  CHECK(path.refused == std::vector<std::string>{"relative/plugins", "."});
  DiagnosticCollector sink;
  PluginRegistry::discover(path, sink);
  REQUIRE(sink.count(Severity::warning) == 2);
  CHECK(sink.diagnostics().front().code == "registry.relative-path");
  CHECK(sink.diagnostics().front().message.find("'relative/plugins'") != std::string::npos);
}
