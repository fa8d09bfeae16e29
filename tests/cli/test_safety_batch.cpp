// test_safety_batch: `resconv batch` and data safety (issue 15, part 2). One test case per
// finding, named after what it checks, the finding's number in a comment. The cases that
// need a private mount namespace (a full /tmp, a full disk) need root; CI runs as root.
// Elsewhere they say "SKIPPED" and check nothing (tag [root]).
#include "run_program.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <functional>
#include <sched.h>
#include <set>
#include <sstream>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using resconv::test::run_resconv;
namespace fs = std::filesystem;
namespace test = resconv::test;

namespace {

const std::string example = std::string(RESCONV_SOURCE_DIR) + "/examples/A_RES_99_101.txt";

std::vector<nlohmann::json> manifest_lines(const fs::path& path) {
  std::vector<nlohmann::json> out;
  std::istringstream in(test::read_file(path));
  for (std::string line; std::getline(in, line);)
    out.push_back(nlohmann::json::parse(line));
  return out;
}

std::size_t count_files(const fs::path& dir) {
  std::size_t n = 0;
  if (fs::exists(dir))
    for (const auto& e : fs::recursive_directory_iterator(dir))
      n += e.is_regular_file();
  return n;
}

// Runs `body` in a child process inside a private mount namespace (its mounts vanish with
// it) and returns its exit status; 77 when the namespace cannot be made (not root).
int in_private_mount_namespace(const std::function<int()>& body) {
  pid_t pid = ::fork();
  if (pid == 0) {
    if (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
      ::_exit(77);
    int rc = 1;
    try {
      rc = body();
    } catch (...) {
    }
    ::_exit(rc);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool can_use_namespaces() {
  return ::geteuid() == 0 && in_private_mount_namespace([] { return 0; }) == 0;
}

// The current folder, changed for one test and restored.
struct WorkingFolder {
  fs::path old = fs::current_path();
  explicit WorkingFolder(const fs::path& p) { fs::current_path(p); }
  ~WorkingFolder() { fs::current_path(old); }
};

std::string hex(const std::string& bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 0xF];
  }
  return out;
}

} // namespace

// F1: /tmp out of inodes. Before: mkdtemp failed, the batch fell back to "/tmp" itself,
// converted, and remove_all'ed /tmp at the end: exit 0 and every other file in /tmp gone.
TEST_CASE("batch: a /tmp without room is an error before any work and nothing in it is removed (F1)",
          "[cli][batch][safety][root]") {
  if (!can_use_namespaces()) {
    WARN("SKIPPED: needs root and a private mount namespace (CI runs as root)");
    return;
  }
  if (std::string(RESCONV_PROGRAM).rfind("/tmp/", 0) == 0) {
    WARN("SKIPPED: the program is under /tmp, which this test covers");
    return;
  }
  test::TempDir dir;
  fs::create_directories(dir / "in");
  for (int i = 0; i < 3; ++i)
    fs::copy_file(example, dir / "in" / ("r" + std::to_string(i) + ".txt"));
  int rc = in_private_mount_namespace([&] {
    // The test's folder may be under /tmp: reach it through a descriptor opened before
    // the tmpfs covers /tmp (inherited by resconv and its workers as /proc/self/fd/N).
    int keep = ::open(dir.path().c_str(), O_RDONLY | O_DIRECTORY);
    int err = ::open((dir / "stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (keep < 0 || err < 0 || ::mount("tmpfs", "/tmp", "tmpfs", 0, "size=1m,nr_inodes=16") != 0)
      return 77;
    int markers = 0;
    for (;; ++markers) {
      int fd =
          ::open(("/tmp/important-" + std::to_string(markers)).c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
      if (fd < 0)
        break;
      std::string text = "someone's work " + std::to_string(markers);
      bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
      ::close(fd);
      if (!ok)
        return 1;
    }
    std::string at = "/proc/self/fd/" + std::to_string(keep);
    std::vector<std::string> args = {RESCONV_PROGRAM, "batch", at + "/in", "-O",         at + "/out",
                                     "--to",          "json",  "-j1",      "--manifest", at + "/m.jsonl"};
    pid_t pid = ::fork();
    if (pid == 0) {
      ::dup2(err, 2);
      ::unsetenv("TMPDIR");
      std::vector<char*> argv;
      for (auto& a : args)
        argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    int intact = 0, entries = 0;
    for (int i = 0; i < markers; ++i)
      intact +=
          test::read_file("/tmp/important-" + std::to_string(i)) == "someone's work " + std::to_string(i);
    for ([[maybe_unused]] const auto& e : fs::directory_iterator("/tmp"))
      ++entries;
    std::string report = std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : 128) + " " +
                         std::to_string(markers) + " " + std::to_string(intact) + " " +
                         std::to_string(entries);
    int out = ::openat(keep, "result", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    bool ok = out >= 0 && ::write(out, report.data(), report.size()) == static_cast<ssize_t>(report.size());
    ::close(out);
    return ok ? 0 : 1;
  });
  if (rc == 77) {
    WARN("SKIPPED: cannot mount a tmpfs in a private mount namespace");
    return;
  }
  REQUIRE(rc == 0);
  std::istringstream result(test::read_file(dir / "result"));
  int code = -1, markers = 0, intact = 0, entries = 0;
  result >> code >> markers >> intact >> entries;
  std::string err = test::read_file(dir / "stderr");
  INFO(err);
  CHECK(markers > 5);
  CHECK(code == 4);
  CHECK(intact == markers);
  CHECK(entries == markers); // Nothing added, nothing removed.
  CHECK(err.find("cannot make a scratch folder in /tmp: No space left on device") != std::string::npos);
  CHECK(err.find("[batch.scratch]") != std::string::npos);
  CHECK(count_files(dir / "out") == 0); // Before any work.
}

// F1: mkdtemp failing is an error, whatever the reason, and $TMPDIR is where the scratch
// folder goes. Before: TMPDIR was ignored and a failed mkdtemp fell back to /tmp (exit 0).
TEST_CASE("batch: a scratch folder that cannot be made stops the run with exit 4 (F1)",
          "[cli][batch][safety]") {
  test::TempDir dir;
  fs::create_directories(dir / "in");
  fs::copy_file(example, dir / "in/r.txt");
  auto r = run_resconv({"batch", (dir / "in").string(), "-O", (dir / "out").string(), "--to", "json"}, "",
                       {"TMPDIR=" + (dir / "no-such-folder").string()});
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("cannot make a scratch folder in " + (dir / "no-such-folder").string() +
                   ": No such file or directory; set TMPDIR to a folder with room [batch.scratch]") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out"));

  // With a usable TMPDIR the scratch folder is made there, and removed at the end.
  fs::create_directories(dir / "tmp");
  auto good = run_resconv({"batch", (dir / "in").string(), "-O", (dir / "out").string(), "--to", "json"}, "",
                          {"TMPDIR=" + (dir / "tmp").string()});
  CHECK(good.exit_code == 0);
  CHECK(fs::exists(dir / "out/r.json"));
  CHECK(fs::is_empty(dir / "tmp"));
}

// F1: the worker creates its diagnostics file; it never writes through a link planted at
// that name, nor into a file already there. Before: std::ofstream(path, trunc) truncated
// the link's target and wrote the diagnostics into it.
TEST_CASE("batch worker: the diagnostics file is never opened through a link (F1)", "[cli][batch][safety]") {
  test::TempDir dir;
  test::write_file(dir / "victim", "precious\n");
  fs::create_symlink(dir / "victim", dir / "0.jsonl");
  test::write_file(dir / "bad.json", "{\"resconv\": 1, \"preamble\": 5}");
  nlohmann::json job = {{"input", hex((dir / "bad.json").string())},
                        {"output_dir", hex((dir / "out").string())},
                        {"to", {"text"}},
                        {"from", ""},
                        {"options", nlohmann::json::array()},
                        {"diagnostics", hex((dir / "0.jsonl").string())}};
  auto r = run_resconv({"worker"}, job.dump() + "\n");
  CHECK(r.exit_code == 0);
  auto reply = nlohmann::json::parse(r.out);
  CHECK(reply["code"] == 3);
  CHECK(reply["diagnostics_error"].get<std::string>().find("cannot create " + (dir / "0.jsonl").string()) !=
        std::string::npos);
  CHECK(test::read_file(dir / "victim") == "precious\n");
  CHECK(fs::is_symlink(dir / "0.jsonl"));
}

// F3: inputs that share a relative path. Before: absolute files and --files-from lists kept
// only the base name, and std::unique dropped all but one: "1 ok", one output, exit 0.
TEST_CASE("batch: files with the same name in different folders are all converted (F3)",
          "[cli][batch][safety]") {
  test::TempDir dir;
  fs::create_directories(dir / "data/d1");
  fs::create_directories(dir / "data/d2/deeper");
  std::string text = test::read_file(example);
  test::write_file(dir / "data/d1/r.txt", text);
  std::string other = text;
  other.replace(other.find("coastal libraries"), 7, "MOUNTAIN");
  test::write_file(dir / "data/d2/r.txt", other);
  test::write_file(dir / "data/d2/deeper/r.txt", text);

  SECTION("absolute file paths mirror their paths under the folder that holds them all") {
    auto manifest = dir / "a.jsonl";
    auto r = run_resconv({"batch", (dir / "data/d1/r.txt").string(), (dir / "data/d2/r.txt").string(),
                          (dir / "data/d2/deeper/r.txt").string(), "-O", (dir / "out").string(), "--to",
                          "json", "-j1", "--manifest", manifest.string()});
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("3 ok") != std::string::npos);
    CHECK(count_files(dir / "out") == 3);
    CHECK(test::read_file(dir / "out/d2/r.json").find("MOUNTAIN") != std::string::npos);
    CHECK(test::read_file(dir / "out/d1/r.json").find("MOUNTAIN") == std::string::npos);
    CHECK(fs::exists(dir / "out/d2/deeper/r.json"));
    CHECK(manifest_lines(manifest).size() == 3);
  }
  SECTION("a --files-from list of absolute paths, as find prints them") {
    std::string list = (dir / "data/d2/r.txt").string() + "\n" + (dir / "data/d1/r.txt").string() + "\n" +
                       (dir / "data/d2/deeper/r.txt").string() + "\n";
    auto r = run_resconv({"batch", "--files-from", "-", "-O", (dir / "out").string(), "--to", "json", "-j1"},
                         list);
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("3 ok") != std::string::npos);
    CHECK(fs::exists(dir / "out/d1/r.json"));
    CHECK(fs::exists(dir / "out/d2/r.json"));
    CHECK(fs::exists(dir / "out/d2/deeper/r.json"));
  }
  SECTION("two folders that hold the same name: a usage error before any work") {
    auto manifest = dir / "c.jsonl";
    auto r = run_resconv({"batch", (dir / "data/d1").string(), (dir / "data/d2").string(), "-O",
                          (dir / "out").string(), "--to", "json", "--manifest", manifest.string()});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("'" + (dir / "data/d1/r.txt").string() + "' and '" + (dir / "data/d2/r.txt").string() +
                     "' would both be written to '" + (dir / "out/r.json").string() + "'") !=
          std::string::npos);
    CHECK(r.err.find("[batch.output-clash]") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "out"));
    CHECK_FALSE(fs::exists(manifest));
  }
}

// F4 (batch): r.txt and r.text in one folder would both become r.json. Before: "2 ok", two
// manifest lines naming out/r.json, one of the two conversions lost.
TEST_CASE("batch: two inputs that would write the same output are a usage error (F4)",
          "[cli][batch][safety]") {
  test::TempDir dir;
  fs::create_directories(dir / "d3");
  fs::copy_file(example, dir / "d3/r.txt");
  fs::copy_file(example, dir / "d3/r.text");
  fs::copy_file(example, dir / "d3/other.txt");
  auto r = run_resconv(
      {"batch", (dir / "d3").string(), "-O", (dir / "out").string(), "--to", "json", "--to", "akn", "-j1"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find((dir / "d3").string() + "/r.txt: error: '" + (dir / "d3/r.text").string() + "' and '" +
                   (dir / "d3/r.txt").string() + "' would both be written to '" +
                   (dir / "out/r.json").string() +
                   "'; leave one out (--exclude), rename one, or convert them in separate runs with "
                   "different -O [batch.output-clash]") != std::string::npos);
  CHECK(r.err.find("other.txt") == std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out"));
  // Leaving one out is the way through.
  auto some = run_resconv({"batch", (dir / "d3").string(), "-O", (dir / "out").string(), "--to", "json",
                           "--exclude", "*.text", "-j1"});
  CHECK(some.exit_code == 0);
  CHECK(count_files(dir / "out") == 2);
}

// F5: `../d1/r.txt` from another folder. Before: written to OUTDIR/../d1/r.json, that is
// beside the input, outside -O.
TEST_CASE("batch: an input given with ../ is written inside -O (F5)", "[cli][batch][safety]") {
  test::TempDir dir;
  fs::create_directories(dir / "d1");
  fs::create_directories(dir / "w");
  fs::copy_file(example, dir / "d1/r.txt");
  WorkingFolder here(dir / "w");
  auto r = run_resconv({"batch", "../d1/r.txt", "-O", "out-e", "--to", "json", "-j1"});
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(dir / "w/out-e/r.json"));
  CHECK(count_files(dir / "w") == 1);
  CHECK_FALSE(fs::exists(dir / "d1/r.json"));
  CHECK(count_files(dir / "d1") == 1);
}

// F9: a manifest that cannot be written. Before: the writes went unchecked: exit 0 and
// "1 ok" with nothing in the manifest.
TEST_CASE("batch: a manifest write that fails is an error, not a success (F9)", "[cli][batch][safety]") {
  test::TempDir dir;
  fs::create_directories(dir / "in");
  fs::copy_file(example, dir / "in/r.txt");
  auto r = run_resconv({"batch", (dir / "in").string(), "-O", (dir / "out").string(), "--to", "json",
                        "--manifest", "/dev/full"});
  CHECK(r.exit_code == 4);
  CHECK(r.err.find(
            "/dev/full: error: cannot write the manifest: No space left on device; it records the first 0 "
            "lines of this run only, and no new file is started [io.write]") != std::string::npos);
  CHECK(r.err.find("the manifest is incomplete") != std::string::npos);
}

// F9: a manifest line cut by an earlier run's end (a full disk, a kill). Before: --resume
// appended the next line to the cut one, so that input's record was lost as well.
TEST_CASE("batch: --resume after a cut manifest line starts a new line (F9)", "[cli][batch][safety]") {
  test::TempDir dir;
  fs::create_directories(dir / "in");
  fs::copy_file(example, dir / "in/r.txt");
  auto manifest = dir / "m.jsonl";
  test::write_file(manifest, "{\"input\": \"gone.txt\", \"sta");
  auto r = run_resconv({"batch", (dir / "in").string(), "-O", (dir / "out").string(), "--to", "json",
                        "--manifest", manifest.string(), "--resume"});
  CHECK(r.exit_code == 0);
  std::istringstream in(test::read_file(manifest));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "{\"input\": \"gone.txt\", \"sta");
  auto entry = nlohmann::json::parse(lines[1]);
  CHECK(entry["input"] == (dir / "in/r.txt").string());
  CHECK(entry["status"] == "ok");
}

// F9 on a real file system that fills up: the manifest holds whole lines only, the run
// stops and says so. Before: exit 6 or 0, the manifest cut in the middle of a line.
TEST_CASE("batch: a manifest on a full disk holds whole lines and the run fails (F9)",
          "[cli][batch][safety][root]") {
  if (!can_use_namespaces()) {
    WARN("SKIPPED: needs root and a private mount namespace (CI runs as root)");
    return;
  }
  test::TempDir dir;
  fs::create_directories(dir / "in");
  fs::create_directories(dir / "full");
  constexpr int inputs = 60;
  for (int i = 0; i < inputs; ++i)
    fs::copy_file(example, dir / "in" / ("res" + std::to_string(i) + ".txt"));
  int rc = in_private_mount_namespace([&] {
    // 16 KiB of tmpfs, all but 4 KiB of it taken: room for a few manifest lines only.
    if (::mount("tmpfs", (dir / "full").c_str(), "tmpfs", 0, "size=16k") != 0)
      return 77;
    test::write_file(dir / "full/filler", std::string(12 * 1024, 'x'));
    auto r = run_resconv({"batch", (dir / "in").string(), "-O", (dir / "out").string(), "--to", "json", "-j1",
                          "--manifest", (dir / "full/m.jsonl").string()});
    test::write_file(dir / "stderr", r.err);
    test::write_file(dir / "code", std::to_string(r.exit_code));
    test::write_file(dir / "manifest", test::read_file(dir / "full/m.jsonl"));
    return 0;
  });
  if (rc == 77) {
    WARN("SKIPPED: cannot mount a tmpfs in a private mount namespace");
    return;
  }
  REQUIRE(rc == 0);
  std::string err = test::read_file(dir / "stderr");
  INFO(err);
  CHECK(test::read_file(dir / "code") == "4");
  CHECK(err.find("cannot write the manifest: No space left on device") != std::string::npos);
  std::string manifest = test::read_file(dir / "manifest");
  REQUIRE_FALSE(manifest.empty());
  CHECK(manifest.back() == '\n');
  std::size_t lines = 0;
  std::istringstream in(manifest);
  for (std::string line; std::getline(in, line); ++lines)
    CHECK_NOTHROW(nlohmann::json::parse(line)); // Whole lines only.
  CHECK(lines > 0);
  CHECK(lines < static_cast<std::size_t>(inputs));
  CHECK(err.find("it records the first " + std::to_string(lines) + " lines") != std::string::npos);
  CHECK(count_files(dir / "out") < static_cast<std::size_t>(inputs)); // It stopped.
}

// F11: what a killed run leaves. Before: temporary outputs stayed in -O after --resume, and
// every killed run left a /tmp/resconv-batch-XXXXXX folder for good.
TEST_CASE("batch: a new run removes a killed run's temporary files and scratch folder (F11)",
          "[cli][batch][safety]") {
  test::TempDir dir;
  fs::create_directories(dir / "in/sub");
  fs::create_directories(dir / "out/sub");
  fs::create_directories(dir / "tmp");
  fs::copy_file(example, dir / "in/sub/r.txt");
  auto manifest = (dir / "m.jsonl").string();
  // Temporary files as OutputSink::to_file names them, cut short by a SIGKILL.
  test::write_file(dir / "out/sub/.r.json.resconv-AbC123", "{\"resconv\": 1, \"meta");
  test::write_file(dir / "out/sub/.r.xml.resconv-Zz9Qq0", "<akomaNtoso");
  // Not this run's: another input's temporary (another shard may be writing it), a file
  // that only looks like one, a link, and a temporary outside -O.
  test::write_file(dir / "out/sub/.other.json.resconv-QwErTy", "another shard's");
  test::write_file(dir / "out/sub/.r.json.resconv-short", "not the pattern");
  test::write_file(dir / "elsewhere", "precious");
  fs::create_symlink(dir / "elsewhere", dir / "out/sub/.r.json.resconv-LiNk01");
  test::write_file(dir / "in/sub/.r.json.resconv-InPut1", "inside an input folder");

  // Scratch folders: one whose run is gone, one whose run is alive (this test), one made
  // by nobody knows what (no owner file).
  auto boot = test::read_file("/proc/sys/kernel/random/boot_id");
  boot = boot.substr(0, boot.find('\n'));
  std::string ns = fs::read_symlink("/proc/self/ns/pid").string();
  pid_t dead = ::fork();
  if (dead == 0)
    ::_exit(0);
  ::waitpid(dead, nullptr, 0);
  auto owner = [&](long pid) {
    return "pid " + std::to_string(pid) + "\nstart 1\nboot " + boot + "\npid_ns " + ns + "\n";
  };
  fs::create_directories(dir / "tmp/resconv-batch-DeAd01");
  test::write_file(dir / "tmp/resconv-batch-DeAd01/owner", owner(dead));
  test::write_file(dir / "tmp/resconv-batch-DeAd01/3.jsonl", "{\"severity\": \"warning\"");
  fs::create_directories(dir / "tmp/resconv-batch-LiVe01");
  test::write_file(dir / "tmp/resconv-batch-LiVe01/owner",
                   "pid " + std::to_string(::getpid()) + "\nboot " + boot + "\npid_ns " + ns + "\n");
  fs::create_directories(dir / "tmp/resconv-batch-NoOwnr");
  test::write_file(dir / "tmp/resconv-batch-NoOwnr/0.jsonl", "{}");

  auto r = run_resconv({"-v", "batch", (dir / "in").string(), "-O", (dir / "out").string(), "--to", "json",
                        "--to", "akn", "--manifest", manifest, "--resume"},
                       "", {"TMPDIR=" + (dir / "tmp").string()});
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("removed 2 temporary output files and 1 scratch folders left by runs that were killed "
                   "[batch.cleanup]") != std::string::npos);
  CHECK(fs::exists(dir / "out/sub/r.json"));
  CHECK_FALSE(fs::exists(dir / "out/sub/.r.json.resconv-AbC123"));
  CHECK_FALSE(fs::exists(dir / "out/sub/.r.xml.resconv-Zz9Qq0"));
  CHECK(fs::exists(dir / "out/sub/.other.json.resconv-QwErTy"));
  CHECK(fs::exists(dir / "out/sub/.r.json.resconv-short"));
  CHECK(fs::is_symlink(dir / "out/sub/.r.json.resconv-LiNk01"));
  CHECK(test::read_file(dir / "elsewhere") == "precious");
  CHECK(fs::exists(dir / "in/sub/.r.json.resconv-InPut1"));
  CHECK_FALSE(fs::exists(dir / "tmp/resconv-batch-DeAd01"));
  CHECK(fs::exists(dir / "tmp/resconv-batch-LiVe01/owner"));
  CHECK(fs::exists(dir / "tmp/resconv-batch-NoOwnr/0.jsonl"));
  std::set<std::string> left;
  for (const auto& e : fs::directory_iterator(dir / "tmp"))
    left.insert(e.path().filename().string());
  CHECK(left ==
        std::set<std::string>{"resconv-batch-LiVe01", "resconv-batch-NoOwnr"}); // Its own is gone too.
}

