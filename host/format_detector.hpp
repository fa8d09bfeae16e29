#pragma once
// Detection: the head of the input is read once; the descriptors' magic bytes and
// extensions choose the candidates, whose importers are asked to probe; the other formats
// are loaded and probed only when no candidate recognised the content. Two "yes" answers
// are an error; the answer never depends on load order.

#include "plugin_registry.hpp"

#include <resconv/sdk/importer.hpp>

#include <string>
#include <vector>

namespace resconv::host {

struct ProbeAnswer {
  std::string id;
  /// "yes", "no", "unknown" (the probe's answer), "not-loaded" (the plugin was refused),
  /// "not-probed" (an earlier candidate recognised the content, so this plugin was not
  /// loaded).
  std::string answer;
};

struct Detection {
  const FormatEntry* format = nullptr; ///< The decision, or nullptr.
  std::string reason;                  ///< Why (or why not), one sentence.
  std::vector<ProbeAnswer> answers;    ///< Every importable format's answer, by id.
};

/// Bytes handed to the probes.
inline constexpr std::size_t probe_head_size = 64 * 1024;

/// Decides the input format, in rounds, each only when no format of the rounds before
/// answered yes:
///  1. the candidates: formats whose magic matches, or that declare no magic and whose
///     extension matches the file name;
///  2. the formats recognised by content only (no magic; an extension that does not match);
///  3. the formats that declare neither magic nor extension.
/// A format whose magic does not match is never probed. Without a yes: a single `unknown`
/// whose extension matches decides; else the one importing format that claims the file's
/// extension, so that its importer says what is wrong with the file; else
/// detect.unknown-format. Two yes in one round: detect.ambiguous.
/// A head in UTF-16 or UTF-32 is probed as it is and decoded to UTF-8, so XML and JSON
/// written in UTF-16 are recognised.
/// Plugins probed and refused are reported as warnings (their own codes) unless the
/// decision is theirs, which the caller reports when it loads the plugin.
/// Errors name the input as `shown` (the path as given), or `input.name` when it is empty.
Detection detect_format(const PluginRegistry& registry, const ProbeInput& input, DiagnosticSink& sink,
                        const std::string& shown = {});

/// The head decoded from UTF-16 or UTF-32 (`form` as named by wide_unicode_form()) to
/// UTF-8, without its byte order mark; an incomplete last unit is left out, an unpaired
/// surrogate becomes U+FFFD.
std::string decode_wide_head(std::string_view head, std::string_view form);

std::string to_string(Probe probe);

} // namespace resconv::host
