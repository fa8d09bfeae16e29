#include "masthead.hpp"

#include "text_util.hpp"

#include <resconv/sdk/model/builder.hpp>

#include <algorithm>

namespace resconv::recognize {

using namespace util;
using language::Line;
using language::Phrase;

bool is_symbol(std::string_view w) noexcept {
  std::size_t i = 0;
  while (i < w.size() && w[i] >= 'A' && w[i] <= 'Z')
    ++i;
  if (i == 0 || i > 8 || i >= w.size() || w[i] != '/')
    return false;
  bool digit = false;
  for (; i < w.size(); ++i) {
    char c = w[i];
    if (is_digit(c))
      digit = true;
    else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '/' || c == '.' || c == '-'))
      return false;
  }
  char last = w.back();
  return digit && last != '/' && last != '.' && last != '-';
}

namespace {

// Where a block may be cut into two masthead lines: after each word, or after each
// character where words are not spaced ("第九十九届会议议程项目21").
std::vector<std::size_t> cut_points(std::string_view text, bool spaced, std::size_t max) {
  std::vector<std::size_t> ends;
  if (spaced) {
    for (auto w : words(text))
      ends.push_back(static_cast<std::size_t>(w.data() + w.size() - text.data()));
  } else {
    for (std::size_t i = 0; i < text.size();) {
      std::size_t n = 0;
      language::first_code_point(text.substr(i), &n);
      i += n == 0 ? 1 : n;
      ends.push_back(i);
    }
  }
  if (ends.size() > max)
    ends.resize(max);
  return ends;
}

// The most words (characters, where words are not spaced) a session name has before what
// follows it on its line: "Quincuagésimo séptimo período de sesiones" is six words, two more
// leave room for longer ordinals; "第一百二十届会议" is eight characters, 16 leave room for more.
constexpr std::size_t max_session_words = 8;
constexpr std::size_t max_session_chars = 16;
// The longest agenda line looked at, in the same units: "Items 12, 13, 14, 15, 16, 17, 18,
// 19 and 20 of the provisional agenda" (17 words) with room to spare.
constexpr std::size_t max_agenda_words = 40;
constexpr std::size_t max_agenda_chars = 80;

// Removes [b, e) from `s` and collapses the seam.
std::string cut(std::string_view s, std::size_t b, std::size_t e) {
  std::string out(s.substr(0, b));
  out += ' ';
  out += s.substr(e);
  return model::collapse_space(out);
}

// Reads "88", "25 (b)", "12, 13 and 118" at the start of `t`; returns items and the length read.
std::vector<std::string> agenda_items(std::string_view t, std::string_view and_word, std::size_t& used) {
  std::vector<std::string> items;
  std::size_t p = 0;
  used = 0;
  for (;;) {
    std::size_t b = p;
    while (p < t.size() && is_digit(t[p]))
      ++p;
    if (p == b)
      break;
    // An optional sub-item "(b)".
    if (p + 3 < t.size() + 1 && p + 1 < t.size() && t[p] == ' ' && t[p + 1] == '(') {
      std::size_t q = p + 2;
      while (q < t.size() && t[q] >= 'a' && t[q] <= 'z')
        ++q;
      if (q < t.size() && t[q] == ')' && q > p + 2)
        p = q + 1;
    }
    items.emplace_back(t.substr(b, p - b));
    used = p;
    // Separators: ", " or " and ".
    if (t.substr(p, 2) == ", ")
      p += 2;
    else if (!and_word.empty() && t.size() > p + and_word.size() + 1 && t[p] == ' ' &&
             iequals(t.substr(p + 1, and_word.size()), and_word) && t[p + 1 + and_word.size()] == ' ')
      p += and_word.size() + 2;
    else
      break;
  }
  return items;
}

} // namespace

std::string_view MastheadParser::take_body_prefix(std::string_view text) {
  for (const auto& b : m_lang.bodies()) {
    const std::string& name = b.name;
    if (starts_with_ci(text, name) &&
        (text.size() == name.size() || text[name.size()] == ' ' || text[name.size()] == ',')) {
      if (!m_meta.body)
        m_meta.body = name;
      return trim(text.substr(name.size()));
    }
  }
  return text;
}

