#pragma once
// The batch's workers: `resconv worker` processes that keep their plugins (and the AKN
// schema) loaded, each converting one file at a time. The pool starts them, hands them jobs
// (batch/protocol.hpp), reads their replies, restarts one that died, and enforces the time
// limit per file.

#include "batch/protocol.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace resconv::host {

/// How one job ended in a worker.
struct WorkerOutcome {
  std::size_t job = 0;               ///< The index given to assign().
  double seconds = 0;                ///< Wall-clock time in the worker.
  std::optional<WorkerReply> reply;  ///< The worker's answer; none when it gave none.
  int code = 1;                      ///< The reply's code, else 128 + the signal that ended the worker.
  std::string failure;               ///< Without a reply: why (timed out, crashed, stopped).
  bool timed_out = false;            ///< The time limit ended it.
  std::filesystem::path diagnostics; ///< The file the worker wrote the job's diagnostics to.
};

class WorkerPool {
public:
  /// `argv`: the worker's command line; `size` workers at most; each job's diagnostics file
  /// is made in `scratch`; `timeout` seconds per job (0: none).
  WorkerPool(std::vector<std::string> argv, std::size_t size, std::filesystem::path scratch, double timeout);
  /// Ends every worker (see shutdown()).
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// True when a worker can take a job now.
  bool has_idle() const;
  /// True when a job is in a worker.
  bool busy() const;
  /// Hands job `index` to an idle worker (starting it when it is not running); the
  /// diagnostics file is filled in. A worker that cannot be started or given the job ends
  /// the job at once (an outcome of the next wait()).
  void assign(std::size_t index, WorkerJob job);
  /// Waits up to `poll_ms` for the workers, then returns the jobs that ended: replies read,
  /// workers that died reaped, workers past the time limit sent SIGTERM, then SIGKILL.
  std::vector<WorkerOutcome> wait(int poll_ms);
  /// Closes the workers' input (they finish and leave) and waits for them; `interrupted`:
  /// sends them SIGTERM first (they remove their temporary files).
  void shutdown(bool interrupted);

private:
  using Clock = std::chrono::steady_clock;
  // A worker process: its pipes, what it is doing, what it has said so far.
  struct Worker {
    pid_t pid = -1;
    int to_worker = -1;
    int from_worker = -1;
    std::string buffer;
    bool busy = false;
    std::size_t job = 0;
    Clock::time_point start;
    std::filesystem::path diagnostics;
    bool terminated = false;
  };
  bool start(Worker& w);
  void end(Worker& w, std::optional<WorkerReply> reply, std::string failure, int code);

  std::vector<std::string> m_argv;
  std::vector<Worker> m_workers;
  std::filesystem::path m_scratch;
  double m_timeout;
  std::vector<WorkerOutcome> m_ended; ///< Since the last wait().
};

} // namespace resconv::host
