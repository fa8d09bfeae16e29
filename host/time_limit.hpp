#pragma once
// A time limit for one input of `convert` or `inspect`: a file that makes a library loop
// (a damaged PDF can keep Poppler busy forever) must not hang an unattended run.

#include "diagnostic_printer.hpp"

#include <cstddef>
#include <string>

namespace resconv::host {

/// Arms a limit while it lives. When the time runs out the process cannot unwind out of
/// the library that is busy, so it ends: it removes the temporary files of uncommitted
/// outputs, writes `message` (a finished diagnostic line) to standard error and exits with
/// `exit_code`. Only one limit is armed at a time; `seconds` <= 0 arms none.
class TimeLimit {
public:
  TimeLimit(double seconds, const std::string& message, int exit_code);
  ~TimeLimit();
  TimeLimit(const TimeLimit&) = delete;
  TimeLimit& operator=(const TimeLimit&) = delete;

private:
  bool m_armed = false;
};

/// The `input.timeout` line for `file` as `printer` prints it; `later` inputs of the same
/// command will not be converted.
std::string time_limit_message(const DiagnosticPrinter& printer, const std::string& file, double seconds,
                               std::size_t later);

/// Seconds allowed per input by default (as `batch --timeout`).
constexpr double default_time_limit = 300;

} // namespace resconv::host
