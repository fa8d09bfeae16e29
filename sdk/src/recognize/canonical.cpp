#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/validate.hpp>
#include <resconv/sdk/recognize/canonical.hpp>

namespace resconv::recognize {

using language::Line;
using language::Phrase;

bool is_council_meeting(const model::Metadata& m, const language::Language& lang) {
  return m.meeting && !language::fold(*m.meeting).empty() &&
         language::fold(*m.meeting).find(language::fold(lang.phrase(Phrase::plenary_meeting))) ==
             std::string::npos;
}

std::string canonical_date(const std::string& iso, const language::Language& lang) {
  if (!model::is_iso_date(iso))
    return iso;
  return lang.spell_date(iso);
}

namespace {
// The body after "adopted by": its listed definite form, else the language's default form.
std::string the_body(const std::string& body, const language::Language& lang) {
  if (const language::Body* b = lang.body_named(body))
    return b->definite;
  return lang.spell_definite(body);
}
// The distribution word: the metadata's token in the language, "General" when the
// document does not say (what every published resolution prints).
std::string distribution_word(const model::Metadata& m, const language::Language& lang) {
  if (m.distribution == "limited")
    return std::string(lang.phrase(Phrase::limited));
  if (m.distribution == "restricted")
    return std::string(lang.phrase(Phrase::restricted));
  return std::string(lang.phrase(Phrase::general));
}
} // namespace

std::vector<CanonicalLine> canonical_preface(const model::Metadata& m, const language::Language& lang) {
  using Role = CanonicalLine::Role;
  std::vector<CanonicalLine> lines;
  if (m.symbol)
    lines.push_back({Role::symbol, *m.symbol});
  if (m.issued || m.distribution) {
    language::Fields f{{"distribution", distribution_word(m, lang)}};
    if (m.issued)
      f["date"] = canonical_date(*m.issued, lang);
    lines.push_back({Role::distribution, lang.spell(Line::distribution, f)});
  }
  if (m.session)
    lines.push_back({Role::session, *m.session});
  if (!m.agenda_items.empty()) {
    lines.push_back(
        {Role::agenda, lang.spell(m.agenda_items.size() > 1 ? Line::agenda_items : Line::agenda_item,
                                  {{"items", lang.join_list(model::agenda_numbers(m.agenda_items))}})});
    for (const model::AgendaItem& item : m.agenda_items)
      if (item.title)
        lines.push_back({Role::agenda_title, *item.title});
  }
  if (m.body) {
    language::Fields f{{"the_body", the_body(*m.body, lang)}, {"body", *m.body}};
    if (m.adopted)
      f["date"] = canonical_date(*m.adopted, lang);
    bool council = is_council_meeting(m, lang);
    if (council)
      f["meeting"] = *m.meeting;
    Line line = council ? (m.adopted ? Line::council_adoption : Line::council_undated)
                        : (m.adopted ? Line::adoption : Line::adoption_undated);
    lines.push_back({Role::adoption, lang.spell(line, f)});
  }
  if (m.origin)
    lines.push_back({Role::origin, "[" + *m.origin + "]"});
  if (m.number) {
    bool with_year = m.number->find('(') != std::string::npos;
    language::Fields f{{"number", *m.number}};
    if (m.title)
      f["title"] = *m.title;
    lines.push_back(
        {Role::number_title, lang.spell(with_year ? Line::number_title_year : Line::number_title, f)});
  }
  return lines;
}

std::optional<std::string> canonical_closing(const model::Metadata& m, const language::Language& lang) {
  if (!m.meeting && !m.vote)
    return std::nullopt;
  bool council = !m.meeting || is_council_meeting(m, lang);
  std::string closing;
  if (council)
    closing = m.meeting ? lang.spell(Line::closing_council, {{"meeting", *m.meeting}})
                        : lang.spell(Line::closing_council_bare, {});
  else
    closing = *m.meeting;
  // The date goes in the closing only when no adoption line (no body) carried it.
  if (m.adopted && !m.body)
    closing += " " + canonical_date(*m.adopted, lang);
  if (m.vote)
    closing += " " + *m.vote;
  return council ? closing + lang.full_stop() : closing;
}

const language::Language& document_language(const model::Document& d, DiagnosticSink* sink,
                                            const std::string& source) {
  if (d.metadata.language) {
    try {
      return language::Language::for_code(*d.metadata.language);
    } catch (const language::LanguageError& e) {
      if (language::Language::installed().empty())
        throw;
      if (sink)
        sink->warning("language.unknown",
                      std::string(e.what()) + "; the masthead is worded in the language the text reads as",
                      {source});
    }
  }
  std::string sample;
  if (d.formula)
    sample += *d.formula + "\n";
  for (const auto* list : {&d.preamble, &d.operative})
    for (const auto& p : *list) {
      sample += model::plain_text(p.content) + "\n";
      if (sample.size() > 20000)
        break;
    }
  const auto& all = language::Language::installed();
  language::Detection found = language::detect(sample, all);
  if (found.language)
    return *found.language;
  // No text at all: nothing to word but the metadata's own fields; the first installed
  // language with English's code if present, else the first one.
  for (const auto& l : all)
    if (l.code() == "en")
      return l;
  return all.front();
}

} // namespace resconv::recognize
