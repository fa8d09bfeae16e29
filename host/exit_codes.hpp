#pragma once
// The documented exit codes of resconv (docs/cli.md). Few, stable, scriptable.

namespace resconv::host {

enum ExitCode : int {
  exit_ok = 0,       ///< Everything asked for was done.
  exit_internal = 1, ///< A bug: an unexpected exception in resconv itself.
  exit_usage = 2,    ///< Bad command line: unknown option, missing argument, bad --option.
  exit_input = 3,    ///< An input could not be read, detected or imported.
  exit_output = 4,   ///< An output could not be written or exported.
  exit_plugin = 5,   ///< A needed plugin is missing, broken or refused.
  exit_partial = 6,  ///< Several inputs: some converted, some failed.
  exit_warnings = 7, ///< With --fail-if-warnings: everything was done, but with warnings.
};

} // namespace resconv::host
