#include "text_util.hpp"

#include <resconv/sdk/language/text.hpp>

#include <unicode/uchar.h>

#include <cstdio>

namespace resconv::recognize::util {

namespace {

// Typographic closing/opening quotes and brackets, as UTF-8 sequences.
constexpr std::string_view quote_marks[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98",
                                            "\xE2\x80\x99", "\xC2\xAB",     "\xC2\xBB"};
} // namespace

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i]))
      return false;
  return true;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = lower(c);
  return out;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) noexcept {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> words(std::string_view text, std::size_t max) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size() && out.size() < max) {
    while (i < text.size() && text[i] == ' ')
      ++i;
    std::size_t b = i;
    while (i < text.size() && text[i] != ' ')
      ++i;
    if (i > b)
      out.push_back(text.substr(b, i - b));
  }
  return out;
}

std::size_t word_count(std::string_view text) noexcept {
  std::size_t n = 0;
  bool in = false;
  for (char c : text) {
    if (c == ' ')
      in = false;
    else if (!in) {
      in = true;
      ++n;
    }
  }
  return n;
}

std::string_view strip_punct(std::string_view w) noexcept {
  auto is_p = [](char c) {
    return c == ',' || c == '.' || c == ';' || c == ':' || c == '(' || c == ')' || c == '"' || c == '\'' ||
           c == '*' || c == '[' || c == ']' || c == '!' || c == '?';
  };
  for (bool changed = true; changed && !w.empty();) {
    changed = false;
    if (is_p(w.front())) {
      w.remove_prefix(1);
      changed = true;
    } else if (!w.empty() && is_p(w.back())) {
      w.remove_suffix(1);
      changed = true;
    }
    for (auto q : quote_marks) {
      if (w.size() >= q.size() && w.substr(0, q.size()) == q) {
        w.remove_prefix(q.size());
        changed = true;
      }
      if (w.size() >= q.size() && w.substr(w.size() - q.size()) == q) {
        w.remove_suffix(q.size());
        changed = true;
      }
    }
  }
  return w;
}

// The first code point only (a bracket or quote first is neither upper nor lower), by
// its Unicode properties, so "Évoquant" and "Признавая" start upper.
bool starts_upper(std::string_view t) noexcept {
  char32_t c = language::first_code_point(t);
  return c != 0 && (u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c)));
}

bool starts_lower(std::string_view t) noexcept {
  char32_t c = language::first_code_point(t);
  return c != 0 && u_islower(static_cast<UChar32>(c));
}

bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

char last_significant(std::string_view t) noexcept {
  t = trim(t);
  for (bool changed = true; changed && !t.empty();) {
    changed = false;
    char c = t.back();
    if (c == '"' || c == '\'' || c == ')' || c == ']') {
      t.remove_suffix(1);
      changed = true;
      continue;
    }
    for (auto q : quote_marks)
      if (t.size() >= q.size() && t.substr(t.size() - q.size()) == q) {
        t.remove_suffix(q.size());
        changed = true;
        break;
      }
  }
  if (t.empty())
    return '\0';
  // Punctuation of other scripts as the ASCII mark with the same role: the Chinese full
  // stop, the Arabic comma, full-width forms.
  std::size_t n = 0;
  char32_t c = language::last_code_point(t, &n);
  switch (c) {
  case U'\u3002': // 。
  case U'\uFF0E': // ．
  case U'\u06D4': // ۔
    return '.';
  case U'\uFF0C': // ，
  case U'\u3001': // 、
  case U'\u060C': // ،
    return ',';
  case U'\uFF1B': // ；
  case U'\u061B': // ؛
    return ';';
  case U'\uFF1A': // ：
    return ':';
  case U'\uFF1F': // ？
  case U'\u061F': // ؟
    return '?';
  case U'\uFF01': // ！
    return '!';
  case U'\uFF09': // ）
  case U'\u300D': // 」
  case U'\u300F': // 』
  case U'\u300B': // 》
  case U'\u201D': // "
    return last_significant(t.substr(0, t.size() - n));
  default:
    return t.back();
  }
}

namespace {
bool word_boundary_before(std::string_view t, std::size_t pos) {
  if (pos == 0)
    return true;
  char c = t[pos - 1];
  return !(is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}
} // namespace

bool is_roman(std::string_view t) noexcept {
  if (t.empty() || t.size() > 7)
    return false;
  bool upper = t[0] >= 'A' && t[0] <= 'Z';
  for (char c : t) {
    char l = lower(c);
    if (l != 'i' && l != 'v' && l != 'x' && l != 'l' && l != 'c')
      return false;
    if ((c >= 'A' && c <= 'Z') != upper)
      return false;
  }
  return true;
}

std::size_t find_ci(std::string_view h, std::string_view n, std::size_t from) noexcept {
  if (n.empty() || h.size() < n.size())
    return std::string_view::npos;
  for (std::size_t i = from; i + n.size() <= h.size(); ++i)
    if (word_boundary_before(h, i) && iequals(h.substr(i, n.size()), n))
      return i;
  return std::string_view::npos;
}

} // namespace resconv::recognize::util
