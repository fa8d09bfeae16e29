// Shell completion, the man page and --version (issue 16, item 7): the scripts are loaded in
// the real shells and asked to complete; the man page is rendered by man-db.
#include "run_program.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <sstream>
#include <sys/wait.h>

using namespace resconv;
using test::run_resconv;
namespace fs = std::filesystem;

namespace {

const fs::path program_dir = fs::path(RESCONV_PROGRAM).parent_path();
// The build writes the man page beside the program, as it is installed: <prefix>/share/man.
const fs::path man_page = program_dir.parent_path() / "share" / "man" / "man1" / "resconv.1";

struct ShellResult {
  int exit_code = -1;
  std::string out; ///< Standard output and error together.
};

// Runs `command` with sh, the program's folder first in PATH (the scripts call `resconv`).
ShellResult run_shell(const std::string& command) {
  std::string line =
      "PATH='" + program_dir.string() + "':\"$PATH\" RESCONV_PLUGIN_PATH= " + command + " 2>&1";
  ShellResult result;
  FILE* pipe = ::popen(line.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    result.out.append(buffer, n);
  int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

bool have(const std::string& tool) {
  return run_shell("command -v " + tool + " >/dev/null").exit_code == 0;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty())
      lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return lines;
}

// The script of `shell`, written to a file of `dir`.
fs::path script(const test::TempDir& dir, const std::string& shell) {
  auto r = run_resconv({"completion", shell});
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.err.empty());
  fs::path file = dir / ("resconv." + shell);
  test::write_file(file, r.out);
  return file;
}

// What bash offers for the command line `words` (the last one is the word being
// completed, "" after a space), sorted: the completion function run as bash runs it.
std::vector<std::string> bash_complete(const fs::path& script_file, const std::vector<std::string>& words) {
  std::string array;
  for (const auto& w : words)
    array += " '" + w + "'";
  std::string code = "source '" + script_file.string() + "'; COMP_WORDS=(" + array +
                     "); COMP_CWORD=" + std::to_string(words.size() - 1) +
                     "; _resconv; printf '%s\\n' \"${COMPREPLY[@]}\"";
  auto r = run_shell("bash --norc --noprofile -c \"$(cat <<'EOF'\n" + code + "\nEOF\n)\"");
  REQUIRE(r.exit_code == 0);
  return lines_of(r.out);
}

using Words = std::vector<std::string>;

} // namespace

TEST_CASE("bash completion completes commands, formats and options", "[cli][completion]") {
  test::TempDir dir;
  fs::path file = script(dir, "bash");
  CHECK(bash_complete(file, {"resconv", "con"}) == Words{"convert"});
  CHECK(bash_complete(file, {"resconv", "va"}) == Words{"validate"});
  // Every visible command, and neither hidden one (worker, manpage).
  CHECK(bash_complete(file, {"resconv", ""}) ==
        Words{"batch", "completion", "convert", "formats", "identify", "inspect", "plugins", "validate"});
  // The same after a global option and its value.
  CHECK(bash_complete(file, {"resconv", "--diagnostics", "json", "con"}) == Words{"convert"});
  // Formats, asked of the program: markdown exports only.
  CHECK(bash_complete(file, {"resconv", "convert", "--to", ""}) ==
        Words{"akn", "docx", "json", "markdown", "pdf", "text"});
  CHECK(bash_complete(file, {"resconv", "convert", "-t", "a"}) == Words{"akn"});
  CHECK(bash_complete(file, {"resconv", "batch", "--to", "=", "j"}) == Words{"json"});
  CHECK(bash_complete(file, {"resconv", "inspect", "--from", ""}) ==
        Words{"akn", "docx", "json", "pdf", "text"});
  // Options of the command, then the global ones.
  CHECK(bash_complete(file, {"resconv", "convert", "--o"}) == Words{"--option", "--output", "--output-dir"});
  CHECK(bash_complete(file, {"resconv", "batch", "--sh"}) == Words{"--shard"});
  CHECK(bash_complete(file, {"resconv", "convert", "--pl"}) == Words{"--plugin-dir"});
  CHECK(bash_complete(file, {"resconv", "--v"}) == Words{"--verbose", "--version"});
  // Choices of an IsMember check.
  CHECK(bash_complete(file, {"resconv", "--diagnostics", ""}) == Words{"json", "text"});
  CHECK(bash_complete(file, {"resconv", "completion", ""}) == Words{"bash", "fish", "zsh"});
  // Files for an input.
  fs::create_directories(dir / "in");
  test::write_file(dir / "in" / "res.txt", "x");
  CHECK(bash_complete(file, {"resconv", "convert", (dir / "in" / "r").string()}) ==
        Words{(dir / "in" / "res.txt").string()});
  // `formats ID` offers every format id; a command that takes no argument offers nothing.
  CHECK(bash_complete(file, {"resconv", "formats", "j"}) == Words{"json"});
  CHECK(bash_complete(file, {"resconv", "plugins", ""}).empty());
}

