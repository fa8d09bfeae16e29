#pragma once
// A time limit for one input of `convert` or `inspect`: a file that makes a library loop
// (a damaged PDF can keep Poppler busy forever) must not hang an unattended run.

#include "diagnostic_printer.hpp"

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>

namespace resconv::host {

/// Arms a limit of `seconds` on the work for input `file` while it lives (0 arms none).
/// When the time runs out the process cannot unwind out of the library that is busy, so it
/// ends: it removes the temporary files of uncommitted outputs, prints the `input.timeout`
/// error for `file` as `printer` prints (naming the phase that ran out of time, see
/// set_phase(), and saying that `later` inputs of the same command were not converted) and
/// exits with `exit_code`. Only one limit is armed at a time.
class TimeLimit {
public:
  TimeLimit(double seconds, const DiagnosticPrinter& printer, const std::string& file, std::size_t later,
            int exit_code);
  ~TimeLimit();
  TimeLimit(const TimeLimit&) = delete;
  TimeLimit& operator=(const TimeLimit&) = delete;

private:
  bool m_armed = false;
};

/// What the work on an input is doing, for the `input.timeout` message: a valid file stuck in
/// an export is not "damaged".
enum class Phase { reading, detecting, importing, validating, exporting, writing };

/// Records the phase the current input is in (async-signal-safe to read; cheap to set).
void set_phase(Phase phase) noexcept;

/// Seconds allowed per input by default (as `batch --timeout`).
constexpr double default_time_limit = 300;

/// Adds `--timeout SECONDS` (default default_time_limit) to a command that reads inputs.
void add_timeout_option(CLI::App& command, double& seconds);

} // namespace resconv::host
