// `resconv worker`: the batch's worker process. Reads one JSON job per line on stdin
// ({"input", "output_dir", "to": [...], "from", "options": [...], "diagnostics"}), converts
// it with the plugins it loaded once, writes the job's diagnostics as JSON lines to the
// file named in the job, and answers {"code": N, "warnings": W} on stdout. Hidden from --help.
#include "commands.hpp"
#include "converter.hpp"
#include "exit_codes.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>

namespace resconv::host {

namespace {

// Writes each diagnostic as a JSON line to a file, and counts the warnings (the batch
// needs the lines themselves only for a manifest or a failure).
class FileJsonSink final : public DiagnosticSink {
public:
  explicit FileJsonSink(const std::string& path) : m_out(path, std::ios::trunc) {}
  void report(Diagnostic d) noexcept override {
    if (d.severity == Severity::warning)
      ++m_warnings;
    try {
      m_out << format_json_line(d) << "\n";
    } catch (...) {
    }
  }
  std::size_t warnings() const noexcept { return m_warnings; }

private:
  std::ofstream m_out;
  std::size_t m_warnings = 0;
};

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
      try {
        auto job = nlohmann::json::parse(line);
        ConversionRequest request;
        request.input = job.at("input").get<std::string>();
        request.output_dir = job.at("output_dir").get<std::string>();
        request.to = job.at("to").get<std::vector<std::string>>();
        request.from = job.value("from", "");
        request.options = job.value("options", std::vector<std::string>{});
        request.max_input_bytes = context.max_input_bytes;
        FileJsonSink sink(job.at("diagnostics").get<std::string>());
        code = convert(registry, request, sink);
        warnings = sink.warnings();
      } catch (const std::exception& e) {
        std::cerr << "resconv worker: " << e.what() << "\n";
      }
      std::cout << "{\"code\": " << code << ", \"warnings\": " << warnings << "}" << std::endl;
    }
    exit_code = exit_ok;
  });
}

} // namespace resconv::host
