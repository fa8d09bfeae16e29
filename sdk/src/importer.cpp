#include <resconv/sdk/importer.hpp>

namespace resconv {

std::int64_t limit_option(const Options& options, const std::string& name, std::int64_t fallback,
                          std::int64_t least, std::int64_t most, const std::string& code) {
  std::int64_t value = options.has(name) ? options.get_int(name) : fallback;
  if (value < least || value > most)
    throw ConversionError(code, name + (most == INT64_MAX ? " must be at least " + std::to_string(least)
                                                          : " must be between " + std::to_string(least) +
                                                                " and " + std::to_string(most)));
  return value;
}

} // namespace resconv
