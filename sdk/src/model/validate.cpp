#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/validate.hpp>

#include <map>
#include <set>

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
      if (p.kind == Paragraph::Kind::paragraph && p.items.empty() &&
          collapse_space(plain_text(p.content)).empty())
        warning("model.empty-paragraph", here + " has no text");
      collect_calls(p.content, calls);
      paragraphs(p.items, here + " item");
    }
  }
};

} // namespace

int validate(const Document& d, DiagnosticSink& sink, const std::string& file) {
  Checker c{sink, file, 0, {}};
  for (const auto* date : {&d.metadata.adopted, &d.metadata.issued})
    if (*date && !is_iso_date(**date))
      c.error("model.bad-date", "'" + **date + "' is not an ISO date (YYYY-MM-DD)");
  c.paragraphs(d.preamble, "preamble");
  c.paragraphs(d.operative, "operative");
  for (std::size_t i = 0; i < d.annexes.size(); ++i) {
    c.paragraphs(d.annexes[i].preamble, "annex " + std::to_string(i + 1) + " preamble");
    c.paragraphs(d.annexes[i].operative, "annex " + std::to_string(i + 1) + " operative");
  }
  std::map<std::string, int> defined;
  for (const auto& f : d.footnotes) {
    if (++defined[f.marker] == 2)
      c.error("model.footnote-duplicate", "footnote " + f.marker + " is defined twice");
    collect_calls(f.content, c.calls);
  }
  std::set<std::string> called(c.calls.begin(), c.calls.end());
  for (const auto& marker : called)
    if (!defined.count(marker))
      c.error("model.footnote-missing", "footnote " + marker + " is called but not defined");
  for (const auto& [marker, n] : defined)
    if (!called.count(marker))
      c.warning("model.footnote-unused", "footnote " + marker + " is defined but never called");
  if (d.operative.empty())
    c.warning("model.no-operative", "the document has no operative paragraph");
  return c.errors;
}

} // namespace resconv::model
