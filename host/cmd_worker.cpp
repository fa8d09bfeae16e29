// `resconv worker`: the batch's worker process. Reads one JSON job per line on stdin
// ({"input", "output_dir", "to": [...], "from", "options": [...], "diagnostics"}; the paths
// and the options in hex, so that any bytes pass), converts it with the plugins it loaded
// once, writes the job's diagnostics as JSON lines to the file named in the job (a new file
// in the batch's scratch folder), and answers {"code": N, "warnings": W} on stdout, with
// "diagnostics_error" when the diagnostics could not all be written. Hidden from --help.
#include "batch.hpp"
#include "commands.hpp"
#include "converter.hpp"
#include "exit_codes.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <stdexcept>
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

std::string bytes_of(const nlohmann::json& job, const char* key) {
  auto bytes = from_hex(job.at(key).get<std::string>());
  if (!bytes)
    throw std::runtime_error(std::string("the job's '") + key + "' is not hex");
  return *bytes;
}

} // namespace

void add_worker_command(CLI::App& app, Context& context, int& exit_code) {
  auto* cmd = app.add_subcommand("worker", "");
  cmd->group(""); // Internal: used by `resconv batch`.
  cmd->callback([&context, &exit_code] {
    const PluginRegistry& registry = context.registry();
    std::string line;
    while (std::getline(std::cin, line)) {
      int code = exit_internal;
      std::size_t warnings = 0;
      std::string lost;
      try {
        auto job = nlohmann::json::parse(line);
        ConversionRequest request;
        request.input = bytes_of(job, "input");
        request.output_dir = bytes_of(job, "output_dir");
        request.to = job.at("to").get<std::vector<std::string>>();
        request.from = job.value("from", "");
        for (const auto& o : job.value("options", std::vector<std::string>{})) {
          auto option = from_hex(o);
          if (!option)
            throw std::runtime_error("an option of the job is not hex");
          request.options.push_back(*option);
        }
        request.max_input_bytes = context.max_input_bytes;
        FileJsonSink sink(bytes_of(job, "diagnostics"));
        code = convert(registry, request, sink);
        warnings = sink.warnings();
        lost = sink.error();
      } catch (const std::exception& e) {
        std::cerr << "resconv worker: " << e.what() << "\n";
      }
      nlohmann::json reply;
      reply["code"] = code;
      reply["warnings"] = warnings;
      if (!lost.empty())
        reply["diagnostics_error"] = lost;
      std::cout << reply.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
    }
    exit_code = exit_ok;
  });
}

} // namespace resconv::host
