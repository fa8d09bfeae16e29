// Transcript tests of the built program: what a user types, what they get back.
#include "../plugins/pdf/make_pdf.hpp"
#include "run_program.hpp"
#include "test_support.hpp"

#include <resconv/sdk/model/json.hpp>

#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <nlohmann/json.hpp>
#include <resconv/sdk/version.hpp>

using namespace resconv;
using resconv::test::run_resconv;

namespace {
const std::string example = std::string(RESCONV_SOURCE_DIR) + "/examples/A_RES_99_101.txt";
}

TEST_CASE("every command has --help", "[cli]") {
  for (std::vector<std::string> args : {std::vector<std::string>{"--help"},
                                        {"convert", "--help"},
                                        {"formats", "--help"},
                                        {"identify", "--help"},
                                        {"inspect", "--help"}}) {
    auto r = run_resconv(args);
    INFO(args.front());
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Usage") != std::string::npos);
  }
  auto top = run_resconv({"--help"});
  CHECK(top.out.find("Exit codes") != std::string::npos);
}

TEST_CASE("usage errors exit 2", "[cli]") {
  CHECK(run_resconv({}).exit_code == 2);
  CHECK(run_resconv({"frobnicate"}).exit_code == 2);
  CHECK(run_resconv({"convert", example}).exit_code == 2);
  auto r = run_resconv({"convert", example, "--to", "json", "--option", "indnt=3"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown option 'indnt'") != std::string::npos);
  CHECK(run_resconv({"convert", example, "--to", "nosuchformat"}).exit_code == 2);
}

TEST_CASE("formats --json lists text and json with their capabilities", "[cli]") {
  auto r = run_resconv({"formats", "--check", "--json"});
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  std::map<std::string, nlohmann::json> by_id;
  for (const auto& f : j["formats"])
    by_id[f["id"]] = f;
  REQUIRE(by_id.count("text"));
  REQUIRE(by_id.count("json"));
  for (const char* id : {"text", "json"}) {
    CHECK(by_id[id]["capabilities"]["import"] == true);
    CHECK(by_id[id]["capabilities"]["export"] == true);
    CHECK(by_id[id]["plugin"]["status"] == "ok");
  }
  CHECK(by_id["json"]["options"]["export"][0]["name"] == "indent");
}

TEST_CASE("formats reports broken plugins without failing", "[cli]") {
  auto r = run_resconv({"--plugin-dir", RESCONV_BROKEN_PLUGIN_DIR, "formats", "--check", "--json"});
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  std::map<std::string, nlohmann::json> by_id;
  for (const auto& f : j["formats"])
    by_id[f["id"]] = f;
  CHECK(by_id["text"]["plugin"]["status"] == "ok");
  CHECK(by_id["wrongabi"]["plugin"]["status"] == "error");
  CHECK(by_id["wrongabi"]["plugin"]["code"] == "plugin.abi-mismatch");
  CHECK(by_id["ghost"]["plugin"]["code"] == "plugin.missing");
  auto text = run_resconv({"--plugin-dir", RESCONV_BROKEN_PLUGIN_DIR, "formats", "--check"});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("error: plugin built for ABI 999") != std::string::npos);
}

TEST_CASE("plugins shows each plugin's file, version, SDK and ABI, or why it was refused", "[cli]") {
  auto r = run_resconv({"--plugin-dir", RESCONV_BROKEN_PLUGIN_DIR, "plugins", "--check", "--json"});
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["host_abi"] == resconv::plugin_abi_version);
  std::map<std::string, nlohmann::json> by_id;
  for (const auto& p : j["plugins"])
    by_id[p["id"]] = p;
  CHECK(by_id["text"]["status"] == "ok");
  CHECK(by_id["text"]["abi"] == resconv::plugin_abi_version);
  CHECK(by_id["text"]["sdk_version"] == std::string(resconv::sdk_version));
  CHECK(by_id["text"]["library"].get<std::string>().find("resconv_text.so") != std::string::npos);
  CHECK(by_id["wrongabi"]["status"] == "refused");
  CHECK(by_id["wrongabi"]["code"] == "plugin.abi-mismatch");
  CHECK(by_id["wrongabi"]["error"].get<std::string>().find("ABI 999") != std::string::npos);
  CHECK(by_id["notaplugin"]["status"] == "refused");
  CHECK(by_id["ghost"]["code"] == "plugin.missing");
  // A real plugin built as the SDK with ABI 1 (before the model of collections and parts) would build it.
  CHECK(by_id["othersdk"]["code"] == "plugin.abi-mismatch");
  CHECK(by_id["othersdk"]["error"].get<std::string>().find("built for ABI 1") != std::string::npos);
  // A missing dependency: the loader's own message names it.
  CHECK(by_id["missingdep"]["code"] == "plugin.load-failed");
  CHECK(by_id["missingdep"]["error"].get<std::string>().find("libresconv_test_missing_dep_helper.so") !=
        std::string::npos);
  auto text = run_resconv({"--plugin-dir", RESCONV_BROKEN_PLUGIN_DIR, "plugins", "--check"});
  CHECK(text.out.find("wrongabi: refused") != std::string::npos);
  CHECK(text.out.find("plugin.abi-mismatch: plugin built for ABI 999") != std::string::npos);
}

