// `convert --split`: a collection written one file per component, named from the
// components' numbers, each written as every output is (atomically, links followed).
#include "../plugins/akn/shapes_fixtures.hpp"
#include "run_program.hpp"
#include "test_support.hpp"

#include <resconv/sdk/model/json.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sys/stat.h>

using namespace resconv;
using test::run_resconv;
namespace fs = std::filesystem;

namespace {

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir))
    names.insert(e.path().filename().string());
  return names;
}

// A collection of GA resolutions "A" and "B" under one number, and a third whose number
// makes the same file name as the second's.
model::Document resolutions_a_and_b() {
  model::Document a = test::draft_resolution();
  a.metadata.masthead.clear();
  a.metadata.kind = "resolution";
  a.metadata.distribution.reset();
  a.metadata.sponsors.clear();
  a.metadata.number = "78/12 A";
  a.metadata.symbol = "A/RES/78/12 A";
  model::Document b = a;
  b.metadata.number = "78/12 B";
  b.metadata.symbol = "A/RES/78/12 B";
  model::Document b_again = b;
  b_again.metadata.number = "78/12/B";
  model::Document pub;
  pub.metadata.symbol = "A/RES/78/12";
  pub.metadata.kind = "collection";
  pub.metadata.language = "en";
  pub.components = {a, b, b_again};
  return pub;
}

std::string write_json(const fs::path& path, const model::Document& d) {
  test::write_file(path, model::to_json(d));
  return path.string();
}

} // namespace

TEST_CASE("convert --split: one file per component, named from its number", "[cli][split]") {
  test::TempDir dir;
  model::Document pub = test::decisions_collection();
  std::string input = write_json(dir / "report.json", pub);
  fs::path out = dir / "decisions";
  auto r = run_resconv({"convert", input, "--split", "-O", out.string(), "--to", "json", "-v"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // The draft has no number: its symbol names it.
  CHECK(names_in(out) == std::set<std::string>{"1_CP.40.json", "2_CP.40.json", "A_C.3_99_L.10.json"});
  // Each file holds its component whole.
  CHECK(model::from_json(test::read_file(out / "1_CP.40.json")) == pub.components[0]);
  CHECK(model::from_json(test::read_file(out / "2_CP.40.json")) == pub.components[1]);
  CHECK(model::from_json(test::read_file(out / "A_C.3_99_L.10.json")) == pub.components[2]);
  // The summary names what was written.
  CHECK(r.err.find("convert.split") != std::string::npos);
  CHECK(r.err.find("3 components") != std::string::npos);
  CHECK(r.err.find("2_CP.40.json") != std::string::npos);
}

TEST_CASE("convert --split: names made file-safe and unique", "[cli][split]") {
  test::TempDir dir;
  model::Document pub = resolutions_a_and_b();
  std::string input = write_json(dir / "78-12.json", pub);
  fs::path out = dir / "out";
  auto r = run_resconv({"convert", input, "--split", "-O", out.string(), "--to", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(names_in(out) == std::set<std::string>{"78_12_A.json", "78_12_B.json", "78_12_B-2.json"});
  CHECK(model::from_json(test::read_file(out / "78_12_B-2.json")).metadata.number == "78/12/B");
}

TEST_CASE("convert --split: beside -o; several targets; a document that is no collection", "[cli][split]") {
  test::TempDir dir;
  std::string input = write_json(dir / "report.json", test::decisions_collection());
  fs::path out = dir / "sub" / "report.txt";
  auto beside = run_resconv({"convert", input, "--split", "-o", out.string()});
  INFO(beside.err);
  REQUIRE(beside.exit_code == 0);
  // The components beside -o; the publication's own file is not written.
  CHECK(names_in(dir / "sub") == std::set<std::string>{"1_CP.40.txt", "2_CP.40.txt", "A_C.3_99_L.10.txt"});
  CHECK(test::read_file(dir / "sub" / "2_CP.40.txt").find("the budget") != std::string::npos);

  fs::path both = dir / "both";
  auto two =
      run_resconv({"convert", input, "--split", "-O", both.string(), "--to", "json", "--to", "markdown"});
  INFO(two.err);
  REQUIRE(two.exit_code == 0);
  CHECK(names_in(both).size() == 6);
  CHECK(names_in(both).count("1_CP.40.md") == 1);

  // A single deliberation is written as usual.
  std::string single = write_json(dir / "draft.json", test::draft_resolution());
  fs::path one = dir / "one";
  auto plain = run_resconv({"convert", single, "--split", "-O", one.string(), "--to", "json", "-v"});
  INFO(plain.err);
  REQUIRE(plain.exit_code == 0);
  CHECK(names_in(one) == std::set<std::string>{"draft.json"});
  CHECK(plain.err.find("not a collection") != std::string::npos);
}

TEST_CASE("convert --split: usage errors and output safety", "[cli][split][safety]") {
  test::TempDir dir;
  std::string input = write_json(dir / "report.json", test::decisions_collection());
  // Nowhere to put the files.
  auto stdout_only = run_resconv({"convert", input, "--split", "--to", "json"});
  CHECK(stdout_only.exit_code == 2);
  CHECK(stdout_only.err.find("--split") != std::string::npos);
  auto dash = run_resconv({"convert", input, "--split", "-o", "-", "--to", "json"});
  CHECK(dash.exit_code == 2);

  // A component's name that is a symbolic link: its target is written, the link stays.
  fs::path out = dir / "out";
  fs::create_directories(out);
  fs::path target = dir / "kept.json";
  test::write_file(target, "old");
  fs::create_symlink(target, out / "1_CP.40.json");
  // A folder in the way of another component: nothing at all is written.
  fs::create_directories(out / "2_CP.40.json");
  auto blocked = run_resconv({"convert", input, "--split", "-O", out.string(), "--to", "json"});
  CHECK(blocked.exit_code == 2);
  CHECK(test::read_file(target) == "old");
  CHECK(!fs::exists(out / "A_C.3_99_L.10.json"));
  fs::remove(out / "2_CP.40.json");
  auto r = run_resconv({"convert", input, "--split", "-O", out.string(), "--to", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(fs::is_symlink(out / "1_CP.40.json"));
  CHECK(model::from_json(test::read_file(target)).metadata.number == "1/CP.40");
  // No temporary file is left.
  for (const auto& e : fs::directory_iterator(out))
    CHECK(e.path().filename().string().find(".resconv-") == std::string::npos);
}
