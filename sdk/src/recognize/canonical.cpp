#include <resconv/sdk/model/validate.hpp>
#include <resconv/sdk/recognize/canonical.hpp>

namespace resconv::recognize {

namespace {
// A meeting that is not a plenary one is a council's: its adoption and closing lines read
// "Adopted by the Security Council at its 631st meeting ...".
bool council(const model::Metadata& m) {
  return m.meeting && m.meeting->find("plenary") == std::string::npos;
}
} // namespace

std::string canonical_date(const std::string& iso) {
  static const char* const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};
  if (!model::is_iso_date(iso))
    return iso;
  return std::to_string(std::stoi(iso.substr(8, 2))) + " " + months[std::stoi(iso.substr(5, 2)) - 1] + " " +
         iso.substr(0, 4);
}

std::vector<CanonicalLine> canonical_preface(const model::Metadata& m) {
  using Role = CanonicalLine::Role;
  std::vector<CanonicalLine> lines;
  if (m.symbol)
    lines.push_back({Role::symbol, *m.symbol});
  if (m.issued)
    lines.push_back({Role::distribution, "Distr.: General " + canonical_date(*m.issued)});
  if (m.session)
    lines.push_back({Role::session, *m.session});
  if (!m.agenda_items.empty()) {
    std::string line = m.agenda_items.size() > 1 ? "Agenda items " : "Agenda item ";
    for (std::size_t i = 0; i < m.agenda_items.size(); ++i)
      line += (i == 0 ? "" : i + 1 == m.agenda_items.size() ? " and " : ", ") + m.agenda_items[i];
    lines.push_back({Role::agenda, line});
  }
  if (m.body) {
    bool c = council(m);
    std::string line = (c ? "Adopted by the " : "Resolution adopted by the ") + *m.body;
    if (c)
      line += " at its " + *m.meeting;
    if (m.adopted)
      line += (c ? ", on " : " on ") + canonical_date(*m.adopted);
    lines.push_back({Role::adoption, line});
  }
  if (m.origin)
    lines.push_back({Role::origin, "[" + *m.origin + "]"});
  if (m.number) {
    bool with_year = m.number->find('(') != std::string::npos;
    lines.push_back({Role::number_title, with_year
                                             ? "Resolution " + *m.number + (m.title ? " " + *m.title : "")
                                             : *m.number + "." + (m.title ? " " + *m.title : "")});
  }
  return lines;
}

std::optional<std::string> canonical_closing(const model::Metadata& m) {
  if (!m.meeting && !m.vote)
    return std::nullopt;
  bool c = !m.meeting || council(m);
  std::string closing = c ? "Adopted" : "";
  if (m.meeting)
    closing += (c ? " at the " : "") + *m.meeting;
  // The date goes in the closing only when no adoption line (no body) carried it.
  if (m.adopted && !m.body)
    closing += " " + canonical_date(*m.adopted);
  if (m.vote)
    closing += " " + *m.vote;
  return c ? closing + "." : closing;
}

} // namespace resconv::recognize
