#include <resconv/sdk/data_path.hpp>
#include "icu_strings.hpp"

#include <resconv/sdk/language/language.hpp>

#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace resconv::language {

namespace {

constexpr std::array<std::string_view, phrase_count> phrase_keys = {
    "united_nations",   "distribution",   "general",          "limited",
    "restricted",       "original",       "session",          "agenda_item",
    "agenda_items",     "and_word",       "resolution",       "resolution_word",
    "resolutions_word", "decision",       "adopted",          "adopted_by",
    "on_date",          "at_its",         "at_the",           "meeting",
    "plenary_meeting",  "vote",           "unanimously",      "annex",
    "appendix",         "please_recycle", "draft_resolution", "draft_decision"};

constexpr std::array<std::string_view, line_count> line_keys = {
    "distribution", "session",           "agenda_item",      "agenda_items",
    "adoption",     "adoption_undated",  "council_adoption", "council_undated",
    "number_title", "number_title_year", "closing_council",  "closing_council_bare"};

// How many words the first part of a paragraph may hold before its lead word: modifiers
// ("Also", "Further") and the lead word itself with its complement ("Taking note with
// appreciation"). Five covers every list entry plus two modifiers.
constexpr std::size_t lead_window = 6;

using detail::to_icu;
using detail::to_utf8;

// Collapses runs of spaces and trims.
std::string collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space)
      out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// A literal for an ICU regular expression.
std::string quote(std::string_view literal) {
  std::string out;
  std::string word;
  auto flush = [&] {
    if (!word.empty())
      out += "\\Q" + word + "\\E";
    word.clear();
  };
  // The apostrophe of "l'Assemblée" is printed straight or curly: either reads.
  constexpr std::string_view curly = "\u2019", modifier = "\u02BC";
  for (std::size_t i = 0; i < literal.size(); ++i) {
    char c = literal[i];
    if (c == ' ') {
      flush();
      if (out.size() < 3 || out.compare(out.size() - 3, 3, "\\s+") != 0)
        out += "\\s+";
    } else if (c == '\'' || literal.substr(i, curly.size()) == curly ||
               literal.substr(i, modifier.size()) == modifier) {
      flush();
      out += "['\u2019\u02BC]";
      if (c != '\'')
        i += (literal.substr(i, curly.size()) == curly ? curly.size() : modifier.size()) - 1;
    } else {
      word += c;
    }
  }
  flush();
  return out;
}

// Byte offset in UTF-8 `text` of UTF-16 index `u16` (text holds no ill-formed bytes the
// matcher saw differently: both sides come from the same UnicodeString).
std::size_t byte_offset(const icu::UnicodeString& u, int32_t u16) {
  std::string prefix;
  u.tempSubString(0, u16).toUTF8String(prefix);
  return prefix.size();
}

std::string folded_words(std::string_view s) {
  std::string f = fold(s);
  for (char& c : f)
    if (c == '-')
      c = ' ';
  return collapse(f);
}

// Strips Unicode punctuation (and the emphasis asterisk) from both ends of a word.
std::string_view strip_punct(std::string_view w) {
  while (!w.empty()) {
    std::size_t n = 0;
    char32_t c = first_code_point(w, &n);
    if (!(u_ispunct(static_cast<UChar32>(c)) || c == '*'))
      break;
    w.remove_prefix(n);
  }
  while (!w.empty()) {
    std::size_t n = 0;
    char32_t c = last_code_point(w, &n);
    if (!(u_ispunct(static_cast<UChar32>(c)) || c == '*'))
      break;
    w.remove_suffix(n);
  }
  return w;
}

// Bytes of `text` whose folded form starts with folded `prefix`, or 0.
std::size_t folded_prefix(std::string_view text, std::string_view prefix) {
  std::string want = fold(prefix);
  if (want.empty())
    return 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t n = 0;
    first_code_point(text.substr(i), &n);
    i += n == 0 ? 1 : n;
    std::string have = fold(text.substr(0, i));
    if (have.size() >= want.size())
      return have == want ? i : 0;
    if (want.compare(0, have.size(), have) != 0)
      return 0;
  }
  return 0;
}

int roman_value(std::string_view r) {
  int total = 0, previous = 0;
  for (auto it = r.rbegin(); it != r.rend(); ++it) {
    char c = static_cast<char>(*it | 0x20);
    int v = c == 'i' ? 1 : c == 'v' ? 5 : c == 'x' ? 10 : c == 'l' ? 50 : c == 'c' ? 100 : 0;
    if (v == 0)
      return 0;
    total += v < previous ? -v : v;
    previous = std::max(previous, v);
  }
  return total;
}

bool is_roman(std::string_view s) {
  if (s.empty() || s.size() > 7)
    return false;
  bool lower = s[0] >= 'a';
  int v = roman_value(s);
  return v > 0 && roman_numeral(v, !lower) == s;
}

std::string ascii_int(int n) {
  return std::to_string(n);
}

// Reads a decimal number of any script's digits; -1 when `s` holds anything else.
int parse_int(std::string_view s) {
  std::string digits = ascii_digits(s);
  if (digits.empty() || digits.size() > 9 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return -1;
  return std::stoi(digits);
}

std::string capitalize_first(std::string_view s) {
  icu::UnicodeString u = to_icu(s);
  if (u.isEmpty())
    return {};
  UChar32 c = u.char32At(0);
  icu::UnicodeString first(u_totitle(c));
  return to_utf8(first + u.tempSubString(U16_LENGTH(c)));
}

// One compiled template: the regular expression and the field of each group.
struct Compiled {
  std::unique_ptr<icu::RegexPattern> pattern;
  std::vector<std::string> fields;
};

} // namespace

