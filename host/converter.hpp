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
  /// Write each component of a collection to a file of its own (`convert --split`): named
  /// from the component's number made file-safe, in `output_dir` or beside `output`. A
  /// document that is no collection is written as usual.
  bool split = false;
  /// True when the command checked `options` against every format it may use
  /// (check_option_args): options that do not apply to this input's format are then skipped
  /// with a note (`convert.option-unused`) instead of failing the input.
  bool options_checked = false;
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

/// The formats one command's `--option` arguments may address.
struct OptionScope {
  /// The formats that may read the inputs: the `--from` format, or every importer when
  /// detection chooses per input.
  std::vector<const FormatDescriptor*> importers;
  std::vector<const FormatDescriptor*> exporters; ///< The export targets.
};

/// The scope of a command: `from` (empty: every importer of `registry`) and the `to` ids.
/// Unknown ids are left out (the command reports them itself).
OptionScope option_scope(const PluginRegistry& registry, const std::string& from,
                         const std::vector<std::string>& to);

/// Checks `--option` arguments once, before any work: each is name=value; a `format.` prefix
/// names a format of the scope that declares the option on the side it is used; a bare name
/// is declared by at least one format of the scope; each value parses for every format that
/// takes it. Throws OptionError with the reason (a usage error: exit 2, nothing converted).
void check_option_args(const OptionArgs& args, const OptionScope& scope);

/// The (import, export) options of one conversion pair: the arguments that apply to it (a
/// `format.` prefix naming one of the two, or a bare name either declares), with defaults
/// filled in. Arguments for other formats of the command are skipped and, when `unused` is
/// given, listed there. Throws OptionError when a value does not parse.
std::pair<Options, Options> select_options(const OptionArgs& args, const FormatDescriptor* importer,
                                           const FormatDescriptor* exporter,
                                           std::vector<std::string>* unused = nullptr);

/// check_option_args() for exactly these two formats, then select_options(). Throws
/// OptionError (a usage error).
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

/// The file name stem of a component of a collection: its number ("2/CMP.17"), else its
/// symbol, else "component-<position>" (1-based), with what a file name cannot hold made
/// safe ("/" and spaces become "_": "2_CMP.17", "78_12_A"); never empty, ".", or "..".
std::string component_stem(const model::Document& component, std::size_t position);

/// Whether a format's files are text (a `text/*` MIME type, or JSON or XML) that can be
/// shown on a terminal. A format with no MIME type counts as text: nothing is known against it.
bool is_textual(const FormatDescriptor& format);

/// The export targets of a request: its `--to` formats, else the format of the output file's
/// extension. Reports the usage error (unknown id, no target, several targets without a
/// folder) and returns nothing when they cannot be told.
std::optional<std::vector<const FormatEntry*>>
export_targets(const PluginRegistry& registry, const ConversionRequest& request, DiagnosticSink& sink);

/// Runs a whole conversion; returns an exit code (exit_codes.hpp). Every output is checked
/// (not a folder, not the input, also when the input is standard input) before the input is
/// read; with several targets all outputs are exported first and committed only when every
/// export succeeded, so they are written all or none.
int convert(const PluginRegistry& registry, const ConversionRequest& request, DiagnosticSink& sink);

} // namespace resconv::host
