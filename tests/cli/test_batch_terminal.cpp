// test_batch_terminal: the batch's progress bar on a real terminal (issue 16, item 6). The
// batch runs in a tmux session of a given size, on a tmux server of its own; the screen is
// read with `capture-pane`. tmux is a test dependency (scripts/setup.sh): without it the
// cases fail rather than pass unchecked.
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
namespace test = resconv::test;

namespace {

const std::string example = std::string(RESCONV_SOURCE_DIR) + "/examples/A_RES_99_101.txt";

// How long a screen is waited for: the batch converts a dozen small files in well under a
// second; a loaded machine (five builds on two cores) may take many times that.
constexpr auto screen_wait = std::chrono::seconds(60);

std::string shell_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The standard output of a shell command, and whether it exited 0.
bool shell(const std::string& command, std::string* out = nullptr) {
  FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
  if (pipe == nullptr)
    return false;
  char buffer[4096];
  std::string text;
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
    text.append(buffer, n);
  int status = ::pclose(pipe);
  if (out != nullptr)
    *out = text;
  return status == 0;
}

bool have_tmux() {
  return shell("command -v tmux >/dev/null");
}

// A detached tmux session of `width` x `height` running `command`, on a server of its own
// (a socket named after this process), which is killed with the session.
class Tmux {
public:
  Tmux(int width, int height, const std::string& command)
      : m_socket("resconv-test-" + std::to_string(::getpid()) + "-" + std::to_string(width)) {
    m_started = shell(base() + " new-session -d -x " + std::to_string(width) + " -y " +
                      std::to_string(height) + " " + shell_quoted(command));
  }
  ~Tmux() { shell(base() + " kill-server"); }
  Tmux(const Tmux&) = delete;
  Tmux& operator=(const Tmux&) = delete;
  bool started() const { return m_started; }
  // The screen as it shows, one string per row (trailing blanks dropped by tmux); `joined`:
  // with the rows of a wrapped line joined into one.
  std::vector<std::string> screen(bool joined = false) const {
    std::string text;
    shell(base() + " capture-pane -p" + (joined ? " -J" : ""), &text);
    std::vector<std::string> rows;
    std::istringstream in(text);
    for (std::string row; std::getline(in, row);)
      rows.push_back(row);
    return rows;
  }
  // Waits until a row holds `what`; returns the screen then (or the last one seen).
  std::vector<std::string> wait_for(const std::string& what) const {
    auto until = std::chrono::steady_clock::now() + screen_wait;
    std::vector<std::string> rows;
    while (std::chrono::steady_clock::now() < until) {
      rows = screen();
      for (const auto& r : rows)
        if (r.find(what) != std::string::npos)
          return rows;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return rows;
  }

private:
  std::string base() const { return "tmux -L " + m_socket + " -f /dev/null"; }
  std::string m_socket;
  bool m_started = false;
};

std::size_t rows_with(const std::vector<std::string>& rows, const std::string& what) {
  std::size_t n = 0;
  for (const auto& r : rows)
    n += r.find(what) != std::string::npos;
  return n;
}

std::string joined(const std::vector<std::string>& rows) {
  std::string all;
  for (const auto& r : rows)
    all += r + "\n";
  return all;
}

// Twelve files that convert at once and one (a FIFO nobody writes) that holds the batch
// until its time limit: the bar stays on the screen at "12/13" long enough to be read.
struct SlowBatch {
  test::TempDir dir;
  std::string command;
  std::string stuck;
  // `columns`: $COLUMNS for the batch, or 0 to leave it unset.
  SlowBatch(int timeout_seconds, int columns) {
    fs::create_directories(dir / "in");
    const std::string text = test::read_file(example);
    std::string inputs;
    for (int i = 10; i < 22; ++i) {
      fs::path p = dir / ("in/r" + std::to_string(i) + ".txt");
      test::write_file(p, text);
      inputs += " " + shell_quoted(p.string());
    }
    stuck = (dir / "in/zz.txt").string();
    REQUIRE(::mkfifo(stuck.c_str(), 0600) == 0);
    inputs += " " + shell_quoted(stuck);
    // COLUMNS unset: the width comes from the terminal (TIOCGWINSZ).
    command =
        std::string(columns > 0 ? "env COLUMNS=" + std::to_string(columns) : std::string("env -u COLUMNS")) +
        " RESCONV_PLUGIN_PATH= " + shell_quoted(RESCONV_PROGRAM) + " batch" + inputs + " -O " +
        shell_quoted((dir / "out").string()) + " --to json -j 1 --timeout " +
        std::to_string(timeout_seconds) + "; echo BATCH-EXIT=$?; sleep 600";
  }
};

// `width`: the terminal's; `columns`: $COLUMNS (0: unset), which the bar takes first.
void check_bar_at(int width, int columns = 0) {
  SlowBatch batch(4, columns);
  Tmux tmux(width, 10, batch.command);
  REQUIRE(tmux.started());
  auto running = tmux.wait_for("12/13");
  INFO(joined(running));
  // One row with the bar: redrawn in place, not a pile of lines; never wider than the screen.
  REQUIRE(rows_with(running, "/13") == 1);
  for (const auto& r : running)
    if (r.find("/13") != std::string::npos) {
      CHECK(r.size() < static_cast<std::size_t>(columns > 0 ? columns : width));
      CHECK(r.find("[") == 0); // The bar itself fits at this width.
      CHECK(r.find("files/s") != std::string::npos);
      if ((columns > 0 ? columns : width) >= 80) // Room for every number.
        CHECK(r.find("  ETA ") != std::string::npos);
    }
  auto done = tmux.wait_for("BATCH-EXIT=");
  std::string screen = joined(done);
  INFO(screen);
  CHECK(screen.find("BATCH-EXIT=6") != std::string::npos);
  CHECK(rows_with(done, "/13") == 0); // The bar made way for the end line.
  // The end line, as tmux wrapped it: joined again before it is read.
  std::string flat = joined(tmux.screen(true));
  CHECK(flat.find("resconv: batch: 12 ok, 0 with warnings, 1 failed, 0 skipped (already done) in ") !=
        std::string::npos);
  CHECK(flat.find("files/s); failed: " + batch.stuck) != std::string::npos);
  CHECK(flat.find("--manifest") != std::string::npos);
}

} // namespace

TEST_CASE("batch on a terminal: the bar fits 40 columns and redraws in place", "[cli][batch][terminal]") {
  REQUIRE(have_tmux()); // scripts/setup.sh installs it: a missing tmux fails, never passes
  check_bar_at(40);
}

TEST_CASE("batch on a terminal: the bar at 120 columns shows everything", "[cli][batch][terminal]") {
  REQUIRE(have_tmux()); // scripts/setup.sh installs it: a missing tmux fails, never passes
  check_bar_at(120);
}

TEST_CASE("batch on a terminal: $COLUMNS comes before the terminal's own width", "[cli][batch][terminal]") {
  REQUIRE(have_tmux()); // scripts/setup.sh installs it: a missing tmux fails, never passes
  check_bar_at(120, 50);
}
