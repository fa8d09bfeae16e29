#include <resconv/sdk/model/builder.hpp>

#include <algorithm>

namespace resconv::model {

Inline text(std::string value) {
  return Text{std::move(value)};
}
Inline emphasis(Inlines content) {
  return Emphasis{std::move(content)};
}
Inline strong(Inlines content) {
  return Strong{std::move(content)};
}
Inline footnote_ref(std::string marker) {
  return FootnoteRef{std::move(marker)};
}
Inline reference(std::string target, Inlines content) {
  return Reference{std::move(target), std::move(content)};
}

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// True when `s` has no white space but single ' ' characters.
bool is_collapsed(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) > ' ')
      continue; // Most bytes: one comparison.
    if (is_space(s[i]) && (s[i] != ' ' || (i > 0 && s[i - 1] == ' ')))
      return false;
  }
  return true;
}

// Collapses runs of ASCII white space (and NBSP-free) to single spaces; keeps ends.
std::string collapse_inner(std::string s) {
  // Most text needs no change: one scan, no copy.
  if (is_collapsed(s))
    return s;
  std::string out;
  out.reserve(s.size());
  bool in_space = false;
  for (char c : s) {
    if (is_space(c)) {
      in_space = true;
      continue;
    }
    if (in_space)
      out += ' ';
    in_space = false;
    out += c;
  }
  if (in_space)
    out += ' ';
  return out;
}

Inlines* children(Inline& in) {
  if (auto* e = std::get_if<Emphasis>(&in.value))
    return &e->content;
  if (auto* s = std::get_if<Strong>(&in.value))
    return &s->content;
  if (auto* r = std::get_if<Reference>(&in.value))
    return &r->content;
  return nullptr;
}

// Leading/trailing space inside emphasis is moved out, so "*Takes note *of" and
// "*Takes note* of" normalise alike.
void trim_front(Inlines& inlines);
void trim_back(Inlines& inlines);

void trim_front(Inlines& inlines) {
  while (!inlines.empty()) {
    Inline& first = inlines.front();
    if (auto* t = std::get_if<Text>(&first.value)) {
      auto pos = t->text.find_first_not_of(' ');
      if (pos == std::string::npos) {
        inlines.erase(inlines.begin());
        continue;
      }
      t->text.erase(0, pos);
      return;
    }
    if (Inlines* kids = children(first)) {
      trim_front(*kids);
      if (kids->empty() && !std::holds_alternative<Reference>(first.value)) {
        inlines.erase(inlines.begin());
        continue;
      }
    }
    return;
  }
}

void trim_back(Inlines& inlines) {
  while (!inlines.empty()) {
    Inline& last = inlines.back();
    if (auto* t = std::get_if<Text>(&last.value)) {
      auto pos = t->text.find_last_not_of(' ');
      if (pos == std::string::npos) {
        inlines.pop_back();
        continue;
      }
      t->text.erase(pos + 1);
      return;
    }
    if (Inlines* kids = children(last)) {
      trim_back(*kids);
      if (kids->empty() && !std::holds_alternative<Reference>(last.value)) {
        inlines.pop_back();
        continue;
      }
    }
    return;
  }
}

bool starts_with_space(const Inlines& in) {
  if (in.empty())
    return false;
  if (auto* t = std::get_if<Text>(&in.front().value))
    return !t->text.empty() && t->text.front() == ' ';
  return false;
}
bool ends_with_space(const Inlines& in) {
  if (in.empty())
    return false;
  if (auto* t = std::get_if<Text>(&in.back().value))
    return !t->text.empty() && t->text.back() == ' ';
  return false;
}

} // namespace

std::string collapse_space(std::string_view text) {
  if (is_collapsed(text) && (text.empty() || (text.front() != ' ' && text.back() != ' ')))
    return std::string(text);
  std::string s = collapse_inner(std::string(text));
  auto b = s.find_first_not_of(' ');
  if (b == std::string::npos)
    return {};
  auto e = s.find_last_not_of(' ');
  return s.substr(b, e - b + 1);
}

void normalize(Inlines& inlines) {
  Inlines out;
  out.reserve(inlines.size());
  // Every Text in `out` is already collapsed, so joining two needs care at the seam only
  // (collapsing the whole text again on each join was quadratic in the pieces).
  auto push_text = [&out](std::string s) {
    if (s.empty())
      return;
    std::string c = collapse_inner(std::move(s));
    if (!out.empty())
      if (auto* prev = std::get_if<Text>(&out.back().value)) {
        if (!prev->text.empty() && prev->text.back() == ' ' && c.front() == ' ')
          c.erase(0, 1);
        prev->text += c;
        return;
      }
    out.push_back(Text{std::move(c)});
  };
  for (Inline& in : inlines) {
    if (auto* t = std::get_if<Text>(&in.value)) {
      push_text(std::move(t->text));
      continue;
    }
    if (Inlines* kids = children(in)) {
      normalize(*kids);
      // Spaces at the edges of a styled span belong outside it.
      bool lead = starts_with_space(*kids);
      bool trail = ends_with_space(*kids);
      bool is_ref = std::holds_alternative<Reference>(in.value);
      if (!is_ref) {
        trim_front(*kids);
        trim_back(*kids);
      }
      if (kids->empty() && !is_ref) {
        if (lead || trail)
          push_text(" ");
        continue;
      }
      if (lead && !is_ref)
        push_text(" ");
      // Merge with an identical preceding wrapper (Emph[a] Emph[b] -> Emph[a b]).
      if (!out.empty() && out.back().value.index() == in.value.index() && !is_ref &&
          !std::holds_alternative<FootnoteRef>(in.value)) {
        Inlines* prev = children(out.back());
        prev->insert(prev->end(), kids->begin(), kids->end());
        normalize(*prev);
      } else {
        out.push_back(std::move(in));
      }
      if (trail && !is_ref)
        push_text(" ");
      continue;
    }
    out.push_back(std::move(in));
  }
  inlines = std::move(out);
}

