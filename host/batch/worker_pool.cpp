#include "batch/worker_pool.hpp"

#include "exit_codes.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace resconv::host {

namespace {

// After SIGTERM, a worker past the time limit has this long to remove its temporary files
// and leave before SIGKILL: an export interrupted mid-file cleans up in well under a second.
constexpr double kill_grace_seconds = 5;

} // namespace

WorkerPool::WorkerPool(std::vector<std::string> argv, std::size_t size, std::filesystem::path scratch,
                       double timeout)
    : m_argv(std::move(argv)), m_workers(std::max<std::size_t>(1, size)), m_scratch(std::move(scratch)),
      m_timeout(timeout) {
  ::signal(SIGPIPE, SIG_IGN); // A worker that died is seen by its reply pipe, not by a signal.
  for (auto& w : m_workers)
    start(w);
}

WorkerPool::~WorkerPool() {
  shutdown(false);
}

bool WorkerPool::start(Worker& w) {
  w = Worker{};
  int down[2], up[2];
  if (::pipe2(down, O_CLOEXEC) != 0)
    return false;
  if (::pipe2(up, O_CLOEXEC) != 0) {
    ::close(down[0]);
    ::close(down[1]);
    return false;
  }
  // Made before the fork: the child only calls what is safe after fork() in a threaded process.
  std::vector<char*> argv;
  for (auto& a : m_argv)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::signal(SIGINT, SIG_IGN); // The batch decides when workers stop.
    ::signal(SIGTERM, SIG_DFL);
    ::dup2(down[0], 0);
    ::dup2(up[1], 1);
    int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(down[0]);
  ::close(up[1]);
  if (pid < 0) {
    ::close(down[1]);
    ::close(up[0]);
    return false;
  }
  w.pid = pid;
  w.to_worker = down[1];
  w.from_worker = up[0];
  ::fcntl(w.from_worker, F_SETFL, O_NONBLOCK);
  return true;
}

bool WorkerPool::has_idle() const {
  return std::any_of(m_workers.begin(), m_workers.end(), [](const Worker& w) { return !w.busy; });
}

bool WorkerPool::busy() const {
  return std::any_of(m_workers.begin(), m_workers.end(), [](const Worker& w) { return w.busy; });
}

void WorkerPool::assign(std::size_t index, WorkerJob job) {
  auto it = std::find_if(m_workers.begin(), m_workers.end(), [](const Worker& w) { return !w.busy; });
  if (it == m_workers.end())
    return;
  Worker& w = *it;
  bool running = w.pid > 0 || start(w); // A worker that died is started again.
  w.job = index;
  w.start = Clock::now();
  w.busy = true;
  w.diagnostics = m_scratch / (std::to_string(index) + ".jsonl");
  if (!running) {
    end(w, std::nullopt, "cannot start a worker", exit_internal);
    return;
  }
  job.diagnostics = w.diagnostics.string();
  std::string line = encode_job(job) + "\n";
  if (::write(w.to_worker, line.data(), line.size()) != static_cast<ssize_t>(line.size()))
    end(w, std::nullopt, "cannot hand the file to a worker", -1);
}

void WorkerPool::end(Worker& w, std::optional<WorkerReply> reply, std::string failure, int code) {
  WorkerOutcome o;
  o.code = reply ? reply->code : code;
  o.job = w.job;
  o.seconds = std::chrono::duration<double>(Clock::now() - w.start).count();
  o.reply = std::move(reply);
  o.failure = std::move(failure);
  o.timed_out = w.terminated;
  o.diagnostics = w.diagnostics;
  m_ended.push_back(std::move(o));
  w.busy = false;
  w.terminated = false;
}

std::vector<WorkerOutcome> WorkerPool::wait(int poll_ms) {
  std::vector<pollfd> fds;
  for (auto& w : m_workers)
    fds.push_back({w.pid > 0 && w.busy ? w.from_worker : -1, POLLIN, 0});
  if (m_ended.empty())
    ::poll(fds.data(), fds.size(), poll_ms);
  auto now = Clock::now();
  for (Worker& w : m_workers) {
    if (w.pid <= 0 || !w.busy)
      continue;
    char chunk[4096];
    ssize_t n;
    bool dead = false;
    while ((n = ::read(w.from_worker, chunk, sizeof chunk)) > 0)
      w.buffer.append(chunk, static_cast<std::size_t>(n));
    if (n == 0)
      dead = true; // The worker closed its end: it died.
    auto newline = w.buffer.find('\n');
    if (newline != std::string::npos) {
      WorkerReply reply; // A reply that cannot be read is an internal error of that file.
      try {
        reply = decode_reply(std::string_view(w.buffer).substr(0, newline));
      } catch (const ProtocolError&) {
      }
      w.buffer.erase(0, newline + 1);
      end(w, reply, "", reply.code);
      continue;
    }
    if (dead) {
      int status = 0;
      ::waitpid(w.pid, &status, 0);
      std::string why = w.terminated ? "timed out after " + std::to_string(static_cast<int>(m_timeout)) + " s"
                        : WIFSIGNALED(status)
                            ? "the worker crashed (signal " + std::to_string(WTERMSIG(status)) + ")"
                            : "the worker stopped";
      ::close(w.to_worker);
      ::close(w.from_worker);
      w.pid = -1;
      end(w, std::nullopt, why, 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0));
      continue;
    }
    // The time limit: SIGTERM (the worker removes its temporary files), then SIGKILL.
    double age = std::chrono::duration<double>(now - w.start).count();
    if (m_timeout > 0 && age > m_timeout && !w.terminated) {
      w.terminated = true;
      ::kill(w.pid, SIGTERM);
    } else if (m_timeout > 0 && age > m_timeout + kill_grace_seconds) {
      ::kill(w.pid, SIGKILL);
    }
  }
  std::vector<WorkerOutcome> ended;
  ended.swap(m_ended);
  return ended;
}

void WorkerPool::shutdown(bool interrupted) {
  for (auto& w : m_workers)
    if (w.pid > 0) {
      ::close(w.to_worker); // End of input: the worker finishes and leaves.
      if (interrupted)
        ::kill(w.pid, SIGTERM);
      int status = 0;
      ::waitpid(w.pid, &status, 0);
      ::close(w.from_worker);
      w.pid = -1;
    }
}

} // namespace resconv::host
