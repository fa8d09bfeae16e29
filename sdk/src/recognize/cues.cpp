#include <resconv/sdk/language/text.hpp>
#include <resconv/sdk/recognize/cues.hpp>

namespace resconv::recognize {

namespace {

bool closing_mark(char32_t c) {
  switch (c) {
  case U'"':
  case U'\'':
  case U')':
  case U']':
  case U'\u2019': // ’
  case U'\u201D': // ”
  case U'\u00BB': // »
  case U'\u203A': // ›
  case U'\u300D': // 」
  case U'\u300F': // 』
  case U'\uFF09': // ）
  case U'\u3011': // 】
    return true;
  default:
    return false;
  }
}

bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

} // namespace

char32_t closing_character(std::string_view t) {
  while (!t.empty() && t.back() == ' ')
    t.remove_suffix(1);
  // A call glued to the punctuation it follows, or set off by a space: "now.12", "now.” 12".
  std::size_t digits = 0;
  while (digits < t.size() && is_ascii_digit(t[t.size() - 1 - digits]))
    ++digits;
  if (digits > 0 && digits <= 3 && digits < t.size()) {
    std::string_view rest = t.substr(0, t.size() - digits);
    while (!rest.empty() && rest.back() == ' ')
      rest.remove_suffix(1);
    char32_t before = language::last_code_point(rest);
    if (is_clause_end(before) || closing_mark(before) || before == U',')
      t = rest;
  }
  std::size_t length = 0;
  for (char32_t c = language::last_code_point(t, &length); !t.empty() && closing_mark(c);
       c = language::last_code_point(t, &length))
    t.remove_suffix(std::max<std::size_t>(length, 1));
  while (!t.empty() && t.back() == ' ')
    t.remove_suffix(1);
  return t.empty() ? U'\0' : language::last_code_point(t);
}

bool is_clause_end(char32_t c) {
  switch (c) {
  case U'.':
  case U';':
  case U':':
  case U'?':
  case U'!':
  case U'\u061B': // ؛ Arabic semicolon
  case U'\u061F': // ؟ Arabic question mark
  case U'\u3002': // 。 ideographic full stop
  case U'\uFF1B': // ；
  case U'\uFF1A': // ：
  case U'\uFF1F': // ？
  case U'\uFF01': // ！
    return true;
  default:
    return false;
  }
}

bool ends_clause(std::string_view line) {
  return is_clause_end(closing_character(line));
}

bool ends_preamble_clause(std::string_view line) {
  char32_t c = closing_character(line);
  return is_clause_end(c) || c == U',' || c == U'\u060C' || c == U'\uFF0C' || c == U'\u3001';
}

bool starts_with_marker(std::string_view t, const std::vector<language::Language>& languages) {
  for (const auto& lang : languages)
    if (auto m = lang.leading_marker(t); m && m->length < t.size())
      return true;
  std::size_t p = 0;
  while (p < t.size() && is_ascii_digit(t[p]))
    ++p;
  if (p > 0 && p <= 3 && p + 1 < t.size() && t[p] == '.' && t[p + 1] == ' ')
    return true;
  if (t.size() > 3 && t[0] == '(') {
    auto close = t.find(')');
    return close != std::string_view::npos && close <= 6 && close + 1 < t.size() && t[close + 1] == ' ';
  }
  return false;
}

LineJoin line_join(std::string_view before, std::string_view after, const HyphenEvidence& evidence) {
  if (before.empty() || after.empty())
    return LineJoin::touching;
  if (before.size() >= 2 && before.back() == '-' && language::may_be_hyphenated(before, after)) {
    std::size_t b = before.find_last_of(' ');
    b = b == std::string_view::npos ? 0 : b + 1;
    std::string_view left = before.substr(b, before.size() - 1 - b);
    std::string_view right = after.substr(0, after.find_first_of(" ,.;:)"));
    return evidence.drop_hyphen(left, right) ? LineJoin::hyphen_dropped : LineJoin::touching;
  }
  if (before.back() == '/')
    return LineJoin::touching;
  return language::line_joiner(before, after).empty() ? LineJoin::touching : LineJoin::space;
}

} // namespace resconv::recognize
