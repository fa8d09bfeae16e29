// The round-trip matrix, generated from the registry: every format that imports and exports
// must give back what its descriptor says it preserves, alone and across formats. A new
// format is tested the day its descriptor appears.
#include "plugins/akn/shapes_fixtures.hpp"
#include "test_support.hpp"

#include <plugin_registry.hpp>

#include <resconv/sdk/model/dump.hpp>
#include <resconv/sdk/model/project.hpp>

#include <catch2/catch.hpp>

using namespace resconv;
using namespace resconv::host;
using namespace resconv::model;

namespace {

// Import options that keep an importer from adding what its format does not preserve.
Options import_options(const FormatDescriptor& d) {
  std::vector<std::pair<std::string, std::string>> given;
  for (const auto& spec : d.import_options) {
    if (spec.name == "link-references" && !d.preserves_feature("references"))
      given.emplace_back("link-references", "false");
    if (spec.name == "shapes")
      given.emplace_back("shapes", "true");
  }
  return Options::parse(d.import_options, given);
}

std::optional<Document> through(const PluginRegistry& r, const FormatEntry& f, const Document& d,
                                DiagnosticCollector& sink) {
  auto lib = r.load(f, sink);
  REQUIRE(lib);
  auto exporter = lib->make_exporter(sink);
  auto importer = lib->make_importer(sink);
  REQUIRE(exporter);
  REQUIRE(importer);
  OutputSink out = OutputSink::to_memory("matrix." + f.descriptor.id);
  Options export_options = Options::parse(f.descriptor.export_options, {});
  if (!exporter->run(d, out, export_options, sink))
    return std::nullopt;
  return importer->run(InputSource::from_memory("matrix", out.memory()), import_options(f.descriptor), sink);
}

std::vector<std::string> common(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const auto& x : a)
    if (std::find(b.begin(), b.end(), x) != b.end())
      out.push_back(x);
  return out;
}

} // namespace

TEST_CASE("round-trip matrix over every format that imports and exports", "[matrix]") {
  DiagnosticCollector discover;
  PluginRegistry r = PluginRegistry::discover({RESCONV_GOOD_PLUGIN_DIR}, discover);
  std::vector<const FormatEntry*> formats;
  for (const auto& f : r.formats())
    if (f.descriptor.can_import && f.descriptor.can_export)
      formats.push_back(&f);
  REQUIRE(formats.size() >= 3);
  const Document original = test::sample_document();
  for (const FormatEntry* f : formats) {
    DYNAMIC_SECTION("alone: " << f->descriptor.id) {
      DiagnosticCollector sink;
      auto back = through(r, *f, original, sink);
      REQUIRE(back);
      Document expected = project(original, f->descriptor.preserves);
      CHECK(dump(project(*back, f->descriptor.preserves)) == dump(expected));
    }
    for (const FormatEntry* g : formats) {
      if (g == f)
        continue;
      DYNAMIC_SECTION("across: " << f->descriptor.id << " then " << g->descriptor.id) {
        DiagnosticCollector sink;
        auto first = through(r, *f, original, sink);
        REQUIRE(first);
        auto second = through(r, *g, *first, sink);
        REQUIRE(second);
        auto kept = common(f->descriptor.preserves, g->descriptor.preserves);
        CHECK(dump(project(*second, kept)) == dump(project(original, kept)));
      }
    }
  }
}

TEST_CASE("round-trip matrix: every format that keeps the deliberations' shapes gives them back",
          "[matrix][shapes]") {
  DiagnosticCollector discover;
  PluginRegistry r = PluginRegistry::discover({RESCONV_GOOD_PLUGIN_DIR}, discover);
  std::size_t tested = 0;
  for (const auto& f : r.formats()) {
    if (!f.descriptor.can_import || !f.descriptor.can_export || !f.descriptor.preserves_feature("shapes"))
      continue;
    ++tested;
    for (const auto& [name, original] : test::shape_documents()) {
      DYNAMIC_SECTION(f.descriptor.id << ": " << name) {
        DiagnosticCollector sink;
        auto back = through(r, f, original, sink);
        REQUIRE(back);
        CHECK(dump(project(*back, f.descriptor.preserves)) ==
              dump(project(original, f.descriptor.preserves)));
      }
    }
  }
  // JSON and AKN keep them at least.
  CHECK(tested >= 2);
}