bool MastheadParser::take_adoption_line(std::string_view text) {
  // The language's own wording of the line first (any word order: "大会2022年12月30日通过的决议").
  for (Line line : {Line::council_adoption, Line::council_undated, Line::adoption, Line::adoption_undated}) {
    auto f = m_lang.match(line, text);
    if (!f)
      continue;
    std::string body = (*f)["body"];
    if (body.empty())
      continue;
    m_meta.body = body;
    if (!(*f)["date_iso"].empty())
      m_meta.adopted = (*f)["date_iso"];
    if (!(*f)["meeting"].empty())
      m_meta.meeting = (*f)["meeting"];
    return true;
  }
  std::string_view phrase = m_lang.phrase(Phrase::adopted_by);
  std::size_t at = find_ci(text, phrase);
  if (phrase.empty() || at == std::string_view::npos || at > 40)
    return false;
  std::string_view rest = trim(text.substr(at + phrase.size()));
  // The body runs up to " on <date>", " at its ..." or the end.
  std::size_t end = rest.size();
  for (auto stop :
       {std::string_view(m_lang.phrase(Phrase::on_date)), std::string_view(m_lang.phrase(Phrase::at_its)),
        std::string_view(m_lang.phrase(Phrase::at_the))}) {
    if (stop.empty())
      continue;
    std::string pattern = " " + std::string(stop) + " ";
    std::size_t s = find_ci(rest, pattern.substr(1));
    if (s != std::string_view::npos && s > 0 && rest[s - 1] == ' ' && s - 1 < end)
      end = s - 1;
  }
  std::string body = model::collapse_space(rest.substr(0, end));
  while (!body.empty() && (body.back() == ',' || body.back() == '.'))
    body.pop_back();
  if (!body.empty())
    m_meta.body = body;
  std::string_view tail = rest.substr(end);
  if (auto date = m_lang.find_date(tail))
    m_meta.adopted = date->iso;
  // "at its 10046th meeting"
  std::string_view meeting_word = std::string_view(m_lang.phrase(Phrase::meeting));
  if (std::size_t m = find_ci(tail, meeting_word); m != std::string_view::npos && m > 0) {
    std::size_t b = m - 1;
    while (b > 0 && tail[b - 1] != ' ')
      --b;
    std::string_view ordinal = tail.substr(b, m - 1 - b);
    if (!ordinal.empty() && is_digit(ordinal[0]))
      m_meta.meeting = std::string(ordinal) + " " + std::string(meeting_word);
  }
  return true;
}

bool MastheadParser::take_draft_line(std::string_view text) {
  for (auto [phrase, token] : {std::pair{Phrase::draft_resolution, "draft resolution"},
                               std::pair{Phrase::draft_decision, "draft decision"}}) {
    std::string folded_word = language::fold(m_lang.phrase(phrase));
    if (folded_word.empty())
      continue;
    std::string folded = language::fold(text);
    if (folded.size() < folded_word.size() ||
        folded.compare(folded.size() - folded_word.size(), folded_word.size(), folded_word) != 0)
      continue;
    std::string_view before = text;
    if (folded != folded_word) {
      // "Sponsors: draft resolution": the text before the colon that ends the sponsors.
      std::size_t colon = text.rfind(':');
      if (colon == std::string_view::npos || colon == 0 ||
          language::fold(trim(text.substr(colon + 1))) != folded_word)
        continue;
      before = trim(text.substr(0, colon));
      std::vector<std::string> sponsors;
      for (const std::string& name : m_lang.split_list(before))
        if (std::string n = model::collapse_space(name); !n.empty())
          sponsors.push_back(n);
      if (sponsors.empty())
        continue;
      m_meta.sponsors = std::move(sponsors);
    }
    m_meta.kind = token;
    m_title_open = true; // the draft's title comes next
    return true;
  }
  return false;
}

