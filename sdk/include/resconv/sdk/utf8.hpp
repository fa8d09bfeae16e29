#pragma once
/// \file utf8.hpp
/// Strict UTF-8 checks for importers that read text.

#include <cstddef>
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

} // namespace resconv
