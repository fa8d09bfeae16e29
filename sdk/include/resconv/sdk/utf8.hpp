#pragma once
/// \file utf8.hpp
/// Strict UTF-8 checks for importers that read text.

#include <cstddef>
#include <string>
#include <string_view>

namespace resconv {

/// The offset of the first byte of `text` that does not start a well-formed UTF-8
/// sequence (Unicode 15, table 3-7: no overlong forms, no surrogates, nothing above
/// U+10FFFF), or `std::string_view::npos` when all of it is well formed. With
/// `allow_cut_end`, a sequence that is correct so far but cut off by the end of `text` is
/// accepted (for checking the first bytes of a larger input).
std::size_t utf8_invalid_at(std::string_view text, bool allow_cut_end = false) noexcept;

/// The name of the UTF-16 or UTF-32 form `text` is in, judged by a byte-order mark or by
/// NUL bytes between ASCII letters ("UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"), or
/// an empty view when it does not look like either.
std::string_view wide_unicode_form(std::string_view text) noexcept;

/// Appends code point `c` to `out` as UTF-8; a surrogate or a value above U+10FFFF (what a
/// broken ToUnicode map or a lone UTF-16 surrogate gives) is written as U+FFFD. Inline: the
/// PDF import calls it once a glyph.
inline void append_utf8(std::string& out, char32_t c) {
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    c = 0xFFFD;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

} // namespace resconv
