// Data safety of outputs (issue 15, findings F2, F4, F6, F7, F8, F10, F21, F32, F33, F38):
// whatever -o names, nothing a user owns is destroyed, and what is written is well formed.
#include "run_program.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace resconv;
using test::run_resconv;
namespace fs = std::filesystem;

namespace {

const std::string example = std::string(RESCONV_SOURCE_DIR) + "/examples/A_RES_99_101.txt";

mode_t mode_of(const fs::path& p) {
  struct stat st {};
  ::lstat(p.c_str(), &st);
  return st.st_mode;
}

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

// The example as JSON with `formula` replaced by `formula_json` (a JSON string literal).
std::string example_json_with_formula(const test::TempDir& dir, const std::string& formula_json) {
  auto r = run_resconv({"convert", example, "--to", "json"});
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  j["formula"] = nlohmann::json::parse(formula_json);
  std::string path = (dir / "formula.json").string();
  test::write_file(path, j.dump(2));
  return path;
}

} // namespace

// F2: a device node is written in place, never replaced by a regular file.
TEST_CASE("output safety: -o a character device writes into it and leaves it a device", "[cli][safety]") {
  test::TempDir dir;
  auto null_dev = run_resconv({"convert", example, "--to", "json", "-o", "/dev/null"});
  CHECK(null_dev.exit_code == 0);
  CHECK(S_ISCHR(mode_of("/dev/null")));
  // No temporary file is left beside it.
  for (const auto& e : fs::directory_iterator("/dev"))
    CHECK(e.path().filename().string().find(".null.resconv-") == std::string::npos);
  // A device node of our own (root can make one; CI runs as root).
  fs::path node = dir / "mynull";
  if (::mknod(node.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0) {
    auto r = run_resconv({"convert", example, "--to", "json", "-o", node.string()});
    CHECK(r.exit_code == 0);
    CHECK(S_ISCHR(mode_of(node)));
    CHECK(entries(dir.path()) == 1);
  } else {
    WARN("mknod refused (not root): the own-node case is left to CI");
  }
}

// F2: a FIFO with a reader gets the bytes; without a reader it is an error, not a hang.
TEST_CASE("output safety: -o a FIFO feeds its reader and stays a FIFO", "[cli][safety]") {
  test::TempDir dir;
  fs::path fifo = dir / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string received;
  // A reader blocked in open() already counts as the FIFO's reader (Linux's fifo_open).
  std::thread reader([&] {
    int fd = ::open(fifo.c_str(), O_RDONLY);
    char buffer[4096];
    for (ssize_t n; fd >= 0 && (n = ::read(fd, buffer, sizeof buffer)) > 0;)
      received.append(buffer, static_cast<std::size_t>(n));
    if (fd >= 0)
      ::close(fd);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto r = run_resconv({"convert", example, "--to", "json", "-o", fifo.string()});
  if (r.exit_code != 0) { // unblock the reader before failing
    int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
    if (fd >= 0)
      ::close(fd);
  }
  reader.join();
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(nlohmann::json::parse(received, nullptr, false).is_object());
  CHECK(S_ISFIFO(mode_of(fifo)));

  // No reader: a clear error at once, the FIFO untouched.
  auto alone = run_resconv({"convert", example, "--to", "json", "-o", fifo.string()});
  CHECK(alone.exit_code == 4);
  CHECK(alone.err.find("no reader") != std::string::npos);
  CHECK(alone.err.find("[io.write]") != std::string::npos);
  CHECK(alone.seconds < 10);
  CHECK(S_ISFIFO(mode_of(fifo)));
  CHECK(entries(dir.path()) == 1);
}

// F2: /dev/stdout means standard output; the link is never replaced.
TEST_CASE("output safety: -o /dev/stdout writes to standard output", "[cli][safety]") {
  auto r = run_resconv({"convert", example, "--to", "json", "-o", "/dev/stdout"});
  CHECK(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out, nullptr, false).is_object());
  CHECK(fs::is_symlink("/dev/stdout"));
}

// F2: a link stays a link; its target is written (also when it does not exist yet); a
// link into a folder that cannot be written is an error that leaves the link as it was.
TEST_CASE("output safety: -o a symbolic link writes its target and keeps the link", "[cli][safety]") {
  test::TempDir dir;
  test::write_file(dir / "target.json", "old");
  fs::create_symlink("target.json", dir / "link.json");
  auto r = run_resconv({"convert", example, "-o", (dir / "link.json").string()});
  CHECK(r.exit_code == 0);
  CHECK(fs::is_symlink(dir / "link.json"));
  CHECK(fs::read_symlink(dir / "link.json") == "target.json");
  CHECK(nlohmann::json::parse(test::read_file(dir / "target.json"), nullptr, false).is_object());

  // Dangling: the target is created where the link points.
  fs::create_directories(dir / "sub");
  fs::create_symlink("sub/new.json", dir / "dangling.json");
  auto d = run_resconv({"convert", example, "-o", (dir / "dangling.json").string()});
  CHECK(d.exit_code == 0);
  CHECK(fs::is_symlink(dir / "dangling.json"));
  CHECK(fs::is_regular_file(dir / "sub" / "new.json"));

  // A chain of links.
  fs::create_symlink("link.json", dir / "chain.json");
  CHECK(run_resconv({"convert", example, "--to", "text", "-o", (dir / "chain.json").string()}).exit_code ==
        0);
  CHECK(fs::is_symlink(dir / "chain.json"));
  CHECK(fs::is_symlink(dir / "link.json"));
  CHECK(test::read_file(dir / "target.json").find("General Assembly") != std::string::npos);

  // Into a folder that cannot be written (/proc takes no new files, even for root).
  fs::create_symlink("/proc/resconv-test-out.json", dir / "ro.json");
  auto ro = run_resconv({"convert", example, "-o", (dir / "ro.json").string()});
  CHECK(ro.exit_code == 4);
  CHECK(ro.err.find("[io.write]") != std::string::npos);
  CHECK(fs::is_symlink(dir / "ro.json"));
  CHECK(fs::read_symlink(dir / "ro.json") == "/proc/resconv-test-out.json");
}

// A directory as -o is a usage error before any work.
TEST_CASE("output safety: -o a folder is a clear error", "[cli][safety]") {
  test::TempDir dir;
  fs::create_directories(dir / "folder.json");
  auto r = run_resconv({"convert", example, "-o", (dir / "folder.json").string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("-o names a folder") != std::string::npos);
  CHECK(fs::is_directory(dir / "folder.json"));
  CHECK(fs::is_empty(dir / "folder.json"));
}

// F10: replacing an output keeps its permission bits.
TEST_CASE("output safety: a replaced output keeps its mode", "[cli][safety]") {
  test::TempDir dir;
  fs::path out = dir / "priv.json";
  test::write_file(out, "secret");
  fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write);
  REQUIRE(run_resconv({"convert", example, "-o", out.string()}).exit_code == 0);
  CHECK((mode_of(out) & 07777) == 0600);
  CHECK(test::read_file(out).find("\"resconv\"") != std::string::npos);
}

// F4: two inputs that would write one output are a usage error before any work.
TEST_CASE("output safety: two inputs writing the same output are refused before any work", "[cli][safety]") {
  test::TempDir dir;
  fs::create_directories(dir / "a");
  fs::create_directories(dir / "b");
  fs::copy_file(example, dir / "a" / "r.txt");
  fs::copy_file(example, dir / "b" / "r.txt");
  auto same_name = run_resconv({"convert", (dir / "a" / "r.txt").string(), (dir / "b" / "r.txt").string(),
                                "-O", (dir / "out").string(), "--to", "json"});
  CHECK(same_name.exit_code == 2);
  CHECK(same_name.err.find("would both write") != std::string::npos);
  CHECK(!fs::exists(dir / "out"));

  fs::copy_file(example, dir / "a" / "r.text");
  auto same_stem = run_resconv({"convert", (dir / "a" / "r.txt").string(), (dir / "a" / "r.text").string(),
                                "--from", "text", "-O", (dir / "out").string(), "--to", "json"});
  CHECK(same_stem.exit_code == 2);
  CHECK(!fs::exists(dir / "out"));
  // Different stems are fine.
  CHECK(run_resconv({"convert", (dir / "a" / "r.txt").string(), example, "-O", (dir / "out").string(), "--to",
                     "json"})
            .exit_code == 0);
}

// F6: standard input with -o naming the very file it reads is refused.
TEST_CASE("output safety: standard input is never overwritten through -o", "[cli][safety]") {
  test::TempDir dir;
  fs::copy_file(example, dir / "y.txt");
  std::string before = test::read_file(dir / "y.txt");
  std::string command = "'" + std::string(RESCONV_PROGRAM) + "' convert - --from text --to json -o '" +
                        (dir / "y.txt").string() + "' < '" + (dir / "y.txt").string() + "' 2>'" +
                        (dir / "err").string() + "'";
  int status = std::system(command.c_str());
  CHECK(WEXITSTATUS(status) == 2);
  CHECK(test::read_file(dir / "err").find("[convert.overwrite-input]") != std::string::npos);
  CHECK(test::read_file(dir / "y.txt") == before);
}

// F38: several --to are written all or none.
TEST_CASE("output safety: several targets are written all or none", "[cli][safety]") {
  test::TempDir dir;
  fs::create_directories(dir / "out");
  fs::copy_file(example, dir / "out" / "x.txt");
  // The second target (text) would overwrite the input: nothing at all is written.
  auto r = run_resconv({"convert", (dir / "out" / "x.txt").string(), "-O", (dir / "out").string(), "--to",
                        "json", "--to", "text"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("[convert.overwrite-input]") != std::string::npos);
  CHECK(entries(dir / "out") == 1);
  // A target that fails in its export (a bad style file for the PDF) leaves no JSON either.
  auto bad = run_resconv({"convert", example, "-O", (dir / "out").string(), "--to", "json", "--to", "pdf",
                          "--option", "style=/nonexistent/style.json"});
  CHECK(bad.exit_code != 0);
  CHECK(entries(dir / "out") == 1);
}

// F7, F8: characters no XML can hold never truncate text or make ill-formed output.
TEST_CASE("output safety: NUL and control characters are replaced, never cut or written raw",
          "[cli][safety]") {
  test::TempDir dir;
  std::string nul = example_json_with_formula(dir, R"("The General\u0000 Assembly\u0001\u000b\u001f,")");
  for (const char* ext : {"xml", "docx", "pdf", "txt", "json"}) {
    INFO(ext);
    fs::path out = dir / (std::string("nul.") + ext);
    auto r = run_resconv({"convert", nul, "-o", out.string()});
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("[model.unsafe-character]") != std::string::npos);
    CHECK(r.err.find("4 characters") != std::string::npos);
    // resconv reads its own output back, and the words after the NUL are there.
    auto back = run_resconv({"convert", out.string(), "--to", "text"});
    CHECK(back.exit_code == 0);
    CHECK(back.out.find("Assembly") != std::string::npos);
    CHECK(back.out.find('\0') == std::string::npos);
  }
  // U+FFFE from a UTF-8 text file.
  std::string text = test::read_file(example);
  auto at = text.find("The General Assembly,");
  REQUIRE(at != std::string::npos);
  text.replace(at, 21, "The General\xEF\xBF\xBE Assembly,");
  test::write_file(dir / "nonchar.txt", text);
  auto r = run_resconv({"convert", (dir / "nonchar.txt").string(), "-o", (dir / "nonchar.xml").string()});
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("[model.unsafe-character]") != std::string::npos);
  CHECK(run_resconv({"validate", (dir / "nonchar.xml").string()}).exit_code == 0);
  CHECK(test::read_file(dir / "nonchar.xml").find("\xEF\xBF\xBE") == std::string::npos);
}

// F21, F33: a full disk is io.write, and the file is named once.
TEST_CASE("output safety: a full disk is io.write naming the file once", "[cli][safety]") {
  if (!fs::exists("/dev/full")) {
    WARN("no /dev/full here");
    return;
  }
  auto r = run_resconv({"convert", example, "--to", "json", "-o", "/dev/full"});
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("[io.write]") != std::string::npos);
  CHECK(r.err.find("No space left on device") != std::string::npos);
  CHECK(r.err.find("/dev/full: error: /dev/full") == std::string::npos);
  CHECK(S_ISCHR(mode_of("/dev/full")));

  auto big = run_resconv({"--max-input-size", "1K", "convert", example, "--to", "json"});
  CHECK(big.exit_code == 3);
  auto first = big.err.find(example);
  REQUIRE(first != std::string::npos);
  CHECK(big.err.find(example, first + 1) == std::string::npos);
}

