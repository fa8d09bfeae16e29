#pragma once
/// \file options.hpp
/// Typed format options. A format declares its options in its descriptor; user input
/// (`--option key=value`) is checked strictly against that declaration: an unknown name or
/// a value of the wrong type is an error, never a warning.

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace resconv {

/// The value types an option can have.
enum class OptionType { boolean, integer, number, string, choice };

/// Returns "bool", "int", "number", "string" or "choice".
const char* to_string(OptionType type) noexcept;

/// A typed option value.
using OptionValue = std::variant<bool, std::int64_t, double, std::string>;

/// One declared option, as read from a format descriptor.
struct OptionSpec {
  std::string name;                          ///< As typed after `--option`.
  OptionType type = OptionType::string;      ///< The value type.
  OptionValue default_value = std::string{}; ///< Used when the user gives none.
  std::string doc;                           ///< One sentence for `resconv formats`.
  std::vector<std::string> choices;          ///< Allowed values when type is `choice`.
  /// The smallest and largest value accepted, for `int` and `number` options (descriptor
  /// keys "min" and "max"; absent: no bound). parse_option_value() refuses a value outside
  /// them, so a plugin reads a value already in range and never restates the bounds.
  ///@{
  std::optional<double> min;
  std::optional<double> max;
  ///@}

  bool operator==(const OptionSpec&) const = default;
};

/// Thrown when an option is unknown or its value does not fit its type.
class OptionError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// A complete set of option values: every declared option has a value (its default unless
/// the user gave one). Value type; safe to share between threads for reading.
class Options {
public:
  Options() = default;

  /// Checks `given` (name, text value) against `specs` and fills in defaults.
  /// Throws OptionError naming the option and the reason.
  static Options parse(const std::vector<OptionSpec>& specs,
                       const std::vector<std::pair<std::string, std::string>>& given);

  /// True when `name` has a value.
  bool has(const std::string& name) const noexcept { return m_values.count(name) > 0; }
  /// Typed access. Throws OptionError when the option is absent or of another type.
  ///@{
  bool get_bool(const std::string& name) const;
  std::int64_t get_int(const std::string& name) const;
  double get_number(const std::string& name) const;
  std::string get_string(const std::string& name) const; ///< Also for `choice` options.
  ///@}
  /// Sets a value directly (for programs and tests that bypass parsing; no type or bound
  /// is checked).
  void set(const std::string& name, OptionValue value) { m_values[name] = std::move(value); }
  /// All values by name.
  const std::map<std::string, OptionValue>& values() const noexcept { return m_values; }

private:
  std::map<std::string, OptionValue> m_values;
};

/// Converts a text value to the type of `spec` and checks it against the spec's `min` and
/// `max`. Throws OptionError naming the option and the reason.
OptionValue parse_option_value(const OptionSpec& spec, const std::string& text);

/// Renders a value as the user would type it ("true", "3", "pretty").
std::string option_value_to_string(const OptionValue& value);

/// The accepted range of a bounded option as the user would read it ("1 to 256", "at
/// least 1", "at most 16"), or an empty string when the option has no bound.
std::string option_range_to_string(const OptionSpec& spec);

} // namespace resconv
