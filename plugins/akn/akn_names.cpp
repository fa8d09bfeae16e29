#include "akn_names.hpp"

#include <resconv/sdk/model/validate.hpp>
#include <resconv/sdk/recognize/language.hpp>

#include <cctype>
#include <cstdio>
#include <unordered_set>

namespace resconv::akn {

namespace {
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_alnum(char c) {
  return is_alpha(c) || (c >= '0' && c <= '9');
}
char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}
} // namespace

std::string actor_for(const std::optional<std::string>& body) {
  if (!body)
    return "un";
  static const std::pair<const char*, const char*> known[] = {{"General Assembly", "un-ga"},
                                                              {"Security Council", "un-sc"},
                                                              {"Economic and Social Council", "un-ecosoc"},
                                                              {"Human Rights Council", "un-hrc"},
                                                              {"Trusteeship Council", "un-tc"}};
  for (const auto& [name, actor] : known)
    if (*body == name)
      return actor;
  std::string slug = "un-";
  for (char c : *body) {
    if (is_alnum(c))
      slug += lower(c);
    else if (slug.back() != '-')
      slug += '-';
  }
  while (slug.back() == '-')
    slug.pop_back();
  return slug;
}

std::string camel_case(std::string_view phrase, std::string_view fallback) {
  std::string out;
  bool upper_next = false;
  for (char c : phrase) {
    if (!is_alpha(c)) {
      upper_next = !out.empty();
      continue;
    }
    out += upper_next ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : lower(c);
    upper_next = false;
  }
  return out.empty() ? std::string(fallback) : out;
}

std::string body_eid(const std::optional<std::string>& body) {
  return body ? camel_case(*body, "deliberativeBody") : "deliberativeBody";
}

std::string number_token(const std::optional<std::string>& number) {
  if (!number)
    return "nn";
  std::string out;
  for (char c : *number) {
    if (is_alnum(c) || c == '.')
      out += c;
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-')
    out.pop_back();
  return out.empty() ? "nn" : out;
}

std::string work_iri(const std::optional<std::string>& body, const std::string& date,
                     const std::optional<std::string>& number) {
  return "/akn/un/statement/deliberation/" + actor_for(body) + "/" + date + "/" + number_token(number);
}

std::string symbol_href(std::string_view symbol) {
  std::string out = "/akn/un/doc/";
  for (char c : symbol) {
    if (is_alnum(c) || c == '/' || c == '.' || c == '_' || c == '-')
      out += c;
    else {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", static_cast<unsigned char>(c));
      out += buffer;
    }
  }
  return out;
}

std::string symbol_from_href(std::string_view href) {
  auto decode = [](std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
          std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
        out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
        i += 2;
      } else {
        out += s[i];
      }
    }
    return out;
  };
  constexpr std::string_view ours = "/akn/un/doc/";
  if (href.substr(0, ours.size()) == ours)
    return decode(href.substr(ours.size()));
  std::string_view last = href.substr(href.find_last_of('/') + 1);
  if (auto hash = last.find('#'); hash != std::string_view::npos)
    last = last.substr(0, hash);
  std::string out = decode(last);
  for (char& c : out)
    if (c == '-')
      c = '/';
  return out;
}

namespace {
constexpr std::pair<const char*, const char*> languages[] = {{"en", "eng"}, {"fr", "fra"}, {"es", "spa"},
                                                             {"ru", "rus"}, {"ar", "ara"}, {"zh", "zho"},
                                                             {"de", "deu"}, {"pt", "por"}, {"it", "ita"}};
}

std::string language_to_iso639_2(const std::optional<std::string>& language) {
  if (!language)
    return "und";
  std::string primary = language->substr(0, language->find('-'));
  for (const auto& [two, three] : languages)
    if (primary == two)
      return three;
  return *language;
}

std::optional<std::string> language_from_iso639_2(std::string_view code) {
  if (code.empty() || code == "und")
    return std::nullopt;
  for (const auto& [two, three] : languages)
    if (code == three)
      return std::string(two);
  return std::string(code);
}

std::optional<std::string> schema_date(const std::optional<std::string>& date) {
  if (!date || !model::is_iso_date(*date) || date->compare(0, 4, "0000") == 0)
    return std::nullopt;
  return date;
}

std::string long_date(const std::string& iso, const std::optional<std::string>& language) {
  if (!model::is_iso_date(iso))
    return iso;
  try {
    if (language)
      return language::Language::for_code(*language).spell_date(iso);
  } catch (const language::LanguageError&) {
    // No language data: the ISO date is still a date.
  }
  return iso;
}

std::string meeting_number(std::string_view meeting) {
  std::string digits;
  for (char c : meeting) {
    if (c >= '0' && c <= '9')
      digits += c;
    else if (!digits.empty())
      break;
  }
  return digits;
}

bool is_inline_element(std::string_view name) {
  static const std::unordered_set<std::string_view> names = {
      // Markup and references.
      "i", "b", "u", "sup", "sub", "span", "inline", "ref", "mref", "rref", "noteRef", "a", "img", "marker",
      "popup", "abbr",
      // Document identification in a preface or a cover.
      "docType", "docAuthority", "docDate", "docNumber", "docTitle", "docProponent", "docStatus",
      "docPurpose", "docCommittee", "docIntroducer", "docStage", "docJurisdiction", "shortTitle", "session",
      "legislature",
      // Semantic marks.
      "event", "quantity", "date", "time", "term", "def", "entity", "person", "organization", "location",
      "concept", "object", "role", "courtType", "neutralCitation", "party", "judge", "lawyer", "signature",
      "vote", "outcome", "affectedDocument", "relatedDocument", "argument", "remark", "recordedTime",
      "narrative", "summary",
      // Amendments and editorial marks.
      "mod", "ins", "del", "omissis", "placeholder", "fillIn", "decoration"};
  return names.count(name) != 0; // Asked for every element the reader, rules and writer meet.
}

} // namespace resconv::akn
