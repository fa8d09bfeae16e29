#include "icu_strings.hpp"

#include <resconv/sdk/language/text.hpp>

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>

namespace resconv::language {

namespace {

// Decodes the code point at `i` and advances `i`; ill-formed bytes give U+FFFD.
char32_t next(std::string_view s, std::size_t& i) noexcept {
  auto length = static_cast<int32_t>(s.size());
  auto at = static_cast<int32_t>(i);
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), at, length, c);
  i = static_cast<std::size_t>(at);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

using detail::to_icu;
using detail::to_utf8;

bool is_letter_or_digit(char32_t c) {
  return u_isalnum(static_cast<UChar32>(c)) != 0 ||
         u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DIACRITIC);
}

// Text as NFC, with the characters that print alike but compare apart made one: the
// apostrophes of "L’Assemblée", non-breaking spaces, non-breaking hyphens.
icu::UnicodeString normalized(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString u = to_icu(text);
  if (U_SUCCESS(status))
    u = nfc->normalize(u, status);
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (c == 0x2019 || c == 0x02BC || c == 0x2018)
      c = '\'';
    else if (c == 0x2011 || c == 0x2010)
      c = '-';
    else if (c != ' ' && u_isWhitespace(c))
      c = ' ';
    else if (c == 0x00A0 || c == 0x202F)
      c = ' ';
    out.append(c);
  }
  return out;
}

} // namespace

std::string_view script_code(Script script) noexcept {
  switch (script) {
  case Script::latin:
    return "Latn";
  case Script::cyrillic:
    return "Cyrl";
  case Script::arabic:
    return "Arab";
  case Script::han:
    return "Hani";
  case Script::other:
    break;
  }
  return "Zyyy";
}

Script script_of(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode code = uscript_getScript(static_cast<UChar32>(c), &status);
  if (U_FAILURE(status))
    return Script::other;
  switch (code) {
  case USCRIPT_LATIN:
    return Script::latin;
  case USCRIPT_CYRILLIC:
    return Script::cyrillic;
  case USCRIPT_ARABIC:
    return Script::arabic;
  case USCRIPT_HAN:
  case USCRIPT_HIRAGANA:
  case USCRIPT_KATAKANA:
  case USCRIPT_HANGUL:
  case USCRIPT_BOPOMOFO:
    return Script::han;
  default:
    return Script::other;
  }
}

Script dominant_script(std::string_view text) {
  std::size_t counts[5] = {0, 0, 0, 0, 0};
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = next(text, i);
    if (u_isalpha(static_cast<UChar32>(c)))
      ++counts[static_cast<int>(script_of(c))];
  }
  std::size_t best = static_cast<std::size_t>(Script::other);
  for (std::size_t s = 0; s < 4; ++s)
    if (counts[s] > 0 && (best == static_cast<std::size_t>(Script::other) || counts[s] > counts[best]))
      best = s;
  return static_cast<Script>(best);
}

bool is_cjk(char32_t c) {
  if (script_of(c) == Script::han)
    return true;
  // CJK punctuation and full-width forms ("，", "。", "、") are words' neighbours that take
  // no space either.
  UBlockCode block = ublock_getCode(static_cast<UChar32>(c));
  return block == UBLOCK_CJK_SYMBOLS_AND_PUNCTUATION || block == UBLOCK_HALFWIDTH_AND_FULLWIDTH_FORMS ||
         block == UBLOCK_CJK_COMPATIBILITY_FORMS;
}

std::string nfc(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status))
    return std::string(text);
  icu::UnicodeString u = n->normalize(to_icu(text), status);
  return U_SUCCESS(status) ? to_utf8(u) : std::string(text);
}

std::string fold(std::string_view text) {
  icu::UnicodeString u = normalized(text);
  u.foldCase();
  return to_utf8(u);
}

bool equals_folded(std::string_view a, std::string_view b) {
  return fold(a) == fold(b);
}

std::string ascii_fold(std::string_view text) {
  // One transliterator per thread: ICU transliterators are not thread-safe, and building one
  // costs far more than using it.
  thread_local std::unique_ptr<icu::Transliterator> to_ascii = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  icu::UnicodeString u = normalized(text);
  if (to_ascii)
    to_ascii->transliterate(u);
  std::string latin = to_utf8(u);
  std::string out;
  bool gap = false;
  for (char c : latin) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
      keep = true;
    }
    // Apostrophes inside a word ("l'assemblee", the Arabic ain) join, not split.
    if (c == '\'')
      continue;
    if (!keep) {
      gap = !out.empty();
      continue;
    }
    if (gap)
      out += ' ';
    gap = false;
    out += c;
  }
  return out;
}

