// `resconv worker`: the batch's worker process. Reads one job per line on stdin
// (batch/protocol.hpp), converts it with the plugins it loaded once, writes the job's
// diagnostics as JSON lines to the file named in the job (a new file in the batch's scratch
// folder), and answers one reply line on stdout. Hidden from --help.
#include "batch/protocol.hpp"
#include "commands.hpp"
#include "converter.hpp"
#include "exit_codes.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <unistd.h>

namespace resconv::host {

namespace {

// Writes each diagnostic as a JSON line to a new file, and counts the warnings (the batch
// needs the lines themselves only for a manifest or a failure). The file is created, never
// opened if it exists and never through a symbolic link (O_CREAT | O_EXCL | O_NOFOLLOW).
class FileJsonSink final : public DiagnosticSink {
public:
  explicit FileJsonSink(const std::string& path)
      : m_fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)) {
    if (m_fd < 0)
      m_error = "cannot create " + path + ": " + std::strerror(errno);
  }
  ~FileJsonSink() override {
    if (m_fd >= 0)
      ::close(m_fd);
  }
  FileJsonSink(const FileJsonSink&) = delete;
  FileJsonSink& operator=(const FileJsonSink&) = delete;

  void report(Diagnostic d) noexcept override {
    if (d.severity == Severity::warning)
      ++m_warnings;
    if (m_fd < 0 || !m_error.empty())
      return;
    try {
      std::string line = format_json_line(d) + "\n";
      std::string_view rest = line;
      while (!rest.empty()) {
        ssize_t n = ::write(m_fd, rest.data(), rest.size());
        if (n < 0 && errno == EINTR)
          continue;
        if (n <= 0) {
          m_error = std::string("cannot write: ") + (n < 0 ? std::strerror(errno) : "nothing written");
          return;
        }
        rest.remove_prefix(static_cast<std::size_t>(n));
      }
    } catch (...) {
      m_error = "out of memory";
    }
  }
  std::size_t warnings() const noexcept { return m_warnings; }
  /// Empty when every diagnostic was written.
  const std::string& error() const noexcept { return m_error; }

private:
  int m_fd = -1;
  std::size_t m_warnings = 0;
  std::string m_error;
};

} // namespace

void add_worker_command(CLI::App& app, Context& context, int& exit_code) {
  auto* cmd = app.add_subcommand("worker", "");
  cmd->group(""); // Internal: used by `resconv batch`.
  cmd->callback([&context, &exit_code] {
    const PluginRegistry& registry = context.registry();
    std::string line;
    while (std::getline(std::cin, line)) {
      WorkerReply reply;
      reply.code = exit_internal;
      try {
        WorkerJob job = decode_job(line);
        ConversionRequest request;
        request.input = job.input;
        request.output_dir = job.output_dir;
        request.to = job.to;
        request.from = job.from;
        request.options = job.options;
        request.options_checked = job.options_checked;
        request.max_input_bytes = context.max_input_bytes;
        FileJsonSink sink(job.diagnostics);
        reply.code = convert(registry, request, sink);
        reply.warnings = sink.warnings();
        reply.diagnostics_error = sink.error();
      } catch (const std::exception& e) {
        std::cerr << "resconv worker: " << e.what() << "\n";
      }
      std::cout << encode_reply(reply) << std::endl;
    }
    exit_code = exit_ok;
  });
}

} // namespace resconv::host