void normalize_trimmed(Inlines& inlines) {
  normalize(inlines);
  trim_front(inlines);
  trim_back(inlines);
}

namespace {

void normalize_string(std::optional<std::string>& value) {
  if (!value)
    return;
  *value = collapse_space(*value);
  if (value->empty())
    value.reset();
}

void normalize_paragraphs(std::vector<Paragraph>& paragraphs) {
  for (auto& p : paragraphs) {
    normalize_trimmed(p.content);
    normalize_string(p.num);
    normalize_paragraphs(p.quoted);
    normalize_paragraphs(p.items);
  }
}

void normalize_strings(std::vector<std::string>& list) {
  for (auto& item : list)
    item = collapse_space(item);
  list.erase(std::remove(list.begin(), list.end(), std::string()), list.end());
}

void normalize_parts(std::vector<Part>& parts) {
  for (auto& part : parts) {
    normalize_string(part.num);
    normalize_trimmed(part.heading);
    normalize_paragraphs(part.preamble);
    normalize_paragraphs(part.operative);
    normalize_parts(part.parts);
  }
}

} // namespace

void normalize(Document& d) {
  Metadata& m = d.metadata;
  for (const auto& field : metadata_text_fields)
    normalize_string(m.*field.member);
  for (auto& item : m.agenda_items) {
    item.number = collapse_space(item.number);
    normalize_string(item.title);
  }
  std::erase_if(m.agenda_items, [](const AgendaItem& item) { return item.number.empty() && !item.title; });
  normalize_strings(m.sponsors);
  normalize_strings(m.masthead);
  normalize_string(d.formula);
  normalize_paragraphs(d.preamble);
  normalize_paragraphs(d.operative);
  normalize_parts(d.parts);
  for (auto& f : d.footnotes)
    normalize_trimmed(f.content);
  for (auto& a : d.annexes) {
    normalize_string(a.heading);
    normalize_string(a.title);
    normalize_string(a.formula);
    if (a.adopted_in)
      *a.adopted_in = collapse_space(*a.adopted_in); // "" (after an unnumbered paragraph) is a value
    normalize_paragraphs(a.preamble);
    normalize_paragraphs(a.operative);
    normalize_parts(a.parts);
  }
  for (auto& c : d.components)
    normalize(c);
}

std::string plain_text(const Inlines& inlines) {
  std::string out;
  for (const Inline& in : inlines) {
    std::visit(
        [&out](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, Text>)
            out += v.text;
          else if constexpr (std::is_same_v<T, FootnoteRef>)
            return;
          else
            out += plain_text(v.content);
        },
        in.value);
  }
  return out;
}

void append_text(Inlines& inlines, std::string_view value) {
  if (value.empty())
    return;
  if (!inlines.empty())
    if (auto* t = std::get_if<Text>(&inlines.back().value)) {
      t->text += value;
      return;
    }
  inlines.push_back(Text{std::string(value)});
}

DocumentBuilder& DocumentBuilder::metadata(Metadata value) {
  m_document.metadata = std::move(value);
  return *this;
}
DocumentBuilder& DocumentBuilder::formula(std::string value) {
  m_document.formula = std::move(value);
  return *this;
}
DocumentBuilder& DocumentBuilder::preamble(Inlines content) {
  Paragraph p;
  p.content = std::move(content);
  m_document.preamble.push_back(std::move(p));
  return *this;
}
DocumentBuilder& DocumentBuilder::operative(std::optional<std::string> num, Inlines content,
                                            std::vector<Paragraph> items) {
  Paragraph p;
  p.num = std::move(num);
  p.content = std::move(content);
  p.items = std::move(items);
  m_document.operative.push_back(std::move(p));
  return *this;
}
DocumentBuilder& DocumentBuilder::footnote(std::string marker, Inlines content) {
  m_document.footnotes.push_back({std::move(marker), std::move(content)});
  return *this;
}
DocumentBuilder& DocumentBuilder::annex(Annex value) {
  m_document.annexes.push_back(std::move(value));
  return *this;
}
Document DocumentBuilder::build() {
  normalize(m_document);
  return std::move(m_document);
}

} // namespace resconv::model
