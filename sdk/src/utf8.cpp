#include <resconv/sdk/utf8.hpp>

namespace resconv {

std::size_t utf8_invalid_at(std::string_view text, bool allow_cut_end) noexcept {
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    // Length of the sequence and the allowed range of its second byte.
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      n = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      n = 3;
      if (b == 0xE0)
        lo = 0xA0; // overlong below
      else if (b == 0xED)
        hi = 0x9F; // surrogates above
    } else if (b >= 0xF0 && b <= 0xF4) {
      n = 4;
      if (b == 0xF0)
        lo = 0x90; // overlong below
      else if (b == 0xF4)
        hi = 0x8F; // beyond U+10FFFF above
    } else {
      return i; // continuation byte, C0/C1 or F5..FF
    }
    for (std::size_t k = 1; k < n; ++k) {
      if (i + k >= size)
        return allow_cut_end ? std::string_view::npos : i;
      auto c = static_cast<unsigned char>(text[i + k]);
      if (k == 1 ? (c < lo || c > hi) : (c < 0x80 || c > 0xBF))
        return i;
    }
    i += n;
  }
  return std::string_view::npos;
}

std::string_view wide_unicode_form(std::string_view text) noexcept {
  auto starts = [&](std::string_view bom) { return text.substr(0, bom.size()) == bom; };
  using namespace std::string_view_literals;
  if (starts("\xFF\xFE\0\0"sv))
    return "UTF-32LE";
  if (starts("\0\0\xFE\xFF"sv))
    return "UTF-32BE";
  if (starts("\xFF\xFE"sv))
    return "UTF-16LE";
  if (starts("\xFE\xFF"sv))
    return "UTF-16BE";
  // No mark: ASCII text in UTF-16 has a NUL beside every letter.
  if (text.size() >= 4) {
    auto ascii = [](char c) { return c >= 0x20 && c < 0x7F; };
    if (ascii(text[0]) && text[1] == '\0' && ascii(text[2]) && text[3] == '\0')
      return "UTF-16LE";
    if (text[0] == '\0' && ascii(text[1]) && text[2] == '\0' && ascii(text[3]))
      return "UTF-16BE";
  }
  return {};
}

} // namespace resconv
