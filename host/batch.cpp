#include "batch.hpp"

#include "exit_codes.hpp"

#include <resconv/sdk/diagnostics.hpp>
#include <resconv/sdk/utf8.hpp>

#include <boost/dll/runtime_symbol_info.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <poll.h>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <sys/stat.h>
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

std::string to_hex(std::string_view bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 0xF];
  }
  return out;
}

std::optional<std::string> from_hex(std::string_view hex) {
  auto value = [](char c) -> int {
    if (c >= '0' && c <= '9')
      return c - '0';
    if (c >= 'a' && c <= 'f')
      return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
      return c - 'A' + 10;
    return -1;
  };
  if (hex.size() % 2 != 0)
    return std::nullopt;
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = value(hex[i]), lo = value(hex[i + 1]);
    if (hi < 0 || lo < 0)
      return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

namespace {

namespace fs = std::filesystem;

// An input found, before it becomes a job.
struct Found {
  fs::path path;     // As given or walked: what the worker reads and the manifest names.
  fs::path absolute; // Lexically normal absolute path: the same file given twice is one input.
  std::string relative;
};

fs::path absolute_normal(const fs::path& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p, ec);
  return (ec ? p : a).lexically_normal();
}

bool hidden(const fs::path& name) {
  return !name.native().empty() && name.native().front() == '.';
}

// The deepest folder that holds every path in `files` (absolute, lexically normal).
fs::path common_parent(const std::vector<fs::path>& files) {
  fs::path common = files.front().parent_path();
  for (const auto& f : files) {
    fs::path parent = f.parent_path(), shared;
    auto a = common.begin(), b = parent.begin();
    for (; a != common.end() && b != parent.end() && *a == *b; ++a, ++b)
      shared /= *a;
    common = shared;
  }
  return common;
}

// How many clashes are listed one by one before the rest are counted: enough to see the
// pattern (two folders with the same names, .txt beside .md) without pages of errors.
constexpr std::size_t max_clashes_listed = 20;

} // namespace

