#include <resconv/sdk/io.hpp>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace resconv {
namespace {

std::string errno_text(int err) {
  return std::strerror(err);
}

// Temporary files of live file sinks, for the signal handler: fixed slots, no allocation.
constexpr int pending_slots = 64;
char g_pending[pending_slots][4096];
std::atomic<int> g_pending_used[pending_slots];

int register_pending(const std::string& path) {
  if (path.size() >= sizeof g_pending[0])
    return -1;
  for (int i = 0; i < pending_slots; ++i) {
    int expected = 0;
    if (g_pending_used[i].compare_exchange_strong(expected, 2)) {
      std::memcpy(g_pending[i], path.c_str(), path.size() + 1);
      g_pending_used[i].store(1);
      return i;
    }
  }
  return -1;
}

void unregister_pending(int slot) {
  if (slot >= 0)
    g_pending_used[slot].store(0);
}

extern "C" void remove_pending_and_die(int sig) {
  remove_temporary_files();
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

// Reads a whole descriptor; throws IoError naming `name`.
std::string read_fd(int fd, const std::string& name, std::size_t max_bytes) {
  std::string data;
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      throw IoError(name + ": cannot read: " + errno_text(errno));
    }
    if (n == 0)
      break;
    if (data.size() + static_cast<std::size_t>(n) > max_bytes)
      throw InputTooLarge(name + ": input larger than " + std::to_string(max_bytes) + " bytes");
    data.append(buffer, static_cast<std::size_t>(n));
  }
  return data;
}

} // namespace

