#pragma once
// A linear look at raw XML bytes before libxml2 parses them (shared by the akn and docx
// plugins; header-only like xml_depth.hpp). libxml2 2.9.14 checks each attribute of a start
// tag against all the earlier ones and appends it at the end of a linked list, so one
// element with n attributes costs n^2 (100,000 attributes: 107 s). Counting them first, in
// one pass, lets the importers refuse such a tag before the parser sees it.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace resconv::xml {

/// Default of the `max-attributes` import options (akn, docx): the most attributes,
/// namespace declarations included, one start tag may have. Akoma Ntoso elements have at
/// most a few dozen (the core, identification and HTML attributes); the most in the shared
/// corpus is 30 (the root of a Word part, its namespaces). 256 leaves room above both and
/// costs libxml2 well under a millisecond per tag.
inline constexpr std::int64_t default_max_attributes = 256;
/// The most the option accepts: 10,000 attributes on one tag cost libxml2 1.7 s (20,000:
/// 4.9 s, 100,000: 107 s), so a higher limit would let one tag use most of a timeout.
inline constexpr std::int64_t max_attributes_ceiling = 10000;

/// What the pre-scan found.
struct Prescan {
  /// The most `=` followed by a quote (the `name="` of an attribute) seen between two
  /// consecutive `<`: an upper bound of the attributes of every start tag, since neither an
  /// attribute name nor its value may hold a `<`. Text or comments holding many `="` count
  /// too (never fewer: a hostile tag cannot hide from the count, however malformed).
  std::size_t most_attributes = 0;
  int line = 0;         ///< The line (1-based) where that count was made.
  bool doctype = false; ///< A document type declaration in the prolog.
  /// Not empty: the bytes are in an encoding where ASCII bytes may stand for other
  /// characters (ISO-2022, UTF-7, HZ), so no byte-level count is sound; the reason.
  std::string unreadable;
};

