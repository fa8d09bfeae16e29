#include "batch.hpp"

#include "exit_codes.hpp"

#include <resconv/sdk/diagnostics.hpp>

#include <boost/dll/runtime_symbol_info.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <fnmatch.h>
#include <poll.h>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace resconv::host {

namespace {

std::atomic<int> g_interrupted{0};
extern "C" void on_interrupt(int sig) {
  g_interrupted.store(sig);
}

bool matches(const std::vector<std::string>& globs, const std::string& relative) {
  std::string name = std::filesystem::path(relative).filename().string();
  for (const auto& g : globs)
    if (::fnmatch(g.c_str(), relative.c_str(), 0) == 0 || ::fnmatch(g.c_str(), name.c_str(), 0) == 0)
      return true;
  return false;
}

// FNV-1a: stable across platforms and runs, unlike std::hash.
std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

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
  std::string diagnostics_path;
  bool terminated = false;
};

std::string format_duration(double seconds) {
  if (seconds < 0 || seconds > 1e7)
    return "?";
  int s = static_cast<int>(seconds);
  char buffer[32];
  if (s >= 3600)
    std::snprintf(buffer, sizeof buffer, "%dh%02dm", s / 3600, s / 60 % 60);
  else
    std::snprintf(buffer, sizeof buffer, "%dm%02ds", s / 60, s % 60);
  return buffer;
}

} // namespace

bool in_shard(const std::string& relative, int index, int count) {
  return count <= 1 || static_cast<int>(fnv1a(relative) % static_cast<std::uint64_t>(count)) == index - 1;
}

std::vector<BatchJob> collect_jobs(const BatchSettings& st, const std::vector<std::string>& extensions) {
  std::vector<std::pair<std::filesystem::path, std::string>> found; // path, relative
  auto add_file = [&](const std::filesystem::path& p, const std::string& relative) {
    if (!st.include.empty() && !matches(st.include, relative))
      return;
    if (matches(st.exclude, relative))
      return;
    found.emplace_back(p, relative);
  };
  auto add_input = [&](const std::string& given) {
    std::filesystem::path p(given);
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      for (auto it = std::filesystem::recursive_directory_iterator(
               p, std::filesystem::directory_options::skip_permission_denied, ec);
           it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (ec)
          break;
        if (it->is_regular_file(ec) && it->path().filename().string().front() != '.')
          add_file(it->path(), it->path().lexically_relative(p).generic_string()); // No stat per file.
      }
    } else if (std::filesystem::exists(p, ec)) {
      add_file(p, p.is_absolute() ? p.filename().string() : p.lexically_normal().generic_string());
    } else {
      throw std::runtime_error(given + ": no such file or folder");
    }
  };
  for (const auto& i : st.inputs)
    add_input(i);
  if (!st.files_from.empty()) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (st.files_from != "-") {
      file.open(st.files_from);
      if (!file)
        throw std::runtime_error(st.files_from + ": cannot read the list of inputs");
      in = &file;
    }
    std::string line;
    while (std::getline(*in, line)) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
        line.pop_back();
      if (!line.empty() && line.front() != '#')
        add_input(line);
    }
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  found.erase(std::unique(found.begin(), found.end(),
                          [](const auto& a, const auto& b) { return a.second == b.second; }),
              found.end());
  std::vector<BatchJob> jobs;
  for (auto& [path, relative] : found) {
    if (!in_shard(relative, st.shard_index, st.shard_count))
      continue;
    BatchJob job{path, relative, {}};
    std::filesystem::path rel(relative);
    for (const auto& ext : extensions)
      job.outputs.push_back(std::filesystem::path(st.output_dir) / rel.parent_path() /
                            (rel.stem().string() + "." + ext));
    jobs.push_back(std::move(job));
  }
  return jobs;
}