InputSource InputSource::from_file(const std::filesystem::path& path, std::size_t max_bytes) {
  const std::string name = path.string();
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw IoError(name + ": cannot open: " + errno_text(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    throw IoError(name + ": cannot stat: " + errno_text(err));
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw IoError(name + ": is a directory");
  }
  if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > max_bytes) {
    ::close(fd);
    throw InputTooLarge(name + ": input larger than " + std::to_string(max_bytes) + " bytes");
  }
  InputSource source;
  try {
    source.m_bytes = read_fd(fd, name, max_bytes);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  source.m_name = name;
  source.m_path = path;
  return source;
}

InputSource InputSource::from_memory(std::string name, std::string bytes) {
  InputSource source;
  source.m_name = std::move(name);
  source.m_bytes = std::move(bytes);
  return source;
}

InputSource InputSource::from_stdin(std::size_t max_bytes) {
  InputSource source;
  source.m_name = "<stdin>";
  source.m_bytes = read_fd(STDIN_FILENO, source.m_name, max_bytes);
  return source;
}

struct OutputSink::Impl {
  // file: a temporary file beside the target, renamed over it on commit.
  // stream: an existing device, FIFO or descriptor, written in place on commit.
  enum class Kind { file, memory, stdout_, stream } kind = Kind::memory;
  std::string name;
  std::filesystem::path target;
  std::filesystem::path temp;
  int fd = -1;
  bool own_fd = true; // false for /dev/stdout and /dev/fd/N: the descriptor is the process's
  std::string buffer;
  bool committed = false;
  int pending_slot = -1;
  bool target_existed = false; // a regular file was there when the sink was made

  ~Impl() {
    if (fd >= 0 && own_fd)
      ::close(fd);
    if (kind == Kind::file && !committed && !temp.empty())
      ::unlink(temp.c_str());
    unregister_pending(pending_slot);
  }
};

OutputSink::OutputSink(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
OutputSink::OutputSink(OutputSink&&) noexcept = default;
OutputSink& OutputSink::operator=(OutputSink&&) noexcept = default;
OutputSink::~OutputSink() = default;

namespace {

// The number N of "/dev/fd/N" and "/proc/self/fd/N", 1 for "/dev/stdout", 2 for
// "/dev/stderr"; -1 for any other path. These names mean a descriptor the process already
// holds (a shell's redirection, a pipe): resconv writes to it, it never replaces the link.
int descriptor_path(const std::string& path) {
  if (path == "/dev/stdout")
    return STDOUT_FILENO;
  if (path == "/dev/stderr")
    return STDERR_FILENO;
  for (std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (path.size() <= prefix.size() || path.compare(0, prefix.size(), prefix) != 0)
      continue;
    int n = 0;
    for (std::size_t i = prefix.size(); i < path.size(); ++i) {
      if (path[i] < '0' || path[i] > '9' || n > 100000)
        return -1;
      n = n * 10 + (path[i] - '0');
    }
    return n;
  }
  return -1;
}

// Links are followed to what they name, however many (up to the system's own bound), so a
// link stays a link and its target is what gets written; a dangling link gives the path
// where its target will be created. Relative link texts are read from the link's folder.
constexpr int max_link_hops = 40; // Linux's own limit on links followed in one lookup

std::filesystem::path follow_links(const std::filesystem::path& path, const std::string& name) {
  std::filesystem::path current = path;
  for (int hop = 0; hop <= max_link_hops; ++hop) {
    struct stat st {};
    if (::lstat(current.c_str(), &st) != 0 || !S_ISLNK(st.st_mode))
      return current;
    std::vector<char> text(static_cast<std::size_t>(st.st_size > 0 ? st.st_size : 255) + 1);
    ssize_t n = ::readlink(current.c_str(), text.data(), text.size());
    if (n < 0)
      throw IoError(name + ": cannot read the link " + current.string() + ": " + errno_text(errno));
    std::filesystem::path next(std::string(text.data(), static_cast<std::size_t>(n)));
    current = next.is_absolute() ? next : current.parent_path() / next;
  }
  throw IoError(name + ": too many levels of symbolic links");
}

mode_t creation_mode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask; // what a shell's `>` gives a new file
}

} // namespace

OutputSink OutputSink::to_file(const std::filesystem::path& path) {
  auto impl = std::make_unique<Impl>();
  impl->name = path.string();
  if (int held = descriptor_path(impl->name); held >= 0) {
    if (::fcntl(held, F_GETFD) < 0)
      throw IoError(impl->name + ": cannot write: descriptor " + std::to_string(held) + " is not open");
    impl->kind = Impl::Kind::stream;
    impl->fd = held;
    impl->own_fd = false;
    return OutputSink(std::move(impl));
  }
  const std::filesystem::path real = follow_links(path, impl->name);
  struct stat st {};
  bool exists = ::stat(real.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode))
    throw IoError(impl->name + ": is a directory; give a file name (or -O for a folder of outputs)");
  if (exists && !S_ISREG(st.st_mode)) {
    if (S_ISSOCK(st.st_mode))
      throw IoError(impl->name + ": is a socket, not a file");
    // A device or a FIFO is written in place, never replaced. A FIFO without a reader would
    // block forever: O_NONBLOCK makes that an error (ENXIO) at once.
    int fd = ::open(real.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC | (S_ISFIFO(st.st_mode) ? O_NONBLOCK : 0));
    if (fd < 0)
      throw IoError(impl->name + ": cannot open for writing: " +
                    (errno == ENXIO && S_ISFIFO(st.st_mode) ? std::string("the FIFO has no reader")
                                                            : errno_text(errno)));
    if (S_ISFIFO(st.st_mode))
      ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    impl->kind = Impl::Kind::stream;
    impl->fd = fd;
    return OutputSink(std::move(impl));
  }
  impl->kind = Impl::Kind::file;
  impl->target = real;
  impl->target_existed = exists;
  std::filesystem::path dir = real.parent_path();
  if (dir.empty())
    dir = ".";
  // A hidden temporary beside the target, so the final rename stays on one file system.
  std::string pattern = (dir / ("." + real.filename().string() + ".resconv-XXXXXX")).string();
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  int fd = ::mkostemp(buf.data(), O_CLOEXEC);
  if (fd < 0)
    throw IoError(impl->name + ": cannot create output: " + errno_text(errno));
  impl->fd = fd;
  impl->temp = buf.data();
  impl->pending_slot = register_pending(impl->temp.string());
  // A file that is replaced keeps its permissions (and, for root, its owner); a new one gets
  // what a shell's redirection would give it.
  if (exists) {
    ::fchmod(fd, st.st_mode & 07777);
    if (::geteuid() == 0)
      (void)!::fchown(fd, st.st_uid, st.st_gid);
  } else {
    ::fchmod(fd, creation_mode());
  }
  return OutputSink(std::move(impl));
}

