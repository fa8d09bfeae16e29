#include "masthead.hpp"
#include "text_util.hpp"

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/recognize/recognizer.hpp>

namespace resconv::recognize {

using namespace util;

namespace {

bool alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

struct Found {
  std::size_t begin, end;
  std::string target;
};

// A symbol starting at `i`: returns its end (0 when none).
std::size_t symbol_at(std::string_view t, std::size_t i) {
  if (i > 0 && (alnum(t[i - 1]) || t[i - 1] == '/' || t[i - 1] == '.'))
    return 0;
  std::size_t e = i;
  while (e < t.size() && (alnum(t[e]) || t[e] == '/' || t[e] == '.' || t[e] == '-'))
    ++e;
  while (e > i && (t[e - 1] == '.' || t[e - 1] == '-' || t[e - 1] == '/'))
    --e;
  if (!is_symbol(t.substr(i, e - i)))
    return 0;
  // "S/RES/2803 (2025)"
  std::string_view sym = t.substr(i, e - i);
  if (sym.find("S/RES/") == 0 && e + 7 <= t.size() && t[e] == ' ' && t[e + 1] == '(' && is_digit(t[e + 2]) &&
      is_digit(t[e + 5]) && t[e + 6] == ')')
    e += 7;
  return e;
}

// A resolution number at `i` ("55/2", "338 (1973)", "169 (II)"): its end and target.
std::size_t resolution_number_at(std::string_view t, std::size_t i, std::string& target) {
  std::size_t p = i;
  while (p < t.size() && is_digit(t[p]))
    ++p;
  if (p == i || p - i > 4)
    return 0;
  if (p < t.size() && t[p] == '/') {
    std::size_t q = p + 1;
    while (q < t.size() && is_digit(t[q]))
      ++q;
    if (q == p + 1 || (q < t.size() && (alnum(t[q]) || t[q] == '/')))
      return 0;
    target = "A/RES/" + std::string(t.substr(i, q - i));
    return q;
  }
  if (p + 2 < t.size() && t[p] == ' ' && t[p + 1] == '(') {
    std::size_t q = p + 2;
    while (q < t.size() && t[q] != ')' && q - p < 12)
      ++q;
    if (q >= t.size() || t[q] != ')')
      return 0;
    std::string_view inner = t.substr(p + 2, q - p - 2);
    bool year = inner.size() == 4 && is_digit(inner[0]) && is_digit(inner[3]);
    std::string_view session = inner;
    if (session.substr(0, 3) == "ES-")
      session.remove_prefix(3);
    else if (session.substr(0, 2) == "S-")
      session.remove_prefix(2);
    bool roman = is_roman(session) && session[0] >= 'A' && session[0] <= 'Z';
    if (!year && !roman)
      return 0;
    target = (year ? "S/RES/" : "A/RES/") + std::string(t.substr(i, q + 1 - i));
    return q + 1;
  }
  return 0;
}

std::vector<Found> find_references(std::string_view t, const LanguageData& lang) {
  std::vector<Found> found;
  std::string_view singular = std::string_view(lang.phrase(language::Phrase::resolution_word));
  std::string_view plural = std::string_view(lang.phrase(language::Phrase::resolutions_word));
  std::string_view and_word = std::string_view(lang.phrase(language::Phrase::and_word));
  std::size_t i = 0;
  while (i < t.size()) {
    if (t[i] >= 'A' && t[i] <= 'Z') {
      if (std::size_t e = symbol_at(t, i)) {
        found.push_back({i, e, std::string(t.substr(i, e - i))});
        i = e;
        continue;
      }
    }
    // "resolution(s) 55/2, 56/1 and 57/3"; most positions fail on the first letter.
    for (auto word : {plural, singular}) {
      if (word.empty() || lower(t[i]) != lower(word[0]) || i + word.size() + 1 >= t.size() ||
          (i > 0 && alnum(t[i - 1])) || !iequals(t.substr(i, word.size()), word) || t[i + word.size()] != ' ')
        continue;
      std::size_t p = i + word.size() + 1;
      std::string target;
      std::size_t e = resolution_number_at(t, p, target);
      if (e == 0)
        continue;
      found.push_back({p, e, target});
      // Further numbers in a list.
      for (;;) {
        std::size_t q = e;
        if (t.substr(q, 2) == ", ")
          q += 2;
        if (t.substr(q, and_word.size() + 1) == std::string(and_word) + " ")
          q += and_word.size() + 1;
        else if (q + and_word.size() + 2 <= t.size() && t[q] == ' ' &&
                 t.substr(q + 1, and_word.size() + 1) == std::string(and_word) + " ")
          q += and_word.size() + 2;
        if (q == e)
          break;
        std::size_t e2 = resolution_number_at(t, q, target);
        if (e2 == 0)
          break;
        found.push_back({q, e2, target});
        e = e2;
      }
      i = e;
      goto next;
    }
    ++i;
  next:;
  }
  return found;
}

} // namespace

void link_references(model::Inlines& content, const LanguageData& language) {
  model::Inlines out;
  for (model::Inline& in : content) {
    if (auto* text = std::get_if<model::Text>(&in.value)) {
      auto found = find_references(text->text, language);
      std::size_t pos = 0;
      for (const auto& f : found) {
        if (f.begin > pos)
          out.push_back(model::Text{text->text.substr(pos, f.begin - pos)});
        out.push_back(model::Reference{f.target, {model::Text{text->text.substr(f.begin, f.end - f.begin)}}});
        pos = f.end;
      }
      if (pos < text->text.size())
        out.push_back(model::Text{text->text.substr(pos)});
      continue;
    }
    if (auto* e = std::get_if<model::Emphasis>(&in.value))
      link_references(e->content, language);
    else if (auto* s = std::get_if<model::Strong>(&in.value))
      link_references(s->content, language);
    out.push_back(std::move(in));
  }
  content = std::move(out);
}

} // namespace resconv::recognize
