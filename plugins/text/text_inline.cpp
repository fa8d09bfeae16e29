#include "text_format.hpp"

#include <resconv/sdk/model/builder.hpp>

namespace resconv::text_format {

namespace {

// UTF-8 of the superscript digits U+2070, U+00B9, U+00B2, U+00B3, U+2074..U+2079.
int superscript_digit(std::string_view t, std::size_t i, std::size_t& length) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(t[k]); };
  if (i + 1 < t.size() && byte(i) == 0xC2) {
    length = 2;
    switch (byte(i + 1)) {
    case 0xB9:
      return 1;
    case 0xB2:
      return 2;
    case 0xB3:
      return 3;
    default:
      return -1;
    }
  }
  if (i + 2 < t.size() && byte(i) == 0xE2 && byte(i + 1) == 0x81) {
    length = 3;
    unsigned char c = byte(i + 2);
    if (c == 0xB0)
      return 0;
    if (c >= 0xB4 && c <= 0xB9)
      return c - 0xB0;
  }
  return -1;
}

// Emphasis nests at most this deep; deeper markers are literal text. Keeps hostile input
// ("*x *x *x ...") from exhausting the stack.
constexpr int max_nesting = 4;

class Parser {
public:
  explicit Parser(std::string_view text) : t(text) {
    // The last position where a "*" or "**" could close a span, found once: an opener is
    // one only when a closer follows it (a linear pass instead of a scan per marker).
    for (std::size_t k = 1; k < t.size(); ++k) {
      if (t[k - 1] == '\\') {
        ++k;
        continue;
      }
      if (t[k] == '*' && t[k - 1] != ' ') {
        m_last_single = k;
        if (k + 1 < t.size() && t[k + 1] == '*')
          m_last_double = k;
      }
    }
  }

  // Parses until `closer` ("*" or "**") or the end.
  model::Inlines parse(std::string_view closer, int depth) {
    model::Inlines out;
    std::string text;
    auto flush = [&] {
      if (!text.empty())
        out.push_back(model::Text{std::move(text)});
      text.clear();
    };
    while (i < t.size()) {
      if (!closer.empty() && t.substr(i, closer.size()) == closer && i > 0 && t[i - 1] != ' ' &&
          (closer.size() == 2 || t.substr(i, 2) != "**")) {
        i += closer.size();
        flush();
        return out;
      }
      char c = t[i];
      if (c == '\\' && i + 1 < t.size() && (t[i + 1] == '*' || t[i + 1] == '\\' || t[i + 1] == '[')) {
        text += t[i + 1];
        i += 2;
        continue;
      }
      if (c == '*' && depth < max_nesting) {
        std::string_view opener = t.substr(i, 2) == "**" ? "**" : "*";
        std::size_t after = i + opener.size();
        std::size_t last = opener.size() == 2 ? m_last_double : m_last_single;
        if (after < t.size() && t[after] != ' ' && last != npos && last > after) {
          flush();
          i = after;
          model::Inlines inner = parse(opener, depth + 1);
          if (opener == "**")
            out.push_back(model::Strong{std::move(inner)});
          else
            out.push_back(model::Emphasis{std::move(inner)});
          continue;
        }
      }
      if (c == '[' && t.substr(i, 2) == "[^") {
        std::size_t close = t.find(']', i + 2);
        if (close != std::string_view::npos && close - i - 2 <= 8 && close > i + 2 &&
            (close + 1 >= t.size() || t[close + 1] != ':')) {
          flush();
          out.push_back(model::FootnoteRef{std::string(t.substr(i + 2, close - i - 2))});
          i = close + 1;
          continue;
        }
      }
      auto [marker, length] = leading_superscript(t.substr(i));
      if (!marker.empty()) {
        flush();
        out.push_back(model::FootnoteRef{marker});
        i += length;
        continue;
      }
      text += c;
      ++i;
    }
    flush();
    return out;
  }

private:
  static constexpr std::size_t npos = std::string_view::npos;
  std::string_view t;
  std::size_t i = 0;
  std::size_t m_last_single = npos;
  std::size_t m_last_double = npos;
};

} // namespace

std::pair<std::string, std::size_t> leading_superscript(std::string_view text) {
  std::string digits;
  std::size_t i = 0;
  for (;;) {
    std::size_t length = 0;
    int d = superscript_digit(text, i, length);
    if (d < 0)
      break;
    digits += static_cast<char>('0' + d);
    i += length;
  }
  return {digits, i};
}

model::Inlines parse_inlines(std::string_view text) {
  Parser p(text);
  model::Inlines out = p.parse({}, 0);
  model::normalize(out);
  return out;
}

} // namespace resconv::text_format
