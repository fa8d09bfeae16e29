// Every input a fuzz target once stopped on (tests/fuzz/<format>/) goes through the same
// checks as the fuzz targets (fuzz/fuzz_importer.hpp), with the normal build.
#include <akn_export_check.hpp>
#include <docx_mutator.hpp>
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
#include <set>
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
  // Every target also exports to AKN with the schema check (when installed).
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
      if (have_schema)
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

TEST_CASE("the AKN export check finds ill-formed output and lost text", "[fuzz]") {
  fuzz::CharCounts expected;
  fuzz::count_text("The General Assembly, \xc3\xa9tant", expected);
  // Spaces, punctuation and characters XML cannot hold are not counted.
  fuzz::count_text(" ,.;\x01\xef\xbf\xbe", expected);
  CHECK(expected.size() == 15); // T h e G n r a l A s m b y t and e-acute
  CHECK(expected[U'e'] == 4);
  CHECK(expected[U'\u00e9'] == 1);

  const std::string whole = "<akomaNtoso><statement><preamble><p>The General Assembly, "
                            "\xc3\xa9tant</p></preamble></statement></akomaNtoso>";
  CHECK(fuzz::check_akn_output(whole, expected) == "");
  // Text in several parts and more of it than the document had: still complete.
  CHECK(fuzz::check_akn_output("<a><doc><b>The General</b><c>Assembly, \xc3\xa9tant twice</c></doc></a>",
                               expected) == "");
  // What a NUL in a libxml2 string does: the text ends there.
  CHECK(fuzz::check_akn_output("<akomaNtoso><statement><p>The General</p></statement></akomaNtoso>",
                               expected) ==
        "the AKN output lost text: U+0041 occurs 1 times in the document's text, 0 in the output's");
  // The top document's meta, preface and conclusions hold what the writer made from the
  // metadata: their text does not stand in for the body's.
  CHECK(fuzz::check_akn_output(
            "<akomaNtoso><statement><meta>Assembly</meta><preface>Assembly</preface><p>The "
            "General</p><conclusions>Assembly \xc3\xa9tant</conclusions></statement></akomaNtoso>",
            expected) ==
        "the AKN output lost text: U+0041 occurs 1 times in the document's text, 0 in the output's");
  // A control character written as it is: not XML.
  CHECK(fuzz::check_akn_output(
            "<akomaNtoso><statement><p>The General\x01 Assembly, \xc3\xa9tant</p></statement></akomaNtoso>",
            expected)
            .find("not well-formed") != std::string::npos);
  CHECK(fuzz::check_akn_output("", expected).find("not well-formed") != std::string::npos);
}

TEST_CASE("the AKN export check counts the document's text, not its metadata", "[fuzz]") {
  model::Document document = testing::sample_document();
  fuzz::CharCounts counts = fuzz::document_text_counts(document);
  CHECK(!counts.empty());
  model::Document other = document;
  other.metadata.symbol = "ZZZZ/99";
  CHECK(fuzz::document_text_counts(other) == counts);
  if (document.formula) {
    other.formula = *document.formula + " Zq";
    auto more = fuzz::document_text_counts(other);
    CHECK(more[U'Z'] == counts[U'Z'] + 1);
    CHECK(more[U'q'] == counts[U'q'] + 1);
  }
}

TEST_CASE("the AKN export check passes the sample document and refuses nothing it exports", "[fuzz]") {
  if (!fs::exists(data_directory() / "schemas" / "akn" / "akomantoso30.xsd"))
    return;
  CHECK(fuzz::akn_export_check(testing::sample_document()) == "");
}

namespace {

// Stands in for LLVMFuzzerMutate: flips every byte it is given, and counts its calls.
struct FlipBytes {
  int* calls;
  std::size_t operator()(std::uint8_t* data, std::size_t size, std::size_t) const {
    ++*calls;
    for (std::size_t i = 0; i < size; ++i)
      data[i] = static_cast<std::uint8_t>(~data[i]);
    return size;
  }
};

std::string sample_docx() {
  docx::DocxExporter exporter;
  auto descriptor = testing::load_descriptor(std::string(RESCONV_SOURCE_DIR) + "/formats/docx/format.json");
  auto result = testing::export_to_memory(exporter, testing::sample_document(),
                                          testing::options_for(descriptor, testing::Side::export_));
  REQUIRE(result.ok);
  return result.bytes;
}

} // namespace

TEST_CASE("the DOCX mutator changes one XML part inside the package", "[fuzz][mutator]") {
  const std::string docx = sample_docx();
  auto original = fuzz::unzip_entries(docx);
  REQUIRE(original);
  int inside = 0, whole = 0;
  for (unsigned seed = 0; seed < 200; ++seed) {
    std::string bytes = docx;
    int calls = 0;
    fuzz::mutate_docx(bytes, 1 << 20, seed, FlipBytes{&calls});
    auto entries = fuzz::unzip_entries(bytes);
    if (!entries) {
      // Not a zip any more: the whole input was byte-mutated, once.
      CHECK(calls == 1);
      CHECK(bytes.size() == docx.size());
      ++whole;
      continue;
    }
    REQUIRE(entries->size() == original->size());
    int changed = 0;
    for (std::size_t i = 0; i < entries->size(); ++i) {
      CHECK((*entries)[i].name == (*original)[i].name);
      if ((*entries)[i].bytes != (*original)[i].bytes) {
        ++changed;
        std::string_view name = (*entries)[i].name;
        CHECK((name.substr(name.size() - 4) == ".xml" || name.substr(name.size() - 5) == ".rels"));
      }
    }
    CHECK(changed <= 1);
    CHECK(calls <= 1);
    inside += changed;
  }
  // Most mutations reach the XML; some mutate the zip's own bytes (whole_input_share).
  CHECK(inside > 100);
  CHECK(whole > 10);
}

TEST_CASE("the DOCX mutator sets numbering attributes to extreme values and edits elements",
          "[fuzz][mutator]") {
  const std::string xml = "<w:numbering><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start "
                          "w:val=\"1\"/></w:lvl></w:abstractNum></w:numbering>";
  bool extreme = false;
  for (unsigned seed = 0; seed < 50; ++seed) {
    fuzz::detail::Rng rng(seed);
    std::string changed = xml;
    REQUIRE(fuzz::detail::change_attribute(changed, rng));
    CHECK(changed != xml);
    extreme = extreme || changed.find("\"2147483648\"") != std::string::npos;
  }
  CHECK(extreme);
  std::set<std::size_t> sizes;
  for (unsigned seed = 0; seed < 50; ++seed) {
    fuzz::detail::Rng rng(seed);
    std::string changed = xml;
    REQUIRE(fuzz::detail::change_element(changed, rng));
    CHECK(changed.rfind("<w:numbering>", 0) == 0); // the root stays
    sizes.insert(changed.size());
  }
  CHECK(sizes.size() > 3); // deleted, duplicated and copied elements of several sizes
  CHECK(sizes.count(xml.size()) == 0);
}

TEST_CASE("the DOCX mutator byte-mutates an input that is no zip", "[fuzz][mutator]") {
  std::string bytes = "not a zip at all";
  int calls = 0;
  fuzz::mutate_docx(bytes, 64, 7, FlipBytes{&calls});
  CHECK(calls == 1);
  CHECK(bytes.size() == 16);
  CHECK(static_cast<unsigned char>(bytes[0]) == static_cast<unsigned char>(~'n'));
}
