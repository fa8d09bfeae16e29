#pragma once
/// \file format_descriptor.hpp
/// The format descriptor (`formats/<id>/format.json`): the single source of truth for a
/// format's id, name, extensions, MIME type, magic bytes, capabilities, typed options and
/// what the format can hold. The host reads it without loading the plugin; the plugin
/// embeds it at build time.

#include <resconv/sdk/options.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace resconv {

/// A byte pattern that identifies a format: at a fixed offset, or (with `within`) starting
/// anywhere from `offset` to `offset + within`, for formats whose readers skip a little junk
/// before the signature (PDF readers accept `%PDF-` within the first kilobyte).
struct MagicBytes {
  std::size_t offset = 0; ///< Byte offset from the start of the input.
  std::string bytes;      ///< The bytes expected there.
  std::size_t within = 0; ///< How far past `offset` the bytes may start (0: exactly there).

  /// The largest `within` a descriptor may declare: detection reads only the first 64 KiB.
  static constexpr std::size_t max_within = 64 * 1024;

  bool operator==(const MagicBytes&) const = default;
  /// True when `head` holds `bytes` starting at `offset`, or at most `within` bytes later.
  bool matches(std::string_view head) const noexcept;
};

/// Thrown when a descriptor is not valid JSON or misses a required field.
class DescriptorError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// A parsed format descriptor. Value type.
struct FormatDescriptor {
  std::string id;                         ///< Short lowercase id ("text", "json").
  std::string name;                       ///< Human name ("Plain text").
  std::string description;                ///< One sentence.
  std::vector<std::string> extensions;    ///< Lowercase, without the dot ("txt").
  std::string mime_type;                  ///< "text/plain"; may be empty.
  std::vector<MagicBytes> magic;          ///< Any one match marks a candidate during detection.
  bool can_import = false;                ///< The plugin makes importers.
  bool can_export = false;                ///< The plugin makes exporters.
  bool can_validate = false;              ///< The plugin checks documents of its format (`resconv validate`).
  std::vector<OptionSpec> import_options; ///< Options of an import (`--option`).
  std::vector<OptionSpec> export_options; ///< Options of an export.
  std::vector<OptionSpec> validate_options; ///< Options of `resconv validate`.
  /// What a round trip through this format keeps: "metadata", "formula", "preamble",
  /// "operative", "items", "numbering", "emphasis", "strong", "footnotes", "references",
  /// "annexes", "headings", "provenance".
  std::vector<std::string> preserves;

  bool operator==(const FormatDescriptor&) const = default;

  /// True when `preserves` lists `feature`.
  bool preserves_feature(std::string_view feature) const noexcept;
  /// True when `name` (a file name or path) ends with one of the extensions.
  bool matches_extension(std::string_view file_name) const noexcept;

  /// Parses descriptor JSON. `origin` names the file in error messages.
  /// Throws DescriptorError.
  static FormatDescriptor parse(std::string_view json_text, std::string_view origin);
  /// Renders the descriptor as a JSON object (the form `resconv formats --json` prints).
  std::string to_json() const;
};

} // namespace resconv