std::optional<std::vector<std::string>> MastheadParser::agenda_list(std::string_view text) const {
  auto items = m_lang.split_list(text);
  if (items.empty())
    return std::nullopt;
  for (auto& item : items) {
    // "34", "34 (c)", "34 c)", "34 (ج)": digits of any script, then an item label of the
    // language's numbering.
    std::string ascii = language::ascii_digits(item);
    std::size_t p = 0;
    while (p < ascii.size() && is_digit(ascii[p]))
      ++p;
    if (p == 0)
      return std::nullopt;
    std::string_view label = trim(std::string_view(ascii).substr(p));
    if (!label.empty()) {
      // The language's item style, or the bracketed form every language's agenda uses
      // somewhere ("34 (c)" in a Russian masthead that numbers items "c)").
      auto marker = m_lang.leading_marker(label);
      bool bracketed = label.size() >= 3 && label.size() <= 10 && label.front() == '(' &&
                       label.back() == ')' && label.find(' ') == std::string_view::npos;
      if (!bracketed && (!marker || !marker->item || marker->num.size() != label.size()))
        return std::nullopt;
    }
    item = ascii;
  }
  return items;
}

bool MastheadParser::take_number_line(std::string_view t) {
  // A council's number with its year, as the language words it ("第2803 (2025)号决议").
  if (auto f = m_lang.match(Line::number_title_year, t)) {
    const std::string& number = (*f)["number"];
    std::size_t open = number.find(" (");
    if (!number.empty() && is_digit(number[0]) && open != std::string::npos && number.back() == ')' &&
        number.size() == open + 7) {
      m_meta.number = number;
      if (!(*f)["title"].empty())
        m_meta.title = (*f)["title"];
      m_title_open = false;
      return true;
    }
  }
  // The language's own wording first ("99/101 - Title" in Arabic): a number of the GA's form.
  if (auto f = m_lang.match(Line::number_title, t)) {
    const std::string& number = (*f)["number"];
    std::size_t slash = number.find('/');
    bool ga_form = !number.empty() && is_digit(number[0]) && slash != std::string::npos &&
                   number.find(' ') == std::string::npos && slash + 1 < number.size() &&
                   is_digit(number[slash + 1]);
    if (ga_form) {
      m_meta.number = number;
      if (!(*f)["title"].empty())
        m_meta.title = (*f)["title"];
      m_title_open = true;
      return true;
    }
  }
  // "57/263. Title"
  std::size_t p = 0;
  while (p < t.size() && is_digit(t[p]))
    ++p;
  if (p > 0 && p < t.size() && t[p] == '/') {
    std::size_t q = p + 1;
    while (q < t.size() && is_digit(t[q]))
      ++q;
    // Letters after the number: "69/96 A", "S-32/1".
    if (q > p + 1 && (q == t.size() || t[q] == '.' || t[q] == ' ')) {
      std::string number(t.substr(0, q));
      std::size_t after = q;
      if (after < t.size() && t[after] == '.')
        ++after;
      else if (q + 2 <= t.size() && t[q] == ' ' && q + 2 < t.size() && t[q + 1] >= 'A' && t[q + 1] <= 'Z' &&
               (t[q + 2] == '.')) {
        number += t.substr(q, 2);
        after = q + 3;
      }
      m_meta.number = number;
      std::string title = model::collapse_space(t.substr(after));
      if (!title.empty())
        m_meta.title = title;
      m_title_open = true;
      return true;
    }
  }
  // "100 (1953). Resolution of 27 October 1953", "Resolution 250 (1968) of 27 April 1968"
  std::string_view rest = t;
  std::string_view res_word = std::string_view(m_lang.phrase(Phrase::resolution));
  bool worded = false;
  if (!res_word.empty() && starts_with_ci(rest, std::string(res_word) + " ")) {
    rest = rest.substr(res_word.size() + 1);
    worded = true;
  }
  p = 0;
  while (p < rest.size() && is_digit(rest[p]))
    ++p;
  if (p > 0 && p + 7 <= rest.size() && rest[p] == ' ' && rest[p + 1] == '(' && is_digit(rest[p + 2]) &&
      is_digit(rest[p + 5]) && rest[p + 6] == ')') {
    m_meta.number = std::string(rest.substr(0, p + 7));
    std::string_view tail = rest.substr(p + 7);
    if (auto date = m_lang.find_date(tail))
      m_meta.adopted = date->iso;
    m_title_open = false;
    (void)worded;
    return true;
  }
  return false;
}

