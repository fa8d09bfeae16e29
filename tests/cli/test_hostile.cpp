// The hostile corpus: each input is made here, run through `resconv convert` as a user
// would, and must give the exact error class, a non-zero exit, a message naming the file,
// no output file (nor temporary file) left, within 20 s and 1 GiB, and never the content
// of a file reached through an entity.
#include "hostile_cases.hpp"
#include "run_program.hpp"
#include "test_support.hpp"

#include <docx_format.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

using namespace resconv;
using test::run_resconv;
namespace fs = std::filesystem;

namespace {

const std::string example = std::string(RESCONV_SOURCE_DIR) + "/examples/A_RES_99_101.txt";
const std::string secret = "SECRET-CONTENT-7f3a";
using test::akn_ns;
using test::Case;
using test::docx_with_document;
using test::nested;
using test::random_bytes;
using test::w_ns;

std::vector<Case> core_cases(const test::TempDir& dir) {
  const std::string secret_path = (dir / "secret.txt").string();
  const std::string doc_start = "<?xml version=\"1.0\"?><w:document " + w_ns + "><w:body>";
  const std::string doc_end = "</w:body></w:document>";
  std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE akomaNtoso [\n<!ENTITY l0 \"ha\">\n";
  for (int i = 1; i <= 10; ++i)
    laughs += "<!ENTITY l" + std::to_string(i) + " \"" +
              nested("&l" + std::to_string(i - 1) + ";", "", 10, "") + "\">\n";
  laughs += "]>\n<akomaNtoso xmlns=\"" + akn_ns +
            "\"><statement name=\"x\"><mainBody><p>&l10;</p>"
            "</mainBody></statement></akomaNtoso>\n";

  std::string good_pdf = test::read_file(dir / "good.pdf");
  std::string good_docx = test::read_file(dir / "good.docx");
  return {
      // XML: entities and depth.
      {"xxe.xml",
       "<?xml version=\"1.0\"?>\n<!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM \"file://" + secret_path +
           "\">]>\n<akomaNtoso xmlns=\"" + akn_ns +
           "\"><statement name=\"x\"><mainBody><p>&x;</p>"
           "</mainBody></statement></akomaNtoso>\n",
       "akn.dtd"},
      {"laughs.xml", laughs, "akn.dtd"},
      {"deep.xml",
       "<?xml version=\"1.0\"?>\n<akomaNtoso xmlns=\"" + akn_ns + "\">" + nested("<p>", "</p>", 100000, "x") +
           "</akomaNtoso>\n",
       "akn.too-deep"},
      // DOCX: the package and its XML.
      {"bomb.docx", docx_with_document(std::string(std::size_t{100} << 20, ' ')), "docx.zip-bomb"},
      {"dense.docx", docx_with_document(doc_start + std::string(std::size_t{8} << 20, ' ') + doc_end),
       "docx.zip-bomb"},
      {"dotdot.docx", docx_with_document(doc_start + doc_end, {{"../../evil.sh", "echo pwned"}}),
       "docx.unsafe-entry"},
      {"absolute.docx", docx_with_document(doc_start + doc_end, {{"/etc/evil", "x"}}), "docx.unsafe-entry"},
      {"nodocument.docx", docx::write_zip({{"word/styles.xml", "<styles/>"}}), "docx.not-docx"},
      {"xxe.docx",
       docx_with_document("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file://" + secret_path +
                          "\">]><w:document " + w_ns + "><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>" +
                          doc_end),
       "docx.dtd"},
      {"deep.docx", docx_with_document(doc_start + nested("<w:p>", "</w:p>", 300, "") + doc_end),
       "docx.too-deep"},
      {"notzip.docx", "PK\x03\x04 but nothing of a zip after it", "docx.zip"},
      {"truncated.docx", good_docx.substr(0, good_docx.size() / 2), "docx.zip"},
      // PDF.
      {"random.pdf", "%PDF-1.7\n" + random_bytes(64 * 1024), "pdf.corrupt"},
      {"truncated.pdf", good_pdf.substr(0, good_pdf.size() / 2), "pdf.truncated"},
      {"password.pdf", test::read_file(dir / "password.pdf"), "pdf.encrypted"},
      // JSON.
      {"types.json", R"({"resconv": 1, "metadata": {"title": 7}, "preamble": "no"})", "json.invalid"},
      {"deep.json", "{\"resconv\": 1, \"preamble\": " + nested("[", "]", 100000, "") + "}", "json.too-deep"},
      {"deepobject.json", "{\"resconv\": 1, \"metadata\": " + nested("{\"a\": ", "}", 5000, "1") + "}",
       "json.too-deep"},
      // Text.
      {"latin1.txt", "R\xe9solution adopt\xe9\x65 par l'Assembl\xe9\x65 g\xe9n\xe9rale\n\n1. D\xe9\x63ide.\n",
       "text.encoding"},
      {"overlong.txt", "The General Assembly,\n\n1. Decides \xc0\xaf to stay seized.\n", "text.encoding"},
      {"utf16.txt", std::string("\xff\xfeT\0h\0e\0 \0G\0e\0n\0e\0r\0a\0l\0", 22), "text.encoding"},
      {"utf16-nobom.txt", std::string("T\0h\0e\0 \0G\0e\0n\0e\0r\0a\0l\0", 20), "text.encoding"},
      // Empty files of every format.
      {"empty.txt", "", "input.empty"},
      {"empty.json", "", "input.empty"},
      {"empty.xml", "", "input.empty"},
      {"empty.pdf", "", "input.empty"},
      {"empty.docx", "", "input.empty"},
  };
}

std::vector<Case> hostile_cases(const test::TempDir& dir) {
  std::vector<Case> all = core_cases(dir);
  for (auto* more : {&test::hostile_cases_pdf, &test::hostile_cases_docx, &test::hostile_cases_text,
                     &test::hostile_cases_akn, &test::hostile_cases_json, &test::hostile_cases_detection}) {
    std::vector<Case> rows = (*more)(dir);
    all.insert(all.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
  }
  return all;
}

// The folder and the cases are made once per process: Catch runs a TEST_CASE again for each
// SECTION, and making them (two conversions, qpdf, a 100 MiB bomb) once per row took most
// of the suite's time.
struct Fixture {
  test::TempDir dir;
  std::vector<Case> cases;

  Fixture() {
    test::write_file(dir / "secret.txt", secret + "\n");
    // A good PDF and DOCX to cut, and a password-protected PDF made by qpdf (scripts/setup.sh).
    if (run_resconv({"convert", example, "-o", (dir / "good.pdf").string()}).exit_code != 0 ||
        run_resconv({"convert", example, "-o", (dir / "good.docx").string()}).exit_code != 0)
      throw std::runtime_error("the example does not convert to PDF and DOCX");
    std::string qpdf = "qpdf --encrypt user owner 256 -- '" + (dir / "good.pdf").string() + "' '" +
                       (dir / "password.pdf").string() + "'";
    if (std::system(qpdf.c_str()) != 0)
      throw std::runtime_error("qpdf could not encrypt the example");
    cases = hostile_cases(dir);
  }
};

const Fixture& fixture() {
  static const Fixture made;
  return made;
}

} // namespace

TEST_CASE("hostile inputs: exact error, named file, no output, bounded time and memory", "[cli][hostile]") {
  const test::TempDir& dir = fixture().dir;
  for (const Case& c : fixture().cases) {
    SECTION(c.name) {
      fs::path input = dir / c.name;
      test::write_file(input, c.bytes);
      fs::path outdir = dir / ("out-" + c.name);
      fs::create_directories(outdir);
      fs::path output = outdir / "result.json";
      std::vector<std::string> args = {"--diagnostics", "json", "convert",
                                       input.string(),  "-o",   output.string()};
      args.insert(args.end(), c.extra.begin(), c.extra.end());
      auto r = run_resconv(args);
      INFO(r.err);
      CHECK(r.exit_code == c.exit_code);
      // Refused: the first error is the expected class, and names the file. Converted: the
      // expected warning is reported, naming the file.
      const std::string severity = c.exit_code == 0 ? "warning" : "error";
      bool found = false;
      std::size_t at = 0;
      while (at < r.err.size() && !found) {
        std::size_t end = r.err.find('\n', at);
        auto line = nlohmann::json::parse(r.err.substr(at, end - at), nullptr, false);
        if (line.is_object() && line["severity"] == severity &&
            (severity == "error" || line["code"] == c.code)) {
          CHECK(line["code"] == c.code);
          CHECK(line["file"] == input.string());
          found = true;
        }
        at = end == std::string::npos ? r.err.size() : end + 1;
      }
      CHECK(found);
      if (c.exit_code == 0) {
        CHECK(fs::exists(output)); // the output, and nothing else (no temporary file)
        CHECK(std::distance(fs::directory_iterator(outdir), fs::directory_iterator()) == 1);
      } else {
        CHECK(fs::is_empty(outdir)); // no output, no temporary file
      }
      CHECK(r.out.find(secret) == std::string::npos);
      CHECK(r.err.find(secret) == std::string::npos);
      CHECK(r.seconds < 20);
      CHECK(r.peak_rss_kib < 1024 * 1024);
      // RESCONV_HOSTILE_REPORT=<file> collects the figures (for the notes on a change).
      if (const char* report = std::getenv("RESCONV_HOSTILE_REPORT")) {
        std::ofstream out(report, std::ios::app);
        out << c.name << '\t' << c.code << '\t' << r.exit_code << '\t' << r.seconds << '\t'
            << r.peak_rss_kib / 1024 << '\n';
      }
    }
  }
}

TEST_CASE("hostile inputs: the same classes through batch, which goes on past each",
          "[cli][hostile][batch]") {
  test::TempDir dir;
  fs::create_directories(dir / "in");
  std::map<std::string, std::string> expected;
  std::set<std::string> converted; // rows that convert with a warning
  for (const Case& c : fixture().cases) {
    if (!c.extra.empty())
      continue; // options batch does not take per file
    // One folder per row: rows share stems (deep.xml, deep.json), which batch refuses as
    // batch.output-clash (F4).
    fs::path folder = dir / "in" / std::to_string(expected.size());
    fs::create_directories(folder);
    test::write_file(folder / c.name, c.bytes);
    expected[c.name] = c.code;
    if (c.exit_code == 0)
      converted.insert(c.name);
  }
  fs::copy_file(example, dir / "in" / "good.txt");
  auto manifest = (dir / "manifest.jsonl").string();
  auto r = run_resconv({"batch", (dir / "in").string(), "-O", (dir / "out").string(), "--to", "json", "-j",
                        "2", "--manifest", manifest});
  CHECK(r.exit_code == 6);
  CHECK(r.seconds < 60);
  std::size_t failed = 0;
  std::istringstream lines(test::read_file(manifest));
  for (std::string line; std::getline(lines, line);) {
    auto entry = nlohmann::json::parse(line);
    std::string name = fs::path(entry["input"].get<std::string>()).filename().string();
    INFO(name);
    if (name == "good.txt") {
      CHECK(entry["status"] == "ok");
      continue;
    }
    if (converted.count(name) != 0) {
      CHECK(entry["status"] == "warning");
    } else {
      ++failed;
      CHECK(entry["status"] == "failed");
    }
    bool has_code = false;
    for (const auto& d : entry["diagnostics"])
      has_code = has_code || d["code"] == expected[name];
    CHECK(has_code);
  }
  CHECK(failed == expected.size() - converted.size());
  CHECK(fs::exists(dir / "out" / "good.json"));
  CHECK(test::read_file(manifest).find(secret) == std::string::npos);
}

TEST_CASE("output safety: never onto the input, clear errors for an unusable output folder",
          "[cli][hostile]") {
  test::TempDir dir;
  fs::copy_file(example, dir / "res.txt");
  std::string before = test::read_file(dir / "res.txt");

  auto same =
      run_resconv({"convert", (dir / "res.txt").string(), "-o", (dir / "res.txt").string(), "--to", "text"});
  CHECK(same.exit_code == 2);
  CHECK(same.err.find("[convert.overwrite-input]") != std::string::npos);
  // Through another name for the same file.
  fs::create_symlink(dir / "res.txt", dir / "link.txt");
  auto linked =
      run_resconv({"convert", (dir / "res.txt").string(), "-o", (dir / "link.txt").string(), "--to", "text"});
  CHECK(linked.exit_code == 2);
  CHECK(test::read_file(dir / "res.txt") == before);

  // The output folder's place is taken by a file.
  auto blocked =
      run_resconv({"convert", (dir / "res.txt").string(), "-o", (dir / "res.txt/sub/out.json").string()});
  CHECK(blocked.exit_code == 4);
  CHECK(blocked.err.find("cannot create the output folder") != std::string::npos);
  CHECK(blocked.err.find("[io.write]") != std::string::npos);
  // A folder that cannot hold files at all.
  auto proc = run_resconv({"convert", (dir / "res.txt").string(), "-o", "/proc/resconv-test.json"});
  CHECK(proc.exit_code == 4);
  CHECK(proc.err.find("/proc/resconv-test.json") != std::string::npos);
  CHECK(test::read_file(dir / "res.txt") == before);
}

TEST_CASE("limits are options: a smaller limit refuses what the default accepts", "[cli][hostile]") {
  test::TempDir dir;
  auto big = run_resconv({"--max-input-size", "1K", "convert", example, "--to", "json"});
  CHECK(big.exit_code == 3);
  CHECK(big.err.find("[io.too-large]") != std::string::npos);
  CHECK(big.err.find("--max-input-size") != std::string::npos);
  CHECK(run_resconv({"--max-input-size", "1M", "convert", example, "--to", "json"}).exit_code == 0);

  REQUIRE(run_resconv({"convert", example, "-o", (dir / "r.pdf").string()}).exit_code == 0);
  auto pages = run_resconv({"convert", (dir / "r.pdf").string(), "--to", "json", "--option", "max-pages=1"});
  CHECK(pages.exit_code == 3);
  CHECK(pages.err.find("[pdf.too-many-pages]") != std::string::npos);

  REQUIRE(run_resconv({"convert", example, "-o", (dir / "r.json").string()}).exit_code == 0);
  auto depth = run_resconv({"convert", (dir / "r.json").string(), "--to", "text", "--option", "max-depth=3"});
  CHECK(depth.exit_code == 3);
  CHECK(depth.err.find("[json.too-deep]") != std::string::npos);

  REQUIRE(run_resconv({"convert", example, "-o", (dir / "r.xml").string()}).exit_code == 0);
  auto xml = run_resconv({"convert", (dir / "r.xml").string(), "--to", "text", "--option", "max-depth=4"});
  CHECK(xml.exit_code == 3);
  CHECK(xml.err.find("[akn.too-deep]") != std::string::npos);

  REQUIRE(run_resconv({"convert", example, "-o", (dir / "r.docx").string()}).exit_code == 0);
  auto part = run_resconv({"convert", (dir / "r.docx").string(), "--to", "text", "--option", "max-depth=3"});
  CHECK(part.exit_code == 3);
  CHECK(part.err.find("[docx.too-deep]") != std::string::npos);
}

// A damaged PDF (found by fuzz_pdf) on which Poppler 22.12's parser never finishes, nor
// does pdftotext: the time limit is what ends it. If a later Poppler finishes it, this test
// says so; keep the case with another input that hangs.
TEST_CASE("time limit: an input that keeps a library busy stops with input.timeout", "[cli][hostile]") {
  test::TempDir dir;
  const std::string hang = std::string(RESCONV_SOURCE_DIR) + "/tests/fuzz/hang/pdf-poppler-hang.pdf";
  fs::create_directories(dir / "out");

  auto one = run_resconv({"--diagnostics", "json", "convert", hang, "--to", "akn", "-O",
                          (dir / "out").string(), "--timeout", "2"});
  INFO(one.err);
  CHECK(one.exit_code == 3);
  auto line = nlohmann::json::parse(one.err.substr(0, one.err.find('\n')), nullptr, false);
  CHECK(line["code"] == "input.timeout");
  CHECK(line["file"] == hang);
  CHECK(fs::is_empty(dir / "out"));
  CHECK(one.seconds >= 1.9);
  CHECK(one.seconds < 20);

  // Several inputs: what was converted before stays, the message says what was not done,
  // and the exit code says the run was partial.
  auto several = run_resconv(
      {"convert", example, hang, example, "--to", "json", "-O", (dir / "out").string(), "--timeout", "1"});
  CHECK(several.exit_code == 6);
  CHECK(several.err.find("[input.timeout]") != std::string::npos);
  CHECK(several.err.find("1 later input was not converted") != std::string::npos);
  CHECK(fs::exists(dir / "out" / "A_RES_99_101.json"));
  CHECK(!fs::exists(dir / "out" / "pdf-poppler-hang.json"));

  auto inspect = run_resconv({"inspect", hang, "--timeout", "0.5"});
  CHECK(inspect.exit_code == 3);
  CHECK(inspect.err.find("[input.timeout]") != std::string::npos);

  // batch: the worker is stopped, the run goes on.
  fs::create_directories(dir / "in");
  fs::copy_file(hang, dir / "in" / "hang.pdf");
  fs::copy_file(example, dir / "in" / "good.txt");
  auto manifest = (dir / "manifest.jsonl").string();
  auto batch = run_resconv({"batch", (dir / "in").string(), "-O", (dir / "batch").string(), "--to", "json",
                            "--timeout", "2", "--manifest", manifest});
  CHECK(batch.exit_code == 6);
  CHECK(test::read_file(manifest).find("batch.timeout") != std::string::npos);
  CHECK(fs::exists(dir / "batch" / "good.json"));
  CHECK(!fs::exists(dir / "batch" / "hang.json"));
}

// The loader must find resconv's libraries beside the program, never in the folder it is run
// from: a folder of downloaded files may hold a library of the same name. (The build tree's
// RPATH once held empty entries, which the loader reads as the current folder.)
TEST_CASE("libraries are never loaded from the current folder", "[cli][hostile]") {
  test::TempDir dir;
  for (const char* name : {"libstdc++.so.6", "libresconv_sdk.so.0.1", "libpoppler.so.126", "libxml2.so.2",
                           "libzip.so.4", "libgcc_s.so.1"})
    test::write_file(dir / name, "not a library\n");
  fs::copy_file(example, dir / "res.txt");
  std::string program = RESCONV_PROGRAM;
  std::string command = "cd '" + dir.path().string() + "' && '" + program +
                        "' convert res.txt -o res.pdf && '" + program + "' convert res.pdf -o res.xml && '" +
                        program + "' convert res.xml -o res.docx 2>&1";
  CHECK(std::system(command.c_str()) == 0);
  CHECK(fs::exists(dir / "res.docx"));
}
