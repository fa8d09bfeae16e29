#include "akn_names.hpp"

#include <resconv/sdk/model/validate.hpp>
#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/recognize/canonical.hpp>

#include <cctype>
#include <cstdio>
#include <unordered_set>
#include <utility>

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

const language::Language* document_language(const model::Document& document) {
  try {
    return &recognize::document_language(document);
  } catch (const language::LanguageError&) {
    return nullptr; // No language data installed: ISO dates and the model's own words.
  }
}

const language::Body* known_body(std::string_view name, const language::Language* language) {
  if (language != nullptr)
    if (const language::Body* body = language->body_named(name))
      return body;
  try {
    for (const auto& other : language::Language::installed())
      if (const language::Body* body = other.body_named(name))
        return body;
  } catch (const language::LanguageError&) {
    // No language data: every body is unknown.
  }
  return nullptr;
}

namespace {

// The FRBR actor of the bodies that have one in the AKN4UN naming (formats/akn/spec.md), by
// the language-independent body id of the language files.
std::optional<std::string> actor_of_id(std::string_view id) {
  static const std::pair<const char*, const char*> actors[] = {{"general-assembly", "un-ga"},
                                                               {"security-council", "un-sc"},
                                                               {"economic-and-social-council", "un-ecosoc"},
                                                               {"human-rights-council", "un-hrc"},
                                                               {"trusteeship-council", "un-tc"}};
  for (const auto& [key, actor] : actors)
    if (id == key)
      return std::string(actor);
  return std::nullopt;
}

} // namespace

std::string actor_for(const std::optional<std::string>& body) {
  if (!body)
    return "un";
  const language::Body* known = known_body(*body, nullptr);
  if (known != nullptr)
    if (auto actor = actor_of_id(known->id))
      return *actor;
  return "un-" + language::ascii_slug(known != nullptr ? known->id : *body);
}

std::string camel_case(std::string_view phrase, std::string_view fallback) {
  std::string folded = language::ascii_fold(phrase);
  std::string out;
  bool upper_next = false;
  for (char c : folded) {
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
  if (!body)
    return "deliberativeBody";
  const language::Body* known = known_body(*body, nullptr);
  return camel_case(known != nullptr ? known->id : *body, "deliberativeBody");
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

std::string collection_work_iri(const std::optional<std::string>& body, const std::string& date,
                                const std::optional<std::string>& symbol) {
  return "/akn/un/documentCollection/publication/" + actor_for(body) + "/" + date + "/" +
         number_token(symbol);
}

namespace {
// Kinds and the statement names AKN4UN gives them.
constexpr std::pair<std::string_view, std::string_view> statement_names[] = {
    {"decision", "decision"}, {"draft resolution", "resolutionDraft"}, {"draft decision", "decisionDraft"}};
} // namespace

std::string statement_name(const std::optional<std::string>& kind) {
  if (!kind || *kind == "resolution")
    return "resolution";
  for (const auto& [k, name] : statement_names)
    if (*kind == k)
      return std::string(name);
  return camel_case(*kind, "resolution");
}

std::optional<std::string> kind_of_statement(std::string_view name) {
  for (const auto& [k, n] : statement_names)
    if (name == n)
      return std::string(k);
  return std::nullopt;
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

std::string language_to_iso639_2(const std::optional<std::string>& language) {
  if (!language)
    return "und";
  try {
    return language::Language::for_code(*language).iso639_2();
  } catch (const language::LanguageError&) {
    return *language; // No file for it: the tag as the model has it (still an xs:language).
  }
}

std::optional<std::string> language_from_iso639_2(std::string_view code) {
  if (code.empty() || code == "und")
    return std::nullopt;
  try {
    for (const auto& lang : language::Language::installed())
      if (lang.iso639_2() == code || lang.code() == code)
        return lang.code();
  } catch (const language::LanguageError&) {
    // No language data: the code as written.
  }
  return std::string(code);
}

std::optional<std::string> schema_date(const std::optional<std::string>& date) {
  if (!date || !model::is_iso_date(*date) || date->compare(0, 4, "0000") == 0)
    return std::nullopt;
  return date;
}

std::string long_date(const std::string& iso, const std::optional<std::string>& language) {
  if (!language || !model::is_iso_date(iso))
    return iso;
  try {
    return language::Language::for_code(*language).spell_date(iso);
  } catch (const language::LanguageError&) {
    return iso; // No language data: the ISO date is still a date.
  }
}

std::string printed_body(const std::string& body, const language::Language* language) {
  const language::Body* known = language != nullptr ? language->body_named(body) : nullptr;
  if (known == nullptr || known->definite.empty() || known->definite.find(known->name) != std::string::npos)
    return body;
  return known->definite;
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