bool MastheadParser::feed(std::string_view raw) {
  std::string text = model::collapse_space(raw);
  if (text.empty())
    return false;
  m_title_open = false;
  bool agenda_was_open = m_agenda_open;
  m_agenda_open = false;
  // The date of issue alone on its line, under "Distr.: General".
  if (m_issued_open && !m_meta.issued) {
    if (auto date = m_lang.find_date(text); date && date->begin == 0 && date->end == text.size()) {
      m_meta.issued = date->iso;
      m_issued_open = false;
      return true;
    }
  }
  // A bracketed line is the origin ("[on the report of the Second Committee (A/57/533)]").
  if (text.front() == '[' && text.back() == ']') {
    m_meta.origin = model::collapse_space(std::string_view(text).substr(1, text.size() - 2));
    return true;
  }
  // "Original: English": the language the text was written in; a masthead line of its own.
  if (std::string_view original = m_lang.phrase(Phrase::original);
      !original.empty() && starts_with_ci(text, original) && word_count(text) <= 4)
    return true;
  if (take_draft_line(text))
    return true;
  if (take_number_line(text))
    return true;
  if (take_adoption_line(text))
    return true;
  if (agenda_was_open && text.front() != '[' && !is_digit(text.front()) && !m_meta.agenda_items.empty()) {
    // The title of the agenda item, on lines of its own; several items' titles come in
    // their order, one block each (a title that wraps over blocks runs on in the last).
    add_agenda_title(text);
    m_agenda_open = true;
    return true;
  }

  bool consumed = false;
  std::string rest = text;
  // The masthead symbol, alone or beside other masthead fields.
  for (auto printed : words(rest)) {
    // A reissued document marks its symbol with an asterisk ("A/RES/78/68*"): not part of it.
    std::string_view w = printed;
    while (w.size() > 1 && w.back() == '*')
      w.remove_suffix(1);
    if (is_symbol(w) && w.find('/') != std::string_view::npos &&
        (w.find("/RES/") != std::string_view::npos || rest.size() == printed.size())) {
      std::string symbol(w);
      std::size_t at = rest.find(printed);
      std::size_t end = at + printed.size();
      // "S/RES/2803 (2025)"
      if (rest.size() >= end + 7 && rest[end] == ' ' && rest[end + 1] == '(' && rest[end + 6] == ')') {
        symbol += rest.substr(end, 7);
        end += 7;
      }
      if (!m_meta.symbol)
        m_meta.symbol = symbol;
      rest = cut(rest, at, end);
      consumed = true;
      break;
    }
  }
  if (std::string_view un = std::string_view(m_lang.phrase(Phrase::united_nations));
      !un.empty() && starts_with_ci(rest, un) && (rest.size() == un.size() || rest[un.size()] == ' ')) {
    rest = model::collapse_space(std::string_view(rest).substr(un.size()));
    consumed = true;
  }
  {
    std::string_view after = take_body_prefix(rest);
    if (after.size() != rest.size()) {
      rest = std::string(after);
      consumed = true;
    }
  }
  // "Distr.: General 28 February 2003"
  if (std::string_view distr = std::string_view(m_lang.phrase(Phrase::distribution)); !distr.empty()) {
    std::size_t at = rest.find(distr);
    if (at != std::string::npos) {
      std::string_view tail = std::string_view(rest).substr(at);
      std::size_t end = tail.size();
      read_distribution(tail.substr(distr.size()));
      if (auto date = m_lang.find_date(tail); date && date->begin < 30) {
        m_meta.issued = date->iso;
        end = date->end;
      } else {
        // "Distr.: General" without a date: drop up to the distribution word; the date may
        // follow on a line of its own.
        m_issued_open = true;
        auto ws = words(tail, 2);
        end = ws.size() == 2 ? static_cast<std::size_t>(ws[1].data() + ws[1].size() - tail.data())
                             : tail.size();
      }
      rest = cut(rest, at, at + end);
      consumed = true;
    }
  }
  // A session line as the language words it ("第五十七届会议", "الدورة السابعة والخمسون"),
  // alone or with the agenda line after it in one block.
  if (!rest.empty() && !m_meta.session) {
    std::size_t max_session_cut = m_lang.spaces_between_words() ? max_session_words : max_session_chars;
    std::size_t best = 0;
    for (std::size_t end : cut_points(rest, m_lang.spaces_between_words(), max_session_cut))
      if (m_lang.parse_session(std::string_view(rest).substr(0, end)))
        best = end;
    if (best > 0) {
      m_meta.session = rest.substr(0, best);
      rest = model::collapse_space(std::string_view(rest).substr(best));
      consumed = true;
    }
  }
  // An agenda line as the language words it, numbers anywhere in it ("Tema 47 del programa",
  // "البند 21 من جدول الأعمال"); what follows it is the agenda item's title, which may go on
  // over the next lines.
  if (!rest.empty()) {
    std::size_t max_agenda_cut = m_lang.spaces_between_words() ? max_agenda_words : max_agenda_chars;
    auto ends = cut_points(rest, m_lang.spaces_between_words(), max_agenda_cut);
    for (std::size_t n = ends.size(); n > 0; --n) {
      std::size_t end = ends[n - 1];
      std::string_view head = std::string_view(rest).substr(0, end);
      std::optional<std::vector<std::string>> items;
      for (Line line : {Line::agenda_items, Line::agenda_item})
        if (!items)
          if (auto f = m_lang.match(line, head))
            items = agenda_list((*f)["items"]);
      if (!items)
        continue;
      m_meta.agenda_items.assign(items->begin(), items->end());
      if (std::string_view title = trim(std::string_view(rest).substr(end)); !title.empty())
        add_agenda_title(title);
      m_agenda_open = true;
      return true;
    }
  }
  // "Fifty-seventh session Agenda item 88 ..."
  if (std::string_view session = std::string_view(m_lang.phrase(Phrase::session)); !session.empty()) {
    std::size_t at = find_ci(rest, session);
    if (at != std::string::npos && at > 0 && word_count(std::string_view(rest).substr(0, at)) <= 4 &&
        (at + session.size() == rest.size() || rest[at + session.size()] == ' ')) {
      m_meta.session = rest.substr(0, at + session.size());
      rest = model::collapse_space(std::string_view(rest).substr(at + session.size()));
      consumed = true;
    }
  }
  for (auto key : {Phrase::agenda_items, Phrase::agenda_item}) {
    std::string_view agenda = m_lang.phrase(key);
    if (agenda.empty())
      continue;
    std::size_t at = find_ci(rest, agenda);
    if (at == std::string::npos)
      continue;
    std::string_view tail = trim(std::string_view(rest).substr(at + agenda.size()));
    std::size_t used = 0;
    auto items = agenda_items(tail, m_lang.phrase(Phrase::and_word), used);
    if (!items.empty()) {
      m_meta.agenda_items.assign(items.begin(), items.end());
      // What follows the numbers is the agenda item's title; it may go on over the next lines.
      if (std::string_view title = trim(tail.substr(std::min(used, tail.size()))); !title.empty())
        add_agenda_title(title);
      rest = model::collapse_space(std::string_view(rest).substr(0, at));
      consumed = true;
      m_agenda_open = true;
    }
    break;
  }
  return consumed;
}

