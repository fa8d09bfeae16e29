#pragma once
/// \file diagnostics.hpp
/// Problems as values: every importer, exporter and the host report through a
/// DiagnosticSink passed into the call. There is no global or thread-local error state.

#include <string>
#include <string_view>
#include <vector>

namespace resconv {

/// How bad a problem is. `error` means the operation did not produce a usable result.
enum class Severity { note, warning, error };

/// Returns "note", "warning" or "error".
std::string_view to_string(Severity severity) noexcept;

/// Where a problem is, as precisely as the format allows. Zero (or empty) means unknown.
struct Location {
  std::string file; ///< Display name of the input or output ("<stdin>" for standard input).
  int page = 0;     ///< 1-based page for paged sources.
  int line = 0;     ///< 1-based line for line-oriented sources.
  long offset = -1; ///< Byte offset, or -1.

  bool operator==(const Location&) const = default;
};

/// One reported problem.
struct Diagnostic {
  Severity severity = Severity::error; ///< How bad it is.
  /// Stable, dotted code such as `text.footnote-missing` or `plugin.abi-mismatch`.
  /// Scripts match on codes; messages may change wording between versions.
  std::string code;
  std::string message; ///< One sentence for a human, without a trailing newline.
  Location location;   ///< Where, as precisely as the source allows.

  bool operator==(const Diagnostic&) const = default;
};

/// Receives diagnostics. Implementations must not throw from report().
/// A sink is used by one conversion at a time; it need not be thread-safe.
class DiagnosticSink {
public:
  virtual ~DiagnosticSink() = default;
  /// Takes one diagnostic. Must not throw.
  virtual void report(Diagnostic diagnostic) noexcept = 0;

  /// Reports an error: something that stops the conversion.
  void error(std::string code, std::string message, Location location = {}) noexcept;
  /// Reports a warning: something the user lost or should check.
  void warning(std::string code, std::string message, Location location = {}) noexcept;
  /// Reports a note: information, shown with `--verbose`.
  void note(std::string code, std::string message, Location location = {}) noexcept;
};

/// A sink that keeps every diagnostic in order. Not thread-safe.
class DiagnosticCollector final : public DiagnosticSink {
public:
  void report(Diagnostic diagnostic) noexcept override;
  /// All diagnostics reported so far, in order.
  const std::vector<Diagnostic>& diagnostics() const noexcept { return m_diagnostics; }
  /// Number of diagnostics with the given severity.
  std::size_t count(Severity severity) const noexcept;
  /// True when at least one error was reported.
  bool has_errors() const noexcept { return count(Severity::error) > 0; }
  /// True when a diagnostic with this code was reported.
  bool has_code(std::string_view code) const noexcept;

private:
  std::vector<Diagnostic> m_diagnostics;
};

/// A sink that forwards to another sink and fills in the file name where it is empty.
class FileNameSink final : public DiagnosticSink {
public:
  /// `target` must outlive this object.
  FileNameSink(DiagnosticSink& target, std::string file) : m_target(target), m_file(std::move(file)) {}
  void report(Diagnostic diagnostic) noexcept override;

private:
  DiagnosticSink& m_target;
  std::string m_file;
};

/// Compiler-style one-line rendering: `file:page:line: warning: message [code]`
/// (parts that are unknown are left out).
std::string format_text(const Diagnostic& diagnostic);

/// One JSON object on one line: {"severity", "code", "message", "file", "page", "line", "offset"}.
std::string format_json_line(const Diagnostic& diagnostic);

} // namespace resconv
