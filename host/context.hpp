#pragma once
// State shared by the commands: global options and the registry, discovered on first use.

#include "diagnostic_printer.hpp"
#include "plugin_registry.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace resconv::host {

struct Context {
  std::vector<std::string> plugin_dirs; ///< --plugin-dir, in order.
  std::string diagnostics = "text";     ///< --diagnostics text|json
  bool verbose = false;                 ///< -v: print notes too.
  bool quiet = false;                   ///< -q: print errors only.
  bool fail_if_warnings = false;        ///< --fail-if-warnings: exit 7 after a warning.
  /// Warnings the printer did not see (a batch's workers report theirs in files): counted
  /// for --fail-if-warnings.
  std::size_t other_warnings = 0;
  /// --max-input-size: inputs above it are refused (io.too-large) before they are read.
  std::size_t max_input_bytes = default_max_input_bytes;
  static constexpr std::size_t default_max_input_bytes = std::size_t{256} << 20;

  DiagnosticPrinter& printer();
  const PluginRegistry& registry();

private:
  std::unique_ptr<DiagnosticPrinter> m_printer;
  std::unique_ptr<PluginRegistry> m_registry;
};

} // namespace resconv::host
