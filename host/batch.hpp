#pragma once
// `resconv batch`: many inputs, converted by child processes (`resconv worker`), up to
// `jobs` at a time. A child per file gives each conversion its own address space: a
// pathological file can be timed out and killed, a crash stays with its file, and no
// library state is shared between conversions. The parts are in batch/: the job list
// (jobs.hpp), the manifest, the scratch folder, the worker pool and its protocol, the
// progress bar and the end line.

#include "batch/jobs.hpp"
#include "batch/progress.hpp"
#include "batch/protocol.hpp"

#include <resconv/sdk/diagnostics.hpp>

#include <string>
#include <vector>

namespace resconv::host {

/// How a batch ended.
struct BatchResult {
  /// 0 all done, 6 some failed (or --fail-fast stopped it), 3 all failed, 2 nothing to do or
  /// a usage error, 4 the scratch folder or the manifest could not be written, 130 interrupted.
  int exit_code = 0;
  BatchCounts counts;
};

/// Runs a batch. Problems of the run itself go to `sink`; each file's diagnostics go to the
/// manifest (and its first error to the log line of a failed file).
BatchResult run_batch(const BatchSettings& settings, const std::vector<std::string>& extensions,
                      DiagnosticSink& sink);

} // namespace resconv::host
