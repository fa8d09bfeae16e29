#include "batch.hpp"

#include "batch/manifest.hpp"
#include "batch/scratch.hpp"
#include "batch/worker_pool.hpp"
#include "exit_codes.hpp"

#include <boost/dll/runtime_symbol_info.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <fstream>
#include <map>
#include <unistd.h>

namespace resconv::host {

namespace {

std::atomic<int> g_interrupted{0};
extern "C" void on_interrupt(int sig) {
  g_interrupted.store(sig);
}

// SIGINT and SIGTERM set g_interrupted while the object lives; the old handlers come back after.
class InterruptHandlers {
public:
  InterruptHandlers() {
    g_interrupted.store(0);
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, &m_old_int);
    ::sigaction(SIGTERM, &action, &m_old_term);
  }
  ~InterruptHandlers() {
    ::sigaction(SIGINT, &m_old_int, nullptr);
    ::sigaction(SIGTERM, &m_old_term, nullptr);
  }
  InterruptHandlers(const InterruptHandlers&) = delete;
  InterruptHandlers& operator=(const InterruptHandlers&) = delete;
  static bool interrupted() { return g_interrupted.load() != 0; }

private:
  struct sigaction m_old_int {
  }, m_old_term{};
};

// How long the loop waits for a worker before it looks at the clock (time limits) and the
// interrupt flag again: short enough to feel immediate, long enough to cost nothing.
constexpr int poll_milliseconds = 20;

// The worker's command line: this program, the batch's plugin folders and input limit.
std::vector<std::string> worker_command(const BatchSettings& st) {
  std::error_code ec;
  std::vector<std::string> args = {boost::dll::program_location(ec).string()};
  for (const auto& d : st.plugin_dirs) {
    args.push_back("--plugin-dir");
    args.push_back(d);
  }
  if (st.max_input_bytes > 0) {
    args.push_back("--max-input-size");
    args.push_back(std::to_string(st.max_input_bytes));
  }
  args.push_back("worker");
  return args;
}

// One run once its jobs, scratch folder and manifest are ready: what is left to do, the
// conversions, what each one ended as.
class BatchRun {
public:
  BatchRun(const BatchSettings& st, std::vector<BatchJob> jobs, ManifestWriter& manifest,
           DiagnosticSink& sink)
      : m_st(st), m_jobs(std::move(jobs)), m_manifest(manifest), m_sink(sink) {}

  // --resume: inputs the manifest records as done whose outputs are newer are skipped (and
  // recorded so); the rest is to do.
  void plan(const std::map<std::string, std::string>& previous) {
    for (std::size_t i = 0; i < m_jobs.size(); ++i) {
      const BatchJob& job = m_jobs[i];
      auto it = previous.find(job.input.string());
      bool done =
          it != previous.end() && (it->second == "ok" || it->second == "warning" || it->second == "skipped");
      std::error_code ec;
      std::filesystem::file_time_type input_time{};
      if (done) // A stat per input only when resuming.
        input_time = std::filesystem::last_write_time(job.input, ec);
      for (const auto& o : job.outputs) {
        std::error_code oec;
        done =
            done && std::filesystem::exists(o, oec) && std::filesystem::last_write_time(o, oec) >= input_time;
      }
      if (done) {
        ++m_counts.skipped;
        record(job, "skipped", 0, 0, nlohmann::json::array());
      } else {
        m_todo.push_back(i);
      }
    }
  }

