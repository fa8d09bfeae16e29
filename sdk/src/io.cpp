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
  enum class Kind { file, memory, stdout_ } kind = Kind::memory;
  std::string name;
  std::filesystem::path target;
  std::filesystem::path temp;
  int fd = -1;
  std::string buffer;
  bool committed = false;
  int pending_slot = -1;

  ~Impl() {
    if (fd >= 0)
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

OutputSink OutputSink::to_file(const std::filesystem::path& path) {
  auto impl = std::make_unique<Impl>();
  impl->kind = Impl::Kind::file;
  impl->name = path.string();
  impl->target = path;
  std::filesystem::path dir = path.parent_path();
  if (dir.empty())
    dir = ".";
  // A hidden temporary beside the target, so the final rename stays on one file system.
  std::string pattern = (dir / ("." + path.filename().string() + ".resconv-XXXXXX")).string();
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  int fd = ::mkostemp(buf.data(), O_CLOEXEC);
  if (fd < 0)
    throw IoError(impl->name + ": cannot create output: " + errno_text(errno));
  impl->fd = fd;
  impl->temp = buf.data();
  impl->pending_slot = register_pending(impl->temp.string());
  ::fchmod(
      fd, 0644 & ~[] {
        mode_t m = ::umask(0);
        ::umask(m);
        return m;
      }());
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
    s.buffer.append(bytes);
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

void OutputSink::commit() {
  Impl& s = *m_impl;
  if (s.committed)
    return;
  if (s.kind == Impl::Kind::stdout_) {
    std::string_view rest = s.buffer;
    while (!rest.empty()) {
      ssize_t n = ::write(STDOUT_FILENO, rest.data(), rest.size());
      if (n < 0) {
        if (errno == EINTR)
          continue;
        throw IoError("<stdout>: cannot write: " + errno_text(errno));
      }
      rest.remove_prefix(static_cast<std::size_t>(n));
    }
  } else if (s.kind == Impl::Kind::file) {
    if (::fsync(s.fd) != 0 && errno != EINVAL)
      throw IoError(s.name + ": cannot flush: " + errno_text(errno));
    int fd = s.fd;
    s.fd = -1;
    if (::close(fd) != 0)
      throw IoError(s.name + ": cannot close: " + errno_text(errno));
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
