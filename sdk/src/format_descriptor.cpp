#include <resconv/sdk/format_descriptor.hpp>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace resconv {

using nlohmann::json;
using nlohmann::ordered_json;

bool MagicBytes::matches(std::string_view head) const noexcept {
  if (offset > head.size())
    return false;
  // The window holds every start position from offset to offset + within, and the bytes.
  std::string_view window = head.substr(offset, within + bytes.size());
  return within == 0 ? window == bytes : window.find(bytes) != std::string_view::npos;
}

bool FormatDescriptor::preserves_feature(std::string_view feature) const noexcept {
  return std::find(preserves.begin(), preserves.end(), feature) != preserves.end();
}

bool FormatDescriptor::matches_extension(std::string_view file_name) const noexcept {
  auto dot = file_name.rfind('.');
  if (dot == std::string_view::npos)
    return false;
  std::string ext(file_name.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(extensions.begin(), extensions.end(), ext) != extensions.end();
}

namespace {

OptionType parse_type(const std::string& type, const std::string& where) {
  if (type == "bool")
    return OptionType::boolean;
  if (type == "int")
    return OptionType::integer;
  if (type == "number")
    return OptionType::number;
  if (type == "string")
    return OptionType::string;
  if (type == "choice")
    return OptionType::choice;
  throw DescriptorError(where + ": unknown option type '" + type + "'");
}

// The largest bound an int option may declare: every integer up to 2^53 is exact as a
// double, which is how OptionSpec keeps bounds for both numeric types.
constexpr std::int64_t max_exact_integer = std::int64_t{1} << 53;

bool exact_as_double(const json& integer) {
  if (integer.is_number_unsigned())
    return integer.get<std::uint64_t>() <= static_cast<std::uint64_t>(max_exact_integer);
  std::int64_t v = integer.get<std::int64_t>();
  return v >= -max_exact_integer && v <= max_exact_integer;
}

// Reads "min" and "max" of a numeric option and checks that they and the default agree.
void parse_bounds(const json& item, OptionSpec& spec, const std::string& where) {
  const std::string what = where + ": option '" + spec.name + "'";
  for (const char* key : {"min", "max"}) {
    if (!item.contains(key))
      continue;
    if (spec.type != OptionType::integer && spec.type != OptionType::number)
      throw DescriptorError(what + ": '" + key + "' is only for int and number options");
    const json& bound = item.at(key);
    if (spec.type == OptionType::integer ? !bound.is_number_integer() : !bound.is_number())
      throw DescriptorError(what + ": '" + key + "' must be " +
                            (spec.type == OptionType::integer ? "an integer" : "a number"));
    if (spec.type == OptionType::integer && !exact_as_double(bound))
      throw DescriptorError(what + ": '" + key + "' must lie within +/-2^53");
    (std::string(key) == "min" ? spec.min : spec.max) = bound.get<double>();
  }
  if (spec.min && spec.max && *spec.min > *spec.max)
    throw DescriptorError(what + ": 'min' is greater than 'max'");
  if (spec.min || spec.max) {
    const double def = spec.type == OptionType::integer
                           ? static_cast<double>(std::get<std::int64_t>(spec.default_value))
                           : std::get<double>(spec.default_value);
    if ((spec.min && def < *spec.min) || (spec.max && def > *spec.max))
      throw DescriptorError(what + ": the default lies outside " + option_range_to_string(spec));
  }
}

std::vector<OptionSpec> parse_options(const json& list, const std::string& where) {
  std::vector<OptionSpec> specs;
  if (list.is_null())
    return specs;
  if (!list.is_array())
    throw DescriptorError(where + ": options must be an array");
  for (const auto& item : list) {
    OptionSpec spec;
    spec.name = item.at("name").get<std::string>();
    spec.type = parse_type(item.at("type").get<std::string>(), where);
    spec.doc = item.value("doc", "");
    if (item.contains("choices"))
      spec.choices = item.at("choices").get<std::vector<std::string>>();
    const json& def = item.at("default");
    switch (spec.type) {
    case OptionType::boolean:
      spec.default_value = def.get<bool>();
      break;
    case OptionType::integer:
      spec.default_value = def.get<std::int64_t>();
      break;
    case OptionType::number:
      spec.default_value = def.get<double>();
      break;
    case OptionType::string:
    case OptionType::choice:
      spec.default_value = def.get<std::string>();
      break;
    }
    parse_bounds(item, spec, where);
    if (spec.type == OptionType::choice &&
        std::find(spec.choices.begin(), spec.choices.end(), std::get<std::string>(spec.default_value)) ==
            spec.choices.end())
      throw DescriptorError(where + ": default of option '" + spec.name + "' is not a choice");
    specs.push_back(std::move(spec));
  }
  return specs;
}

ordered_json options_to_json(const std::vector<OptionSpec>& specs) {
  ordered_json list = ordered_json::array();
  for (const auto& s : specs) {
    ordered_json o;
    o["name"] = s.name;
    o["type"] = to_string(s.type);
    std::visit([&](const auto& v) { o["default"] = v; }, s.default_value);
    if (!s.choices.empty())
      o["choices"] = s.choices;
    // Bounds of an int option as integers, so the JSON reads "min": 1, not 1.0.
    auto bound = [&](const char* key, const std::optional<double>& value) {
      if (!value)
        return;
      if (s.type == OptionType::integer)
        o[key] = static_cast<std::int64_t>(*value);
      else
        o[key] = *value;
    };
    bound("min", s.min);
    bound("max", s.max);
    o["doc"] = s.doc;
    list.push_back(std::move(o));
  }
  return list;
}

} // namespace

FormatDescriptor FormatDescriptor::parse(std::string_view json_text, std::string_view origin) {
  const std::string where(origin);
  json j;
  try {
    j = json::parse(json_text);
  } catch (const json::exception& e) {
    throw DescriptorError(where + ": not valid JSON: " + e.what());
  }
  try {
    FormatDescriptor d;
    d.id = j.at("id").get<std::string>();
    if (d.id.empty() || d.id.size() >= 32 || !std::all_of(d.id.begin(), d.id.end(), [](unsigned char c) {
          return std::islower(c) || std::isdigit(c) || c == '-' || c == '_';
        }))
      throw DescriptorError(where + ": id must be 1-31 lowercase letters, digits, - or _");
    d.name = j.value("name", d.id);
    d.description = j.value("description", "");
    if (j.contains("extensions"))
      d.extensions = j.at("extensions").get<std::vector<std::string>>();
    d.mime_type = j.value("mime_type", "");
    if (j.contains("magic")) {
      for (const auto& m : j.at("magic")) {
        MagicBytes magic{m.value("offset", std::size_t{0}), m.at("bytes").get<std::string>(),
                         m.value("within", std::size_t{0})};
        if (magic.within > MagicBytes::max_within)
          throw DescriptorError(where + ": magic 'within' must be at most " +
                                std::to_string(MagicBytes::max_within) + " (detection reads 64 KiB)");
        d.magic.push_back(std::move(magic));
      }
    }
    const json& caps = j.at("capabilities");
    d.can_import = caps.value("import", false);
    d.can_export = caps.value("export", false);
    d.can_validate = caps.value("validate", false);
    if (j.contains("options")) {
      d.import_options = parse_options(j.at("options").value("import", json()), where);
      d.export_options = parse_options(j.at("options").value("export", json()), where);
      d.validate_options = parse_options(j.at("options").value("validate", json()), where);
    }
    if (j.contains("preserves"))
      d.preserves = j.at("preserves").get<std::vector<std::string>>();
    return d;
  } catch (const json::exception& e) {
    throw DescriptorError(where + ": " + e.what());
  }
}

std::string FormatDescriptor::to_json() const {
  ordered_json j;
  j["id"] = id;
  j["name"] = name;
  j["description"] = description;
  j["extensions"] = extensions;
  j["mime_type"] = mime_type;
  ordered_json magic_list = ordered_json::array();
  for (const auto& m : magic) {
    ordered_json one = {{"offset", m.offset}, {"bytes", m.bytes}};
    if (m.within != 0)
      one["within"] = m.within;
    magic_list.push_back(std::move(one));
  }
  j["magic"] = magic_list;
  j["capabilities"] = {{"import", can_import}, {"export", can_export}, {"validate", can_validate}};
  j["options"] = {{"import", options_to_json(import_options)},
                  {"export", options_to_json(export_options)},
                  {"validate", options_to_json(validate_options)}};
  j["preserves"] = preserves;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace resconv