struct Language::Data {
  std::string file;
  std::string code, iso639_2, name, job_suffix;
  Script script = Script::latin;
  bool rtl = false;
  bool spaces = true;
  std::vector<std::string> articles;
  std::set<std::string> preambular, operative, modifiers; // folded, spaces for hyphens
  std::vector<std::string> prefixes;                      // folded, attached modifiers ("و")
  std::vector<std::vector<std::string>> months;           // as listed, alternatives
  std::string day_one;                                    // "1er" in French; empty elsewhere
  std::vector<std::string> date_patterns;
  std::vector<std::string> ordinals; // 1-based, as listed
  std::vector<std::string> ordinals_folded;
  std::string list_separator = ", ", list_last = " and ";
  std::string definite_default = "{body}";
  std::string full_stop = ".";
  std::vector<std::string> operative_patterns, item_patterns;
  std::string operative_label = "{n}. ";
  std::vector<std::string> item_letters;
  std::vector<std::string> roman_labels; // Labels that are items of the (i) level on their own: "㈠"
  std::vector<Body> bodies;
  std::array<std::string, phrase_count> phrases;
  std::array<std::vector<std::string>, line_count> lines;
  std::set<std::string> stopwords;
  std::size_t longest_lead = 1; // words

  // Compiled forms, made on first use (compiled()).
  std::vector<Compiled> dates;
  std::array<std::vector<Compiled>, line_count> line_patterns;
  std::vector<Compiled> operative_markers, item_markers;
  std::optional<Compiled> roman_marker;
  mutable std::once_flag compile_once;

  // The compiled patterns; thread-safe.
  const Data& compiled() const;
  void compile_all();
};

std::string_view phrase_key(Phrase phrase) noexcept {
  return phrase_keys[static_cast<std::size_t>(phrase)];
}

std::string_view line_key(Line line) noexcept {
  return line_keys[static_cast<std::size_t>(line)];
}

Language::Language(std::shared_ptr<const Data> data) : m(std::move(data)) {}

namespace {

std::unique_ptr<icu::RegexPattern> compile(const std::string& regex, const std::string& file,
                                           const std::string& what) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError where{};
  std::unique_ptr<icu::RegexPattern> p(
      icu::RegexPattern::compile(to_icu(regex), UREGEX_CASE_INSENSITIVE, where, status));
  if (U_FAILURE(status))
    throw LanguageError(file + ": " + what + " cannot be read as a pattern (" + u_errorName(status) + ")");
  return p;
}

std::string alternation(std::vector<std::string> words) {
  std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  std::string out = "(";
  for (std::size_t i = 0; i < words.size(); ++i)
    out += (i ? "|" : "") + quote(words[i]);
  return out + ")";
}

// Splits a template into literals and {fields}.
template <class OnLiteral, class OnField>
void walk_template(std::string_view t, OnLiteral literal, OnField field) {
  while (!t.empty()) {
    auto open = t.find('{');
    auto close = open == std::string_view::npos ? open : t.find('}', open);
    if (close == std::string_view::npos) {
      literal(t);
      return;
    }
    if (open > 0)
      literal(t.substr(0, open));
    field(t.substr(open + 1, close - open - 1));
    t.remove_prefix(close + 1);
  }
}

} // namespace

