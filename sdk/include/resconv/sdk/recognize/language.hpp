#pragma once
/// \file language.hpp
/// The recogniser's former name for the language data: `recognize::LanguageData` is now
/// language::Language (resconv/sdk/language/language.hpp), which owns everything a language
/// changes. Kept so code written against SDK 1.x still compiles; new code uses
/// language::Language.

#include <resconv/sdk/language/language.hpp>

namespace resconv::recognize {

/// The language data the recogniser reads (see language::Language).
using LanguageData = language::Language;
/// A missing or malformed language file.
using LanguageError = language::LanguageError;

} // namespace resconv::recognize