TEST_CASE("the format ids come from the plugins found, with the --plugin-dir on the line",
          "[cli][completion]") {
  test::TempDir dir;
  auto r = run_resconv({"completion", "--list-formats", "export"});
  REQUIRE(r.exit_code == 0);
  CHECK(lines_of(r.out) == Words{"akn", "docx", "json", "markdown", "pdf", "text"});
  // A folder holding one descriptor: its format is offered too, first in the search path.
  fs::path plugins = dir / "plugins";
  fs::create_directories(plugins);
  test::write_file(plugins / "zz.format.json",
                   R"({"id": "zz", "name": "Test format", "extensions": ["zz"], "mime_type": "text/plain",)"
                   R"( "magic": [], "capabilities": {"import": false, "export": true}})");
  r = run_resconv({"--plugin-dir", plugins.string(), "completion", "--list-formats", "export"});
  REQUIRE(r.exit_code == 0);
  bool listed = false;
  for (const auto& id : lines_of(r.out))
    listed = listed || id == "zz";
  if (!listed)
    WARN("the registry refused the hand-made descriptor: " << r.err);
  else
    CHECK(bash_complete(script(dir, "bash"), {"resconv", "--plugin-dir", plugins.string(), "convert", "--to",
                                              "z"}) == Words{"zz"});
}

