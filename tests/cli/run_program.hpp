#pragma once
// Runs the built resconv program as a user would, capturing exit code and output.

#include <string>
#include <vector>

namespace resconv::test {

struct ProgramResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  double seconds = 0;    ///< Wall-clock time of the run.
  long peak_rss_kib = 0; ///< The process's peak resident memory (getrusage's ru_maxrss).
};

/// Runs RESCONV_PROGRAM with `args`, feeding `input` on standard input. The environment
/// variables in `env` ("NAME=value") are added to the test's own.
ProgramResult run_resconv(const std::vector<std::string>& args, const std::string& input = {},
                          const std::vector<std::string>& env = {});

} // namespace resconv::test
