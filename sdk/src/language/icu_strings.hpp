#pragma once
// UTF-8 <-> ICU strings for the language module. Internal to the SDK.

#include <unicode/unistr.h>

#include <string>
#include <string_view>

namespace resconv::language::detail {

inline icu::UnicodeString to_icu(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

inline std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

} // namespace resconv::language::detail