TEST_CASE("a plugin with another ABI is refused with a message naming the file", "[cli]") {
  auto r = run_resconv(
      {"--plugin-dir", RESCONV_BROKEN_PLUGIN_DIR, "convert", example, "--from", "wrongabi", "--to", "json"});
  CHECK(r.exit_code == 5);
  CHECK(r.err.find("resconv_wrongabi.so") != std::string::npos);
  CHECK(r.err.find("[plugin.abi-mismatch]") != std::string::npos);
}

TEST_CASE("convert to standard output, and from standard input", "[cli]") {
  auto r = run_resconv({"convert", example, "--to", "json"});
  REQUIRE(r.exit_code == 0);
  CHECK(model::from_json(r.out).metadata.number == "99/101");
  auto piped =
      run_resconv({"convert", "-", "--from", "text", "--to", "json", "-o", "-"}, test::read_file(example));
  REQUIRE(piped.exit_code == 0);
  CHECK(piped.out == r.out);
  auto detected = run_resconv({"convert", "-", "--to", "text"}, r.out);
  REQUIRE(detected.exit_code == 0);
  CHECK(detected.out.find("99/101. International cooperation") != std::string::npos);
}

TEST_CASE("identify explains its decision", "[cli]") {
  test::TempDir dir;
  test::write_file(dir / "looks-like.json", test::read_file(example));
  auto r = run_resconv({"identify", "--json", (dir / "looks-like.json").string()});
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["format"] == "text");
  CHECK(j["probes"]["json"] == "no");
  CHECK(j["probes"]["text"] == "yes");
}

TEST_CASE("inspect summarises a document", "[cli]") {
  auto r = run_resconv({"inspect", "--json", example});
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["preamble"] == 3);
  CHECK(j["operative"] == 4);
  CHECK(j["items"] == 5);
  CHECK(j["footnotes"] == 3);
  CHECK(j["annexes"] == 1);
  CHECK(run_resconv({"inspect", "--dump", example}).out.find("operative[3].items[2].items[1] num=\"(i)\"") !=
        std::string::npos);
}

