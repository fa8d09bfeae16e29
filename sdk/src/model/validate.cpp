#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/validate.hpp>
#include <resconv/sdk/model/walk.hpp>

#include <resconv/sdk/utf8.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <type_traits>
#include <variant>

namespace resconv::model {

bool is_iso_date(std::string_view d) noexcept {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-')
    return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9')
      return false;
  int y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
  int m = (d[5] - '0') * 10 + (d[6] - '0');
  int day = (d[8] - '0') * 10 + (d[9] - '0');
  if (m < 1 || m > 12 || day < 1)
    return false;
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max = days[m - 1] + (m == 2 && leap ? 1 : 0);
  return day <= max;
}

namespace {

void collect_calls(const Inlines& inlines, std::vector<std::string>& calls) {
  for (const Inline& in : inlines) {
    if (const auto* f = std::get_if<FootnoteRef>(&in.value))
      calls.push_back(f->marker);
    else if (const auto* e = std::get_if<Emphasis>(&in.value))
      collect_calls(e->content, calls);
    else if (const auto* s = std::get_if<Strong>(&in.value))
      collect_calls(s->content, calls);
    else if (const auto* r = std::get_if<Reference>(&in.value))
      collect_calls(r->content, calls);
  }
}

struct Checker {
  DiagnosticSink& sink;
  const std::string& file;
  int errors = 0;
  std::vector<std::string> calls;

  void error(const std::string& code, const std::string& message) {
    ++errors;
    sink.error(code, message, {file});
  }
  void warning(const std::string& code, const std::string& message) { sink.warning(code, message, {file}); }

  void paragraphs(const std::vector<Paragraph>& list, const std::string& where) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Paragraph& p = list[i];
      std::string here = where + " " + std::to_string(i + 1);
      if (p.num && !seen.insert(*p.num).second)
        warning("model.duplicate-number", here + ": number " + *p.num + " is used twice");
      if (p.kind == Paragraph::Kind::paragraph && p.items.empty() && p.quoted.empty() &&
          collapse_space(plain_text(p.content)).empty())
        warning("model.empty-paragraph", here + " has no text");
      collect_calls(p.content, calls);
      // Quoted paragraphs keep the numbers of the text they quote: never duplicates of ours.
      paragraphs(p.quoted, here + " quotation");
      paragraphs(p.items, here + " item");
    }
  }

  void parts(const std::vector<Part>& list, const std::string& where) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Part& part = list[i];
      std::string here = where + "part " + (part.num ? *part.num : std::to_string(i + 1));
      if (!part.num && part.heading.empty())
        warning("model.empty-heading", here + " has neither a number nor a heading");
      collect_calls(part.heading, calls);
      paragraphs(part.preamble, here + " preamble");
      paragraphs(part.operative, here + " operative");
      parts(part.parts, here + " ");
    }
  }

  // One deliberation: its own paragraphs and footnotes. `where` prefixes messages
  // ("" for a single document, "component 2: " in a collection).
  void deliberation(const Document& d, const std::string& where) {
    calls.clear();
    for (const auto* date : {&d.metadata.adopted, &d.metadata.issued})
      if (*date && !is_iso_date(**date))
        error("model.bad-date", where + "'" + **date + "' is not an ISO date (YYYY-MM-DD)");
    paragraphs(d.preamble, where + "preamble");
    paragraphs(d.operative, where + "operative");
    parts(d.parts, where);
    for (std::size_t i = 0; i < d.annexes.size(); ++i) {
      const Annex& annex = d.annexes[i];
      std::string here = where + "annex " + std::to_string(i + 1);
      paragraphs(annex.preamble, here + " preamble");
      paragraphs(annex.operative, here + " operative");
      parts(annex.parts, here + " ");
      if (annex.adopted_in && !adopting_paragraph(d.operative, *annex.adopted_in))
        error("model.adopted-in", here + " is printed after operative paragraph '" + *annex.adopted_in +
                                      "', which does not exist");
    }
    std::map<std::string, int> defined;
    for (const auto& f : d.footnotes) {
      if (++defined[f.marker] == 2)
        error("model.footnote-duplicate", where + "footnote " + f.marker + " is defined twice");
      collect_calls(f.content, calls);
    }
    std::set<std::string> called(calls.begin(), calls.end());
    for (const auto& marker : called)
      if (!defined.count(marker))
        error("model.footnote-missing", where + "footnote " + marker + " is called but not defined");
    for (const auto& [marker, n] : defined)
      if (!called.count(marker))
        warning("model.footnote-unused", where + "footnote " + marker + " is defined but never called");
    bool has_operative = !d.operative.empty();
    for_each_part(
        d, [&has_operative](const Part& part) { has_operative = has_operative || !part.operative.empty(); });
    if (!has_operative)
      warning("model.no-operative", where + "the document has no operative paragraph");
  }

  static bool adopting_paragraph(const std::vector<Paragraph>& operative, const std::string& num) {
    for (const Paragraph& p : operative)
      if (p.kind == Paragraph::Kind::paragraph && p.num.value_or("") == num)
        return true;
    return false;
  }
};

} // namespace

