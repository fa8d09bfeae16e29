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

struct Running {
  std::size_t job;
  Clock::time_point start;
  std::string stderr_path;
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
          add_file(it->path(), std::filesystem::relative(it->path(), p, ec).generic_string());
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
    auto input_time = std::filesystem::last_write_time(job.input, ec);
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
  std::map<pid_t, Running> running;
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

  auto spawn = [&](std::size_t index) {
    const BatchJob& job = jobs[index];
    std::string err = scratch + "/" + std::to_string(index) + ".err";
    std::vector<std::string> args = {program.string(), "--diagnostics", "json"};
    for (const auto& d : st.plugin_dirs) {
      args.push_back("--plugin-dir");
      args.push_back(d);
    }
    args.insert(args.end(),
                {"convert", job.input.string(), "-O",
                 (std::filesystem::path(st.output_dir) / std::filesystem::path(job.relative).parent_path())
                     .string()});
    for (const auto& t : st.to) {
      args.push_back("--to");
      args.push_back(t);
    }
    if (!st.from.empty()) {
      args.push_back("--from");
      args.push_back(st.from);
    }
    for (const auto& o : st.options) {
      args.push_back("--option");
      args.push_back(o);
    }
    pid_t pid = ::fork();
    if (pid == 0) {
      ::signal(SIGINT, SIG_DFL);
      ::signal(SIGTERM, SIG_DFL);
      int in = ::open("/dev/null", O_RDONLY);
      int out = ::open("/dev/null", O_WRONLY);
      int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(in, 0);
      ::dup2(out, 1);
      ::dup2(e, 2);
      std::vector<char*> argv;
      for (auto& a : args)
        argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    if (pid < 0) {
      ++failed;
      record(job, "failed", 0, -1,
             nlohmann::json::array({{{"severity", "error"},
                                     {"code", "batch.spawn"},
                                     {"message", "cannot start a worker process"}}}));
      return;
    }
    running.emplace(pid, Running{index, Clock::now(), err});
  };

  auto finish = [&](pid_t pid, int status) {
    Running r = running.at(pid);
    running.erase(pid);
    const BatchJob& job = jobs[r.job];
    double seconds = std::chrono::duration<double>(Clock::now() - r.start).count();
    nlohmann::json diagnostics = nlohmann::json::array();
    bool any_warning = false;
    std::string first_error;
    {
      std::ifstream err(r.stderr_path);
      std::string line;
      while (std::getline(err, line)) {
        try {
          auto d = nlohmann::json::parse(line);
          any_warning = any_warning || d.value("severity", "") == "warning";
          if (first_error.empty() && d.value("severity", "") == "error")
            first_error = d.value("message", "") + " [" + d.value("code", "") + "]";
          diagnostics.push_back(std::move(d));
        } catch (const std::exception&) {
          diagnostics.push_back({{"severity", "error"}, {"code", "batch.output"}, {"message", line}});
        }
      }
    }
    ::unlink(r.stderr_path.c_str());
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::string state;
    if (r.terminated) {
      state = "failed";
      first_error = "timed out after " + std::to_string(static_cast<int>(st.timeout)) + " s";
      diagnostics.push_back({{"severity", "error"}, {"code", "batch.timeout"}, {"message", first_error}});
    } else if (WIFSIGNALED(status)) {
      state = "failed";
      first_error = "the worker crashed (signal " + std::to_string(WTERMSIG(status)) + ")";
      diagnostics.push_back({{"severity", "error"}, {"code", "batch.crash"}, {"message", first_error}});
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
    progress();
  };

  while ((next < todo.size() || !running.empty())) {
    if (g_interrupted.load() != 0) {
      for (auto& [pid, r] : running)
        ::kill(pid, SIGTERM);
      int status = 0;
      pid_t pid;
      while (!running.empty() && (pid = ::waitpid(-1, &status, 0)) > 0)
        running.erase(pid);
      break;
    }
    bool stop_new = st.fail_fast && failed > 0;
    while (!stop_new && running.size() < static_cast<std::size_t>(std::max(1, st.jobs)) && next < todo.size())
      spawn(todo[next++]);
    int status = 0;
    pid_t pid = ::waitpid(-1, &status, WNOHANG);
    if (pid > 0 && running.count(pid)) {
      finish(pid, status);
      continue;
    }
    if (stop_new && running.empty())
      break;
    // The time limit: SIGTERM first (the child removes its temporary files), then SIGKILL.
    auto now = Clock::now();
    for (auto& [p, r] : running) {
      double age = std::chrono::duration<double>(now - r.start).count();
      if (st.timeout > 0 && age > st.timeout && !r.terminated) {
        r.terminated = true;
        ::kill(p, SIGTERM);
      } else if (st.timeout > 0 && age > st.timeout + 5) {
        ::kill(p, SIGKILL);
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
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
