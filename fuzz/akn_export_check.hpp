#pragma once
// A further check for the targets whose importers build arbitrary models (text, json):
// whatever document an import gives, the AKN exporter writes schema-valid Akoma Ntoso
// (the schema check turned on). So the fuzzers test the exporter's "always valid" promise
// on models no corpus holds.

#include "fuzz_importer.hpp"

#include <akn_format.hpp>

#include <resconv/sdk/data_path.hpp>

#include <filesystem>

namespace resconv::fuzz {

inline std::string akn_export_check(const model::Document& document) {
  static akn::AknExporter exporter;
  static const auto schema = data_directory() / "schemas" / "akn" / "akomantoso30.xsd";
  if (!std::filesystem::exists(schema))
    return "no AKN schema at " + schema.string() + " (run scripts/fetch-schemas.sh)";
  static const Options options = [] {
    auto descriptor = testing::load_descriptor(std::string(RESCONV_SOURCE_DIR) + "/formats/akn/format.json");
    return testing::options_for(descriptor, testing::Side::export_, {{"check", "true"}});
  }();
  auto result = testing::export_to_memory(exporter, document, options);
  if (result.diagnostics.has_code("akn.schema"))
    return describe("the AKN exporter wrote a document the schema refuses", result.diagnostics);
  if (result.diagnostics.has_code("plugin.exception"))
    return describe("an exception escaped the AKN exporter", result.diagnostics);
  return {};
}

} // namespace resconv::fuzz