TEST_CASE("bad input: clear error, non-zero exit, no output file", "[cli]") {
  test::TempDir dir;
  test::write_file(dir / "binary.txt", std::string("\x7f"
                                                   "ELF\0\0\0garbage",
                                                   14));
  auto out = (dir / "out.json").string();
  auto r = run_resconv({"convert", (dir / "binary.txt").string(), "--from", "text", "-o", out});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("binary.txt") != std::string::npos);
  CHECK(r.err.find("[text.binary]") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
  auto missing = run_resconv({"convert", (dir / "nope.txt").string(), "--to", "json"});
  CHECK(missing.exit_code == 3);
  CHECK(missing.err.find("nope.txt: error: cannot open") != std::string::npos);
  auto unknown = run_resconv({"convert", (dir / "binary.txt").string(), "--to", "json"});
  CHECK(unknown.exit_code == 3);
  // Nothing recognises it, so the format its extension names explains what is wrong.
  CHECK(unknown.err.find("binary data, not text (NUL byte at offset 4) [text.binary]") != std::string::npos);
}

TEST_CASE("diagnostics as JSON lines", "[cli]") {
  test::TempDir dir;
  test::write_file(dir / "prose.txt", "Nothing but a short line of prose.\n");
  auto r = run_resconv({"--diagnostics", "json", "convert", (dir / "prose.txt").string(), "--to", "json"});
  CHECK(r.exit_code == 0);
  REQUIRE_FALSE(r.err.empty());
  auto first = nlohmann::json::parse(r.err.substr(0, r.err.find('\n')));
  CHECK(first["severity"] == "warning");
  CHECK(first["file"].get<std::string>().find("prose.txt") != std::string::npos);
}

TEST_CASE("several inputs: the batch goes on past a bad file and says partial", "[cli]") {
  test::TempDir dir;
  test::write_file(dir / "bad.json", "{\"resconv\": 1, \"preamble\": 5}");
  auto r = run_resconv(
      {"convert", example, (dir / "bad.json").string(), "-O", dir.path().string(), "--to", "text"});
  CHECK(r.exit_code == 6);
  CHECK(std::filesystem::exists(dir / "A_RES_99_101.txt"));
  CHECK(r.err.find("bad.json") != std::string::npos);
}

TEST_CASE("AKN: convert, validate, read back", "[cli][akn]") {
  test::TempDir dir;
  auto xml = (dir / "res.xml").string();
  auto r = run_resconv({"convert", example, "-o", xml});
  REQUIRE(r.exit_code == 0);
  auto valid = run_resconv({"validate", xml});
  if (valid.err.find("akn.no-schema") != std::string::npos) {
    WARN("AKN schema not installed: validate not exercised");
    return;
  }
  CHECK(valid.exit_code == 0);
  CHECK(valid.out.find("valid (akn)") != std::string::npos);
  test::write_file(dir / "broken.xml", test::read_file(xml).substr(0, 400));
  auto broken = run_resconv({"validate", xml, (dir / "broken.xml").string()});
  CHECK(broken.exit_code == 6);
  CHECK(broken.err.find("[akn.xml]") != std::string::npos);
  auto back = run_resconv({"convert", xml, "--to", "json"});
  CHECK(back.exit_code == 0);
  // AKN keeps every field: the JSON read back from it is the text's own.
  CHECK(nlohmann::json::parse(back.out) ==
        nlohmann::json::parse(run_resconv({"convert", example, "--to", "json"}).out));
  auto text_only = run_resconv({"validate", example});
  CHECK(text_only.exit_code == 2);
  CHECK(text_only.err.find("[validate.unsupported]") != std::string::npos);
}

TEST_CASE("PDF: an image-only PDF is bad input with no output left behind", "[cli][pdf]") {
  test::TempDir dir;
  test::PdfPage scan;
  scan.rectangle_only = true;
  test::write_file(dir / "scan.pdf", test::make_pdf({scan}));
  auto out = (dir / "scan.json").string();
  auto r = run_resconv({"convert", (dir / "scan.pdf").string(), "-o", out});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("no text layer") != std::string::npos);
  CHECK(r.err.find("scan.pdf") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), {}) == 1);
  test::write_file(dir / "good.pdf", test::sample_resolution_pdf());
  auto good = run_resconv({"inspect", "--layout", (dir / "good.pdf").string()});
  CHECK(good.exit_code == 0);
  CHECK(good.out.find("running header: \"A/RES/99/7\"") != std::string::npos);
  CHECK(good.out.find("operative: 2") != std::string::npos);
}

