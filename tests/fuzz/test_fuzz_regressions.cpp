// Every input a fuzz target once stopped on (tests/fuzz/<format>/) goes through the same
// checks as the fuzz targets (fuzz/fuzz_importer.hpp), with the normal build.
#include <akn_export_check.hpp>
#include <fuzz_importer.hpp>

#include <akn_format.hpp>
#include <docx_format.hpp>
#include <json_format.hpp>
#include <pdf_format.hpp>
#include <text_format.hpp>

#include <catch2/catch.hpp>

#include <resconv/sdk/data_path.hpp>

#include <filesystem>
#include <functional>
#include <fstream>
#include <memory>
#include <sstream>

using namespace resconv;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<Importer> importer_for(const std::string& id) {
  if (id == "text")
    return std::make_unique<text_format::TextImporter>();
  if (id == "json")
    return std::make_unique<json_format::JsonImporter>();
  if (id == "akn")
    return std::make_unique<akn::AknImporter>();
  if (id == "pdf")
    return std::make_unique<pdf::PdfImporter>();
  return std::make_unique<docx::DocxImporter>();
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// An importer that fails and says nothing: the check must catch it.
class SilentImporter final : public Importer {
protected:
  Probe do_probe(const ProbeInput&) const override { return Probe::unknown; }
  model::Document do_import(const InputSource&, const Options&, DiagnosticSink&) override {
    throw 42; // reported by run() as plugin.exception
  }
};

} // namespace

TEST_CASE("fuzzing regression inputs pass the fuzz targets' checks", "[fuzz]") {
  const fs::path root = fs::path(RESCONV_SOURCE_DIR) / "tests" / "fuzz";
  // The text and json targets also export to AKN with the schema check (when installed).
  const bool have_schema = fs::exists(data_directory() / "schemas" / "akn" / "akomantoso30.xsd");
  if (!have_schema)
    WARN("no AKN schema installed: the AKN export check is left out");
  int files = 0;
  for (std::string id : {"text", "json", "akn", "pdf", "docx"}) {
    if (!fs::is_directory(root / id))
      continue;
    auto importer = importer_for(id);
    Options options = fuzz::default_import_options(id);
    for (const auto& entry : fs::directory_iterator(root / id)) {
      INFO(entry.path().string());
      std::function<std::string(const model::Document&)> more;
      if (have_schema && (id == "text" || id == "json"))
        more = fuzz::akn_export_check;
      CHECK(fuzz::check_importer(*importer, options, read(entry.path()), more) == "");
      ++files;
    }
  }
  CHECK(files > 0);
}

TEST_CASE("the fuzz checks catch an importer's escaped exception", "[fuzz]") {
  SilentImporter importer;
  std::string finding = fuzz::check_importer(importer, Options{}, "anything");
  CHECK(finding.find("exception escaped") != std::string::npos);
}

TEST_CASE("the fuzz checks pass the example resolution in every format it is written in", "[fuzz]") {
  text_format::TextImporter importer;
  std::string text = read(fs::path(RESCONV_SOURCE_DIR) / "examples" / "A_RES_99_101.txt");
  REQUIRE(!text.empty());
  CHECK(fuzz::check_importer(importer, fuzz::default_import_options("text"), text) == "");
  if (fs::exists(data_directory() / "schemas" / "akn" / "akomantoso30.xsd"))
    CHECK(fuzz::check_importer(importer, fuzz::default_import_options("text"), text,
                               fuzz::akn_export_check) == "");
}