namespace detail {

// The code units of the document: bytes, or UTF-16 / UTF-32 units of either byte order,
// as libxml2 itself detects them (byte order mark or the "<?" of the declaration).
class Units {
public:
  explicit Units(std::string_view bytes) : m_bytes(bytes) {
    auto starts = [&](std::string_view sig) { return bytes.substr(0, sig.size()) == sig; };
    using namespace std::string_view_literals;
    if (starts("\xEF\xBB\xBF"sv)) {
      m_skip = 3;
    } else if (starts("\xFF\xFE\0\0"sv) || starts("\x3C\0\0\0"sv)) {
      m_width = 4, m_skip = starts("\xFF\xFE"sv) ? 4 : 0;
    } else if (starts("\0\0\xFE\xFF"sv) || starts("\0\0\0\x3C"sv)) {
      m_width = 4, m_big = true, m_skip = starts("\0\0\xFE\xFF"sv) ? 4 : 0;
    } else if (starts("\xFF\xFE"sv) || starts("\x3C\0\x3F\0"sv)) {
      m_width = 2, m_skip = starts("\xFF\xFE"sv) ? 2 : 0;
    } else if (starts("\xFE\xFF"sv) || starts("\0\x3C\0\x3F"sv)) {
      m_width = 2, m_big = true, m_skip = starts("\xFE\xFF"sv) ? 2 : 0;
    } else if (starts("\x4C\x6F\xA7\x94"sv)) {
      m_ebcdic = true; // "<?xm" in EBCDIC
    }
  }
  std::size_t size() const { return (m_bytes.size() - m_skip) / m_width; }
  // The unit at `i` as ASCII when it is one of the few characters the scan needs, else a
  // value above 0x7F.
  std::uint32_t operator[](std::size_t i) const {
    std::size_t at = m_skip + i * m_width;
    std::uint32_t u = 0;
    for (std::size_t k = 0; k < m_width; ++k) {
      auto b = static_cast<unsigned char>(m_bytes[at + (m_big ? k : m_width - 1 - k)]);
      u = (u << 8) | b;
    }
    return m_ebcdic ? from_ebcdic(u) : u;
  }
  bool bytes() const { return m_width == 1 && !m_ebcdic; }

private:
  // The characters of EBCDIC's invariant set that the scan looks for (the same in every
  // EBCDIC code page).
  static std::uint32_t from_ebcdic(std::uint32_t u) {
    switch (u) {
    case 0x4C:
      return '<';
    case 0x6E:
      return '>';
    case 0x7E:
      return '=';
    case 0x7F:
      return '"';
    case 0x7D:
      return '\'';
    case 0x6F:
      return '?';
    case 0x5A:
      return '!';
    case 0x60:
      return '-';
    case 0x40:
      return ' ';
    case 0x05:
      return '\t';
    case 0x0D:
      return '\r';
    case 0x25:
    case 0x15:
      return '\n';
    default:
      return 0x100;
    }
  }
  std::string_view m_bytes;
  std::size_t m_width = 1;
  std::size_t m_skip = 0;
  bool m_big = false;
  bool m_ebcdic = false;
};

inline bool space(std::uint32_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

inline bool at(const Units& u, std::size_t i, std::string_view ascii) {
  if (i + ascii.size() > u.size())
    return false;
  for (std::size_t k = 0; k < ascii.size(); ++k)
    if (u[i + k] != static_cast<unsigned char>(ascii[k]))
      return false;
  return true;
}

// The position after the first `end` at or after `i` (u.size() when there is none).
inline std::size_t after(const Units& u, std::size_t i, std::string_view end) {
  for (; i < u.size(); ++i)
    if (at(u, i, end))
      return i + end.size();
  return u.size();
}

// The encoding named by an XML declaration written in ASCII bytes, lowercased.
inline std::string declared_encoding(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF")
    bytes.remove_prefix(3);
  if (bytes.substr(0, 5) != "<?xml")
    return {};
  std::string_view decl = bytes.substr(0, bytes.find("?>"));
  std::size_t key = decl.find("encoding");
  if (key == std::string_view::npos)
    return {};
  std::size_t open = decl.find_first_of("\"'", key);
  if (open == std::string_view::npos)
    return {};
  std::size_t close = decl.find(decl[open], open + 1);
  std::string name(decl.substr(open + 1, close == std::string_view::npos ? 0 : close - open - 1));
  for (char& c : name)
    c = c == '_' ? '-' : static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return name;
}

} // namespace detail

/// Scans `bytes` once; stops early once a count exceeds `stop_above`.
inline Prescan prescan(std::string_view bytes, std::size_t stop_above) {
  Prescan out;
  detail::Units u(bytes);
  if (u.bytes()) {
    std::string encoding = detail::declared_encoding(bytes);
    for (std::string_view stateful :
         {"iso-2022", "iso2022", "csiso2022", "utf-7", "utf7", "unicode-1-1-utf-7", "hz", "cp5022"})
      if (encoding.compare(0, stateful.size(), stateful) == 0) {
        out.unreadable = "the declared encoding " + encoding + " is not supported (use UTF-8 or UTF-16)";
        return out;
      }
  }
  const std::size_t n = u.size();
  // The prolog: a document type declaration may only come before the root element.
  std::size_t i = 0;
  for (;;) {
    while (i < n && detail::space(u[i]))
      ++i;
    if (detail::at(u, i, "<?"))
      i = detail::after(u, i, "?>");
    else if (detail::at(u, i, "<!--"))
      i = detail::after(u, i, "-->");
    else
      break;
  }
  if (detail::at(u, i, "<!DOCTYPE")) {
    out.doctype = true;
    return out;
  }
  // The attribute count, region by region ('<' to '<').
  int line = 1, region_line = 1;
  std::size_t count = 0;
  for (i = 0; i < n; ++i) {
    std::uint32_t c = u[i];
    if (c == '\n') {
      ++line;
    } else if (c == '<') {
      count = 0;
      region_line = line;
    } else if (c == '=') {
      // Eq is S? '=' S?: look past the whitespace for the quote. The whitespace after one
      // '=' is looked at once more only, so the scan stays linear; newlines in it are
      // counted by the main loop.
      std::size_t k = i + 1;
      while (k < n && detail::space(u[k]))
        ++k;
      if (k < n && (u[k] == '"' || u[k] == '\'') && ++count > out.most_attributes) {
        out.most_attributes = count;
        out.line = region_line;
        if (count > stop_above)
          return out;
      }
    }
  }
  return out;
}

} // namespace resconv::xml
