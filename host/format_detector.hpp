#pragma once
// Detection: the head of the input is read once, formats are pre-filtered by magic bytes
// and extension from their descriptors, then the remaining importers are asked to probe.
// Two "yes" answers are an error; the answer never depends on load order.

#include "plugin_registry.hpp"

#include <resconv/sdk/importer.hpp>

#include <string>
#include <vector>

namespace resconv::host {

struct ProbeAnswer {
  std::string id;
  std::string answer; ///< "yes", "no", "unknown", "magic" (pre-filter), "not-loaded".
};

struct Detection {
  const FormatEntry* format = nullptr; ///< The decision, or nullptr.
  std::string reason;                  ///< Why (or why not), one sentence.
  std::vector<ProbeAnswer> answers;    ///< Every importable format's answer, by id.
};

/// Bytes handed to the probes.
inline constexpr std::size_t probe_head_size = 64 * 1024;

/// Decides the input format. Reports detect.ambiguous or detect.unknown-format (errors)
/// when there is no single answer, and the load failures of the plugins it probed.
/// Errors name the input as `shown` (the path as given), or `input.name` when it is empty.
Detection detect_format(const PluginRegistry& registry, const ProbeInput& input, DiagnosticSink& sink,
                        const std::string& shown = {});

std::string to_string(Probe probe);

} // namespace resconv::host