std::string ascii_slug(std::string_view text, char separator) {
  std::string s = ascii_fold(text);
  for (char& c : s)
    if (c == ' ')
      c = separator;
  return s.empty() ? "x" : s;
}

std::string truncate_graphemes(std::string_view text, std::size_t max_graphemes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  icu::UnicodeString u = to_icu(text);
  if (U_FAILURE(status))
    return std::string(text);
  it->setText(u);
  int32_t end = it->first();
  for (std::size_t n = 0; n < max_graphemes; ++n) {
    int32_t e = it->next();
    if (e == icu::BreakIterator::DONE)
      return to_utf8(u);
    end = e;
  }
  return to_utf8(u.tempSubString(0, end));
}

std::size_t grapheme_count(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status))
    return text.size();
  icu::UnicodeString u = to_icu(text);
  it->setText(u);
  std::size_t n = 0;
  it->first();
  while (it->next() != icu::BreakIterator::DONE)
    ++n;
  return n;
}

bool starts_upper(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = next(text, i);
    if (u_isalpha(static_cast<UChar32>(c)))
      return u_isupper(static_cast<UChar32>(c)) != 0 || u_istitle(static_cast<UChar32>(c)) != 0;
  }
  return false;
}

bool starts_lower(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = next(text, i);
    if (u_isalpha(static_cast<UChar32>(c)))
      return u_islower(static_cast<UChar32>(c)) != 0;
  }
  return false;
}

std::size_t count_words(std::string_view text) {
  std::size_t n = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = next(text, i);
    if (is_cjk(c) && u_isalpha(static_cast<UChar32>(c))) {
      ++n;
      in_word = false;
    } else if (is_letter_or_digit(c)) {
      if (!in_word)
        ++n;
      in_word = true;
    } else {
      in_word = false;
    }
  }
  return n;
}

char32_t first_code_point(std::string_view text, std::size_t* length) noexcept {
  if (text.empty()) {
    if (length)
      *length = 0;
    return 0;
  }
  std::size_t i = 0;
  char32_t c = next(text, i);
  if (length)
    *length = i;
  return c;
}

char32_t last_code_point(std::string_view text, std::size_t* length) noexcept {
  if (text.empty()) {
    if (length)
      *length = 0;
    return 0;
  }
  std::size_t start = text.size() - 1;
  // Back to the lead byte (at most three continuation bytes).
  while (start > 0 && text.size() - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
    --start;
  std::size_t i = start;
  char32_t c = next(text, i);
  if (i != text.size()) {
    start = text.size() - 1;
    c = U'\uFFFD';
  }
  if (length)
    *length = text.size() - start;
  return c;
}

std::string_view line_joiner(std::string_view before, std::string_view after) {
  char32_t a = last_code_point(before);
  char32_t b = first_code_point(after);
  return is_cjk(a) || is_cjk(b) ? std::string_view() : std::string_view(" ");
}

bool may_be_hyphenated(std::string_view before, std::string_view after) {
  std::string_view stem = before;
  if (!stem.empty() && stem.back() == '-')
    stem.remove_suffix(1);
  char32_t a = last_code_point(stem);
  char32_t b = first_code_point(after);
  auto hyphenates = [](char32_t c) {
    Script s = script_of(c);
    return u_isalpha(static_cast<UChar32>(c)) && (s == Script::latin || s == Script::cyrillic);
  };
  return hyphenates(a) && hyphenates(b);
}

bool is_rtl(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = next(text, i);
    UCharDirection d = u_charDirection(static_cast<UChar32>(c));
    if (d == U_LEFT_TO_RIGHT)
      return false;
    if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC)
      return true;
  }
  return false;
}

int digit_value(char32_t c) noexcept {
  if (c >= '0' && c <= '9')
    return static_cast<int>(c - '0');
  if (c < 0x80)
    return -1;
  return u_charType(static_cast<UChar32>(c)) == U_DECIMAL_DIGIT_NUMBER
             ? u_charDigitValue(static_cast<UChar32>(c))
             : -1;
}

std::string ascii_digits(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t start = i;
    char32_t c = next(text, i);
    if (int v = digit_value(c); v >= 0 && c >= 0x80)
      out += static_cast<char>('0' + v);
    else
      out.append(text.substr(start, i - start));
  }
  return out;
}

} // namespace resconv::language
