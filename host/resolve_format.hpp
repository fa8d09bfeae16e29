#pragma once
// Which format an input is read as: the one preamble of every command that reads a document
// (read the input, refuse an empty one, take --from or detect, report why not), and the
// lookup of a format id typed on the command line, with the nearest id suggested.

#include "format_detector.hpp"
#include "plugin_registry.hpp"

#include <resconv/sdk/io.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace resconv::host {

/// What a command does with the format it looks up.
enum class FormatUse {
  any,        ///< Only show it (`formats ID`).
  importing,  ///< Read documents (`convert`, `inspect`, `--from`).
  exporting,  ///< Write documents (`--to`).
  validating, ///< Check documents (`validate`).
};

/// Whether `format` can be used so.
bool can_use(const FormatDescriptor& format, FormatUse use) noexcept;

/// The id closest to a mistyped `id` among the formats that can be used as `use`: a format
/// that claims `id` as a file extension (`txt` -> `text`, `xml` -> `akn`), else the id within
/// a small edit distance (a swap of two letters counts as one: `pfd` -> `pdf`). Nothing when
/// `id` names such a format already, or none is near.
std::optional<std::string> nearest_format_id(const PluginRegistry& registry, const std::string& id,
                                             FormatUse use);

/// The format `id` names when it can be used as `use`. Otherwise reports
/// `<command>.unknown-format`, an error ("no format 'pfd' that can import; did you mean
/// 'pdf'?"), naming `file` when it is not empty, and returns nullptr: a usage error (exit 2).
const FormatEntry* find_format(const PluginRegistry& registry, const std::string& id, FormatUse use,
                               const std::string& command, DiagnosticSink& sink,
                               const std::string& file = {});

/// What to resolve, and for which command.
struct FormatQuery {
  std::string command; ///< The prefix of the diagnostics: "convert", "inspect", "validate"...
  std::string from;    ///< The `--from` id; empty to detect.
  FormatUse use = FormatUse::importing;
};

/// The outcome: the format to use, or none with the exit code (the problem was reported).
struct ResolvedFormat {
  const FormatEntry* format = nullptr;
  int code = 0;                       ///< exit_ok with a format; else exit_usage or exit_input.
  std::string reason;                 ///< Why this format (or why none), one sentence.
  std::optional<Detection> detection; ///< When detection ran: every probe's answer.
  explicit operator bool() const noexcept { return format != nullptr; }
};

/// The format of an input that is read already:
///  1. `query.from`, when given, through find_format() (exit 2 when it names no such format);
///  2. an empty input is refused (`input.empty`, exit 3) whatever its format;
///  3. else detect_format() decides (its diagnostics; exit 3 when it cannot);
///  4. a detected format that cannot be used as `query.use` (a text file given to
///     `validate`) is `<command>.unsupported`, exit 2.
/// The diagnostics go to `sink` and name the input.
ResolvedFormat resolve_format(const PluginRegistry& registry, const InputSource& input,
                              const FormatQuery& query, DiagnosticSink& sink);

/// An input read and its format resolved; `input` is empty when it could not be read.
struct ResolvedInput {
  std::optional<InputSource> input;
  ResolvedFormat resolved;
  explicit operator bool() const noexcept { return input && resolved; }
};

/// Reads `path` (a file, or "-" for standard input; `io.read`, `io.too-large` above
/// `max_bytes`: exit 3), then resolve_format() as above.
ResolvedInput resolve_format(const PluginRegistry& registry, const std::string& path, std::size_t max_bytes,
                             const FormatQuery& query, DiagnosticSink& sink);

} // namespace resconv::host