// The regular expressions of a language, compiled on its first use: case-insensitive ICU
// patterns with the month and body alternations cost about 3 ms each, and a run uses one
// or two of the six languages (detection needs none).
void Language::Data::compile_all() {
  Data* d = this;
  // Dates: {day}, {month}, {m} (a month's number), {year}.
  std::vector<std::string> month_names;
  for (const auto& forms : d->months)
    month_names.insert(month_names.end(), forms.begin(), forms.end());
  // One date pattern as a regular expression; `capture` false gives groups that capture
  // nothing, for use inside a line template.
  auto date_regex = [&](const std::string& pattern, Compiled* c) {
    std::string open = c ? "(" : "(?:";
    std::string regex = "(?<![[\\p{L}\\p{Nd}]-[\\p{Han}]])";
    walk_template(
        pattern, [&](std::string_view lit) { regex += quote(lit); },
        [&](std::string_view field) {
          if (c)
            c->fields.emplace_back(field);
          if (field == "day")
            regex += open + "\\p{Nd}{1,2})(?:er|re|º|°)?";
          else if (field == "month")
            regex += open + alternation(month_names).substr(1);
          else if (field == "m")
            regex += open + "\\p{Nd}{1,2})";
          else if (field == "year")
            regex += open + "\\p{Nd}{4})";
          else
            throw LanguageError(d->file + ": date pattern \"" + pattern + "\" has an unknown field {" +
                                std::string(field) + "}");
        });
    return regex + "(?![[\\p{L}\\p{Nd}]-[\\p{Han}]])";
  };
  // Not inside a word or number; Han characters are words of their own and touch a date
  // without a space ("2044年12月10日第58次全体会议").
  std::string any_date;
  for (const auto& pattern : d->date_patterns) {
    Compiled c;
    std::string regex = date_regex(pattern, &c);
    c.pattern = compile(regex, d->file, "date pattern \"" + pattern + "\"");
    d->dates.push_back(std::move(c));
    any_date += (any_date.empty() ? "" : "|") + date_regex(pattern, nullptr);
  }
  // Lines: bodies by their forms, everything else lazily; the fields are checked after.
  std::vector<std::string> names, definites;
  for (const auto& b : d->bodies) {
    names.push_back(b.name);
    definites.push_back(b.definite);
  }
  for (std::size_t i = 0; i < line_count; ++i)
    for (const auto& form : d->lines[i]) {
      Compiled c;
      std::string regex = "^\\s*";
      walk_template(
          form, [&](std::string_view lit) { regex += quote(lit); },
          [&](std::string_view field) {
            c.fields.emplace_back(field);
            if (field == "body")
              regex += alternation(names);
            else if (field == "the_body")
              regex += alternation(definites);
            else if (field == "date")
              regex += "(" + any_date + ")";
            else
              regex += "(.+?)";
          });
      // A last field after a space may be absent ("第2803 (2025)号决议" has no title).
      constexpr std::string_view lazy_tail = "\\s+(.+?)";
      if (regex.size() > lazy_tail.size() &&
          regex.compare(regex.size() - lazy_tail.size(), lazy_tail.size(), lazy_tail) == 0)
        regex.replace(regex.size() - lazy_tail.size(), lazy_tail.size(), "(?:\\s+(.+?))?");
      regex += "\\s*$";
      c.pattern = compile(regex, d->file, "line \"" + form + "\"");
      d->line_patterns[i].push_back(std::move(c));
    }
  // Numbering: {n} an operative number, {x} an item label.
  std::vector<std::string> letters = d->item_letters;
  auto marker = [&](const std::string& pattern, bool item) {
    Compiled c;
    std::string regex = "^";
    walk_template(
        pattern,
        [&](std::string_view lit) {
          // Spaces in a marker are optional ("1 -" and "1-").
          std::string q = quote(lit);
          for (std::size_t p; (p = q.find("\\s+")) != std::string::npos;)
            q.replace(p, 3, "\\s*");
          regex += q;
        },
        [&](std::string_view field) {
          c.fields.emplace_back(field);
          regex += item ? "(\\p{Ll}{1,2}|[ivxlc]{1,6}|[IVXLC]{1,6}|\\p{Lu}|\\p{Nd}{1,2}|" +
                              alternation(letters).substr(1)
                        : "(\\p{Nd}{1,3})";
        });
    regex += "(?=\\s|$)";
    c.pattern = compile(regex, d->file, "numbering \"" + pattern + "\"");
    return c;
  };
  for (const auto& p : d->operative_patterns)
    d->operative_markers.push_back(marker(p, false));
  for (const auto& p : d->item_patterns)
    d->item_markers.push_back(marker(p, true));
  if (!d->roman_labels.empty()) {
    Compiled c;
    c.fields.emplace_back("x");
    c.pattern =
        compile("^" + alternation(d->roman_labels) + "(?=\\s|$)", d->file, "numbering \"roman_labels\"");
    d->roman_marker = std::move(c);
  }
}

const Language::Data& Language::Data::compiled() const {
  std::call_once(compile_once, [this] { const_cast<Data*>(this)->compile_all(); });
  return *this;
}