bool has_structure(const Document& d) noexcept {
  if (!d.preamble.empty() || !d.operative.empty() || !d.parts.empty() || !d.annexes.empty())
    return true;
  return std::any_of(d.components.begin(), d.components.end(),
                     [](const Document& c) { return has_structure(c); });
}

int validate(const Document& d, DiagnosticSink& sink, const std::string& file) {
  Checker c{sink, file, 0, {}};
  if (!d.is_collection()) {
    c.deliberation(d, "");
    return c.errors;
  }
  for (const auto* date : {&d.metadata.adopted, &d.metadata.issued})
    if (*date && !is_iso_date(**date))
      c.error("model.bad-date", "'" + **date + "' is not an ISO date (YYYY-MM-DD)");
  if (d.formula || !d.preamble.empty() || !d.operative.empty() || !d.parts.empty() || !d.footnotes.empty() ||
      !d.annexes.empty())
    c.error("model.collection-body",
            "a collection holds its deliberations in components, not a body of its own");
  for (std::size_t i = 0; i < d.components.size(); ++i) {
    const Document& component = d.components[i];
    std::string where = "component " + std::to_string(i + 1) + ": ";
    if (component.is_collection())
      c.error("model.nested-collection", where + "a deliberation cannot itself be a collection");
    c.deliberation(component, where);
  }
  return c.errors;
}

namespace {

// The length of the well-formed UTF-8 sequence at `text[i]`, or 0 when it is not one.
std::size_t sequence_length(std::string_view text, std::size_t i) noexcept {
  auto c = static_cast<unsigned char>(text[i]);
  std::size_t n = c < 0x80                 ? 1
                  : c >= 0xC2 && c <= 0xDF ? 2
                  : c >= 0xE0 && c <= 0xEF ? 3
                  : c >= 0xF0 && c <= 0xF4 ? 4
                                           : 0;
  if (n <= 1 || i + n > text.size())
    return n == 1 ? 1 : 0;
  return utf8_invalid_at(text.substr(i, n)) == std::string_view::npos ? n : 0;
}

// Whether the well-formed sequence text[i, i + n) is a character XML 1.0 refuses.
bool forbidden(std::string_view text, std::size_t i, std::size_t n) noexcept {
  auto c = static_cast<unsigned char>(text[i]);
  if (n == 1)
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
  // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
  return n == 3 && c == 0xEF && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
         static_cast<unsigned char>(text[i + 2]) >= 0xBE;
}

} // namespace

std::size_t count_unsafe_characters(std::string_view text) noexcept {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x80) { // the common case, one comparison
      ++i;
      continue;
    }
    std::size_t n = sequence_length(text, i);
    if (n == 0 || forbidden(text, i, n))
      ++count;
    i += n == 0 ? 1 : n;
  }
  return count;
}

std::size_t count_unsafe_characters(const Document& document) noexcept {
  std::size_t count = 0;
  for_each_text(document, [&](const std::string& text) { count += count_unsafe_characters(text); });
  return count;
}

std::size_t replace_unsafe_characters(Document& document) {
  std::size_t count = 0;
  for_each_text(document, [&](std::string& text) {
    if (count_unsafe_characters(text) == 0)
      return;
    std::string clean;
    clean.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size();) {
      std::size_t n = sequence_length(text, i);
      if (n == 0 || forbidden(text, i, n)) {
        clean += "\xEF\xBF\xBD"; // U+FFFD
        ++count;
        i += n == 0 ? 1 : n;
      } else {
        clean.append(text, i, n);
        i += n;
      }
    }
    text = std::move(clean);
  });
  return count;
}

void report_unsafe_characters(DiagnosticSink& sink, std::size_t count, const std::string& file) {
  sink.warning("model.unsafe-character",
               std::to_string(count) + (count == 1 ? " character" : " characters") +
                   " that no output can hold (NUL or another control character, U+FFFE, U+FFFF, or a byte "
                   "that is not UTF-8) replaced with U+FFFD",
               {file});
}

} // namespace resconv::model