int run_batch(const BatchSettings& st, const std::vector<std::string>& extensions) {
  std::vector<BatchJob> jobs;
  try {
    jobs = collect_jobs(st, extensions);
  } catch (const std::exception& e) {
    std::cerr << "resconv: batch: " << e.what() << "\n";
    return exit_usage;
  }
  if (jobs.empty()) {
    std::cerr << "resconv: batch: no input files" << (st.shard_count > 1 ? " in this shard" : "") << "\n";
    return exit_usage;
  }

  // --resume: what an earlier run recorded as done (the last line per input wins).
  std::map<std::string, std::string> previous;
  if (st.resume && !st.manifest.empty()) {
    std::ifstream old(st.manifest);
    std::string line;
    while (std::getline(old, line)) {
      try {
        auto j = nlohmann::json::parse(line);
        previous[j.at("input").get<std::string>()] = j.at("status").get<std::string>();
      } catch (const std::exception&) {
        // A line cut short by an interruption: ignored.
      }
    }
  }
  std::ofstream manifest;
  if (!st.manifest.empty()) {
    manifest.open(st.manifest, st.resume ? std::ios::app : std::ios::trunc);
    if (!manifest) {
      std::cerr << "resconv: batch: cannot write the manifest " << st.manifest << "\n";
      return exit_output;
    }
  }
  auto record = [&](const BatchJob& job, const std::string& status, double seconds, int code,
                    const nlohmann::json& diagnostics) {
    if (!manifest.is_open())
      return;
    nlohmann::ordered_json j;
    j["input"] = job.input.string();
    std::vector<std::string> outs;
    for (const auto& o : job.outputs)
      outs.push_back(o.string());
    j["outputs"] = outs;
    j["status"] = status;
    j["exit_code"] = code;
    j["seconds"] = std::round(seconds * 1000) / 1000;
    j["diagnostics"] = diagnostics;
    manifest << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    manifest.flush();
  };

  std::vector<std::size_t> todo;
  std::size_t skipped = 0;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const BatchJob& job = jobs[i];
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
      ++skipped;
      record(job, "skipped", 0, 0, nlohmann::json::array());
    } else {
      todo.push_back(i);
    }
  }

  std::error_code ec;
  auto program = boost::dll::program_location(ec);
  char scratch_template[] = "/tmp/resconv-batch-XXXXXX";
  std::string scratch = ::mkdtemp(scratch_template) ? scratch_template : "/tmp";

  struct sigaction action {
  }, old_int{}, old_term{};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, &old_int);
  ::sigaction(SIGTERM, &action, &old_term);

  bool terminal = ::isatty(STDERR_FILENO) != 0 && !st.quiet;
  std::size_t next = 0, ok = 0, warned = 0, failed = 0;
  auto start_all = Clock::now();
  auto progress = [&] {
    if (!terminal)
      return;
    std::size_t finished = ok + warned + failed;
    double elapsed = std::chrono::duration<double>(Clock::now() - start_all).count();
    double rate = elapsed > 0 ? static_cast<double>(finished) / elapsed : 0;
    double eta = rate > 0 ? static_cast<double>(todo.size() - finished) / rate : -1;
    int width = 30;
    int filled =
        todo.empty()
            ? width
            : static_cast<int>(width * static_cast<double>(finished) / static_cast<double>(todo.size()));
    std::fprintf(stderr, "\r[%s%s] %zu/%zu  %.1f files/s  ETA %s  failed %zu ",
                 std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(width - filled), '.').c_str(), finished, todo.size(),
                 rate, format_duration(eta).c_str(), failed);
    std::fflush(stderr);
  };

  // Workers: `resconv worker` processes that keep their plugins (and the AKN schema) loaded.
  std::vector<std::string> worker_args = {program.string()};
  for (const auto& d : st.plugin_dirs) {
    worker_args.push_back("--plugin-dir");
    worker_args.push_back(d);
  }
  if (st.max_input_bytes > 0) {
    worker_args.push_back("--max-input-size");
    worker_args.push_back(std::to_string(st.max_input_bytes));
  }
  worker_args.push_back("worker");
  auto start_worker = [&]() -> Worker {
    Worker w;
    int down[2], up[2];
    if (::pipe2(down, O_CLOEXEC) != 0 || ::pipe2(up, O_CLOEXEC) != 0)
      return w;
    pid_t pid = ::fork();
    if (pid == 0) {
      ::signal(SIGINT, SIG_IGN); // The batch decides when workers stop.
      ::signal(SIGTERM, SIG_DFL);
      ::dup2(down[0], 0);
      ::dup2(up[1], 1);
      int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, 2);
      std::vector<char*> argv;
      for (auto& a : worker_args)
        argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(down[0]);
    ::close(up[1]);
    w.pid = pid;
    w.to_worker = down[1];
    w.from_worker = up[0];
    ::fcntl(w.from_worker, F_SETFL, O_NONBLOCK);
    return w;
  };
  // `warnings` as the worker counted them; the diagnostics file is read only when a
  // manifest records it or the file failed (most files succeed without a manifest).
  auto finish = [&](Worker& w, int code, std::size_t warnings, const std::string& failure) {
    const BatchJob& job = jobs[w.job];
    double seconds = std::chrono::duration<double>(Clock::now() - w.start).count();
    nlohmann::json diagnostics = nlohmann::json::array();
    bool any_warning = warnings > 0;
    std::string first_error;
    if (manifest.is_open() || code != 0 || !failure.empty()) {
      std::ifstream err(w.diagnostics_path);
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
    ::unlink(w.diagnostics_path.c_str());
    std::string state;
    if (!failure.empty()) {
      state = "failed";
      first_error = failure;
      diagnostics.push_back({{"severity", "error"},
                             {"code", w.terminated ? "batch.timeout" : "batch.crash"},
                             {"message", failure}});
    } else {
      state = code == 0 ? (any_warning ? "warning" : "ok") : "failed";
    }
    (state == "ok" ? ok : state == "warning" ? warned : failed)++;
    record(job, state, seconds, code, diagnostics);
    if (!terminal && !st.quiet)
      std::cerr << (state == "failed"    ? "failed  "
                    : state == "warning" ? "warning "
                                         : "ok      ")
                << job.input.string() << (state == "failed" ? ": " + first_error : std::string()) << "\n";
    w.busy = false;
    w.terminated = false;
    progress();
  };

  auto assign = [&](Worker& w, std::size_t index) {
    const BatchJob& job = jobs[index];
    nlohmann::json request;
    request["input"] = job.input.string();
    request["output_dir"] =
        (std::filesystem::path(st.output_dir) / std::filesystem::path(job.relative).parent_path()).string();
    request["to"] = st.to;
    request["from"] = st.from;
    request["options"] = st.options;
    w.diagnostics_path = scratch + "/" + std::to_string(index) + ".jsonl";
    request["diagnostics"] = w.diagnostics_path;
    std::string line = request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    w.job = index;
    w.start = Clock::now();
    w.busy = true;
    if (::write(w.to_worker, line.data(), line.size()) != static_cast<ssize_t>(line.size()))
      finish(w, -1, 0, "cannot hand the file to a worker");
  };

  ::signal(SIGPIPE, SIG_IGN);
  std::vector<Worker> workers(
      static_cast<std::size_t>(std::max(1, std::min<int>(st.jobs, static_cast<int>(todo.size())))));
  for (auto& w : workers)
    w = start_worker();

  auto any_busy = [&] {
    return std::any_of(workers.begin(), workers.end(), [](const Worker& w) { return w.busy; });
  };
  while (next < todo.size() || any_busy()) {
    if (g_interrupted.load() != 0)
      break;
    bool stop_new = st.fail_fast && failed > 0;
    for (auto& w : workers) {
      if (w.pid <= 0 && !stop_new && next < todo.size())
        w = start_worker();
      if (w.pid > 0 && !w.busy && !stop_new && next < todo.size())
        assign(w, todo[next++]);
    }
    if (stop_new && !any_busy())
      break;
    std::vector<pollfd> fds;
    for (auto& w : workers)
      fds.push_back({w.pid > 0 && w.busy ? w.from_worker : -1, POLLIN, 0});
    ::poll(fds.data(), fds.size(), 20);
    auto now = Clock::now();
    for (std::size_t k = 0; k < workers.size(); ++k) {
      Worker& w = workers[k];
      if (w.pid <= 0 || !w.busy)
        continue;
      char chunk[4096];
      ssize_t n;
      bool dead = false;
      while ((n = ::read(w.from_worker, chunk, sizeof chunk)) > 0)
        w.buffer.append(chunk, static_cast<std::size_t>(n));
      if (n == 0)
        dead = true; // The worker closed its end: it died.
      auto end = w.buffer.find('\n');
      if (end != std::string::npos) {
        int code = exit_internal;
        std::size_t warnings = 0;
        try {
          auto reply = nlohmann::json::parse(w.buffer.substr(0, end));
          code = reply.at("code").get<int>();
          warnings = reply.value("warnings", std::size_t{0});
        } catch (const std::exception&) {
        }
        w.buffer.erase(0, end + 1);
        finish(w, code, warnings, "");
        continue;
      }
      if (dead) {
        int status = 0;
        ::waitpid(w.pid, &status, 0);
        std::string why =
            w.terminated          ? "timed out after " + std::to_string(static_cast<int>(st.timeout)) + " s"
            : WIFSIGNALED(status) ? "the worker crashed (signal " + std::to_string(WTERMSIG(status)) + ")"
                                  : "the worker stopped";
        ::close(w.to_worker);
        ::close(w.from_worker);
        w.pid = -1;
        finish(w, 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0), 0, why);
        continue;
      }
      // The time limit: SIGTERM (the worker removes its temporary files), then SIGKILL.
      double age = std::chrono::duration<double>(now - w.start).count();
      if (st.timeout > 0 && age > st.timeout && !w.terminated) {
        w.terminated = true;
        ::kill(w.pid, SIGTERM);
      } else if (st.timeout > 0 && age > st.timeout + 5) {
        ::kill(w.pid, SIGKILL);
      }
    }
  }
  for (auto& w : workers)
    if (w.pid > 0) {
      ::close(w.to_worker); // End of input: the worker finishes and leaves.
      if (g_interrupted.load() != 0)
        ::kill(w.pid, SIGTERM);
      int status = 0;
      ::waitpid(w.pid, &status, 0);
      ::close(w.from_worker);
    }
  ::sigaction(SIGINT, &old_int, nullptr);
  ::sigaction(SIGTERM, &old_term, nullptr);
  std::filesystem::remove_all(scratch, ec);
  if (terminal)
    std::fprintf(stderr, "\n");
  if (!st.quiet)
    std::cerr << "resconv: batch: " << ok << " ok, " << warned << " with warnings, " << failed << " failed, "
              << skipped << " skipped (already done)" << (g_interrupted.load() ? ", interrupted" : "")
              << "\n";
  if (g_interrupted.load() != 0)
    return 130;
  if (failed == 0)
    return next < todo.size() ? exit_partial : exit_ok;
  return ok + warned + skipped > 0 ? exit_partial : exit_input;
}

} // namespace resconv::host