// F17, F32: validate has the time limit, and input.timeout says which phase ran out.
TEST_CASE("time limit: validate stops too, and the message names the phase", "[cli][safety]") {
  const std::string hang = std::string(RESCONV_SOURCE_DIR) + "/tests/fuzz/hang/pdf-poppler-hang.pdf";
  auto convert = run_resconv({"convert", hang, "--to", "json", "--timeout", "1"});
  CHECK(convert.exit_code == 3);
  CHECK(convert.err.find("importing the input took too long") != std::string::npos);
  // validate: an AKN the validator is slow on is hard to build cheaply, so the limit is
  // shown with a very small budget on a PDF validate cannot check at all and on a large AKN.
  test::TempDir dir;
  std::string akn;
  {
    auto r = run_resconv({"convert", example, "--to", "akn"});
    REQUIRE(r.exit_code == 0);
    akn = r.out;
  }
  // 20,000 copies of the preamble make a file validate needs well over 1 ms for.
  auto at = akn.find("</preamble>");
  REQUIRE(at != std::string::npos);
  std::string filler;
  for (int i = 0; i < 20000; ++i)
    filler += "<p>Recalling its earlier resolutions on the matter,</p>";
  test::write_file(dir / "big.xml", akn.substr(0, at) + filler + akn.substr(at));
  auto v = run_resconv({"validate", (dir / "big.xml").string(), "--timeout", "0.001"});
  CHECK(v.exit_code == 3);
  CHECK(v.err.find("[input.timeout]") != std::string::npos);
  CHECK(v.err.find("took too long") != std::string::npos);
  CHECK(run_resconv({"validate", "--help"}).out.find("--timeout") != std::string::npos);
}