void MastheadParser::add_agenda_title(std::string_view text) {
  std::size_t titled = 0;
  while (titled < m_meta.agenda_items.size() && m_meta.agenda_items[titled].title)
    ++titled;
  model::AgendaItem& item = m_meta.agenda_items[titled < m_meta.agenda_items.size() ? titled : titled - 1];
  std::string more = model::collapse_space(text);
  item.title = item.title ? *item.title + " " + more : more;
}

void MastheadParser::read_distribution(std::string_view after_word) {
  // ".: General", ": Limited" -> the first word, compared folded with the language's words.
  std::size_t b = 0;
  while (b < after_word.size() && (after_word[b] == '.' || after_word[b] == ':' || after_word[b] == ' '))
    ++b;
  std::string rest = language::fold(after_word.substr(b));
  for (auto [phrase, token] : {std::pair{Phrase::general, "general"}, std::pair{Phrase::limited, "limited"},
                               std::pair{Phrase::restricted, "restricted"}}) {
    std::string word = language::fold(m_lang.phrase(phrase));
    if (!word.empty() && rest.compare(0, word.size(), word) == 0) {
      m_meta.distribution = token;
      return;
    }
  }
}

void MastheadParser::continue_title(std::string_view text) {
  std::string more = model::collapse_space(text);
  if (more.empty())
    return;
  m_meta.title = m_meta.title ? *m_meta.title + " " + more : more;
  m_title_open = true;
}