namespace {
std::vector<nlohmann::json> manifest_lines(const std::filesystem::path& path) {
  std::vector<nlohmann::json> out;
  std::istringstream in(test::read_file(path));
  std::string line;
  while (std::getline(in, line))
    out.push_back(nlohmann::json::parse(line));
  return out;
}
} // namespace

TEST_CASE("batch: a bad file does not stop the run; resume; shards", "[cli][batch]") {
  test::TempDir dir;
  std::filesystem::create_directories(dir / "in/sub");
  std::string text = test::read_file(example);
  for (int i = 0; i < 6; ++i)
    test::write_file(dir / ("in/sub/res" + std::to_string(i) + ".txt"), text);
  test::write_file(dir / "in/broken.txt", std::string("\0\1\2", 3));
  test::write_file(dir / "in/bad.json", "{\"resconv\": 1, \"operative\": 3}");
  auto in = (dir / "in").string(), out = (dir / "out").string(), manifest = (dir / "m.jsonl").string();
  auto r =
      run_resconv({"batch", in, "-O", out, "--to", "json", "--to", "akn", "-j", "2", "--manifest", manifest});
  CHECK(r.exit_code == 6);
  auto lines = manifest_lines(manifest);
  REQUIRE(lines.size() == 8);
  int failed = 0;
  for (const auto& l : lines) {
    failed += l["status"] == "failed";
    if (l["status"] != "failed")
      for (const auto& o : l["outputs"])
        CHECK(std::filesystem::exists(o.get<std::string>()));
  }
  CHECK(failed == 2);
  CHECK(std::filesystem::exists(dir / "out/sub/res3.json"));
  CHECK(std::filesystem::exists(dir / "out/sub/res3.xml"));

  auto again = run_resconv(
      {"batch", in, "-O", out, "--to", "json", "--to", "akn", "--manifest", manifest, "--resume"});
  CHECK(again.err.find("0 ok, 0 with warnings, 2 failed, 6 skipped") != std::string::npos);

  std::map<std::string, int> seen;
  for (int k = 1; k <= 3; ++k) {
    auto shard_manifest = (dir / ("s" + std::to_string(k) + ".jsonl")).string();
    run_resconv({"batch", in, "-O", (dir / "shards").string(), "--to", "json", "--shard",
                 std::to_string(k) + "/3", "--manifest", shard_manifest});
    if (std::filesystem::exists(shard_manifest))
      for (const auto& l : manifest_lines(shard_manifest))
        ++seen[l["input"].get<std::string>()];
  }
  CHECK(seen.size() == 8);
  for (const auto& [input, n] : seen)
    CHECK(n == 1);
}

TEST_CASE("batch: a shard with no input ends well, with an empty manifest", "[cli][batch]") {
  test::TempDir dir;
  std::filesystem::create_directories(dir / "in");
  test::write_file(dir / "in/only.txt", test::read_file(example));
  // One input and 8 shards: 7 shards hold nothing, as in a job array with more jobs than files.
  int empty = 0, holding = 0;
  for (int k = 1; k <= 8; ++k) {
    auto manifest = dir / ("m" + std::to_string(k) + ".jsonl");
    auto r = run_resconv({"-v", "batch", (dir / "in").string(), "-O", (dir / "out").string(), "--to", "json",
                          "--shard", std::to_string(k) + "/8", "--manifest", manifest.string()});
    CHECK(r.exit_code == 0);
    REQUIRE(std::filesystem::exists(manifest));
    if (r.err.find("[batch.empty-shard]") != std::string::npos) {
      ++empty;
      CHECK(std::filesystem::file_size(manifest) == 0);
    } else {
      ++holding;
      CHECK(manifest_lines(manifest.string()).size() == 1);
    }
  }
  CHECK(empty == 7);
  CHECK(holding == 1);
  // No input in any shard is still a mistake.
  std::filesystem::create_directories(dir / "none");
  auto nothing = run_resconv(
      {"batch", (dir / "none").string(), "-O", (dir / "out2").string(), "--to", "json", "--shard", "1/4"});
  CHECK(nothing.exit_code == 2);
}