// F22: a file name that is not UTF-8. Before: the job JSON replaced the byte with U+FFFD,
// so the worker looked for another name: "cannot open: No such file or directory", exit 6.
TEST_CASE("batch: a file name that is not UTF-8 is converted and resumed (F22)", "[cli][batch][safety]") {
  test::TempDir dir;
  fs::create_directories(dir / "in");
  const std::string name = "r\xe9solution.txt";
  fs::copy_file(example, dir / "in" / name);
  auto manifest = (dir / "m.jsonl").string();
  auto r = run_resconv(
      {"batch", (dir / "in").string(), "-O", (dir / "out").string(), "--to", "json", "--manifest", manifest});
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(dir / "out" / "r\xe9solution.json"));
  auto lines = manifest_lines(manifest);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["status"] == "ok");
  CHECK(lines[0]["input"] == (dir / "in").string() + "/r\xef\xbf\xbdsolution.txt");
  CHECK(lines[0]["input_hex"] == hex((dir / "in" / name).string()));
  CHECK(lines[0]["outputs_hex"][0] == hex((dir / "out" / "r\xe9solution.json").string()));
  auto again = run_resconv({"batch", (dir / "in").string(), "-O", (dir / "out").string(), "--to", "json",
                            "--manifest", manifest, "--resume"});
  CHECK(again.exit_code == 0);
  CHECK(again.err.find("0 ok, 0 with warnings, 0 failed, 1 skipped") != std::string::npos);
}

