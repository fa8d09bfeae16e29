#pragma once
// Prints diagnostics to standard error, compiler-style or as JSON lines, and counts them.

#include <resconv/sdk/diagnostics.hpp>

#include <mutex>

namespace resconv::host {

class DiagnosticPrinter final : public DiagnosticSink {
public:
  enum class Style { text, json };
  DiagnosticPrinter(Style style, Severity threshold) : m_style(style), m_threshold(threshold) {}
  void report(Diagnostic diagnostic) noexcept override;
  std::size_t errors() const noexcept { return m_errors; }
  /// Warnings reported, printed or not (`-q` hides them; `--fail-if-warnings` counts them).
  std::size_t warnings() const noexcept { return m_warnings; }
  /// The line report() prints for `diagnostic`, with its newline, whatever its severity.
  std::string line(const Diagnostic& diagnostic) const;

private:
  Style m_style;
  Severity m_threshold;
  std::size_t m_errors = 0;
  std::size_t m_warnings = 0;
  std::mutex m_mutex;
};

} // namespace resconv::host