Language Language::load_file(const std::filesystem::path& path) {
  std::string file = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw LanguageError(file + ": cannot open language data");
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto d = std::make_shared<Data>();
  d->file = file;
  try {
    auto j = nlohmann::json::parse(buffer.str());
    auto need = [&](const char* key) -> const nlohmann::json& {
      if (!j.contains(key))
        throw LanguageError(file + ": missing \"" + key + "\"");
      return j.at(key);
    };
    auto strings = [&](const nlohmann::json& v) {
      std::vector<std::string> out;
      if (v.is_string())
        out.push_back(v.get<std::string>());
      else
        for (const auto& s : v)
          out.push_back(s.get<std::string>());
      return out;
    };
    d->code = need("code").get<std::string>();
    d->name = need("name").get<std::string>();
    d->iso639_2 = need("iso639_2").get<std::string>();
    d->job_suffix = need("job_suffix").get<std::string>();
    std::string script = need("script").get<std::string>();
    d->script = script == "Latn"                                           ? Script::latin
                : script == "Cyrl"                                         ? Script::cyrillic
                : script == "Arab"                                         ? Script::arabic
                : script == "Hans" || script == "Hani" || script == "Hant" ? Script::han
                                                                           : Script::other;
    d->rtl = need("direction").get<std::string>() == "rtl";
    d->spaces = need("spaces_between_words").get<bool>();
    d->articles = strings(need("articles"));
    std::stable_sort(d->articles.begin(), d->articles.end(),
                     [](const auto& a, const auto& b) { return a.size() > b.size(); });
    for (const auto& w : strings(need("preambular")))
      d->preambular.insert(folded_words(w));
    for (const auto& w : strings(need("operative")))
      d->operative.insert(folded_words(w));
    for (const auto& w : strings(need("modifiers")))
      d->modifiers.insert(folded_words(w));
    for (const auto& w : strings(j.value("prefixes", nlohmann::json::array())))
      d->prefixes.push_back(fold(w));
    for (const auto* set : {&d->preambular, &d->operative})
      for (const auto& w : *set)
        d->longest_lead = std::max<std::size_t>(d->longest_lead, 1 + std::count(w.begin(), w.end(), ' '));
    for (const auto& month : strings(need("months"))) {
      std::vector<std::string> forms;
      std::string_view rest = month;
      while (!rest.empty()) {
        auto bar = rest.find('|');
        forms.emplace_back(rest.substr(0, bar));
        if (bar == std::string_view::npos)
          break;
        rest.remove_prefix(bar + 1);
      }
      d->months.push_back(std::move(forms));
    }
    if (d->months.size() != 12)
      throw LanguageError(file + ": \"months\" must list 12 months");
    d->day_one = j.value("day_one", "");
    d->date_patterns = strings(need("date_patterns"));
    if (d->date_patterns.empty())
      throw LanguageError(file + ": \"date_patterns\" is empty");
    d->ordinals = strings(need("session_ordinals"));
    for (const auto& o : d->ordinals)
      d->ordinals_folded.push_back(folded_words(o));
    const auto& list = need("list");
    d->list_separator = list.at("separator").get<std::string>();
    d->list_last = list.at("last").get<std::string>();
    d->definite_default = j.value("definite_default", "{body}");
    d->full_stop = j.value("full_stop", ".");
    const auto& numbering = need("numbering");
    d->operative_patterns = strings(numbering.at("operative"));
    d->operative_label = numbering.at("operative_label").get<std::string>();
    d->item_patterns = strings(numbering.at("item"));
    d->item_letters = strings(numbering.at("item_letters"));
    d->roman_labels = strings(numbering.value("roman_labels", nlohmann::json::array()));
    if (d->operative_patterns.empty() || d->item_patterns.empty() || d->item_letters.empty())
      throw LanguageError(file + ": \"numbering\" needs operative, item and item_letters");
    for (const auto& b : need("bodies")) {
      Body body;
      body.name = b.at("name").get<std::string>();
      body.definite = b.value("definite", body.name);
      body.symbol_prefix = b.value("symbol_prefix", "");
      // Transliteration is costly to set up: only for a body the file gives no id.
      body.id = b.contains("id") ? b.at("id").get<std::string>() : ascii_slug(body.name);
      body.formula = b.value("formula", "");
      if (body.formula.empty())
        body.formula = (d->articles.empty() ? "" : d->articles.back() + " ") + body.name + ",";
      d->bodies.push_back(std::move(body));
    }
    std::stable_sort(d->bodies.begin(), d->bodies.end(),
                     [](const Body& a, const Body& b) { return a.name.size() > b.name.size(); });
    const auto& phrases = need("phrases");
    for (std::size_t i = 0; i < phrase_count; ++i) {
      std::string key(phrase_keys[i]);
      if (!phrases.contains(key))
        throw LanguageError(file + ": missing phrase \"" + key + "\"");
      d->phrases[i] = phrases.at(key).get<std::string>();
    }
    const auto& lines = need("lines");
    for (std::size_t i = 0; i < line_count; ++i) {
      std::string key(line_keys[i]);
      if (!lines.contains(key))
        throw LanguageError(file + ": missing line \"" + key + "\"");
      d->lines[i] = strings(lines.at(key));
      if (d->lines[i].empty())
        throw LanguageError(file + ": line \"" + key + "\" is empty");
    }
    for (const auto& w : strings(need("stopwords")))
      d->stopwords.insert(fold(w));
  } catch (const nlohmann::json::exception& e) {
    throw LanguageError(file + ": " + e.what());
  }

  return Language(std::move(d));
}

Language Language::load(const std::filesystem::path& data_dir, std::string_view code) {
  return load_file(data_dir / "lang" / (std::string(code) + ".json"));
}

std::vector<Language> Language::load_all(const std::filesystem::path& data_dir) {
  std::vector<std::string> codes;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir / "lang", ec))
    if (entry.path().extension() == ".json")
      codes.push_back(entry.path().stem().string());
  if (ec)
    throw LanguageError((data_dir / "lang").string() + ": cannot list language data: " + ec.message());
  std::sort(codes.begin(), codes.end());
  std::vector<Language> all;
  for (const auto& code : codes)
    all.push_back(load(data_dir, code));
  if (all.empty())
    throw LanguageError((data_dir / "lang").string() + ": no language data found");
  return all;
}

const std::vector<Language>& Language::installed() {
  static std::once_flag once;
  static std::vector<Language> languages;
  static std::string failure;
  std::call_once(once, [] {
    try {
      languages = load_all(data_directory());
    } catch (const std::exception& e) {
      failure = e.what();
    }
  });
  if (!failure.empty())
    throw LanguageError(failure);
  return languages;
}

const Language* Language::find(std::string_view tag, const std::vector<Language>& among) {
  std::string wanted;
  for (char c : tag)
    wanted += c == '_' ? '-' : static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  // "fr-CA" -> "fr": BCP 47 fallback drops subtags from the right.
  for (std::string t = wanted; !t.empty();) {
    for (const auto& l : among)
      if (l.code() == t)
        return &l;
    auto dash = t.rfind('-');
    if (dash == std::string::npos)
      break;
    t.resize(dash);
  }
  return nullptr;
}

const Language& Language::for_code(std::string_view tag) {
  const auto& all = installed();
  if (const Language* found = find(tag, all))
    return *found;
  std::string codes;
  for (const auto& l : all)
    codes += (codes.empty() ? "" : ", ") + l.code();
  throw LanguageError("no language data for '" + std::string(tag) + "' in " +
                      (data_directory() / "lang").string() + " (installed: " + codes + ")");
}

const std::string& Language::code() const noexcept {
  return m->code;
}
const std::string& Language::iso639_2() const noexcept {
  return m->iso639_2;
}
const std::string& Language::name() const noexcept {
  return m->name;
}
const std::string& Language::job_suffix() const noexcept {
  return m->job_suffix;
}
Script Language::script() const noexcept {
  return m->script;
}
bool Language::right_to_left() const noexcept {
  return m->rtl;
}
bool Language::spaces_between_words() const noexcept {
  return m->spaces;
}
const std::string& Language::phrase(Phrase p) const noexcept {
  return m->phrases[static_cast<std::size_t>(p)];
}
const std::string& Language::line_template(Line line) const noexcept {
  return m->lines[static_cast<std::size_t>(line)].front();
}
const std::vector<std::string>& Language::articles() const noexcept {
  return m->articles;
}
const std::vector<Body>& Language::bodies() const noexcept {
  return m->bodies;
}