// F37: hidden folders and an -O inside the input folder. Before: .git/r.txt became
// out/.git/r.json, and the second run converted out/r.json again into out/out/r.json.
TEST_CASE("batch: hidden folders and the output folder are not walked (F37)", "[cli][batch][safety]") {
  test::TempDir dir;
  fs::create_directories(dir / "d4/.git");
  fs::create_directories(dir / "d4/sub/.cache");
  fs::copy_file(example, dir / "d4/r.txt");
  fs::copy_file(example, dir / "d4/.git/r2.txt");
  fs::copy_file(example, dir / "d4/sub/.cache/r3.txt");
  auto manifest = (dir / "d4/m.jsonl").string(); // Inside the input folder: not an input either.
  for (int run = 1; run <= 2; ++run) {
    INFO("run " << run);
    auto r = run_resconv({"batch", (dir / "d4").string(), "-O", (dir / "d4/out").string(), "--to", "json",
                          "--manifest", manifest});
    CHECK(r.exit_code == 0);
    auto lines = manifest_lines(manifest);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0]["input"] == (dir / "d4/r.txt").string());
    CHECK(count_files(dir / "d4/out") == 1);
    CHECK(fs::exists(dir / "d4/out/r.json"));
  }
  // Another spelling of the same -O is seen too.
  auto r = run_resconv({"batch", (dir / "d4").string(), "-O", (dir / "d4/sub/../out").string(), "--to",
                        "json", "--manifest", manifest});
  CHECK(r.exit_code == 0);
  CHECK(manifest_lines(manifest).size() == 1);
  // The input folder as -O: nothing sensible to do.
  auto same = run_resconv({"batch", (dir / "d4").string(), "-O", (dir / "d4").string(), "--to", "json"});
  CHECK(same.exit_code == 2);
  CHECK(same.err.find("the input folder is the output folder (-O)") != std::string::npos);
}
