#include "batch/scratch.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <map>
#include <optional>
#include <set>
#include <signal.h>
#include <sstream>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace resconv::host {

namespace fs = std::filesystem;

namespace {

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
std::size_t remove_stale_scratch_in(const fs::path& base_path, const ProcessId& me) {
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

} // namespace

std::size_t remove_stale_scratch() {
  return remove_stale_scratch_in(scratch_base(), this_process());
}

ScratchFolder::~ScratchFolder() {
  if (m_dir >= 0) {
    remove_scratch_at(m_base, m_path.filename().string(), m_dir);
    ::close(m_dir);
  }
  if (m_base >= 0)
    ::close(m_base);
}

std::string ScratchFolder::make() {
  ProcessId me = this_process();
  fs::path base = scratch_base();
  std::string pattern =
      (base / (std::string(scratch_prefix) + std::string(scratch_random_chars, 'X'))).string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (::mkdtemp(buffer.data()) == nullptr)
    return "cannot make a scratch folder in " + base.string() + ": " + std::strerror(errno);
  m_path = buffer.data();
  m_base = ::open(base.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  m_dir = ::open(m_path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (m_base < 0 || m_dir < 0) {
    std::string why = std::strerror(errno);
    if (m_dir < 0)
      ::rmdir(m_path.c_str());
    return "cannot open the scratch folder " + m_path.string() + ": " + why;
  }
  std::string owner = format_owner(me);
  int fd = ::openat(m_dir, scratch_owner_file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  bool written = fd >= 0 && ::write(fd, owner.data(), owner.size()) == static_cast<ssize_t>(owner.size());
  int error = errno;
  if (fd >= 0 && ::close(fd) != 0 && written) {
    written = false;
    error = errno;
  }
  if (!written)
    return "cannot write in the scratch folder " + m_path.string() + ": " + std::strerror(error);
  return {};
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

} // namespace resconv::host