std::string Language::spell(Line line, const Fields& fields) const {
  const auto& forms = m->lines[static_cast<std::size_t>(line)];
  auto has_all = [&](const std::string& form) {
    bool all = true;
    walk_template(
        form, [](std::string_view) {},
        [&](std::string_view f) {
          auto it = fields.find(std::string(f));
          all = all && it != fields.end() && !it->second.empty();
        });
    return all;
  };
  const std::string* chosen = &forms.front();
  for (const auto& form : forms)
    if (has_all(form)) {
      chosen = &form;
      break;
    }
  std::string out;
  walk_template(
      *chosen, [&](std::string_view lit) { out += lit; },
      [&](std::string_view f) {
        if (auto it = fields.find(std::string(f)); it != fields.end())
          out += it->second;
      });
  return collapse(out);
}

std::optional<Fields> Language::match(Line line, std::string_view text) const {
  std::string line_text = collapse(text);
  // The comparison is on NFC text with apostrophes and hyphens made one; fold() would
  // also fold case, which the matcher does itself, so only the normalisation is wanted.
  icu::UnicodeString u = to_icu(line_text);
  for (const auto& c : m->compiled().line_patterns[static_cast<std::size_t>(line)]) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> matcher(c.pattern->matcher(u, status));
    if (U_FAILURE(status) || !matcher->matches(status) || U_FAILURE(status))
      continue;
    Fields fields;
    bool ok = true;
    for (std::size_t g = 0; g < c.fields.size() && ok; ++g) {
      icu::UnicodeString value = matcher->group(static_cast<int32_t>(g + 1), status);
      std::string v = collapse(to_utf8(value));
      const std::string& name = c.fields[g];
      if (name == "date") {
        auto d = find_date(v);
        ok = d && d->begin == 0 && d->end == v.size();
        if (ok)
          fields["date_iso"] = d->iso;
      } else if (name == "the_body") {
        for (const auto& b : m->bodies)
          if (equals_folded(b.definite, v))
            fields["body"] = b.name;
      } else if (name == "body") {
        if (const Body* b = body_named(v))
          v = b->name;
      }
      fields[name] = v;
    }
    if (ok)
      return fields;
  }
  return std::nullopt;
}

std::string_view Language::strip_article(std::string_view text) const {
  for (const auto& article : m->articles) {
    std::size_t n = folded_prefix(text, article);
    if (n == 0)
      continue;
    char32_t last = last_code_point(article);
    bool elided = last == '\'' || last == U'\u2019';
    if (elided)
      return text.substr(n);
    if (n < text.size() && text[n] == ' ')
      return text.substr(n + 1);
  }
  return text;
}

const Body* Language::body_named(std::string_view name) const {
  for (const auto& b : m->bodies)
    if (equals_folded(b.name, name))
      return &b;
  return nullptr;
}

const Body* Language::body_of_formula(std::string_view formula) const {
  // A formula is a body's name with an article and a comma: text several times longer than
  // the longest formula is none, and is never folded (a paragraph may be megabytes).
  constexpr std::size_t formula_slack = 4;
  std::size_t longest = 0;
  for (const auto& b : m->bodies)
    longest = std::max(longest, b.formula.size());
  if (formula.size() > formula_slack * longest + 16)
    return nullptr;
  std::string text = collapse(formula);
  std::string_view rest = text;
  while (!rest.empty()) {
    std::size_t n = 0;
    char32_t c = last_code_point(rest, &n);
    if (!(u_ispunct(static_cast<UChar32>(c)) || c == ' '))
      break;
    rest.remove_suffix(n);
  }
  for (const auto& b : m->bodies)
    if (equals_folded(collapse(strip_punct(b.formula)), rest))
      // Without an article, only the formula's punctuation tells "大会，" (the formula) from
      // "大会" (the masthead's body line).
      if (!m->articles.empty() || rest.size() < text.size())
        return &b;
  if (m->articles.empty())
    return rest.size() < text.size() ? body_named(rest) : nullptr;
  std::string_view bare = strip_article(rest);
  if (bare.size() == rest.size())
    return nullptr;
  return body_named(bare);
}

std::string Language::formula_for(const Body& body) const {
  return body.formula;
}

std::string Language::join_list(const std::vector<std::string>& items) const {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? m->list_last : m->list_separator) + items[i];
  return out;
}

std::vector<std::string> Language::split_list(std::string_view text) const {
  std::vector<std::string> items;
  std::string rest = collapse(text);
  auto trim_sep = [](std::string s) {
    std::string_view v = s;
    while (!v.empty() && v.front() == ' ')
      v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ')
      v.remove_suffix(1);
    return std::string(v);
  };
  std::string last = trim_sep(m->list_last), sep = trim_sep(m->list_separator);
  std::size_t from = 0;
  while (from <= rest.size()) {
    // The nearest separator of either kind.
    std::size_t best = std::string::npos, len = 0;
    for (const std::string* s : {&sep, &last}) {
      if (s->empty())
        continue;
      for (std::size_t at = rest.find(*s, from); at != std::string::npos; at = rest.find(*s, at + 1)) {
        // A word separator ("and", "y") must stand between spaces in languages that have them.
        bool word =
            std::isalpha(static_cast<unsigned char>((*s)[0])) || static_cast<unsigned char>((*s)[0]) >= 0x80;
        bool spaced =
            (at > 0 && rest[at - 1] == ' ') && (at + s->size() < rest.size() && rest[at + s->size()] == ' ');
        if (word && m->spaces && !spaced)
          continue;
        if (at < best) {
          best = at;
          len = s->size();
        }
        break;
      }
    }
    std::string item =
        trim_sep(rest.substr(from, best == std::string::npos ? std::string::npos : best - from));
    if (!item.empty())
      items.push_back(item);
    if (best == std::string::npos)
      break;
    from = best + len;
  }
  return items;
}

