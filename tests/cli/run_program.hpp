#pragma once
// Runs the built resconv program as a user would, capturing exit code and output.

#include <string>
#include <vector>

namespace resconv::test {

struct ProgramResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs RESCONV_PROGRAM with `args`, feeding `input` on standard input. The environment
/// variables in `env` ("NAME=value") are added to the test's own.
ProgramResult run_resconv(const std::vector<std::string>& args, const std::string& input = {},
                          const std::vector<std::string>& env = {});

} // namespace resconv::test
