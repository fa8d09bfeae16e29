// The command line as people type it (issue 16, items 1, 3 and 4): usage mistakes stop
// before any work, repeatable options take one value each, unknown commands get a
// suggestion, binary output is refused on a terminal.
#include "run_program.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace resconv;
using test::run_resconv;
namespace fs = std::filesystem;

namespace {

const std::string example = std::string(RESCONV_SOURCE_DIR) + "/examples/A_RES_99_101.txt";

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

struct TerminalResult {
  int exit_code = -1;
  std::string screen; ///< Everything the program wrote to the terminal (stdout and stderr).
};

// Runs resconv with its standard output and error on a new pseudo-terminal of `columns`
// columns, as a user at a terminal would; standard input is /dev/null.
TerminalResult run_on_terminal(const std::vector<std::string>& args, unsigned short columns = 80) {
  struct winsize size {};
  size.ws_col = columns;
  size.ws_row = 24;
  int master = -1;
  pid_t pid = ::forkpty(&master, nullptr, nullptr, &size);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int null_fd = ::open("/dev/null", O_RDONLY);
    ::dup2(null_fd, STDIN_FILENO);
    std::vector<std::string> argv_s{RESCONV_PROGRAM};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_s)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  TerminalResult result;
  char buffer[4096];
  // The program ends in well under a minute; a read that blocks longer is a hang.
  constexpr int poll_limit_ms = 60000;
  for (;;) {
    struct pollfd p {
      master, POLLIN, 0
    };
    if (::poll(&p, 1, poll_limit_ms) <= 0)
      break;
    ssize_t n = ::read(master, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) // EIO once the program has closed its side
      break;
    result.screen.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(master);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

} // namespace

TEST_CASE("an unknown command is named, with the nearest command", "[cli][usage]") {
  auto r = run_resconv({"convrt", example});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown command 'convrt'; did you mean 'convert'?") != std::string::npos);
  auto far = run_resconv({"--quiet", "xyzzyplugh"});
  CHECK(far.exit_code == 2);
  CHECK(far.err.find("unknown command 'xyzzyplugh'") != std::string::npos);
  CHECK(far.err.find("did you mean") == std::string::npos);
  // A global option's value is not taken for the command.
  auto valued = run_resconv({"--diagnostics", "json", "formats"});
  CHECK(valued.exit_code == 0);
  // With --diagnostics json, the error is a JSON line too.
  auto as_json = run_resconv({"--diagnostics", "json", "convrt"});
  CHECK(as_json.exit_code == 2);
  CHECK(as_json.err.rfind("{\"severity\":\"error\",\"code\":\"cli.unknown-command\"", 0) == 0);
  // The hidden worker command is never suggested.
  auto hidden = run_resconv({"workr"});
  CHECK(hidden.err.find("'worker'") == std::string::npos);
}

TEST_CASE("usage lines name resconv, and a command's help lists the global options", "[cli][usage]") {
  auto r = run_resconv({"convert", "--help"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Usage: resconv convert") != std::string::npos);
  CHECK(r.out.find("Global options") != std::string::npos);
  CHECK(r.out.find("--plugin-dir") != std::string::npos);
  CHECK(r.out.find("--fail-if-warnings") != std::string::npos);
  auto top = run_resconv({"--help"});
  CHECK(top.out.find("Usage: resconv ") != std::string::npos);
  CHECK(top.out.find(RESCONV_PROGRAM) == std::string::npos);
}

TEST_CASE("--option and --plugin-dir before the input take one value each", "[cli][usage]") {
  test::TempDir dir;
  auto r = run_resconv({"convert", "--option", "json.indent=4", example, "-o", (dir / "a.json").string()});
  CHECK(r.exit_code == 0);
  CHECK(test::read_file(dir / "a.json").find("\n    \"") != std::string::npos); // indent 4
  auto two = run_resconv({"convert", "--option", "json.indent=1", "--option", "text.language=en", example,
                          "-o", (dir / "b.json").string()});
  CHECK(two.exit_code == 0);
  CHECK(test::read_file(dir / "b.json").find("\n \"resconv\"") != std::string::npos);
  auto plugin_dir = run_resconv({"--plugin-dir", dir.path().string(), "convert", "--to", "json", "-o",
                                 (dir / "c.json").string(), example});
  CHECK(plugin_dir.exit_code == 0);
  CHECK(fs::exists(dir / "c.json"));
}

TEST_CASE("usage mistakes stop before any input is read", "[cli][usage]") {
  test::TempDir dir;
  for (const char* name : {"a.txt", "b.txt", "c.txt"})
    fs::copy_file(example, dir / name);
  auto out = dir / "out";
  std::vector<std::string> three{(dir / "a.txt").string(), (dir / "b.txt").string(),
                                 (dir / "c.txt").string()};
  auto with = [&](std::vector<std::string> args) {
    args.insert(args.begin() + 1, three.begin(), three.end());
    return run_resconv(args);
  };
  SECTION("an unknown option: one error, not one per input") {
    auto r = with({"convert", "-O", out.string(), "--to", "json", "--option", "colour=red"});
    CHECK(r.exit_code == 2);
    CHECK(test::count_of(r.err, "[convert.option]") == 1);
    CHECK(r.err.find("unknown option 'colour'") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  }
  SECTION("a bad value") {
    auto r = with({"convert", "-O", out.string(), "--to", "json", "--option", "json.indent=wide"});
    CHECK(r.exit_code == 2);
    CHECK(test::count_of(r.err, "[convert.option]") == 1);
    CHECK(r.err.find("json:") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  }
  SECTION("a format the command does not use") {
    // With --from text, no input is read as DOCX (with detection, any input might be).
    auto r = with(
        {"convert", "-O", out.string(), "--from", "text", "--to", "json", "--option", "docx.language=fr"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("names format 'docx'") != std::string::npos);
  }
  SECTION("an unknown --to") {
    auto r = with({"convert", "-O", out.string(), "--to", "jsn"});
    CHECK(r.exit_code == 2);
    CHECK(test::count_of(r.err, "no format 'jsn'") == 1);
  }
  SECTION("-o with -O") {
    auto r = run_resconv({"convert", example, "-o", (dir / "x.json").string(), "-O", out.string()});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("contradict") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "x.json"));
  }
}

TEST_CASE("an option qualified with a format applies to that format only", "[cli][usage]") {
  test::TempDir dir;
  auto r = run_resconv({"convert", example, "-O", dir.path().string(), "--to", "json", "--to", "akn",
                        "--option", "akn.check=true"});
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(dir / "A_RES_99_101.json"));
  CHECK(fs::exists(dir / "A_RES_99_101.xml"));
  // Misspelt, it is refused before anything is written.
  test::TempDir empty;
  auto bad = run_resconv({"convert", example, "-O", empty.path().string(), "--to", "json", "--to", "akn",
                          "--option", "akn.chek=true"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("unknown option 'akn.chek'") != std::string::npos);
  CHECK(entries(empty.path()) == 0);
}

TEST_CASE("with several inputs, an option for one input format is skipped for the others", "[cli][usage]") {
  test::TempDir dir;
  fs::copy_file(example, dir / "a.txt");
  auto json = run_resconv({"convert", example, "--to", "json"});
  REQUIRE(json.exit_code == 0);
  test::write_file(dir / "b.json", json.out);
  auto out = dir / "out";
  auto r = run_resconv({"-v", "convert", (dir / "a.txt").string(), (dir / "b.json").string(), "-O",
                        out.string(), "--to", "akn", "--option", "text.language=en"});
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(out / "a.xml"));
  CHECK(fs::exists(out / "b.xml"));
  CHECK(r.err.find("b.json: note: option 'text.language=en' does not apply to a json input") !=
        std::string::npos);
  // With one input its format is known: the option is checked exactly.
  auto one = run_resconv({"convert", (dir / "b.json").string(), "--to", "akn", "--option", "language=en"});
  CHECK(one.exit_code == 2);
  CHECK(one.err.find("unknown option 'language'") != std::string::npos);
}

TEST_CASE("--fail-if-warnings exits 7 when something warned", "[cli][usage]") {
  const std::string guessed = "Just some words.\n"; // no formula: text.no-formula warns
  auto plain = run_resconv({"convert", "-", "--from", "text", "--to", "json"}, guessed);
  CHECK(plain.exit_code == 0);
  CHECK(plain.err.find("[text.no-formula]") != std::string::npos);
  auto strict =
      run_resconv({"--fail-if-warnings", "convert", "-", "--from", "text", "--to", "json"}, guessed);
  CHECK(strict.exit_code == 7);
  auto quiet =
      run_resconv({"-q", "--fail-if-warnings", "convert", "-", "--from", "text", "--to", "json"}, guessed);
  CHECK(quiet.exit_code == 7); // hidden warnings count too
  CHECK(quiet.err.empty());
  auto clean = run_resconv({"--fail-if-warnings", "convert", example, "--to", "json"});
  CHECK(clean.exit_code == 0);
}

TEST_CASE("binary output is refused on a terminal, forced with -o -", "[cli][terminal]") {
  test::TempDir dir;
  auto docx = run_resconv({"convert", example, "-o", (dir / "r.docx").string()});
  REQUIRE(docx.exit_code == 0);
  for (const char* format : {"pdf", "docx"}) {
    CAPTURE(format);
    auto refused = run_on_terminal({"convert", example, "--to", format});
    CHECK(refused.exit_code == 4);
    CHECK(refused.screen.find("refusing to write " + std::string(format) + " (binary) to a terminal") !=
          std::string::npos);
    CHECK(refused.screen.find("-o -") != std::string::npos);
    CHECK(refused.screen.find("%PDF") == std::string::npos);
    CHECK(refused.screen.find("PK") == std::string::npos);
  }
  auto forced = run_on_terminal({"convert", example, "--to", "pdf", "-o", "-"});
  CHECK(forced.exit_code == 0);
  CHECK(forced.screen.find("%PDF-") != std::string::npos);
  // Text formats go to the terminal as before; a pipe takes binary output as before.
  auto text = run_on_terminal({"convert", example, "--to", "json"});
  CHECK(text.exit_code == 0);
  CHECK(text.screen.find("\"resconv\"") != std::string::npos);
  auto piped = run_resconv({"convert", example, "--to", "pdf"});
  CHECK(piped.exit_code == 0);
  CHECK(piped.out.rfind("%PDF-", 0) == 0);
}