TEST_CASE("batch: a file that never finishes is timed out and recorded", "[cli][batch]") {
  test::TempDir dir;
  std::filesystem::create_directories(dir / "in");
  test::write_file(dir / "in/good.txt", test::read_file(example));
  REQUIRE(::mkfifo((dir / "in/stuck.txt").c_str(), 0600) == 0); // Reading it blocks forever.
  auto manifest = (dir / "m.jsonl").string();
  // Named explicitly: a folder walk takes regular files only.
  auto r = run_resconv({"batch", (dir / "in/good.txt").string(), (dir / "in/stuck.txt").string(), "-O",
                        (dir / "out").string(), "--to", "json", "--timeout", "1", "--manifest", manifest});
  CHECK(r.exit_code == 6);
  bool timed_out = false;
  for (const auto& l : manifest_lines(manifest))
    if (l["input"].get<std::string>().find("stuck") != std::string::npos)
      timed_out =
          l["status"] == "failed" && l["diagnostics"].dump().find("batch.timeout") != std::string::npos;
  CHECK(timed_out);
  // No temporary file left behind by the killed conversion.
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir / "out"))
    CHECK(e.path().filename().string().find(".resconv-") == std::string::npos);
}

namespace {
// Three resolutions as text files in `dir`/in.
std::filesystem::path three_texts(const test::TempDir& dir) {
  std::filesystem::create_directories(dir / "in");
  const std::string text = test::read_file(example);
  for (int i = 1; i <= 3; ++i)
    test::write_file(dir / ("in/r" + std::to_string(i) + ".txt"), text);
  return dir / "in";
}

std::size_t files_under(const std::filesystem::path& dir) {
  std::size_t n = 0;
  if (std::filesystem::exists(dir))
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
      n += e.is_regular_file();
  return n;
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}
} // namespace

// issue 16, item 2: the README's and `batch --help`'s example writes its manifest into the
// -O folder that the run itself makes.
TEST_CASE("batch: a manifest inside a -O that does not exist yet is written", "[cli][batch]") {
  test::TempDir dir;
  auto in = three_texts(dir);
  auto out = dir / "out";
  auto r = run_resconv(
      {"batch", in.string(), "-O", out.string(), "--to", "akn", "--manifest", (out / "m.jsonl").string()});
  CHECK(r.exit_code == 0);
  CHECK(manifest_lines(out / "m.jsonl").size() == 3);
  CHECK(std::filesystem::exists(out / "r1.xml"));
  // Deeper: every missing folder of the manifest's path is made.
  auto deep = dir / "logs/2026/m.jsonl";
  auto again = run_resconv(
      {"batch", in.string(), "-O", (dir / "out2").string(), "--to", "json", "--manifest", deep.string()});
  CHECK(again.exit_code == 0);
  CHECK(manifest_lines(deep).size() == 3);
}

TEST_CASE("batch: a manifest whose folder cannot be made stops the run before any conversion",
          "[cli][batch]") {
  test::TempDir dir;
  auto in = three_texts(dir);
  test::write_file(dir / "blocker", "a file where the manifest's folder would be\n");
  auto r = run_resconv({"batch", in.string(), "-O", (dir / "out").string(), "--to", "json", "--manifest",
                        (dir / "blocker/m.jsonl").string()});
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("[io.write]") != std::string::npos);
  CHECK(r.err.find("blocker") != std::string::npos);
  CHECK(files_under(dir / "out") == 0);
}

