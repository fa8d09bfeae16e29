// The commands that describe rather than convert (issue 16, items 4 and 9): `formats ID`,
// `inspect --json --layout`, `inspect --layout` on a format without a layout report, and the
// one resolve_format() that identify, inspect and validate share.
#include "run_program.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

using resconv::test::run_resconv;
namespace test = resconv::test;

namespace {

const std::string example = std::string(RESCONV_SOURCE_DIR) + "/examples/A_RES_99_101.txt";

// A born-digital UN resolution PDF: the corpus's when it is there, else the example converted
// by resconv itself (into `dir`).
std::string resolution_pdf(const test::TempDir& dir) {
  if (const char* corpus = std::getenv("RESCONV_CORPUS")) {
    auto pdf = std::filesystem::path(corpus) / "pdf" / "A_RES_73_6-EN.pdf";
    if (std::filesystem::is_regular_file(pdf))
      return pdf.string();
  }
  std::string pdf = (dir / "A_RES_99_101.pdf").string();
  auto made = run_resconv({"convert", example, "-o", pdf});
  REQUIRE(made.exit_code == 0);
  return pdf;
}

} // namespace

TEST_CASE("formats ID shows one format in full", "[cli][commands]") {
  auto akn = run_resconv({"formats", "akn"});
  CHECK(akn.exit_code == 0);
  CHECK(akn.err.empty());
  CHECK(akn.out.rfind("akn: Akoma Ntoso (AKN4UN)\n", 0) == 0);
  CHECK(akn.out.find("\n  capabilities: import, export, validate\n") != std::string::npos);
  CHECK(akn.out.find("\n  extensions: .xml .akn\n") != std::string::npos);
  CHECK(akn.out.find("\n  MIME type: application/akn+xml\n") != std::string::npos);
  CHECK(akn.out.find("\n  plugin: found\n") != std::string::npos);
  // Every side's options, with type, choices, default and doc.
  CHECK(
      akn.out.find(
          "\n  import options:\n    max-depth (int; default 256; min 1; max 256)\n        Deepest element") !=
      std::string::npos);
  CHECK(akn.out.find("\n    wrapper (choice: none|publication; default none)\n") != std::string::npos);
  CHECK(akn.out.find("\n  validate options:\n    schema (string; default empty)\n") != std::string::npos);
  // One format only.
  CHECK(akn.out.find("pdf") == std::string::npos);

  auto pdf = run_resconv({"formats", "pdf"});
  CHECK(pdf.exit_code == 0);
  CHECK(pdf.out.find("\n  capabilities: import, export\n") != std::string::npos);
  CHECK(pdf.out.find("\n  magic: \"%PDF-\" at offset 0 (or up to 1024 bytes later)\n") != std::string::npos);
  CHECK(pdf.out.find("\n    layout (bool; default false)\n") != std::string::npos);
  CHECK(pdf.out.find("validate options") == std::string::npos); // none: the heading is left out
  // Bounds from the descriptor (OptionSpec min/max).
  CHECK(pdf.out.find("\n    max-pages (int; default 2000; min 1)") != std::string::npos);
  auto json_list = run_resconv({"formats"});
  CHECK(json_list.out.find("export option indent=2 (int, min -1, max 16)") != std::string::npos);

  // --check loads the plugin: its status and version.
  auto checked = run_resconv({"formats", "text", "--check"});
  CHECK(checked.exit_code == 0);
  CHECK(checked.out.find("\n  plugin: ok, version ") != std::string::npos);
}

TEST_CASE("formats ID --json prints one object", "[cli][commands]") {
  auto r = run_resconv({"formats", "pdf", "--json"});
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.is_object());
  CHECK_FALSE(j.contains("formats"));
  CHECK(j["id"] == "pdf");
  CHECK(j["capabilities"] == nlohmann::json{{"import", true}, {"export", true}, {"validate", false}});
  CHECK(j["extensions"] == nlohmann::json::array({"pdf"}));
  CHECK(j["plugin"]["status"] == "found");
  CHECK(j["plugin"]["error"].is_null());
  bool layout = false;
  for (const auto& o : j["options"]["import"])
    if (o["name"] == "layout")
      layout = o["type"] == "bool" && o["default"] == false && !o["doc"].get<std::string>().empty();
  CHECK(layout);
  // The same object as in the whole list.
  auto all = nlohmann::json::parse(run_resconv({"formats", "--json"}).out);
  bool same = false;
  for (const auto& f : all["formats"])
    if (f["id"] == "pdf")
      same = f == j;
  CHECK(same);
}

TEST_CASE("formats ID: an unknown id is a usage error with the nearest id", "[cli][commands]") {
  struct Case {
    const char* typed;
    const char* said;
  };
  for (const Case& c : {Case{"pfd", "no format 'pfd'; did you mean 'pdf'?"}, // a swap is one typo
                        Case{"jsn", "no format 'jsn'; did you mean 'json'?"},
                        Case{"txt", "no format 'txt'; did you mean 'text'?"},
                        Case{"xml", "no format 'xml'; did you mean 'akn'?"}, // its extension
                        Case{"zzzz", "no format 'zzzz' (`resconv formats` lists them)"}}) {
    INFO(c.typed);
    for (bool json : {false, true}) {
      std::vector<std::string> args{"formats", c.typed};
      if (json)
        args.push_back("--json");
      auto r = run_resconv(args);
      CHECK(r.exit_code == 2);
      CHECK(r.out.empty());
      CHECK(r.err == std::string("resconv: error: ") + c.said + " [formats.unknown-format]\n");
    }
  }
}