std::string Language::spell_definite(std::string_view body) const {
  std::string out;
  walk_template(
      m->definite_default, [&](std::string_view lit) { out += lit; }, [&](std::string_view) { out += body; });
  return out;
}

const std::string& Language::full_stop() const noexcept {
  return m->full_stop;
}

bool Language::is_operative(std::string_view word) const {
  return m->operative.count(folded_words(word)) != 0;
}

bool Language::is_preambular(std::string_view word) const {
  return m->preambular.count(folded_words(word)) != 0;
}

LeadWords Language::lead_words(std::string_view text) const {
  LeadWords none;
  auto kind_of = [&](const std::string& w) {
    return m->operative.count(w)    ? LeadKind::operative
           : m->preambular.count(w) ? LeadKind::preambular
                                    : LeadKind::none;
  };
  if (!m->spaces) {
    // Scripts without spaces: the lists are prefixes of the text, after any modifiers.
    std::size_t at = 0;
    for (bool again = true; again;) {
      again = false;
      for (const auto& mod : m->modifiers)
        if (std::size_t n = folded_prefix(text.substr(at), mod); n > 0) {
          at += n;
          again = true;
          break;
        }
    }
    LeadWords best;
    for (const auto* set : {&m->operative, &m->preambular})
      for (const auto& w : *set)
        if (std::size_t n = folded_prefix(text.substr(at), w); n > 0 && at + n > best.end) {
          best.kind = kind_of(w);
          best.word = w;
          best.end = at + n;
        }
    return best;
  }
  // Words with their byte ranges.
  struct Word {
    std::string folded;
    std::size_t end;
  };
  std::vector<Word> words;
  for (std::size_t i = 0; i < text.size() && words.size() < lead_window + m->longest_lead;) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n'))
      ++i;
    std::size_t b = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '\n')
      ++i;
    if (i == b)
      break;
    std::string_view raw = text.substr(b, i - b);
    std::string_view bare = strip_punct(raw);
    std::size_t end = bare.empty() ? i : static_cast<std::size_t>(bare.data() - text.data()) + bare.size();
    std::string f = folded_words(bare);
    // A hyphenated word counts as its parts ("Re-emphasizing" stays one: the lists hold it).
    words.push_back({f, end});
    // Stop at a clause end: lead words never run past a comma.
    if (raw.size() != bare.size() && raw.back() == ',')
      break;
  }
  std::size_t w = 0;
  auto try_at = [&](std::size_t at, const std::string& first) -> LeadWords {
    LeadWords found;
    std::string phrase = first;
    for (std::size_t k = 0; at + k < words.size() && k < m->longest_lead; ++k) {
      if (k > 0)
        phrase += " " + words[at + k].folded;
      if (LeadKind kind = kind_of(phrase); kind != LeadKind::none) {
        found.kind = kind;
        found.word = phrase;
        found.end = words[at + k].end;
      }
    }
    return found;
  };
  for (; w < words.size() && w < lead_window; ++w) {
    const std::string& f = words[w].folded;
    LeadWords found = try_at(w, f);
    // An attached prefix ("وإذ" = "و" + "إذ").
    if (found.kind == LeadKind::none)
      for (const auto& p : m->prefixes)
        if (f.size() > p.size() && f.compare(0, p.size(), p) == 0)
          if (found = try_at(w, f.substr(p.size())); found.kind != LeadKind::none)
            break;
    if (found.kind != LeadKind::none) {
      // Modifiers after the lead word ("Recalls also") belong to it.
      std::size_t after =
          w + 1 + static_cast<std::size_t>(std::count(found.word.begin(), found.word.end(), ' '));
      while (after < words.size() && m->modifiers.count(words[after].folded))
        found.end = words[after++].end;
      return found;
    }
    if (!m->modifiers.count(f))
      return none;
  }
  return none;
}

std::optional<DateMatch> Language::find_date(std::string_view text) const {
  icu::UnicodeString u = to_icu(text);
  std::optional<DateMatch> best;
  int32_t best_start = INT32_MAX;
  for (const auto& c : m->compiled().dates) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> matcher(c.pattern->matcher(u, status));
    if (U_FAILURE(status))
      continue;
    while (matcher->find(status) && U_SUCCESS(status)) {
      int32_t start = matcher->start(status);
      if (start >= best_start)
        break;
      int day = -1, month = -1, year = -1;
      for (std::size_t g = 0; g < c.fields.size(); ++g) {
        std::string v = to_utf8(matcher->group(static_cast<int32_t>(g + 1), status));
        const std::string& f = c.fields[g];
        if (f == "day")
          day = parse_int(v);
        else if (f == "m")
          month = parse_int(v);
        else if (f == "year")
          year = parse_int(v);
        else if (f == "month")
          month = month_number(v);
      }
      if (day < 1 || day > 31 || month < 1 || month > 12 || year < 1000)
        continue;
      char iso[48];
      std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
      best_start = start;
      best = DateMatch{iso, byte_offset(u, start), byte_offset(u, matcher->end(status))};
      break;
    }
  }
  return best;
}