std::optional<std::vector<BatchJob>>
collect_jobs(const BatchSettings& st, const std::vector<std::string>& extensions, DiagnosticSink& sink) {
  bool bad = false;
  std::vector<Found> found;
  std::vector<std::pair<fs::path, fs::path>> files; // Named as files: path as given, absolute.
  auto wanted = [&](const std::string& relative) {
    return (st.include.empty() || matches(st.include, relative)) && !matches(st.exclude, relative);
  };
  // The output folder, so that a walk does not go into it (the outputs of an earlier run
  // are not inputs). By identity when it exists, so another spelling of it is seen too.
  struct stat out_stat {};
  bool out_exists = !st.output_dir.empty() && ::stat(st.output_dir.c_str(), &out_stat) == 0;
  auto is_output_dir = [&](const fs::path& dir) {
    struct stat s {};
    return out_exists && ::stat(dir.c_str(), &s) == 0 && s.st_dev == out_stat.st_dev &&
           s.st_ino == out_stat.st_ino;
  };
  auto walk = [&](const std::string& given) {
    fs::path root(given);
    if (is_output_dir(root)) {
      sink.error("batch.usage", "the input folder is the output folder (-O); give another -O", {given});
      bad = true;
      return;
    }
    fs::path absolute_root = absolute_normal(root);
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      std::error_code tec;
      bool directory = it->is_directory(tec);
      // Hidden files and folders (.git, .cache, .snapshot) are not inputs, nor what lies in them.
      if (hidden(p.filename()) || (directory && is_output_dir(p))) {
        if (directory)
          it.disable_recursion_pending();
        continue;
      }
      if (!directory && it->is_regular_file(tec)) {
        std::string relative = p.lexically_relative(root).generic_string();
        if (wanted(relative))
          found.push_back({p, (absolute_root / relative).lexically_normal(), relative});
      }
    }
    if (ec) {
      // A folder that cannot be read to the end would leave its files out unseen.
      sink.error("io.read", "cannot read the folder: " + ec.message(), {given});
      bad = true;
    }
  };
  auto add_input = [&](const std::string& given) {
    std::error_code ec;
    fs::path p(given);
    if (fs::is_directory(p, ec))
      walk(given);
    else if (fs::exists(p, ec))
      files.emplace_back(p, absolute_normal(p));
    else {
      sink.error("batch.no-input", "no such file or folder", {given});
      bad = true;
    }
  };
  for (const auto& i : st.inputs)
    add_input(i);
  if (!st.files_from.empty()) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (st.files_from != "-") {
      file.open(st.files_from);
      if (!file) {
        sink.error("io.read", "cannot read the list of inputs", {st.files_from});
        return std::nullopt;
      }
      in = &file;
    }
    std::string line;
    while (std::getline(*in, line)) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
        line.pop_back();
      if (!line.empty() && line.front() != '#')
        add_input(line);
    }
    if (in->bad()) {
      sink.error("io.read", "cannot read the list of inputs to its end",
                 {st.files_from == "-" ? "<stdin>" : st.files_from});
      bad = true;
    }
  }
  // Files named one by one (absolute paths, `find` output, `../x`) mirror their paths under
  // the folder that holds them all: no two distinct files share a relative path, and none
  // leads outside -O.
  if (!files.empty()) {
    std::vector<fs::path> absolute;
    for (const auto& f : files)
      absolute.push_back(f.second);
    fs::path common = common_parent(absolute);
    for (auto& [path, abs] : files) {
      std::string relative = abs.lexically_relative(common).generic_string();
      if (wanted(relative))
        found.push_back({path, abs, relative});
    }
  }
  if (bad)
    return std::nullopt;
  // The manifest is this run's record, not an input, when it lies in an input folder.
  if (!st.manifest.empty()) {
    fs::path manifest = absolute_normal(st.manifest);
    found.erase(
        std::remove_if(found.begin(), found.end(), [&](const Found& f) { return f.absolute == manifest; }),
        found.end());
  }
  // The same file reached twice (a folder and a file in it, a list with repeats) is one input.
  std::stable_sort(found.begin(), found.end(),
                   [](const Found& a, const Found& b) { return a.absolute < b.absolute; });
  found.erase(std::unique(found.begin(), found.end(),
                          [](const Found& a, const Found& b) { return a.absolute == b.absolute; }),
              found.end());
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return a.relative != b.relative ? a.relative < b.relative : a.absolute < b.absolute;
  });

  // Every output is <relative folder>/<stem>.<extension>: two inputs with the same relative
  // folder and stem (d1/r.txt and d2/r.txt, r.txt and r.md) would write the same files.
  // Checked over all the inputs, before sharding, so every shard refuses the same run.
  std::map<std::string, std::size_t> by_output;
  std::size_t clashes = 0;
  for (std::size_t i = 0; i < found.size(); ++i) {
    fs::path rel(found[i].relative);
    if (rel.is_absolute() || (!rel.empty() && *rel.begin() == "..")) {
      sink.error("batch.usage", "the output would fall outside -O", {found[i].path.string()});
      bad = true;
      continue;
    }
    std::string key = (rel.parent_path() / rel.stem()).generic_string();
    auto [it, fresh] = by_output.emplace(key, i);
    if (fresh)
      continue;
    if (++clashes <= max_clashes_listed)
      sink.error(
          "batch.output-clash",
          "'" + found[it->second].path.string() + "' and '" + found[i].path.string() +
              "' would both be written to '" +
              (fs::path(st.output_dir) / rel.parent_path() / (rel.stem().string() + "." + extensions.front()))
                  .string() +
              "'; leave one out (--exclude), rename one, or convert them in separate runs with different -O",
          {found[i].path.string()});
    bad = true;
  }
  if (clashes > max_clashes_listed)
    sink.error("batch.output-clash",
               std::to_string(clashes - max_clashes_listed) + " more inputs clash likewise");
  if (bad)
    return std::nullopt;

  std::vector<BatchJob> jobs;
  for (auto& f : found) {
    if (!in_shard(f.relative, st.shard_index, st.shard_count))
      continue;
    BatchJob job{f.path, f.relative, {}};
    fs::path rel(f.relative);
    for (const auto& ext : extensions)
      job.outputs.push_back(fs::path(st.output_dir) / rel.parent_path() / (rel.stem().string() + "." + ext));
    jobs.push_back(std::move(job));
  }
  return jobs;
}

