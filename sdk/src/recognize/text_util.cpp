#include "text_util.hpp"

#include <resconv/sdk/recognize/language.hpp>

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

bool starts_upper(std::string_view t) noexcept {
  if (t.empty())
    return false;
  unsigned char c = static_cast<unsigned char>(t[0]);
  if (c >= 'A' && c <= 'Z')
    return true;
  // Latin-1 Supplement capitals: U+00C0..U+00DE (except U+00D7).
  if (c == 0xC3 && t.size() > 1) {
    unsigned char d = static_cast<unsigned char>(t[1]);
    return d >= 0x80 && d <= 0x9E && d != 0x97;
  }
  return false;
}

bool starts_lower(std::string_view t) noexcept {
  if (t.empty())
    return false;
  unsigned char c = static_cast<unsigned char>(t[0]);
  if (c >= 'a' && c <= 'z')
    return true;
  if (c == 0xC3 && t.size() > 1) {
    unsigned char d = static_cast<unsigned char>(t[1]);
    return d >= 0x9F && d <= 0xBF && d != 0xB7;
  }
  return false;
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
  return t.empty() ? '\0' : t.back();
}

namespace {
// Parses 1-2 digits (day) or 4 digits (year) at `pos`; returns the value and advances.
int read_number(std::string_view t, std::size_t& pos, std::size_t min_digits, std::size_t max_digits) {
  std::size_t b = pos;
  int value = 0;
  while (pos < t.size() && is_digit(t[pos]) && pos - b < max_digits) {
    value = value * 10 + (t[pos] - '0');
    ++pos;
  }
  if (pos - b < min_digits || (pos < t.size() && is_digit(t[pos]))) {
    pos = b;
    return -1;
  }
  return value;
}

bool word_boundary_before(std::string_view t, std::size_t pos) {
  if (pos == 0)
    return true;
  char c = t[pos - 1];
  return !(is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

std::string iso(int y, int m, int d) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
  return buffer;
}
} // namespace

std::optional<DateMatch> find_date(std::string_view t, const LanguageData& language) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!word_boundary_before(t, i))
      continue;
    // "20 December 2002"
    if (is_digit(t[i])) {
      std::size_t p = i;
      int day = read_number(t, p, 1, 2);
      if (day < 1 || day > 31 || p >= t.size() || t[p] != ' ')
        continue;
      ++p;
      // "9 de enero de 2023": a connector word between the parts.
      std::string_view connector = language.phrase("date_connector");
      auto skip_connector = [&] {
        if (!connector.empty() && t.substr(p, connector.size()) == connector &&
            p + connector.size() < t.size() && t[p + connector.size()] == ' ')
          p += connector.size() + 1;
      };
      skip_connector();
      std::size_t mb = p;
      while (p < t.size() && ((t[p] >= 'a' && t[p] <= 'z') || (t[p] >= 'A' && t[p] <= 'Z')))
        ++p;
      int month = language.month_number(t.substr(mb, p - mb));
      if (month == 0 || p >= t.size() || t[p] != ' ')
        continue;
      ++p;
      skip_connector();
      int year = read_number(t, p, 4, 4);
      if (year < 1900)
        continue;
      return DateMatch{iso(year, month, day), i, p};
    }
    // "December 20, 2002"
    if ((t[i] >= 'A' && t[i] <= 'Z')) {
      std::size_t p = i;
      while (p < t.size() && ((t[p] >= 'a' && t[p] <= 'z') || (t[p] >= 'A' && t[p] <= 'Z')))
        ++p;
      int month = language.month_number(t.substr(i, p - i));
      if (month == 0 || p >= t.size() || t[p] != ' ')
        continue;
      ++p;
      int day = read_number(t, p, 1, 2);
      if (day < 1 || day > 31 || p + 1 >= t.size() || t[p] != ',' || t[p + 1] != ' ')
        continue;
      p += 2;
      int year = read_number(t, p, 4, 4);
      if (year < 1900)
        continue;
      return DateMatch{iso(year, month, day), i, p};
    }
  }
  return std::nullopt;
}

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