int Language::month_number(std::string_view name) const {
  std::string f = fold(name);
  for (std::size_t i = 0; i < m->months.size(); ++i)
    for (const auto& form : m->months[i])
      if (fold(form) == f)
        return static_cast<int>(i + 1);
  return 0;
}

std::string Language::spell_date(std::string_view iso) const {
  auto digits = [&](std::size_t b, std::size_t n) {
    for (std::size_t i = b; i < b + n; ++i)
      if (iso[i] < '0' || iso[i] > '9')
        return false;
    return true;
  };
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !digits(0, 4) || !digits(5, 2) || !digits(8, 2))
    return std::string(iso);
  int year = std::stoi(std::string(iso.substr(0, 4)));
  int month = std::stoi(std::string(iso.substr(5, 2)));
  int day = std::stoi(std::string(iso.substr(8, 2)));
  if (month < 1 || month > 12 || day < 1 || day > 31)
    return std::string(iso);
  std::string out;
  walk_template(
      m->date_patterns.front(), [&](std::string_view lit) { out += lit; },
      [&](std::string_view f) {
        if (f == "day")
          out += day == 1 && !m->day_one.empty() ? m->day_one : ascii_int(day);
        else if (f == "month")
          out += m->months[static_cast<std::size_t>(month - 1)].front();
        else if (f == "m")
          out += ascii_int(month);
        else if (f == "year")
          out += ascii_int(year);
      });
  return out;
}

std::optional<int> Language::parse_session(std::string_view name) const {
  auto fields = match(Line::session, name);
  if (!fields)
    return std::nullopt;
  const std::string& ordinal = (*fields)["ordinal"];
  // "57th session": the digits.
  std::string digits;
  for (std::size_t i = 0; i < ordinal.size();) {
    std::size_t n = 0;
    char32_t c = first_code_point(std::string_view(ordinal).substr(i), &n);
    if (int v = digit_value(c); v >= 0)
      digits += static_cast<char>('0' + v);
    else if (!digits.empty())
      break;
    i += n == 0 ? 1 : n;
  }
  // Digits only when the ordinal is one token that starts with them ("57th", "57e", "57"):
  // a number further on belongs to something else on the line.
  bool one_token = ordinal.find(' ') == std::string::npos && digit_value(first_code_point(ordinal)) >= 0;
  if (one_token && !digits.empty() && digits.size() < 5)
    return std::stoi(digits);
  std::string f = folded_words(ordinal);
  for (std::size_t i = 0; i < m->ordinals_folded.size(); ++i)
    if (m->ordinals_folded[i] == f)
      return static_cast<int>(i + 1);
  return std::nullopt;
}

std::string Language::ordinal_words(int n) const {
  if (n < 1 || static_cast<std::size_t>(n) > m->ordinals.size())
    return {};
  return m->ordinals[static_cast<std::size_t>(n - 1)];
}

std::string Language::spell_session(int n) const {
  std::string words = ordinal_words(n);
  if (words.empty())
    words = ascii_int(n);
  return capitalize_first(spell(Line::session, {{"ordinal", words}}));
}

std::optional<Marker> Language::leading_marker(std::string_view text) const {
  icu::UnicodeString u = to_icu(text.substr(0, std::min<std::size_t>(text.size(), 40)));
  auto run = [&](const std::vector<Compiled>& patterns, bool item) -> std::optional<Marker> {
    for (const auto& c : patterns) {
      UErrorCode status = U_ZERO_ERROR;
      std::unique_ptr<icu::RegexMatcher> matcher(c.pattern->matcher(u, status));
      if (U_FAILURE(status) || !matcher->lookingAt(status) || U_FAILURE(status))
        continue;
      std::string inner = to_utf8(matcher->group(1, status));
      Marker mk;
      mk.item = item;
      mk.inner = inner;
      std::size_t end = byte_offset(u, matcher->end(status));
      std::string printed(text.substr(0, end));
      while (!printed.empty() && printed.back() == ' ')
        printed.pop_back();
      std::size_t length = end;
      while (length < text.size() && text[length] == ' ')
        ++length;
      mk.length = length;
      if (!item) {
        mk.num = ascii_digits(inner);
        mk.value = parse_int(inner);
        return mk;
      }
      mk.num = printed;
      // Which style the label reads as on its own; the recogniser decides between a letter
      // and a Roman numeral ("(i)", "(v)") from the labels before it.
      auto letter = std::find(m->item_letters.begin(), m->item_letters.end(), inner);
      if (int v = parse_int(inner); v > 0) {
        mk.style = '1';
        mk.value = v;
      } else if (is_roman(inner) && (inner.size() > 1 || inner == "i" || inner == "I")) {
        mk.style = inner[0] >= 'a' ? 'i' : 'I';
        mk.value = roman_value(inner);
      } else if (letter != m->item_letters.end()) {
        mk.style = 'a';
        mk.value = static_cast<int>(letter - m->item_letters.begin()) + 1;
      } else if (inner.size() == 1 && inner[0] >= 'A' && inner[0] <= 'Z') {
        mk.style = 'A';
        mk.value = inner[0] - 'A' + 1;
      } else if (inner.size() == 2 && inner[0] == inner[1] && inner[0] >= 'a' && inner[0] <= 'z') {
        mk.style = 'a'; // "(aa)" after "(z)"
        mk.value = 26 + inner[0] - 'a' + 1;
      } else {
        continue;
      }
      if (mk.style == 'I')
        mk.style = 'A'; // Capital Roman numerals as item labels read as capitals' level.
      return mk;
    }
    return std::nullopt;
  };
  const Data& c = m->compiled();
  if (auto op = run(c.operative_markers, false))
    return op;
  if (c.roman_marker) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> matcher(c.roman_marker->pattern->matcher(u, status));
    if (U_SUCCESS(status) && matcher->lookingAt(status) && U_SUCCESS(status)) {
      Marker mk;
      mk.item = true;
      mk.inner = to_utf8(matcher->group(1, status));
      mk.num = mk.inner;
      mk.style = 'i';
      auto at = std::find(m->roman_labels.begin(), m->roman_labels.end(), mk.inner);
      mk.value = static_cast<int>(at - m->roman_labels.begin()) + 1;
      std::size_t length = byte_offset(u, matcher->end(status));
      while (length < text.size() && text[length] == ' ')
        ++length;
      mk.length = length;
      return mk;
    }
  }
  return run(c.item_markers, true);
}