TEST_CASE("completion without a known shell is a usage error", "[cli][completion]") {
  auto r = run_resconv({"completion"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("bash, zsh or fish") != std::string::npos);
  r = run_resconv({"completion", "tcsh"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
}

TEST_CASE("the zsh and fish scripts parse, and fish completes commands and formats", "[cli][completion]") {
  test::TempDir dir;
  REQUIRE(have("zsh"));  // scripts/setup.sh installs it
  REQUIRE(have("fish")); // idem
  fs::path zsh = script(dir, "zsh");
  CHECK(run_shell("zsh -n '" + zsh.string() + "'").exit_code == 0);
  fs::path fish = script(dir, "fish");
  auto parsed = run_shell("fish --no-execute '" + fish.string() + "'");
  CHECK(parsed.out.empty());
  CHECK(parsed.exit_code == 0);
  auto complete = [&](const std::string& line) {
    auto r = run_shell("fish --no-config -c \"source '" + fish.string() + "'; complete -C '" + line + "'\"");
    REQUIRE(r.exit_code == 0);
    std::vector<std::string> words;
    for (const auto& l : lines_of(r.out))
      words.push_back(l.substr(0, l.find('\t')));
    return words;
  };
  CHECK(complete("resconv con") == Words{"convert"});
  CHECK(complete("resconv convert --to ") == Words{"akn", "docx", "json", "markdown", "pdf", "text"});
  CHECK(complete("resconv convert --outp") == Words{"--output", "--output-dir"});
  CHECK(complete("resconv --diagnostics ") == Words{"json", "text"});
  auto commands = complete("resconv ");
  CHECK(std::find(commands.begin(), commands.end(), "worker") == commands.end());
  CHECK(std::find(commands.begin(), commands.end(), "batch") != commands.end());
}

TEST_CASE("zsh completes commands, formats and choices when driven through zpty", "[cli][completion]") {
  REQUIRE(have("zsh"));
  test::TempDir dir;
  fs::path zsh = script(dir, "zsh");
  // A zsh under a pseudo-terminal (zpty) with the completion system loaded, the script
  // sourced and a line typed with a TAB: the line it then shows is what completion made.
  auto type = [&](const std::string& line) {
    std::string driver = R"(zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PS1='> '; autoload -Uz compinit; compinit -u -D; source )" +
                         zsh.string() + R"(; print READY"
zpty -r -m z chunk '*READY*'
zpty -r -m z chunk '*> *'
zpty -w -n z $')" + line +
                         R"(\t'
sleep 1
out=
while zpty -r -t z chunk; do out+=$chunk; done
zpty -d z
print -r -- $out
)";
    fs::path driver_file = dir / "driver.zsh";
    test::write_file(driver_file, driver);
    return run_shell("HOME='" + dir.path().string() + "' timeout 20 zsh -f '" + driver_file.string() + "'")
        .out;
  };
  CHECK(type("resconv con").find("resconv convert") != std::string::npos);
  CHECK(type("resconv convert --to j").find("resconv convert --to json") != std::string::npos);
  CHECK(type("resconv --diagnostics js").find("resconv --diagnostics json") != std::string::npos);
}

TEST_CASE("the man page renders with every command, the exit codes and no roff warnings", "[cli][manpage]") {
  REQUIRE(fs::exists(man_page)); // written by the build (target resconv_man_page)
  REQUIRE(have("man"));
  std::string page = test::read_file(man_page);
  // The page the build wrote is the program's current definition.
  auto generated = run_resconv({"manpage"});
  REQUIRE(generated.exit_code == 0);
  CHECK(generated.out == page);
  // Every control line is one of the macros the generator writes: text that began with a
  // '.' or a quote was escaped.
  std::istringstream in(page);
  std::regex control(R"(^\.(TH|SH|SS|TP|PP|br|nh|\\").*)");
  for (std::string line; std::getline(in, line);) {
    CHECK(line.rfind('\'', 0) != 0);
    if (!line.empty() && line[0] == '.' && !std::regex_match(line, control))
      FAIL_CHECK("a control line the generator does not write: " << line);
  }
  CHECK(page.find("\\fB\\-\\-plugin\\-dir\\fR") != std::string::npos);

  // man --warnings prints groff's complaints (a bad escape, an unknown macro) on stderr.
  auto warnings = run_shell("LC_ALL=C man --warnings -l '" + man_page.string() + "' 2>&1 >/dev/null");
  CHECK(warnings.exit_code == 0);
  CHECK(warnings.out.empty());
  auto rendered = run_shell("LC_ALL=C MANWIDTH=100 man -l '" + man_page.string() + "' | col -b");
  REQUIRE(rendered.exit_code == 0);
  for (const char* section : {"NAME", "SYNOPSIS", "DESCRIPTION", "GLOBAL OPTIONS", "COMMANDS", "EXIT STATUS",
                              "ENVIRONMENT", "FILES", "SEE ALSO"})
    CHECK(rendered.out.find(std::string("\n") + section + "\n") != std::string::npos);
  for (const char* command :
       {"convert", "formats", "plugins", "identify", "inspect", "validate", "batch", "completion"})
    CHECK(rendered.out.find(std::string("resconv ") + command + " [options]") != std::string::npos);
  CHECK(rendered.out.find("worker") == std::string::npos);
  CHECK(rendered.out.find("--plugin-dir DIR") != std::string::npos);
  CHECK(rendered.out.find("--to FORMAT") != std::string::npos);
  CHECK(rendered.out.find("RESCONV_PLUGIN_PATH") != std::string::npos);
  for (int code = 0; code <= 7; ++code)
    CHECK(rendered.out.find("\n       " + std::to_string(code) + "      ") != std::string::npos);
}

TEST_CASE("--version names the SDK, the plugin ABI and each library with its version", "[cli][version]") {
  auto r = run_resconv({"--version"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("resconv 0.2.0\n", 0) == 0);
  CHECK(r.out.find("SDK 0.2.0, plugin ABI 2 (libstdc++/cxx11)") != std::string::npos);
  for (const char* library : {"Poppler", "libxml2", "Cairo", "Pango"})
    CHECK(std::regex_search(r.out,
                            std::regex(std::string("\n  ") + library + R"( [0-9]+\.[0-9]+\.[0-9]+ \(lib)")));
}
