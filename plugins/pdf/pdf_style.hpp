#pragma once
// The PDF exporter's page style, read from JSON (formats/pdf/style.json).

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace resconv::pdf {

struct Style {
  double page_width = 595.28, page_height = 841.89;
  /// The font family list (Pango syntax, comma-separated: each character takes the first
  /// family that has it) for scripts the file does not list.
  std::string font = "Liberation Serif";
  /// Font family lists by the ISO 15924 code of a document's main script ("Arab",
  /// "Hani"): the style file's "scripts" object.
  std::map<std::string, std::string, std::less<>> script_fonts;
  /// Scripts whose glyphs are placed at their exact positions instead of whole points
  /// ("exact_positions" in the style's "scripts" entry).
  std::map<std::string, bool, std::less<>> script_exact;
  /// Scripts whose paragraphs are set ragged instead of justified ("justify": false).
  std::map<std::string, bool, std::less<>> script_justify;
  double left = 123, right = 488, masthead_left = 60;
  double body_size = 10, line_pitch = 12, paragraph_space = 6, first_line_indent = 24, item_indent = 24;
  double note_size = 8.5, note_pitch = 10, marker_size = 5.5, call_size = 6.5, call_rise = 3, rule_size = 8,
         note_space_above = 14;
  std::string rule = "__________________";
  double organization_size = 14, masthead_body_size = 20, symbol_size = 12, distribution_x = 397;
  double adoption_size = 14, title_size = 12, number_x = 84, masthead_top = 40, preface_top = 210;
  double header_size = 8.5, header_top = 48, footer_size = 8.5, footer_bottom = 800;
  double body_top = 80, body_bottom = 770, closing_x = 380, heading_size = 10;

  /// The font family list for a document written mainly in `script` ("Latn", "Arab").
  const std::string& font_for(std::string_view script) const;
  /// True when glyphs of `script` are placed exactly, not rounded to whole points.
  bool exact_positions(std::string_view script) const;
  /// False when paragraphs of `script` are not justified.
  bool justifies(std::string_view script) const;

  /// Reads a style file; missing keys keep their defaults. Throws ConversionError
  /// (pdf.style) naming the file when it is unreadable or not JSON.
  static Style load(const std::filesystem::path& path);
  /// The installed style (<data>/pdf/style.json), or the defaults when it is absent.
  static Style installed();
};

} // namespace resconv::pdf