std::string Language::item_label(char style, int value) const {
  std::string x;
  if (value < 1)
    value = 1;
  if (style == 'i' && static_cast<std::size_t>(value) <= m->roman_labels.size())
    return m->roman_labels[static_cast<std::size_t>(value - 1)];
  switch (style) {
  case 'i':
    x = roman_numeral(value, false);
    break;
  case 'A':
    x = std::string(1, static_cast<char>('A' + (value - 1) % 26));
    break;
  case '1':
    x = ascii_int(value);
    break;
  default:
    if (static_cast<std::size_t>(value) <= m->item_letters.size())
      x = m->item_letters[static_cast<std::size_t>(value - 1)];
    else
      x = m->item_letters[static_cast<std::size_t>(value - 1) % m->item_letters.size()] +
          m->item_letters[static_cast<std::size_t>(value - 1) % m->item_letters.size()];
  }
  std::string out;
  walk_template(
      m->item_patterns.front(), [&](std::string_view lit) { out += lit; },
      [&](std::string_view) { out += x; });
  return out;
}

std::string Language::operative_label(std::string_view num) const {
  std::string out;
  walk_template(
      m->operative_label, [&](std::string_view lit) { out += lit; }, [&](std::string_view) { out += num; });
  return out;
}

double Language::score(std::string_view text) const {
  // Script: the share of letters written in this language's script.
  std::size_t letters = 0, ours = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = 0;
    char32_t c = first_code_point(text.substr(i), &n);
    i += n == 0 ? 1 : n;
    if (!u_isalpha(static_cast<UChar32>(c)))
      continue;
    ++letters;
    if (script_of(c) == m->script)
      ++ours;
  }
  if (letters == 0)
    return 0;
  double script_share = static_cast<double>(ours) / static_cast<double>(letters);
  if (!m->spaces)
    // Han text has no stop words to count between spaces; its script alone decides, doubled
    // to weigh as much as script and stop words together do for the others.
    return 2 * script_share;
  // Stop words: the share of words that are this language's most frequent function words.
  // About 0.3 of the words of running text in its own language, under 0.05 in another.
  std::size_t words = 0, stops = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ')
      ++i;
    std::size_t b = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\n')
      ++i;
    if (i == b) {
      ++i;
      continue;
    }
    std::string_view w = strip_punct(text.substr(b, i - b));
    if (w.empty())
      continue;
    ++words;
    std::string f = fold(w);
    // An elided article or preposition counts as a word of its own ("l'assemblée": "l'").
    if (auto apostrophe = f.find('\''); apostrophe != std::string::npos && apostrophe + 1 < f.size()) {
      ++words;
      if (m->stopwords.count(f.substr(0, apostrophe + 1)))
        ++stops;
      f.erase(0, apostrophe + 1);
    }
    if (m->stopwords.count(f))
      ++stops;
  }
  double stop_share = words ? static_cast<double>(stops) / static_cast<double>(words) : 0;
  return script_share + 3 * stop_share;
}

std::string roman_numeral(long long n, bool upper) {
  if (n < 1)
    return {};
  if (n > 3999)
    return std::to_string(n);
  static const std::pair<int, const char*> table[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string out;
  for (const auto& [v, s] : table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  if (upper)
    for (char& c : out)
      c = static_cast<char>(c - 'a' + 'A');
  return out;
}

Detection detect(std::string_view text, const std::vector<Language>& languages) {
  // A sample is enough: the first 20,000 bytes hold the masthead and many paragraphs.
  constexpr std::size_t sample_bytes = 20000;
  std::string_view sample = text.substr(0, std::min(text.size(), sample_bytes));
  while (!sample.empty() && (static_cast<unsigned char>(sample.back()) & 0xC0) == 0x80)
    sample.remove_suffix(1);
  Detection d;
  for (const auto& l : languages) {
    double s = l.score(sample);
    if (d.language == nullptr || s > d.score) {
      d.runner_up = d.language ? d.score : 0;
      d.score = s;
      d.language = &l;
    } else if (s > d.runner_up) {
      d.runner_up = s;
    }
  }
  if (d.language && d.score <= 0)
    d.language = nullptr;
  // Clear: a margin of 0.3 is a tenth of the words being stop words of one language more
  // than of the other (3 x 0.1), or a third of the letters in another script.
  constexpr double clear_margin = 0.3;
  d.clear = d.language != nullptr && d.score - d.runner_up >= clear_margin;
  return d;
}

Detection detect(std::string_view text) {
  return detect(text, Language::installed());
}

} // namespace resconv::language
