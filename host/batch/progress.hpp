#pragma once
// What a batch shows while it runs and when it ends: on a terminal one bar, cut to the
// terminal's width and redrawn in place; otherwise a log line per file; and an end line with
// the counts, the time, the rate and the first files that warned or failed.

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace resconv::host {

struct BatchCounts {
  std::size_t ok = 0, warned = 0, failed = 0, skipped = 0;
  std::size_t finished() const { return ok + warned + failed; }
};

/// The width of the terminal on standard error: $COLUMNS when it is a positive number, else
/// what the terminal says (TIOCGWINSZ), else 80.
int terminal_width();

/// The bar's line for `done` of `total` files: at most `width - 1` characters (the last
/// column is left free, so that the terminal never wraps the line).
std::string progress_line(std::size_t done, std::size_t total, std::size_t failed, double elapsed_seconds,
                          int width);

class Progress {
public:
  /// `total`: the files to convert; `manifest`: the --manifest path, or empty.
  Progress(bool quiet, std::size_t total, std::string manifest);
  /// True when the bar is drawn (standard error is a terminal, not -q).
  bool bar() const { return m_bar; }
  /// File number `order` (its place in the job list) finished with `state` ("ok",
  /// "warning", "failed"); `reason` for a failure.
  void file_done(std::size_t order, const std::string& input, const std::string& state,
                 const std::string& reason, const BatchCounts& counts);
  /// Redraws the bar when it is due (the rate and ETA move while a long file converts).
  void tick(const BatchCounts& counts);
  /// Takes the bar away and prints the end line.
  void end(const BatchCounts& counts, bool interrupted, bool manifest_incomplete);

private:
  using Clock = std::chrono::steady_clock;
  void draw(const BatchCounts& counts);
  bool m_quiet, m_bar;
  std::size_t m_total;
  std::string m_manifest;
  Clock::time_point m_start = Clock::now(), m_drawn{};
  /// The first files of the job list (not the first to finish) that failed or warned.
  std::vector<std::pair<std::size_t, std::string>> m_failed_names, m_warned_names;
};

} // namespace resconv::host
