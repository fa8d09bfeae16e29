#include "context.hpp"

namespace resconv::host {

DiagnosticPrinter& Context::printer() {
  if (!m_printer) {
    Severity threshold = quiet ? Severity::error : verbose ? Severity::note : Severity::warning;
    m_printer = std::make_unique<DiagnosticPrinter>(
        diagnostics == "json" ? DiagnosticPrinter::Style::json : DiagnosticPrinter::Style::text, threshold);
  }
  return *m_printer;
}

const PluginRegistry& Context::registry() {
  if (!m_registry) {
    std::vector<std::filesystem::path> dirs(plugin_dirs.begin(), plugin_dirs.end());
    m_registry = std::make_unique<PluginRegistry>(
        PluginRegistry::discover(PluginRegistry::search_path(dirs), printer()));
  }
  return *m_registry;
}

} // namespace resconv::host
