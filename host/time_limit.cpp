#include "time_limit.hpp"

#include <resconv/sdk/io.hpp>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <sys/time.h>
#include <unistd.h>

namespace resconv::host {
namespace {

// What the handler writes, one message per phase, prepared before the limit is armed: no
// allocation in the handler.
constexpr int phase_count = 6;
char g_messages[phase_count][4096];
std::size_t g_message_sizes[phase_count] = {};
volatile std::sig_atomic_t g_exit_code = 3;
volatile std::sig_atomic_t g_phase = 0;

extern "C" void on_time_limit(int) {
  resconv::remove_temporary_files();
  int phase = g_phase >= 0 && g_phase < phase_count ? static_cast<int>(g_phase) : 0;
  const char* message = g_messages[phase];
  std::size_t size = g_message_sizes[phase];
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = ::write(STDERR_FILENO, message + done, size - done);
    if (n <= 0)
      break;
    done += static_cast<std::size_t>(n);
  }
  ::_exit(g_exit_code);
}

void set_timer(double seconds) {
  itimerval timer{};
  auto whole = static_cast<long>(seconds);
  timer.it_value.tv_sec = whole;
  timer.it_value.tv_usec = static_cast<long>((seconds - static_cast<double>(whole)) * 1e6);
  ::setitimer(ITIMER_REAL, &timer, nullptr);
}

const char* phase_text(Phase phase) {
  switch (phase) {
  case Phase::reading:
    return "reading the input took too long";
  case Phase::detecting:
    return "detecting the input's format took too long";
  case Phase::importing:
    return "importing the input took too long (a damaged file, or one that asks for too much work?)";
  case Phase::validating:
    return "validating the input took too long";
  case Phase::exporting:
    return "the export took too long";
  case Phase::writing:
    return "writing the output took too long";
  }
  return "the input took too long";
}

// The input.timeout line for one phase, prepared before the limit is armed.
std::string time_limit_message(const DiagnosticPrinter& printer, const std::string& file, double seconds,
                               std::size_t later, Phase phase) {
  char limit[32];
  std::snprintf(limit, sizeof limit, "%g", seconds);
  std::string message =
      std::string("stopped after ") + limit + " s: " + phase_text(phase) + "; --timeout sets the limit";
  if (later > 0)
    message += "; " + std::to_string(later) + (later == 1 ? " later input was" : " later inputs were") +
               " not converted (`resconv batch` goes on past such files)";
  return printer.line({Severity::error, "input.timeout", message, {file}});
}

} // namespace

TimeLimit::TimeLimit(double seconds, const DiagnosticPrinter& printer, const std::string& file,
                     std::size_t later, int exit_code) {
  if (!(seconds > 0) || !std::isfinite(seconds))
    return;
  for (int p = 0; p < phase_count; ++p) {
    std::string message = time_limit_message(printer, file, seconds, later, static_cast<Phase>(p));
    g_message_sizes[p] = std::min(message.size(), sizeof g_messages[p]);
    std::memcpy(g_messages[p], message.data(), g_message_sizes[p]);
  }
  g_phase = 0;
  g_exit_code = exit_code;
  struct sigaction action {};
  action.sa_handler = on_time_limit;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  ::sigaction(SIGALRM, &action, nullptr);
  set_timer(std::max(seconds, 0.001));
  m_armed = true;
}

void set_phase(Phase phase) noexcept {
  g_phase = static_cast<int>(phase);
}

void add_timeout_option(CLI::App& command, double& seconds) {
  seconds = default_time_limit;
  command
      .add_option("--timeout", seconds,
                  "Seconds allowed per input; past it the command stops with input.timeout; 0 for no limit "
                  "(default: 300)")
      ->check(CLI::Range(0.0, 1e7));
}

TimeLimit::~TimeLimit() {
  if (m_armed)
    set_timer(0);
}

} // namespace resconv::host