  // Converts what is to do; returns the exit code.
  int run(const std::filesystem::path& scratch) {
    InterruptHandlers interrupts;
    Progress progress(m_st.quiet, m_todo.size(), m_st.manifest);
    m_progress = &progress;
    std::size_t next = 0;
    {
      WorkerPool pool(
          worker_command(m_st),
          static_cast<std::size_t>(std::max(1, std::min<int>(m_st.jobs, static_cast<int>(m_todo.size())))),
          scratch, m_st.timeout);
      while (next < m_todo.size() || pool.busy()) {
        if (InterruptHandlers::interrupted())
          break;
        bool stop_new = (m_st.fail_fast && m_counts.failed > 0) || m_manifest.failed();
        while (!stop_new && next < m_todo.size() && pool.has_idle()) {
          std::size_t index = m_todo[next++];
          pool.assign(index, worker_job(index));
        }
        if (stop_new && !pool.busy())
          break;
        for (const WorkerOutcome& o : pool.wait(poll_milliseconds))
          finish(o);
        progress.tick(m_counts);
      }
      pool.shutdown(InterruptHandlers::interrupted());
    }
    // The manifest's last lines reach the disk, or the run says they did not.
    bool manifest_failed = m_manifest.failed();
    if (m_manifest.is_open() && !manifest_failed && !m_manifest.close()) {
      manifest_failed = true;
      m_sink.error("io.write", "cannot write the manifest: " + m_manifest.error(), {m_st.manifest});
    }
    bool interrupted = InterruptHandlers::interrupted();
    progress.end(m_counts, interrupted, manifest_failed);
    m_progress = nullptr;
    if (interrupted)
      return 130;
    if (manifest_failed)
      return exit_output;
    if (m_counts.failed == 0)
      return next < m_todo.size() ? exit_partial : exit_ok;
    return m_counts.ok + m_counts.warned + m_counts.skipped > 0 ? exit_partial : exit_input;
  }

  const BatchCounts& counts() const { return m_counts; }

private:
  WorkerJob worker_job(std::size_t index) const {
    const BatchJob& job = m_jobs[index];
    WorkerJob w;
    w.input = job.input.string();
    w.output_dir =
        (std::filesystem::path(m_st.output_dir) / std::filesystem::path(job.relative).parent_path()).string();
    w.to = m_st.to;
    w.from = m_st.from;
    w.options = m_st.options;
    w.options_checked = m_st.options_checked;
    return w;
  }

  void record(const BatchJob& job, const std::string& status, double seconds, int code,
              const nlohmann::json& diagnostics) {
    if (!m_manifest.record(job, status, seconds, code, diagnostics))
      m_sink.error("io.write",
                   "cannot write the manifest: " + m_manifest.error() + "; it records the first " +
                       std::to_string(m_manifest.lines()) +
                       " lines of this run only, and no new file is started",
                   {m_st.manifest});
  }

  // One job ended. The reply's warning count is the worker's; the diagnostics file is read
  // only when a manifest records it or the file failed (most files succeed without a manifest).
  void finish(const WorkerOutcome& o) {
    const BatchJob& job = m_jobs[o.job];
    int code = o.code;
    nlohmann::json diagnostics = nlohmann::json::array();
    bool any_warning = o.reply && o.reply->warnings > 0;
    std::string first_error;
    if (m_manifest.is_open() || code != 0 || !o.reply) {
      // The worker made the file inside the scratch folder, which only this user can write.
      std::ifstream err(o.diagnostics);
      std::string line;
      while (std::getline(err, line)) {
        try {
          auto d = nlohmann::json::parse(line);
          any_warning = any_warning || d.value("severity", "") == "warning";
          if (first_error.empty() && d.value("severity", "") == "error")
            first_error = d.value("message", "") + " [" + d.value("code", "") + "]";
          diagnostics.push_back(std::move(d));
        } catch (const std::exception&) {
          // A line cut short when the worker was killed.
        }
      }
    }
    ::unlink(o.diagnostics.c_str());
    if (o.reply && !o.reply->diagnostics_error.empty()) {
      any_warning = true;
      diagnostics.push_back(
          {{"severity", "warning"},
           {"code", "batch.diagnostics-lost"},
           {"message", "the worker could not keep this file's diagnostics: " + o.reply->diagnostics_error}});
    }
    std::string state;
    if (!o.reply) {
      state = "failed";
      first_error = o.failure;
      diagnostics.push_back({{"severity", "error"},
                             {"code", o.timed_out ? "batch.timeout" : "batch.crash"},
                             {"message", o.failure}});
    } else {
      state = code == 0 ? (any_warning ? "warning" : "ok") : "failed";
    }
    (state == "ok" ? m_counts.ok : state == "warning" ? m_counts.warned : m_counts.failed)++;
    record(job, state, o.seconds, code, diagnostics);
    if (m_progress != nullptr)
      m_progress->file_done(o.job, job.input.string(), state, first_error, m_counts);
  }

