#include "diagnostic_printer.hpp"

#include <cstdio>

namespace resconv::host {

std::string DiagnosticPrinter::line(const Diagnostic& d) const {
  return (m_style == Style::json ? format_json_line(d) : "resconv: " + format_text(d)) + '\n';
}

void DiagnosticPrinter::report(Diagnostic d) noexcept {
  std::lock_guard<std::mutex> lock(m_mutex);
  if (d.severity == Severity::error)
    ++m_errors;
  if (d.severity == Severity::warning)
    ++m_warnings;
  if (static_cast<int>(d.severity) < static_cast<int>(m_threshold))
    return;
  try {
    std::string text = line(d);
    std::fwrite(text.data(), 1, text.size(), stderr);
  } catch (...) {
    // Out of memory while printing: nothing sensible left to do.
  }
}

} // namespace resconv::host