OutputSink OutputSink::to_memory(std::string name) {
  auto impl = std::make_unique<Impl>();
  impl->kind = Impl::Kind::memory;
  impl->name = std::move(name);
  return OutputSink(std::move(impl));
}

OutputSink OutputSink::to_stdout() {
  auto impl = std::make_unique<Impl>();
  impl->kind = Impl::Kind::stdout_;
  impl->name = "<stdout>";
  return OutputSink(std::move(impl));
}

void OutputSink::write(std::string_view bytes) {
  Impl& s = *m_impl;
  if (s.committed)
    throw IoError(s.name + ": write after commit");
  if (s.kind != Impl::Kind::file) {
    s.buffer.append(bytes); // memory, stdout and streams are written whole on commit
    return;
  }
  while (!bytes.empty()) {
    ssize_t n = ::write(s.fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR)
        continue;
      throw IoError(s.name + ": cannot write: " + errno_text(errno));
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

namespace {

void write_all(int fd, std::string_view rest, const std::string& name) {
  while (!rest.empty()) {
    ssize_t n = ::write(fd, rest.data(), rest.size());
    if (n < 0) {
      if (errno == EINTR)
        continue;
      throw IoError(name + ": cannot write: " + errno_text(errno));
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
}

} // namespace

void OutputSink::commit() {
  Impl& s = *m_impl;
  if (s.committed)
    return;
  if (s.kind == Impl::Kind::stdout_) {
    write_all(STDOUT_FILENO, s.buffer, "<stdout>");
  } else if (s.kind == Impl::Kind::stream) {
    write_all(s.fd, s.buffer, s.name);
  } else if (s.kind == Impl::Kind::file) {
    if (::fsync(s.fd) != 0 && errno != EINVAL)
      throw IoError(s.name + ": cannot flush: " + errno_text(errno));
    int fd = s.fd;
    s.fd = -1;
    if (::close(fd) != 0)
      throw IoError(s.name + ": cannot close: " + errno_text(errno));
    // What is at the target now must still be a file (or nothing): a device, FIFO or folder
    // put there while the document was converted is never replaced.
    struct stat st {};
    if (::lstat(s.target.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
      throw IoError(s.name + ": the output's place was taken by something that is not a file; not replaced");
    if (::rename(s.temp.c_str(), s.target.c_str()) != 0)
      throw IoError(s.name + ": cannot rename temporary file: " + errno_text(errno));
    unregister_pending(s.pending_slot);
    s.pending_slot = -1;
  }
  s.committed = true;
}

void remove_temporary_files() noexcept {
  for (int i = 0; i < pending_slots; ++i)
    if (g_pending_used[i].load() == 1)
      ::unlink(g_pending[i]);
}

void remove_temporary_files_on_signal() {
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction action {};
    action.sa_handler = remove_pending_and_die;
    sigemptyset(&action.sa_mask);
    ::sigaction(sig, &action, nullptr);
  }
}

const std::string& OutputSink::name() const noexcept {
  return m_impl->name;
}
const std::string& OutputSink::memory() const noexcept {
  return m_impl->buffer;
}
bool OutputSink::committed() const noexcept {
  return m_impl->committed;
}

} // namespace resconv
