#include <resconv/sdk/diagnostics.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace resconv {

std::string_view to_string(Severity severity) noexcept {
  switch (severity) {
  case Severity::note:
    return "note";
  case Severity::warning:
    return "warning";
  case Severity::error:
    return "error";
  }
  return "error";
}

void DiagnosticSink::error(std::string code, std::string message, Location location) noexcept {
  report({Severity::error, std::move(code), std::move(message), std::move(location)});
}

void DiagnosticSink::warning(std::string code, std::string message, Location location) noexcept {
  report({Severity::warning, std::move(code), std::move(message), std::move(location)});
}

void DiagnosticSink::note(std::string code, std::string message, Location location) noexcept {
  report({Severity::note, std::move(code), std::move(message), std::move(location)});
}

void DiagnosticCollector::report(Diagnostic diagnostic) noexcept {
  m_diagnostics.push_back(std::move(diagnostic));
}

std::size_t DiagnosticCollector::count(Severity severity) const noexcept {
  return static_cast<std::size_t>(
      std::count_if(m_diagnostics.begin(), m_diagnostics.end(),
                    [severity](const Diagnostic& d) { return d.severity == severity; }));
}

bool DiagnosticCollector::has_code(std::string_view code) const noexcept {
  return std::any_of(m_diagnostics.begin(), m_diagnostics.end(),
                     [code](const Diagnostic& d) { return d.code == code; });
}

void FileNameSink::report(Diagnostic diagnostic) noexcept {
  if (diagnostic.location.file.empty())
    diagnostic.location.file = m_file;
  m_target.report(std::move(diagnostic));
}

std::string format_text(const Diagnostic& d) {
  std::string out;
  const Location& at = d.location;
  if (!at.file.empty()) {
    out += at.file;
    if (at.page > 0)
      out += ":p" + std::to_string(at.page);
    if (at.line > 0)
      out += ":" + std::to_string(at.line);
    out += ": ";
  }
  out += to_string(d.severity);
  out += ": ";
  out += d.message;
  if (!d.code.empty())
    out += " [" + d.code + "]";
  return out;
}

std::string format_json_line(const Diagnostic& d) {
  nlohmann::ordered_json j;
  j["severity"] = std::string(to_string(d.severity));
  j["code"] = d.code;
  j["message"] = d.message;
  j["file"] = d.location.file.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(d.location.file);
  j["page"] = d.location.page > 0 ? nlohmann::ordered_json(d.location.page) : nlohmann::ordered_json();
  j["line"] = d.location.line > 0 ? nlohmann::ordered_json(d.location.line) : nlohmann::ordered_json();
  j["offset"] = d.location.offset >= 0 ? nlohmann::ordered_json(d.location.offset) : nlohmann::ordered_json();
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace resconv