namespace {

// ---- Scratch folders: where the workers write each file's diagnostics.

// mkdtemp's name: `resconv-batch-` and six random characters.
constexpr std::string_view scratch_prefix = "resconv-batch-";
constexpr std::size_t scratch_random_chars = 6;
// The file in a scratch folder that names the run that made it.
constexpr const char* scratch_owner_file = "owner";

// $TMPDIR when set (as mkdtemp(1) and every POSIX tool take it), else /tmp.
fs::path scratch_base() {
  const char* env = std::getenv("TMPDIR");
  if (env != nullptr && *env != '\0')
    return absolute_normal(env);
  return "/tmp";
}

std::string read_small_file(const char* path) {
  int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return {};
  char buffer[1024];
  ssize_t n = ::read(fd, buffer, sizeof buffer);
  ::close(fd);
  return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
}

// What tells one process from another on this machine, even when a pid is reused: the pid,
// the process's start time (field 22 of /proc/PID/stat), the boot and the pid namespace.
struct ProcessId {
  long pid = 0;
  std::string start, boot, pid_ns;
  bool operator==(const ProcessId&) const = default;
};

std::string process_start(long pid) {
  std::string stat = read_small_file(("/proc/" + std::to_string(pid) + "/stat").c_str());
  auto close = stat.rfind(')'); // The command name may hold spaces and parentheses.
  if (close == std::string::npos)
    return {};
  std::istringstream fields(stat.substr(close + 1));
  std::string field;
  for (int i = 3; i <= 22 && (fields >> field); ++i) {
  }
  return field;
}

ProcessId this_process() {
  ProcessId id;
  id.pid = ::getpid();
  id.start = process_start(id.pid);
  std::string boot = read_small_file("/proc/sys/kernel/random/boot_id");
  id.boot = boot.substr(0, boot.find('\n'));
  char ns[128] = {};
  ssize_t n = ::readlink("/proc/self/ns/pid", ns, sizeof ns - 1);
  id.pid_ns = n > 0 ? std::string(ns, static_cast<std::size_t>(n)) : std::string();
  return id;
}

std::string format_owner(const ProcessId& id) {
  return "pid " + std::to_string(id.pid) + "\nstart " + id.start + "\nboot " + id.boot + "\npid_ns " +
         id.pid_ns + "\n";
}

std::optional<ProcessId> parse_owner(const std::string& text) {
  ProcessId id;
  std::istringstream in(text);
  std::string key, value;
  int seen = 0;
  while (in >> key >> value) {
    if (key == "pid") {
      id.pid = std::atol(value.c_str());
      ++seen;
    } else if (key == "start") {
      id.start = value;
    } else if (key == "boot") {
      id.boot = value;
    } else if (key == "pid_ns") {
      id.pid_ns = value;
    }
  }
  if (seen != 1 || id.pid <= 0)
    return std::nullopt;
  return id;
}

// Removes the files in the folder open as `dir` (a scratch folder holds files only), then
// the folder `name` in `base`. Nothing is followed: entries are unlinked where they are.
void remove_scratch_at(int base, const std::string& name, int dir) {
  int scan = ::dup(dir);
  if (DIR* d = scan >= 0 ? ::fdopendir(scan) : nullptr) {
    std::vector<std::string> names;
    while (dirent* e = ::readdir(d))
      if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
        names.emplace_back(e->d_name);
    ::closedir(d);
    for (const auto& n : names)
      ::unlinkat(dir, n.c_str(), 0);
  } else if (scan >= 0) {
    ::close(scan);
  }
  ::unlinkat(base, name.c_str(), AT_REMOVEDIR);
}

// Scratch folders of earlier runs that were killed (SIGKILL, an OOM kill, a node lost):
// removed when they are this user's, were made on this boot in this pid namespace, and the
// process that made them is gone. A folder without an owner file, another user's, or one
// whose maker is alive is left alone.
std::size_t remove_stale_scratch(const fs::path& base_path, const ProcessId& me) {
  int base = ::open(base_path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (base < 0)
    return 0;
  std::vector<std::string> candidates;
  if (DIR* d = ::fdopendir(::dup(base))) {
    while (dirent* e = ::readdir(d)) {
      std::string_view n(e->d_name);
      if (n.size() == scratch_prefix.size() + scratch_random_chars &&
          n.substr(0, scratch_prefix.size()) == scratch_prefix)
        candidates.emplace_back(n);
    }
    ::closedir(d);
  }
  std::size_t removed = 0;
  for (const auto& name : candidates) {
    int dir = ::openat(base, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dir < 0)
      continue;
    struct stat s {};
    bool mine = ::fstat(dir, &s) == 0 && s.st_uid == ::geteuid();
    std::string text;
    if (mine) {
      int owner = ::openat(dir, scratch_owner_file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
      if (owner >= 0) {
        char buffer[512];
        ssize_t n = ::read(owner, buffer, sizeof buffer);
        if (n > 0)
          text.assign(buffer, static_cast<std::size_t>(n));
        ::close(owner);
      }
    }
    std::optional<ProcessId> id = mine ? parse_owner(text) : std::nullopt;
    bool here = id && id->boot == me.boot && id->pid_ns == me.pid_ns && !(*id == me);
    bool gone = false;
    if (here) {
      if (::kill(static_cast<pid_t>(id->pid), 0) != 0 && errno == ESRCH)
        gone = true;
      else // Alive, or its pid reused by a process that started at another time.
        gone = !id->start.empty() && process_start(id->pid) != id->start;
    }
    if (gone) {
      remove_scratch_at(base, name, dir);
      ++removed;
    }
    ::close(dir);
  }
  ::close(base);
  return removed;
}

// The run's own scratch folder: made by mkdtemp (a name nobody can predict, mode 0700),
// with an owner file naming this process. Removed at the end with remove_scratch_at.
struct Scratch {
  fs::path path;
  int base = -1, dir = -1;
  ~Scratch() {
    if (dir >= 0) {
      remove_scratch_at(base, path.filename().string(), dir);
      ::close(dir);
    }
    if (base >= 0)
      ::close(base);
  }
};

// Makes the scratch folder; on failure returns the reason (the run must not start).
std::string make_scratch(Scratch& scratch, const ProcessId& me) {
  fs::path base = scratch_base();
  std::string pattern =
      (base / (std::string(scratch_prefix) + std::string(scratch_random_chars, 'X'))).string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (::mkdtemp(buffer.data()) == nullptr)
    return "cannot make a scratch folder in " + base.string() + ": " + std::strerror(errno);
  scratch.path = buffer.data();
  scratch.base = ::open(base.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  scratch.dir = ::open(scratch.path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (scratch.base < 0 || scratch.dir < 0) {
    std::string why = std::strerror(errno);
    if (scratch.dir < 0)
      ::rmdir(scratch.path.c_str());
    return "cannot open the scratch folder " + scratch.path.string() + ": " + why;
  }
  std::string owner = format_owner(me);
  int fd =
      ::openat(scratch.dir, scratch_owner_file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  bool written = fd >= 0 && ::write(fd, owner.data(), owner.size()) == static_cast<ssize_t>(owner.size());
  int error = errno;
  if (fd >= 0 && ::close(fd) != 0 && written) {
    written = false;
    error = errno;
  }
  if (!written)
    return "cannot write in the scratch folder " + scratch.path.string() + ": " + std::strerror(error);
  return {};
}

// ---- Temporary outputs: `.<name>.resconv-XXXXXX` (OutputSink::to_file) beside each output.

constexpr std::string_view temp_infix = ".resconv-";
constexpr std::size_t temp_random_chars = 6; // mkostemp's XXXXXX

// The output name a temporary file stands for, or empty when `name` is not one.
std::string temporary_for(std::string_view name) {
  if (name.size() < 1 + temp_infix.size() + temp_random_chars + 1 || name.front() != '.')
    return {};
  std::string_view tail = name.substr(name.size() - temp_random_chars);
  if (!std::all_of(tail.begin(), tail.end(),
                   [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }))
    return {};
  std::string_view rest = name.substr(1, name.size() - 1 - temp_random_chars);
  if (rest.size() <= temp_infix.size() || rest.substr(rest.size() - temp_infix.size()) != temp_infix)
    return {};
  return std::string(rest.substr(0, rest.size() - temp_infix.size()));
}

// Removes the temporary files that a killed run left beside this run's outputs (only those
// of this run's own outputs: another shard writing into the same -O keeps its own).
std::size_t remove_stale_temporaries(const std::vector<BatchJob>& jobs) {
  std::map<fs::path, std::set<std::string>> by_folder;
  for (const auto& job : jobs)
    for (const auto& o : job.outputs)
      by_folder[o.parent_path().empty() ? fs::path(".") : o.parent_path()].insert(o.filename().string());
  std::size_t removed = 0;
  for (const auto& [folder, names] : by_folder) {
    int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0)
      continue; // Not made yet: nothing left in it.
    std::vector<std::string> stale;
    if (DIR* d = ::fdopendir(::dup(dir))) {
      while (dirent* e = ::readdir(d)) {
        std::string target = temporary_for(e->d_name);
        if (!target.empty() && names.count(target) != 0)
          stale.emplace_back(e->d_name);
      }
      ::closedir(d);
    }
    for (const auto& name : stale) {
      struct stat s {};
      if (::fstatat(dir, name.c_str(), &s, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(s.st_mode) &&
          ::unlinkat(dir, name.c_str(), 0) == 0)
        ++removed;
    }
    ::close(dir);
  }
  return removed;
}

// ---- The manifest: every line written whole or the run stops with an error.

bool valid_utf8(const std::string& s) {
  return utf8_invalid_at(s) == std::string_view::npos;
}

class Manifest {
public:
  bool open(const std::string& path, bool append, std::string& why) {
    m_path = path;
    m_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0644);
    if (m_fd < 0) {
      why = std::strerror(errno);
      return false;
    }
    struct stat s {};
    m_regular = ::fstat(m_fd, &s) == 0 && S_ISREG(s.st_mode);
    m_size = m_regular ? s.st_size : 0;
    if (append && m_size > 0) {
      // A line cut by an earlier run's end: the next line must not be glued to it.
      char last = '\n';
      int reader = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      if (reader >= 0) {
        if (::pread(reader, &last, 1, m_size - 1) != 1)
          last = '\n';
        ::close(reader);
      }
      if (last != '\n' && !write("\n")) {
        why = m_error;
        return false;
      }
    }
    return true;
  }
  bool is_open() const { return m_fd >= 0; }
  bool failed() const { return !m_error.empty(); }
  const std::string& error() const { return m_error; }
  const std::string& path() const { return m_path; }
  std::size_t lines() const { return m_lines; }

  // Writes one line whole; on failure cuts the file back to its last whole line.
  bool write_line(const std::string& line) {
    if (failed())
      return false;
    if (!write(line + "\n"))
      return false;
    ++m_lines;
    return true;
  }
  // Flushes to the disk and closes; false (and error()) when that fails.
  bool close() {
    if (m_fd < 0)
      return !failed();
    if (!failed() && ::fsync(m_fd) != 0 && errno != EINVAL && errno != EROFS)
      m_error = std::strerror(errno);
    if (::close(m_fd) != 0 && !failed())
      m_error = std::strerror(errno);
    m_fd = -1;
    return !failed();
  }
  ~Manifest() {
    if (m_fd >= 0)
      ::close(m_fd);
  }

private:
  bool write(std::string_view bytes) {
    off_t before = m_size;
    while (!bytes.empty()) {
      ssize_t n = ::write(m_fd, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0) {
        m_error = n < 0 ? std::strerror(errno) : "nothing written";
        if (m_regular && ::ftruncate(m_fd, before) != 0)
          m_error += " (and the cut line could not be taken back)";
        return false;
      }
      bytes.remove_prefix(static_cast<std::size_t>(n));
      m_size += n;
    }
    return true;
  }
  std::string m_path, m_error;
  int m_fd = -1;
  bool m_regular = false;
  off_t m_size = 0;
  std::size_t m_lines = 0;
};

// The manifest's key for an input: `input_hex` (the bytes) when the name is not UTF-8, else `input`.
std::optional<std::string> manifest_input(const nlohmann::json& line) {
  if (auto hex = line.find("input_hex"); hex != line.end() && hex->is_string())
    return from_hex(hex->get<std::string>());
  return line.at("input").get<std::string>();
}

} // namespace

int run_batch(const BatchSettings& st, const std::vector<std::string>& extensions, DiagnosticSink& sink) {
  std::optional<std::vector<BatchJob>> collected = collect_jobs(st, extensions, sink);
  if (!collected)
    return exit_usage;
  std::vector<BatchJob> jobs = std::move(*collected);
  if (jobs.empty()) {
    sink.error("batch.usage", std::string("no input files") + (st.shard_count > 1 ? " in this shard" : ""));
    return exit_usage;
  }

  // The scratch folder first: without it no file's diagnostics can be kept, so its failure
  // stops the run before any work (never a fallback to a shared folder).
  ProcessId me = this_process();
  std::size_t stale_scratch = remove_stale_scratch(scratch_base(), me);
  Scratch scratch;
  if (std::string why = make_scratch(scratch, me); !why.empty()) {
    sink.error("batch.scratch", why + "; set TMPDIR to a folder with room");
    return exit_output;
  }
  std::size_t stale_temporaries = remove_stale_temporaries(jobs);
  if (!st.quiet && (stale_scratch > 0 || stale_temporaries > 0))
    sink.note("batch.cleanup", "removed " + std::to_string(stale_temporaries) +
                                   " temporary output files and " + std::to_string(stale_scratch) +
                                   " scratch folders left by runs that were killed");

  // --resume: what an earlier run recorded as done (the last line per input wins).
  std::map<std::string, std::string> previous;
  if (st.resume && !st.manifest.empty()) {
    std::ifstream old(st.manifest);
    std::string line;
    while (std::getline(old, line)) {
      try {
        auto j = nlohmann::json::parse(line);
        if (auto input = manifest_input(j))
          previous[*input] = j.at("status").get<std::string>();
      } catch (const std::exception&) {
        // A line cut short by an interruption: ignored.
      }
    }
  }
  Manifest manifest;
  if (!st.manifest.empty()) {
    std::string why;
    if (!manifest.open(st.manifest, st.resume, why)) {
      sink.error("io.write", "cannot write the manifest: " + why, {st.manifest});
      return exit_output;
    }
  }
  auto record = [&](const BatchJob& job, const std::string& status, double seconds, int code,
                    const nlohmann::json& diagnostics) {
    if (!manifest.is_open() || manifest.failed())
      return;
    nlohmann::ordered_json j;
    std::string input = job.input.string();
    j["input"] = input; // Not UTF-8: each bad byte shows as U+FFFD, input_hex holds the bytes.
    if (!valid_utf8(input))
      j["input_hex"] = to_hex(input);
    std::vector<std::string> outs;
    bool outs_utf8 = true;
    for (const auto& o : job.outputs) {
      outs.push_back(o.string());
      outs_utf8 = outs_utf8 && valid_utf8(outs.back());
    }
    j["outputs"] = outs;
    if (!outs_utf8) {
      std::vector<std::string> hex;
      for (const auto& o : outs)
        hex.push_back(to_hex(o));
      j["outputs_hex"] = hex;
    }
    j["status"] = status;
    j["exit_code"] = code;
    j["seconds"] = std::round(seconds * 1000) / 1000;
    j["diagnostics"] = diagnostics;
    if (!manifest.write_line(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)))
      sink.error("io.write",
                 "cannot write the manifest: " + manifest.error() + "; it records the first " +
                     std::to_string(manifest.lines()) + " lines of this run only, and no new file is started",
                 {st.manifest});
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
  auto finish = [&](Worker& w, int code, std::size_t warnings, const std::string& failure,
                    const std::string& diagnostics_lost = {}) {
    const BatchJob& job = jobs[w.job];
    double seconds = std::chrono::duration<double>(Clock::now() - w.start).count();
    nlohmann::json diagnostics = nlohmann::json::array();
    bool any_warning = warnings > 0;
    std::string first_error;
    if (manifest.is_open() || code != 0 || !failure.empty()) {
      // The worker made the file inside the scratch folder, which only this user can write.
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
    if (!diagnostics_lost.empty()) {
      any_warning = true;
      diagnostics.push_back(
          {{"severity", "warning"},
           {"code", "batch.diagnostics-lost"},
           {"message", "the worker could not keep this file's diagnostics: " + diagnostics_lost}});
    }
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
    // Paths and options go as hex, so a name that is not UTF-8 reaches the worker byte for
    // byte (a JSON string can only carry UTF-8).
    nlohmann::json request;
    request["input"] = to_hex(job.input.string());
    request["output_dir"] = to_hex(
        (std::filesystem::path(st.output_dir) / std::filesystem::path(job.relative).parent_path()).string());
    request["to"] = st.to;
    request["from"] = st.from;
    std::vector<std::string> options;
    for (const auto& o : st.options)
      options.push_back(to_hex(o));
    request["options"] = options;
    w.diagnostics_path = (scratch.path / (std::to_string(index) + ".jsonl")).string();
    request["diagnostics"] = to_hex(w.diagnostics_path);
    std::string line = request.dump() + "\n";
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
    bool stop_new = (st.fail_fast && failed > 0) || manifest.failed();
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
        std::string lost;
        try {
          auto reply = nlohmann::json::parse(w.buffer.substr(0, end));
          code = reply.at("code").get<int>();
          warnings = reply.value("warnings", std::size_t{0});
          lost = reply.value("diagnostics_error", "");
        } catch (const std::exception&) {
        }
        w.buffer.erase(0, end + 1);
        finish(w, code, warnings, "", lost);
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
  // The manifest's last lines reach the disk, or the run says they did not.
  bool manifest_failed = manifest.failed();
  if (manifest.is_open() && !manifest_failed && !manifest.close()) {
    manifest_failed = true;
    sink.error("io.write", "cannot write the manifest: " + manifest.error(), {st.manifest});
  }
  if (terminal)
    std::fprintf(stderr, "\n");
  if (!st.quiet)
    std::cerr << "resconv: batch: " << ok << " ok, " << warned << " with warnings, " << failed << " failed, "
              << skipped << " skipped (already done)" << (g_interrupted.load() ? ", interrupted" : "")
              << (manifest_failed ? ", the manifest is incomplete" : "") << "\n";
  if (g_interrupted.load() != 0)
    return 130;
  if (manifest_failed)
    return exit_output;
  if (failed == 0)
    return next < todo.size() ? exit_partial : exit_ok;
  return ok + warned + skipped > 0 ? exit_partial : exit_input;
}

} // namespace resconv::host
