#include <resconv/sdk/options.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

namespace resconv {

const char* to_string(OptionType type) noexcept {
  switch (type) {
  case OptionType::boolean:
    return "bool";
  case OptionType::integer:
    return "int";
  case OptionType::number:
    return "number";
  case OptionType::string:
    return "string";
  case OptionType::choice:
    return "choice";
  }
  return "string";
}

namespace {

// A bound as the user types it: "256" for an int option, "0.5" for a number option.
std::string bound_to_string(const OptionSpec& spec, double bound) {
  if (spec.type == OptionType::integer)
    return option_value_to_string(OptionValue{static_cast<std::int64_t>(bound)});
  return option_value_to_string(OptionValue{bound});
}

// Refuses a value outside the spec's min and max.
template <typename T>
T within_bounds(const OptionSpec& spec, const std::string& text, T value) {
  const double v = static_cast<double>(value);
  if ((spec.min && v < *spec.min) || (spec.max && v > *spec.max))
    throw OptionError("option '" + spec.name + "': " + text + " is out of range (" +
                      option_range_to_string(spec) + ")");
  return value;
}

} // namespace

std::string option_range_to_string(const OptionSpec& spec) {
  if (spec.min && spec.max)
    return bound_to_string(spec, *spec.min) + " to " + bound_to_string(spec, *spec.max);
  if (spec.min)
    return "at least " + bound_to_string(spec, *spec.min);
  if (spec.max)
    return "at most " + bound_to_string(spec, *spec.max);
  return {};
}

OptionValue parse_option_value(const OptionSpec& spec, const std::string& text) {
  auto bad = [&](const std::string& why) { return OptionError("option '" + spec.name + "': " + why); };
  switch (spec.type) {
  case OptionType::boolean:
    if (text == "true" || text == "1" || text == "yes" || text == "on")
      return true;
    if (text == "false" || text == "0" || text == "no" || text == "off")
      return false;
    throw bad("'" + text + "' is not a boolean (use true or false)");
  case OptionType::integer: {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
      throw bad("'" + text + "' is not an integer");
    return within_bounds(spec, text, value);
  }
  case OptionType::number: {
    std::istringstream in(text);
    in.imbue(std::locale::classic());
    double value = 0;
    in >> value;
    if (text.empty() || in.fail() || !in.eof() || !std::isfinite(value))
      throw bad("'" + text + "' is not a number");
    return within_bounds(spec, text, value);
  }
  case OptionType::choice:
    if (std::find(spec.choices.begin(), spec.choices.end(), text) == spec.choices.end()) {
      std::string list;
      for (const auto& c : spec.choices)
        list += (list.empty() ? "" : ", ") + c;
      throw bad("'" + text + "' is not one of: " + list);
    }
    return text;
  case OptionType::string:
    return text;
  }
  return text;
}

std::string option_value_to_string(const OptionValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>)
          return v ? "true" : "false";
        else if constexpr (std::is_same_v<T, std::string>)
          return v;
        else {
          std::ostringstream out;
          out.imbue(std::locale::classic());
          out << v;
          return out.str();
        }
      },
      value);
}

Options Options::parse(const std::vector<OptionSpec>& specs,
                       const std::vector<std::pair<std::string, std::string>>& given) {
  Options options;
  for (const auto& spec : specs)
    options.m_values[spec.name] = spec.default_value;
  for (const auto& entry : given) {
    const std::string& name = entry.first;
    const std::string& text = entry.second;
    auto it = std::find_if(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.name == name; });
    if (it == specs.end()) {
      std::string known;
      for (const auto& s : specs)
        known += (known.empty() ? "" : ", ") + s.name;
      throw OptionError(
          "unknown option '" + name + "'" +
          (known.empty() ? std::string(" (this format has no options)") : " (known: " + known + ")"));
    }
    options.m_values[name] = parse_option_value(*it, text);
  }
  return options;
}

namespace {
template <typename T>
const T& get_typed(const std::map<std::string, OptionValue>& values, const std::string& name,
                   const char* type) {
  auto it = values.find(name);
  if (it == values.end())
    throw OptionError("option '" + name + "' is not set");
  if (const T* v = std::get_if<T>(&it->second))
    return *v;
  throw OptionError("option '" + name + "' is not of type " + type);
}
} // namespace

bool Options::get_bool(const std::string& name) const {
  return get_typed<bool>(m_values, name, "bool");
}
std::int64_t Options::get_int(const std::string& name) const {
  return get_typed<std::int64_t>(m_values, name, "int");
}
double Options::get_number(const std::string& name) const {
  auto it = m_values.find(name);
  if (it != m_values.end())
    if (const auto* i = std::get_if<std::int64_t>(&it->second))
      return static_cast<double>(*i);
  return get_typed<double>(m_values, name, "number");
}
std::string Options::get_string(const std::string& name) const {
  return get_typed<std::string>(m_values, name, "string");
}

} // namespace resconv
