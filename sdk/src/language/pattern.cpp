#include <resconv/sdk/language/pattern.hpp>

#include "icu_strings.hpp"

#include <unicode/regex.h>

#include <vector>

namespace resconv::language {

using detail::to_icu;
using detail::to_utf8;

struct Pattern::Impl {
  std::string source;
  std::unique_ptr<icu::RegexPattern> compiled;
  std::vector<std::pair<std::string, int32_t>> names; // named groups and their numbers
};

namespace {

// The names of the groups written `(?<name>` in the pattern: ICU answers a name's number
// but cannot list them.
std::vector<std::string> group_names(const std::string& regex) {
  std::vector<std::string> out;
  for (std::size_t at = regex.find("(?<"); at != std::string::npos; at = regex.find("(?<", at + 3)) {
    std::size_t b = at + 3;
    if (b < regex.size() && (regex[b] == '=' || regex[b] == '!')) // look-behind
      continue;
    std::size_t e = regex.find('>', b);
    if (e != std::string::npos && e > b)
      out.push_back(regex.substr(b, e - b));
  }
  return out;
}

// Byte offset in `text` (UTF-8) of UTF-16 index `index` of the same text.
std::size_t byte_offset(std::string_view text, int32_t index) {
  std::size_t bytes = 0;
  int32_t units = 0;
  while (bytes < text.size() && units < index) {
    auto c = static_cast<unsigned char>(text[bytes]);
    std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    units += n == 4 ? 2 : 1;
    bytes += n;
  }
  return std::min(bytes, text.size());
}

} // namespace

Pattern::Pattern(const std::string& regex, const std::string& where) : m(std::make_unique<Impl>()) {
  m->source = regex;
  UParseError at{};
  UErrorCode status = U_ZERO_ERROR;
  m->compiled.reset(icu::RegexPattern::compile(to_icu(regex), UREGEX_CASE_INSENSITIVE, at, status));
  if (U_FAILURE(status))
    throw PatternError((where.empty() ? std::string() : where + ": ") + "the pattern \"" + regex +
                       "\" does not compile (" + u_errorName(status) + " at offset " +
                       std::to_string(at.offset) + ")");
  for (const std::string& name : group_names(regex)) {
    UErrorCode s = U_ZERO_ERROR;
    int32_t n = m->compiled->groupNumberFromName(to_icu(name), s);
    if (U_SUCCESS(s))
      m->names.emplace_back(name, n);
  }
}

Pattern::~Pattern() = default;
Pattern::Pattern(Pattern&&) noexcept = default;
Pattern& Pattern::operator=(Pattern&&) noexcept = default;

const std::string& Pattern::source() const noexcept {
  return m->source;
}

namespace {

std::optional<PatternMatch> run(const icu::RegexPattern& pattern,
                                const std::vector<std::pair<std::string, int32_t>>& names,
                                std::string_view text, bool whole) {
  icu::UnicodeString u = to_icu(text);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> matcher(pattern.matcher(u, status));
  if (U_FAILURE(status))
    return std::nullopt;
  bool found = whole ? matcher->matches(status) : matcher->find(status);
  if (U_FAILURE(status) || !found)
    return std::nullopt;
  PatternMatch out;
  out.begin = byte_offset(text, matcher->start(status));
  out.end = byte_offset(text, matcher->end(status));
  for (const auto& [name, number] : names) {
    UErrorCode s = U_ZERO_ERROR;
    int32_t b = matcher->start(number, s);
    if (U_FAILURE(s) || b < 0)
      continue;
    out.groups[name] = to_utf8(matcher->group(number, s));
  }
  return out;
}

} // namespace

std::optional<PatternMatch> Pattern::full(std::string_view text) const {
  return run(*m->compiled, m->names, text, true);
}

std::optional<PatternMatch> Pattern::search(std::string_view text) const {
  return run(*m->compiled, m->names, text, false);
}

} // namespace resconv::language