bool MastheadParser::is_closing(std::string_view raw) const {
  std::string text = model::collapse_space(raw);
  if (text.empty() || word_count(text) > 40)
    return false;
  // "78th plenary meeting ..." / "3rd plenary meeting"
  std::string_view meeting = std::string_view(m_lang.phrase(Phrase::meeting));
  if (is_meeting_line(text))
    return true;
  if (is_digit(text[0])) {
    std::size_t m = find_ci(text, meeting);
    return m != std::string::npos && m < 30 && word_count(std::string_view(text).substr(0, m)) <= 3;
  }
  // "Adopted [unanimously] at the 631st meeting [by 10 votes ...].", "Adopted without vote."
  std::string_view adopted = std::string_view(m_lang.phrase(Phrase::adopted));
  if (adopted.empty() || !starts_with_ci(text, adopted) || word_count(text) > 80)
    return false;
  for (auto role : {Phrase::meeting, Phrase::vote, Phrase::unanimously})
    if (std::string_view word = m_lang.phrase(role);
        !word.empty() && find_ci(text, word) != std::string::npos)
      return true;
  return false;
}

bool MastheadParser::feed_closing(std::string_view raw) {
  if (!is_closing(raw))
    return false;
  std::string text = model::collapse_space(raw);
  // The date first, wherever it stands ("2044年12月10日第58次全体会议"), so that it is never
  // read as the meeting's number.
  if (auto date = m_lang.find_date(text)) {
    m_closing_date = date->iso;
    text = cut(text, date->begin, date->end);
  }
  std::string_view meeting = std::string_view(m_lang.phrase(Phrase::meeting));
  std::size_t m = find_ci(text, meeting);
  // "56a sesión plenaria": the plenary phrase is the meeting's end where it follows.
  if (std::string_view plenary = std::string_view(m_lang.phrase(Phrase::plenary_meeting)); !plenary.empty())
    if (std::size_t pm = find_ci(text, plenary); pm != std::string::npos && pm == m)
      meeting = plenary;
  // The ordinal and any words between it and "meeting" ("78th plenary meeting").
  std::size_t b = m == std::string::npos ? 0 : m;
  std::size_t ordinal_start = std::string::npos;
  while (b > 0) {
    std::size_t e = b - 1;
    std::size_t s = e;
    while (s > 0 && text[s - 1] != ' ')
      --s;
    if (is_digit(text[s])) {
      ordinal_start = s;
      break;
    }
    if (b - s > 20)
      break;
    b = s;
  }
  std::string rest = text;
  if (ordinal_start == std::string::npos && is_meeting_line(text)) {
    // A meeting worded with its number inside ("第58次全体会议", "الجلسة العامة 58"): the
    // whole line but its date.
    std::string meeting_text = text;
    if (auto date = m_lang.find_date(text)) {
      m_closing_date = date->iso;
      meeting_text = cut(text, date->begin, date->end);
    }
    // A council's closing worded around its meeting ("第631次会议通过").
    if (auto f = m_lang.match(Line::closing_council, meeting_text); f && !(*f)["meeting"].empty())
      meeting_text = (*f)["meeting"];
    while (!meeting_text.empty() && (meeting_text.back() == '.' || meeting_text.back() == ','))
      meeting_text.pop_back();
    m_meta.meeting = model::collapse_space(meeting_text);
    return true;
  }
  if (ordinal_start != std::string::npos) {
    std::size_t end = m + meeting.size();
    m_meta.meeting = text.substr(ordinal_start, end - ordinal_start);
    rest = cut(text, ordinal_start, end);
  }
  if (auto date = m_lang.find_date(rest)) {
    m_closing_date = date->iso;
    rest = cut(rest, date->begin, date->end);
  }
  // What remains is the vote: "Adopted unanimously at the ." -> "unanimously".
  std::string_view vote = rest;
  if (std::string_view adopted = std::string_view(m_lang.phrase(Phrase::adopted));
      !adopted.empty() && starts_with_ci(vote, adopted))
    vote.remove_prefix(adopted.size());
  std::string cleaned(trim(vote));
  for (auto role : {Phrase::at_the, Phrase::at_its})
    if (std::string_view at = m_lang.phrase(role); !at.empty())
      if (std::size_t p = find_ci(cleaned, at); p != std::string::npos)
        cleaned = cut(cleaned, p, p + at.size());
  while (!cleaned.empty() && (cleaned.back() == '.' || cleaned.back() == ',' || cleaned.back() == ' '))
    cleaned.pop_back();
  while (!cleaned.empty() && (cleaned.front() == ',' || cleaned.front() == ' ' || cleaned.front() == '.'))
    cleaned.erase(0, 1);
  cleaned = model::collapse_space(cleaned);
  if (!cleaned.empty())
    m_meta.vote = cleaned;
  return true;
}