// issue 16, item 3: a format-qualified option applies to that format only, and a mistake in
// an option is one usage error before any work, not one failure per file.
TEST_CASE("batch: options are checked once, before any conversion", "[cli][batch]") {
  test::TempDir dir;
  auto in = three_texts(dir);
  auto out = dir / "out";
  auto good = run_resconv(
      {"batch", in.string(), "-O", out.string(), "--to", "pdf", "--to", "akn", "--option", "akn.check=true"});
  CHECK(good.exit_code == 0);
  CHECK(files_under(out) == 6);
  CHECK(good.err.find("error") == std::string::npos);

  // An option for one input format: a file of another format is converted without it, with a
  // note in its diagnostics (the workers are told the options were checked).
  REQUIRE(run_resconv({"convert", (in / "r1.txt").string(), "-o", (dir / "r4.json").string()}).exit_code ==
          0);
  std::filesystem::rename(dir / "r4.json", in / "r4.json");
  auto mixed_manifest = dir / "mixed.jsonl";
  auto mixed = run_resconv({"batch", in.string(), "-O", (dir / "mixed").string(), "--to", "akn", "--option",
                            "text.language=en", "--manifest", mixed_manifest.string()});
  CHECK(mixed.exit_code == 0);
  CHECK(files_under(dir / "mixed") == 4);
  bool noted = false;
  for (const auto& l : manifest_lines(mixed_manifest))
    if (l["input"].get<std::string>().find("r4.json") != std::string::npos)
      noted =
          l["status"] == "ok" && l["diagnostics"].dump().find("convert.option-unused") != std::string::npos;
  CHECK(noted);
  std::filesystem::remove(in / "r4.json");

  auto out2 = dir / "out2";
  auto manifest = dir / "m.jsonl";
  auto typo = run_resconv({"batch", in.string(), "-O", out2.string(), "--to", "pdf", "--to", "akn",
                           "--option", "akn.chek=true", "--manifest", manifest.string()});
  CHECK(typo.exit_code == 2);
  CHECK(count_of(typo.err, "[batch.option]") == 1);
  CHECK(count_of(typo.err, "\n") == 1); // One line: the reason, nothing per file.
  CHECK(typo.err.find("chek") != std::string::npos);
  CHECK(files_under(out2) == 0);
  CHECK_FALSE(std::filesystem::exists(manifest));

  auto value = run_resconv(
      {"batch", in.string(), "-O", out2.string(), "--to", "akn", "--option", "akn.check=perhaps"});
  CHECK(value.exit_code == 2);
  CHECK(count_of(value.err, "[batch.option]") == 1);
  CHECK(files_under(out2) == 0);

  // Not a target of this batch: akn options with --to json.
  auto other =
      run_resconv({"batch", in.string(), "-O", out2.string(), "--to", "json", "--option", "akn.check=true"});
  CHECK(other.exit_code == 2);
  CHECK(count_of(other.err, "[batch.option]") == 1);

  auto from = run_resconv({"batch", in.string(), "-O", out2.string(), "--to", "json", "--from", "txet"});
  CHECK(from.exit_code == 2);
  CHECK(count_of(from.err, "[batch.unknown-format]") == 1);
  auto to = run_resconv({"batch", in.string(), "-O", out2.string(), "--to", "jsn"});
  CHECK(to.exit_code == 2);
  CHECK(count_of(to.err, "[batch.unknown-format]") == 1);
  auto shard = run_resconv({"batch", in.string(), "-O", out2.string(), "--to", "json", "--shard", "5/4",
                            "--manifest", manifest.string()});
  CHECK(shard.exit_code == 2);
  CHECK(count_of(shard.err, "[batch.usage]") == 1);
  CHECK(files_under(out2) == 0);
  CHECK_FALSE(std::filesystem::exists(manifest));
}

