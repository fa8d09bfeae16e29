#include <resconv/sdk/utf8.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace resconv;
using namespace std::string_view_literals;
constexpr auto npos = std::string_view::npos;

TEST_CASE("utf8_invalid_at accepts well-formed UTF-8 of every length", "[utf8]") {
  CHECK(utf8_invalid_at("") == npos);
  CHECK(utf8_invalid_at("Resolution 1 (2099)") == npos);
  CHECK(utf8_invalid_at("R\xC3\xA9solution") == npos);         // é
  CHECK(utf8_invalid_at("\xE2\x80\x94 \xE2\x81\xB9") == npos); // em dash, superscript nine
  CHECK(utf8_invalid_at("\xF0\x9F\x98\x80") == npos);          // U+1F600
  CHECK(utf8_invalid_at("\xF4\x8F\xBF\xBF") == npos);          // U+10FFFF
  CHECK(utf8_invalid_at("\xED\x9F\xBF") == npos);              // U+D7FF, below the surrogates
}

TEST_CASE("utf8_invalid_at finds each kind of ill-formed sequence", "[utf8]") {
  CHECK(utf8_invalid_at("ab\x80") == 2);    // lone continuation byte
  CHECK(utf8_invalid_at("a\xC0\xAF") == 1); // overlong two-byte form
  CHECK(utf8_invalid_at("a\xC1\xBF") == 1);
  CHECK(utf8_invalid_at("\xE0\x80\xAF") == 0);      // overlong three-byte form
  CHECK(utf8_invalid_at("\xED\xA0\x80") == 0);      // a surrogate
  CHECK(utf8_invalid_at("\xF0\x80\x80\xAF") == 0);  // overlong four-byte form
  CHECK(utf8_invalid_at("\xF4\x90\x80\x80") == 0);  // above U+10FFFF
  CHECK(utf8_invalid_at("x\xF6\xB7\x9E\x91") == 1); // F5..FF start nothing
  CHECK(utf8_invalid_at("x\xFF") == 1);
  CHECK(utf8_invalid_at("\xC3(") == 0);               // continuation missing
  CHECK(utf8_invalid_at("ok\xE2\x80") == 2);          // cut off by the end
  CHECK(utf8_invalid_at("ok\xE2\x80", true) == npos); // ... accepted for a head
  CHECK(utf8_invalid_at("ok\xE2(", true) == 2);       // but not a wrong byte
}

TEST_CASE("wide_unicode_form recognises UTF-16 and UTF-32 text", "[utf8]") {
  CHECK(wide_unicode_form("\xFF\xFE"
                          "R\0e\0"sv) == "UTF-16LE");
  CHECK(wide_unicode_form("\xFE\xFF\0R\0e"sv) == "UTF-16BE");
  CHECK(wide_unicode_form("\xFF\xFE\0\0R\0\0\0"sv) == "UTF-32LE");
  CHECK(wide_unicode_form("\0\0\xFE\xFF"sv) == "UTF-32BE");
  CHECK(wide_unicode_form("R\0e\0s\0"sv) == "UTF-16LE");
  CHECK(wide_unicode_form("\0R\0e\0s"sv) == "UTF-16BE");
  CHECK(wide_unicode_form("Resolution").empty());
  CHECK(wide_unicode_form("\xEF\xBB\xBFResolution").empty());
}
