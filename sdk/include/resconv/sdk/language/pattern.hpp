#pragma once
/// \file pattern.hpp
/// Regular expressions over UTF-8 text, for data files (body profiles, language files)
/// that describe lines by pattern: ICU's engine, so `\p{L}`, case-insensitive matching of
/// every script and named groups work as Unicode says.

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace resconv::language {

/// Thrown by Pattern's constructor for a pattern ICU cannot compile; the message names the
/// pattern, `where` it came from and ICU's reason.
class PatternError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// A match: the byte range of the whole match in the searched text and the text of each
/// named group that took part (`(?<number>...)`).
struct PatternMatch {
  std::size_t begin = 0;                     ///< Byte offset of the match.
  std::size_t end = 0;                       ///< Byte offset just after it.
  std::map<std::string, std::string> groups; ///< Named groups that matched, by name.

  /// The group's text, or "" when it did not take part.
  std::string group(const std::string& name) const {
    auto it = groups.find(name);
    return it == groups.end() ? std::string() : it->second;
  }
};

/// A compiled, immutable regular expression; matching is case-insensitive. Safe to share
/// between threads (each match makes its own matcher).
class Pattern {
public:
  /// Compiles `regex` (ICU syntax). `where` names its origin for the error message
  /// ("formats/common/bodies/unfccc.json: heading"). Throws PatternError.
  explicit Pattern(const std::string& regex, const std::string& where = {});
  ~Pattern();
  Pattern(Pattern&&) noexcept;
  Pattern& operator=(Pattern&&) noexcept;

  /// The match of the whole of `text`, or nothing.
  std::optional<PatternMatch> full(std::string_view text) const;
  /// The first match anywhere in `text`, or nothing.
  std::optional<PatternMatch> search(std::string_view text) const;
  /// The pattern as written.
  const std::string& source() const noexcept;

private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

} // namespace resconv::language
