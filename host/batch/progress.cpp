#include "batch/progress.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace resconv::host {

namespace {

// The width assumed when neither $COLUMNS nor the terminal says: the classic terminal's.
constexpr int default_terminal_width = 80;
// The bar's own width at most: enough to see progress at a glance; the numbers beside it
// matter more when the terminal is narrow.
constexpr int max_bar_width = 30;
// Below this many characters a bar says nothing: the numbers alone are shown.
constexpr int min_bar_width = 5;
// Redraws at most ten times a second: smooth to the eye, and a batch of many small files
// does not spend its time writing to the terminal.
constexpr double redraw_interval_seconds = 0.1;
// The files that warned or failed named in the end line, of each kind: enough to start
// looking (and to see whether they share a folder), few enough to keep the line readable;
// the manifest lists them all.
constexpr std::size_t names_in_end_line = 3;

std::string format_duration(double seconds) {
  if (seconds < 0 || seconds > 1e7)
    return "?";
  char buffer[32];
  if (seconds < 60) {
    std::snprintf(buffer, sizeof buffer, "%.1f s", seconds);
    return buffer;
  }
  int s = static_cast<int>(seconds);
  if (s >= 3600)
    std::snprintf(buffer, sizeof buffer, "%dh%02dm", s / 3600, s / 60 % 60);
  else
    std::snprintf(buffer, sizeof buffer, "%dm%02ds", s / 60, s % 60);
  return buffer;
}

std::string format_rate(std::size_t files, double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f files/s",
                seconds > 0 ? static_cast<double>(files) / seconds : 0.0);
  return buffer;
}

std::string list_names(const std::vector<std::pair<std::size_t, std::string>>& names, std::size_t count) {
  std::string out;
  for (const auto& n : names)
    out += (out.empty() ? "" : ", ") + n.second;
  if (count > names.size())
    out += " and " + std::to_string(count - names.size()) + " more";
  return out;
}

} // namespace

int terminal_width() {
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr && *columns != '\0') {
    char* end = nullptr;
    long n = std::strtol(columns, &end, 10);
    if (*end == '\0' && n > 0 && n < 100000)
      return static_cast<int>(n);
  }
  winsize size{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
    return size.ws_col;
  return default_terminal_width;
}

std::string progress_line(std::size_t done, std::size_t total, std::size_t failed, double elapsed,
                          int width) {
  double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  double eta = rate > 0 ? static_cast<double>(total - std::min(done, total)) / rate : -1;
  char buffer[64];
  // The numbers, most telling first; each is shown only when it leaves room for a bar.
  std::vector<std::string> pieces = {std::to_string(done) + "/" + std::to_string(total)};
  if (failed > 0)
    pieces.push_back("failed " + std::to_string(failed));
  std::snprintf(buffer, sizeof buffer, "%.1f files/s", rate);
  pieces.emplace_back(buffer);
  pieces.push_back("ETA " + format_duration(eta));
  const int room = std::max(0, width - 1); // The last column stays free: the line never wraps.
  const int frame = 3;                     // "[", "] "
  std::string text = pieces.front();
  for (std::size_t i = 1; i < pieces.size(); ++i)
    if (static_cast<int>(text.size() + 2 + pieces[i].size()) + frame + min_bar_width <= room)
      text += "  " + pieces[i];
  int bar = std::min(max_bar_width, room - static_cast<int>(text.size()) - frame);
  std::string line;
  if (bar >= min_bar_width) {
    int filled =
        total == 0
            ? bar
            : static_cast<int>(bar * static_cast<double>(std::min(done, total)) / static_cast<double>(total));
    line = "[" + std::string(static_cast<std::size_t>(filled), '#') +
           std::string(static_cast<std::size_t>(bar - filled), '.') + "] ";
  }
  line += text;
  if (line.size() > static_cast<std::size_t>(room))
    line.resize(static_cast<std::size_t>(room));
  return line;
}

Progress::Progress(bool quiet, std::size_t total, std::string manifest)
    : m_quiet(quiet), m_bar(!quiet && ::isatty(STDERR_FILENO) != 0), m_total(total),
      m_manifest(std::move(manifest)) {
  if (m_bar)
    draw({});
}

void Progress::draw(const BatchCounts& counts) {
  double elapsed = std::chrono::duration<double>(Clock::now() - m_start).count();
  std::string line = progress_line(counts.finished(), m_total, counts.failed, elapsed, terminal_width());
  // Back to the start of the line, the bar, then clear what an older, longer bar left.
  std::fprintf(stderr, "\r%s\033[K", line.c_str());
  std::fflush(stderr);
  m_drawn = Clock::now();
}

void Progress::file_done(std::size_t order, const std::string& input, const std::string& state,
                         const std::string& reason, const BatchCounts& counts) {
  auto& names = state == "failed" ? m_failed_names : m_warned_names;
  if (state != "ok") {
    names.emplace(std::upper_bound(names.begin(), names.end(), std::make_pair(order, input)), order, input);
    if (names.size() > names_in_end_line)
      names.pop_back();
  }
  if (m_quiet)
    return;
  if (!m_bar) {
    std::cerr << (state == "failed"    ? "failed  "
                  : state == "warning" ? "warning "
                                       : "ok      ")
              << input << (state == "failed" ? ": " + reason : std::string()) << "\n";
    return;
  }
  bool last = counts.finished() >= m_total;
  if (last || std::chrono::duration<double>(Clock::now() - m_drawn).count() >= redraw_interval_seconds)
    draw(counts);
}

void Progress::tick(const BatchCounts& counts) {
  if (m_bar && std::chrono::duration<double>(Clock::now() - m_drawn).count() >= redraw_interval_seconds)
    draw(counts);
}

void Progress::end(const BatchCounts& c, bool interrupted, bool manifest_incomplete) {
  if (m_quiet)
    return;
  if (m_bar)
    std::fprintf(stderr, "\r\033[K"); // The bar goes; the end line takes its place.
  double elapsed = std::chrono::duration<double>(Clock::now() - m_start).count();
  std::string line = "resconv: batch: " + std::to_string(c.ok) + " ok, " + std::to_string(c.warned) +
                     " with warnings, " + std::to_string(c.failed) + " failed, " + std::to_string(c.skipped) +
                     " skipped (already done) in " + format_duration(elapsed) + " (" +
                     format_rate(c.finished(), elapsed) + ")";
  if (interrupted)
    line += ", interrupted";
  if (manifest_incomplete)
    line += ", the manifest is incomplete";
  if (c.failed > 0)
    line += "; failed: " + list_names(m_failed_names, c.failed);
  if (c.warned > 0)
    line += "; with warnings: " + list_names(m_warned_names, c.warned);
  if (c.failed + c.warned > 0)
    line += m_manifest.empty() ? "; every file's diagnostics: run with --manifest FILE"
                               : "; details in " + m_manifest;
  std::cerr << line << "\n";
}

} // namespace resconv::host
