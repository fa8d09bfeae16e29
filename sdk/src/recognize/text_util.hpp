#pragma once
// Small text helpers shared by the recogniser's parts. Internal to the SDK.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace resconv::recognize::util {

/// ASCII lowercase of one byte; other bytes unchanged.
inline char lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
bool iequals(std::string_view a, std::string_view b) noexcept;
std::string lower_ascii(std::string_view s);
bool starts_with_ci(std::string_view text, std::string_view prefix) noexcept;
std::string_view trim(std::string_view s) noexcept;
/// Up to `max` space-separated words.
std::vector<std::string_view> words(std::string_view text, std::size_t max = SIZE_MAX);
std::size_t word_count(std::string_view text) noexcept;
/// Removes ASCII punctuation and typographic quotes from both ends of a word.
std::string_view strip_punct(std::string_view word) noexcept;
/// First code point is an uppercase / lowercase letter (ASCII and Latin-1 letters).
bool starts_upper(std::string_view text) noexcept;
bool starts_lower(std::string_view text) noexcept;
bool is_digit(char c) noexcept;
/// The last character that is not a closing quote or bracket (ASCII or typographic).
char last_significant(std::string_view text) noexcept;
/// True when `text` is a Roman numeral (I, IV, XII), uppercase or lowercase.
bool is_roman(std::string_view text) noexcept;
/// Finds `needle` case-insensitively at a word start. Returns npos when absent.
std::size_t find_ci(std::string_view haystack, std::string_view needle, std::size_t from = 0) noexcept;

} // namespace resconv::recognize::util
