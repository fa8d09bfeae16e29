// `.md` is Markdown (issue 16, item 5): the built-in markdown plugin writes CommonMark when
// the output is named x.md or x.markdown, and option bounds from the descriptor stop a
// conversion before it starts (item 9).
#include "run_program.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>

using namespace resconv;
using test::run_resconv;
namespace fs = std::filesystem;

namespace {

const std::string example = std::string(RESCONV_SOURCE_DIR) + "/examples/A_RES_99_101.txt";

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

} // namespace

// Before: -o res.md wrote the text format ("United Nations\n\nA/RES/99/101\n...").
TEST_CASE("-o x.md writes Markdown", "[cli][markdown]") {
  test::TempDir dir;
  for (const char* name : {"x.md", "x.markdown", "X.MD"}) {
    auto r = run_resconv({"convert", example, "-o", (dir / name).string()});
    CHECK(r.exit_code == 0);
    CHECK(r.err == "");
    std::string md = test::read_file(dir / name);
    CHECK(md.rfind("---\nbody: \"General Assembly\"\nsymbol: \"A/RES/99/101\"\n", 0) == 0);
    CHECK(contains(md, "\n---\n\n# International cooperation on the preservation of coastal libraries and "
                       "archives\n\nUnited Nations\\\nA/RES/99/101\\\nGeneral Assembly\\\n"));
    CHECK(contains(md, "\n1. *Takes note* of the report of the Secretary-General;[^2]\n"));
    CHECK(contains(md, "\n   - (a) To assist developing countries"));
    CHECK(contains(md, "\n## Annex\n\n### Terms of reference of the voluntary fund"));
    CHECK(contains(md, "\n[^1]: [A/98/227](https://undocs.org/A/98/227).\n"));
    CHECK_FALSE(contains(md, "United Nations\n"));
  }
}

TEST_CASE("markdown: options and its place among the formats", "[cli][markdown]") {
  auto r = run_resconv({"-v", "convert", example, "--to", "markdown", "--option",
                        "markdown.front-matter=false", "--option", "link-base="});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("# International cooperation", 0) == 0);
  CHECK(contains(r.out, "its resolution 97/45 of 3 December 2042"));
  CHECK(contains(r.err, "[markdown.dropped-metadata]"));

  auto formats = run_resconv({"formats", "--json"});
  REQUIRE(formats.exit_code == 0);
  auto list = nlohmann::json::parse(formats.out)["formats"];
  bool found = false;
  for (const auto& f : list) {
    if (f["id"] == "markdown") {
      found = true;
      CHECK(f["extensions"] == nlohmann::json::array({"md", "markdown"}));
      CHECK(f["capabilities"]["import"] == false);
      CHECK(f["capabilities"]["export"] == true);
    }
    if (f["id"] == "text")
      CHECK(f["extensions"] == nlohmann::json::array({"txt", "text"}));
  }
  CHECK(found);

  // Markdown is written, never read.
  auto back = run_resconv({"convert", example, "--from", "markdown", "--to", "json"});
  CHECK(back.exit_code == 2);
  CHECK(contains(back.err,
                 "no format 'markdown' that can import ('markdown' can export) [convert.unknown-format]"));
}

// Before: the json exporter refused indent=17 itself, once per file, as json.option.
TEST_CASE("option bounds from the descriptor stop a conversion before it starts", "[cli][options]") {
  test::TempDir dir;
  auto r = run_resconv(
      {"convert", example, "--to", "json", "--option", "json.indent=17", "-o", (dir / "a.json").string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "resconv: error: json: option 'indent': 17 is out of range (-1 to 16) [convert.option]\n");
  CHECK_FALSE(fs::exists(dir / "a.json"));
  auto low = run_resconv({"convert", example, "--to", "json", "--option", "json.indent=-1"});
  CHECK(low.exit_code == 0);
  CHECK(low.out.find('\n') == low.out.size() - 1); // One line.
}