TEST_CASE("inspect --json --layout prints one JSON document with the layout", "[cli][commands]") {
  test::TempDir dir;
  std::string pdf = resolution_pdf(dir);
  auto r = run_resconv({"inspect", "--json", "--layout", pdf});
  REQUIRE(r.exit_code == 0);
  nlohmann::json j;
  REQUIRE_NOTHROW(j = nlohmann::json::parse(r.out)); // nothing but the document on stdout
  CHECK(j["format"] == "pdf");
  CHECK(j["operative"].get<int>() > 0);
  REQUIRE(j["layout"].is_array());
  REQUIRE(j["layout"].size() >= 2);
  CHECK(j["layout"][0]["page"] == 1);
  CHECK(j["layout"][1]["page"] == 2);
  bool heading = false;
  std::size_t notes = 0;
  for (const auto& page : j["layout"])
    for (const auto& note : page["notes"]) {
      ++notes;
      CHECK(note["y"].is_number_integer());
      heading = heading || (page["page"] == 1 && note["note"] == "paragraph starts: \"General Assembly\"");
    }
  CHECK(heading);
  // The same report as the text form, note for note.
  auto text = run_resconv({"inspect", "--layout", pdf});
  CHECK(text.exit_code == 0);
  CHECK(test::count_of(text.out, "\n  y=") == notes);
  // Without --layout there is no "layout" member; the summary is the same.
  auto plain = nlohmann::json::parse(run_resconv({"inspect", "--json", pdf}).out);
  CHECK_FALSE(plain.contains("layout"));
  j.erase("layout");
  CHECK(plain == j);
}

TEST_CASE("inspect --layout on a format without a layout report is a usage error", "[cli][commands]") {
  const std::string said = "resconv: " + example +
                           ": error: the 'text' format has no layout report (--layout is for pdf) "
                           "[inspect.no-layout]\n";
  for (bool json : {false, true}) {
    std::vector<std::string> args{"inspect", "--layout", example};
    if (json)
      args.push_back("--json");
    auto r = run_resconv(args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == said);
  }
  // Named by --from: said before the input is read (this one does not exist).
  auto early = run_resconv({"inspect", "--layout", "--from", "text", "missing.txt"});
  CHECK(early.exit_code == 2);
  CHECK(early.err.find("[inspect.no-layout]") != std::string::npos);
  CHECK(early.err.find("io.read") == std::string::npos);
  // --json and --dump are two different outputs.
  CHECK(run_resconv({"inspect", "--json", "--dump", example}).exit_code == 2);
}

TEST_CASE("identify, inspect and validate resolve the format alike", "[cli][commands]") {
  test::TempDir dir;
  const std::string empty = (dir / "empty.txt").string();
  test::write_file(empty, "");
  // An empty input has no format: input.empty, exit 3, for every command (identify said
  // "text", validate said validate.unsupported).
  for (const char* command : {"identify", "inspect", "validate"}) {
    INFO(command);
    auto r = run_resconv({command, empty});
    CHECK(r.exit_code == 3);
    CHECK(r.err == "resconv: " + empty + ": error: the input is empty (0 bytes) [input.empty]\n");
  }
  auto identified = run_resconv({"identify", "--json", empty});
  CHECK(nlohmann::json::parse(identified.out) == nlohmann::json{{"input", empty},
                                                                {"format", nullptr},
                                                                {"reason", "the input is empty (0 bytes)"},
                                                                {"probes", nlohmann::json::object()}});

  // An unknown --from: the command's own code, the nearest id, exit 2, before reading.
  auto inspect = run_resconv({"inspect", "--from", "pfd", "missing.pdf"});
  CHECK(inspect.exit_code == 2);
  CHECK(inspect.err == "resconv: missing.pdf: error: no format 'pfd' that can import; did you mean 'pdf'? "
                       "[inspect.unknown-format]\n");
  auto validate = run_resconv({"validate", "--from", "text", "missing.txt"});
  CHECK(validate.exit_code == 2);
  CHECK(validate.err == "resconv: error: no format 'text' that can validate ('text' can import, export) "
                        "[validate.unknown-format]\n");
  // A detected format without a validator.
  auto unsupported = run_resconv({"validate", example});
  CHECK(unsupported.exit_code == 2);
  CHECK(unsupported.err == "resconv: " + example +
                               ": error: the input is in the 'text' format, which has no validator "
                               "[validate.unsupported]\n");
  // validate's options are checked once, before any file is read.
  auto option = run_resconv({"validate", "--option", "akn.nope=1", "missing1.xml", "missing2.xml"});
  CHECK(option.exit_code == 2);
  CHECK(test::count_of(option.err, "[validate.option]") == 1);
  CHECK(option.err.find("io.read") == std::string::npos);
  auto value = run_resconv({"validate", "--option", "max-attributes=many", "missing.xml"});
  CHECK(value.exit_code == 2);
  CHECK(value.err == "resconv: error: option 'max-attributes': 'many' is not an integer [validate.option]\n");
  // inspect's options need no --from: they are checked against the detected format.
  auto options = run_resconv({"inspect", "--option", "language=en", example});
  CHECK(options.exit_code == 0);
  CHECK(options.out.rfind(example + " (text)\n", 0) == 0);
}