// issue 16, item 4: the workers' warnings count for --fail-if-warnings.
TEST_CASE("batch: --fail-if-warnings exits 7 when a file warned", "[cli][batch]") {
  test::TempDir dir;
  auto in = three_texts(dir);
  test::write_file(in / "words.txt", "Just some words.\n"); // No formula: text.no-formula warns.
  auto plain = run_resconv({"batch", in.string(), "-O", (dir / "a").string(), "--to", "json"});
  CHECK(plain.exit_code == 0);
  CHECK(plain.err.find("3 ok, 1 with warnings, 0 failed") != std::string::npos);
  auto strict =
      run_resconv({"--fail-if-warnings", "batch", in.string(), "-O", (dir / "b").string(), "--to", "json"});
  CHECK(strict.exit_code == 7);
  CHECK(files_under(dir / "b") == 4);
  std::filesystem::remove(in / "words.txt");
  auto clean =
      run_resconv({"--fail-if-warnings", "batch", in.string(), "-O", (dir / "c").string(), "--to", "json"});
  CHECK(clean.exit_code == 0);
}

// issue 16, item 6: the end line gives the time and the rate, names the first files that
// warned or failed, and says where the details are.
TEST_CASE("batch: the end line names the files that failed and points to the details", "[cli][batch]") {
  test::TempDir dir;
  auto in = three_texts(dir);
  for (const char* name : {"bad1.txt", "bad2.txt", "bad3.txt", "bad4.txt"})
    test::write_file(in / name, std::string("\0\1\2", 3));
  auto r = run_resconv({"batch", in.string(), "-O", (dir / "out").string(), "--to", "json"});
  CHECK(r.exit_code == 6);
  std::string last = r.err.substr(r.err.rfind('\n', r.err.size() - 2) + 1);
  INFO(last);
  CHECK(last.rfind("resconv: batch: 3 ok, 0 with warnings, 4 failed, 0 skipped (already done) in ", 0) == 0);
  CHECK(last.find(" files/s)") != std::string::npos);
  CHECK(last.find("; failed: " + (in / "bad1.txt").string() + ", " + (in / "bad2.txt").string() + ", " +
                  (in / "bad3.txt").string() + " and 1 more") != std::string::npos);
  CHECK(last.find("--manifest") != std::string::npos);
  auto m = (dir / "m.jsonl").string();
  auto with =
      run_resconv({"batch", in.string(), "-O", (dir / "out2").string(), "--to", "json", "--manifest", m});
  CHECK(with.err.find("; details in " + m + "\n") != std::string::npos);
  auto good = run_resconv({"batch", (in / "r1.txt").string(), "-O", (dir / "out3").string(), "--to", "json"});
  CHECK(good.err.find("failed:") == std::string::npos);
  CHECK(good.err.find("details") == std::string::npos);
  CHECK(good.err.find('\r') == std::string::npos); // Not a terminal: no bar.
}

// Every diagnostic code the sources report is in docs/cli.md's table (issue 15, F36: pdf.page
// was missing). The codes are found as the first argument of error(), warning(), note() and
// ConversionError().
TEST_CASE("docs: every diagnostic code is documented", "[cli][docs]") {
  namespace fs = std::filesystem;
  const fs::path source = RESCONV_SOURCE_DIR;
  const std::string table = test::read_file(source / "docs" / "cli.md");
  REQUIRE(!table.empty());
  const std::regex call(R"((error|warning|note|ConversionError)\(\s*"([a-z]+\.[a-z-]+)\")");
  std::set<std::string> codes;
  for (const char* folder : {"host", "plugins", "sdk"})
    for (const auto& entry : fs::recursive_directory_iterator(source / folder)) {
      const std::string ext = entry.path().extension().string();
      if (ext != ".cpp" && ext != ".hpp")
        continue;
      const std::string text = test::read_file(entry.path());
      for (auto it = std::sregex_iterator(text.begin(), text.end(), call); it != std::sregex_iterator(); ++it)
        codes.insert((*it)[2].str());
    }
  CHECK(codes.size() > 50);
  for (const std::string& code : codes) {
    INFO(code);
    CHECK(table.find("`" + code + "`") != std::string::npos);
  }
}
