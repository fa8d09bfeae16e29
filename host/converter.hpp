#pragma once
// One conversion: read, detect, import, export, commit. Used by `convert` (and later `batch`).

#include "plugin_registry.hpp"

#include <resconv/sdk/io.hpp>
#include <resconv/sdk/model/document.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace resconv::host {

/// `--option` values as given: [format.]name=value.
using OptionArgs = std::vector<std::string>;

/// What to convert and how.
struct ConversionRequest {
  std::string input;      ///< A path, or "-" for standard input.
  std::string output;     ///< A path, "-" for standard output, or empty (see output_dir).
  std::string output_dir; ///< With an empty `output`: write <dir>/<input stem>.<extension>.
  std::string from;       ///< Input format id, or empty to detect.
  std::vector<std::string>
      to; ///< Output format ids (several need output_dir), or empty to take it from the output name.
  OptionArgs options;
  std::size_t max_input_bytes = std::size_t{256} << 20; ///< Larger inputs are refused.
};

/// How diagnostics name an input given on the command line: the path, or "<stdin>" for "-"
/// (as InputSource::name() does once it is read).
inline std::string input_display_name(const std::string& input) {
  return input == "-" ? "<stdin>" : input;
}

/// Reads an input (file or "-"). Reports io.read and returns nothing on failure.
/// Inputs above `max_bytes` are refused with io.too-large.
std::optional<InputSource> read_input(const std::string& input, DiagnosticSink& sink, std::size_t max_bytes);

/// Splits `--option` arguments into (import options, export options) for the two formats
/// and checks them against their descriptors. Throws OptionError (a usage error).
std::pair<Options, Options> resolve_options(const OptionArgs& args, const FormatDescriptor* importer,
                                            const FormatDescriptor* exporter);

/// Imports a document: detection unless `from` is given. On failure returns nothing and the
/// exit code to use in `code`.
std::optional<model::Document> import_document(const PluginRegistry& registry, const InputSource& input,
                                               const std::string& from, const Options& options,
                                               DiagnosticSink& sink, int& code,
                                               const FormatEntry** used = nullptr);

/// The outputs `request` would write ("-" for standard output), in the order of its targets;
/// empty when its targets cannot be told (convert() then reports why). For checking, before
/// any work, that two inputs of one command do not write the same file.
std::vector<std::string> planned_outputs(const PluginRegistry& registry, const ConversionRequest& request);

/// Runs a whole conversion; returns an exit code (exit_codes.hpp). Every output is checked
/// (not a folder, not the input, also when the input is standard input) before the input is
/// read; with several targets all outputs are exported first and committed only when every
/// export succeeded, so they are written all or none.
int convert(const PluginRegistry& registry, const ConversionRequest& request, DiagnosticSink& sink);

} // namespace resconv::host