  const BatchSettings& m_st;
  std::vector<BatchJob> m_jobs;
  ManifestWriter& m_manifest;
  DiagnosticSink& m_sink;
  std::vector<std::size_t> m_todo;
  BatchCounts m_counts;
  Progress* m_progress = nullptr;
};

} // namespace

BatchResult run_batch(const BatchSettings& st, const std::vector<std::string>& extensions,
                      DiagnosticSink& sink) {
  std::optional<std::vector<BatchJob>> collected = collect_jobs(st, extensions, sink);
  if (!collected)
    return {exit_usage, {}};
  std::vector<BatchJob> jobs = std::move(*collected);
  if (jobs.empty() && st.shard_count > 1) {
    // A job array with more jobs than inputs has shards with nothing in them: that is not a
    // mistake (the other shards hold the inputs), so such a job ends well, with its manifest
    // made (empty) for `cat manifest-*.jsonl`. With no input in any shard it is one.
    BatchSettings whole = st;
    whole.shard_index = whole.shard_count = 1;
    DiagnosticCollector quiet;
    auto all = collect_jobs(whole, extensions, quiet);
    if (all && !all->empty()) {
      sink.note("batch.empty-shard", "shard " + std::to_string(st.shard_index) + "/" +
                                         std::to_string(st.shard_count) + " holds none of the " +
                                         std::to_string(all->size()) + " inputs: nothing to do");
      ManifestWriter manifest;
      if (!st.manifest.empty()) {
        std::string why = manifest.open(st.manifest, st.resume);
        if (why.empty() && !manifest.close())
          why = manifest.error();
        if (!why.empty()) {
          sink.error("io.write", "cannot write the manifest: " + why, {st.manifest});
          return {exit_output, {}};
        }
      }
      return {exit_ok, {}};
    }
  }
  if (jobs.empty()) {
    sink.error("batch.usage", std::string("no input files") + (st.shard_count > 1 ? " in any shard" : ""));
    return {exit_usage, {}};
  }

  // The scratch folder first: without it no file's diagnostics can be kept, so its failure
  // stops the run before any work (never a fallback to a shared folder).
  std::size_t stale_scratch = remove_stale_scratch();
  ScratchFolder scratch;
  if (std::string why = scratch.make(); !why.empty()) {
    sink.error("batch.scratch", why + "; set TMPDIR to a folder with room");
    return {exit_output, {}};
  }
  std::size_t stale_temporaries = remove_stale_temporaries(jobs);
  if (!st.quiet && (stale_scratch > 0 || stale_temporaries > 0))
    sink.note("batch.cleanup", "removed " + std::to_string(stale_temporaries) +
                                   " temporary output files and " + std::to_string(stale_scratch) +
                                   " scratch folders left by runs that were killed");

  // --resume: what an earlier run recorded as done (the last line per input wins).
  std::map<std::string, std::string> previous;
  if (st.resume && !st.manifest.empty())
    previous = read_manifest_statuses(st.manifest);
  // The manifest (and its folders) before any conversion: a manifest that cannot be
  // written stops the run before any work.
  ManifestWriter manifest;
  if (!st.manifest.empty()) {
    if (std::string why = manifest.open(st.manifest, st.resume); !why.empty()) {
      sink.error("io.write", "cannot write the manifest: " + why, {st.manifest});
      return {exit_output, {}};
    }
  }
  BatchRun run(st, std::move(jobs), manifest, sink);
  run.plan(previous);
  int code = run.run(scratch.path());
  return {code, run.counts()};
}

} // namespace resconv::host