bool MastheadParser::is_meeting_line(std::string_view text) const {
  // The meeting of a closing: a short line holding the language's meeting word and a
  // number besides any date ("第58次全体会议", "الجلسة العامة 58", "2044年12月10日第58次全体会议"),
  // forms the digit-first rule of is_closing() does not see. Short: at most eight words (or 40 bytes
  // where words are not spaced); a sentence of the body is longer.
  constexpr std::size_t max_words = 8, max_unspaced_bytes = 40;
  const std::string& meeting = m_lang.phrase(Phrase::meeting);
  if (meeting.empty() || text.empty())
    return false;
  bool short_line =
      m_lang.spaces_between_words() ? word_count(text) <= max_words : text.size() <= max_unspaced_bytes;
  if (!short_line || language::fold(text).find(language::fold(meeting)) == std::string::npos)
    return false;
  std::string without_date(text);
  if (auto date = m_lang.find_date(text))
    without_date = cut(text, date->begin, date->end);
  bool number = false;
  for (std::size_t i = 0; i < without_date.size();) {
    std::size_t n = 0;
    char32_t c = language::first_code_point(std::string_view(without_date).substr(i), &n);
    number = number || language::digit_value(c) >= 0;
    i += n == 0 ? 1 : n;
  }
  std::string_view adopted = m_lang.phrase(Phrase::adopted);
  return number && !(adopted.size() && starts_with_ci(text, adopted));
}

std::string MastheadParser::body_from_formula(std::string_view formula) const {
  // The article is part of a formula where the language has one ("The General Assembly,");
  // a bare "General Assembly" is a masthead line.
  const language::Body* body = m_lang.body_of_formula(model::collapse_space(formula));
  return body ? body->name : std::string();
}

void MastheadParser::infer_symbol() {
  if (m_meta.symbol || !m_meta.number)
    return;
  const std::string& n = *m_meta.number;
  std::string prefix;
  if (m_meta.body)
    if (const language::Body* b = m_lang.body_named(*m_meta.body))
      prefix = b->symbol_prefix;
  // A number with a year in brackets is the Security Council's form; "57/263" the
  // General Assembly's. Used when the body is unknown.
  if (prefix.empty() && !m_meta.body) {
    bool sc_form = n.find('(') != std::string::npos;
    for (const auto& b : m_lang.bodies())
      if ((sc_form && b.symbol_prefix == "S/RES/") ||
          (!sc_form && n.find('/') != std::string::npos && b.symbol_prefix == "A/RES/"))
        prefix = b.symbol_prefix;
  }
  if (!prefix.empty())
    m_meta.symbol = prefix + n;
}

} // namespace resconv::recognize
