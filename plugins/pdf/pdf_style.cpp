#include "pdf_style.hpp"

#include <resconv/sdk/data_path.hpp>
#include <resconv/sdk/importer.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace resconv::pdf {

Style Style::load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ConversionError("pdf.style", "cannot open the page style " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  Style s;
  try {
    auto j = nlohmann::json::parse(text.str());
    auto get = [&](const char* group, const char* key, double& into) {
      if (j.contains(group) && j[group].contains(key))
        into = j[group][key].get<double>();
    };
    auto top = [&](const char* key, double& into) {
      if (j.contains(key))
        into = j[key].get<double>();
    };
    get("page", "width", s.page_width);
    get("page", "height", s.page_height);
    s.font = j.value("font", s.font);
    if (j.contains("scripts"))
      for (const auto& [script, entry] : j["scripts"].items())
        if (entry.is_object()) {
          if (entry.contains("font"))
            s.script_fonts[script] = entry["font"].get<std::string>();
          s.script_exact[script] = entry.value("exact_positions", false);
          s.script_justify[script] = entry.value("justify", true);
        }
    get("column", "left", s.left);
    get("column", "right", s.right);
    get("column", "masthead_left", s.masthead_left);
    get("body", "size", s.body_size);
    get("body", "line_pitch", s.line_pitch);
    get("body", "paragraph_space", s.paragraph_space);
    get("body", "first_line_indent", s.first_line_indent);
    get("body", "item_indent", s.item_indent);
    get("footnote", "size", s.note_size);
    get("footnote", "line_pitch", s.note_pitch);
    get("footnote", "marker_size", s.marker_size);
    get("footnote", "call_size", s.call_size);
    get("footnote", "call_rise", s.call_rise);
    get("footnote", "rule_size", s.rule_size);
    get("footnote", "space_above", s.note_space_above);
    if (j.contains("footnote") && j["footnote"].contains("rule"))
      s.rule = j["footnote"]["rule"].get<std::string>();
    get("masthead", "organization_size", s.organization_size);
    get("masthead", "body_size", s.masthead_body_size);
    get("masthead", "symbol_size", s.symbol_size);
    get("masthead", "distribution_x", s.distribution_x);
    get("masthead", "adoption_size", s.adoption_size);
    get("masthead", "title_size", s.title_size);
    get("masthead", "number_x", s.number_x);
    get("masthead", "top", s.masthead_top);
    get("masthead", "preface_top", s.preface_top);
    get("header", "size", s.header_size);
    get("header", "top", s.header_top);
    get("footer", "size", s.footer_size);
    get("footer", "bottom", s.footer_bottom);
    top("body_top", s.body_top);
    top("body_bottom", s.body_bottom);
    top("closing_x", s.closing_x);
    top("heading_size", s.heading_size);
  } catch (const nlohmann::json::exception& e) {
    throw ConversionError("pdf.style", path.string() + ": " + e.what());
  }
  return s;
}

const std::string& Style::font_for(std::string_view script) const {
  auto it = script_fonts.find(script);
  return it == script_fonts.end() ? font : it->second;
}

bool Style::exact_positions(std::string_view script) const {
  auto it = script_exact.find(script);
  return it != script_exact.end() && it->second;
}

bool Style::justifies(std::string_view script) const {
  auto it = script_justify.find(script);
  return it == script_justify.end() || it->second;
}

Style Style::installed() {
  auto path = data_directory() / "pdf" / "style.json";
  std::error_code ec;
  return std::filesystem::exists(path, ec) ? load(path) : Style{};
}

} // namespace resconv::pdf
