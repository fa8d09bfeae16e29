// The recogniser: blocks in, Document out. The stages, in order:
//   1. footnote blocks aside; furniture (page numbers, job numbers, barcodes) dropped;
//   2. the formula found ("The General Assembly,"); what precedes it is the masthead;
//   3. the body runs to the closing line ("78th plenary meeting ..."), after which come
//      footnotes in running-text layout and annexes;
//   4. body paragraphs are joined across breaks, then classified by numbering first
//      ("1.", "(a)") and by lead words and final punctuation second;
//   5. footnote calls that lost their superscript, and cited documents, are marked.
#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/validate.hpp>
#include <resconv/sdk/importer.hpp>
#include <resconv/sdk/model/walk.hpp>
#include <resconv/sdk/recognize/profile.hpp>
#include <resconv/sdk/recognize/recognizer.hpp>

#include "masthead.hpp"

#include <unicode/uchar.h>
#include "text_util.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <cctype>
#include <functional>

namespace resconv::recognize {

using namespace util;
using model::Inlines;
using model::Paragraph;

namespace {

struct Para {
  Inlines content;
  std::string text; // Plain text, white space collapsed.
  int line = 0;
  int page = 0;
  std::optional<model::Box> box;
  std::optional<std::string> num; // Numbering supplied by the source.
  bool bold = false;
  bool centered = false;

  void refresh() {
    model::normalize_trimmed(content);
    text = model::collapse_space(model::plain_text(content));
  }
};

struct Section {
  std::optional<std::string> formula;
  std::vector<Paragraph> preamble;
  std::vector<Paragraph> operative;
  std::vector<model::Part> parts;
};

// Removes the first `n` bytes of plain text (footnote calls count as nothing).
std::size_t drop_prefix(Inlines& inlines, std::size_t n) {
  while (n > 0 && !inlines.empty()) {
    model::Inline& first = inlines.front();
    if (auto* t = std::get_if<model::Text>(&first.value)) {
      if (t->text.size() <= n) {
        n -= t->text.size();
        inlines.erase(inlines.begin());
      } else {
        t->text.erase(0, n);
        n = 0;
      }
      continue;
    }
    Inlines* kids = nullptr;
    if (auto* e = std::get_if<model::Emphasis>(&first.value))
      kids = &e->content;
    else if (auto* s = std::get_if<model::Strong>(&first.value))
      kids = &s->content;
    else if (auto* r = std::get_if<model::Reference>(&first.value))
      kids = &r->content;
    if (kids == nullptr)
      break;
    n = drop_prefix(*kids, n);
    if (model::plain_text(*kids).empty())
      inlines.erase(inlines.begin());
    else
      break;
  }
  return n;
}

using language::LeadKind;
using language::Marker;
using language::Phrase;

// The label of an item without its brackets or quotes: "(a)" -> "a", "a)" -> "a",
// "(أ)" -> "أ", "'1'" -> "1".
std::string_view item_inner(std::string_view num) {
  auto punct = [](char32_t c) { return u_ispunct(static_cast<UChar32>(c)) != 0; };
  for (std::size_t n = 0; !num.empty() && punct(language::first_code_point(num, &n));)
    num.remove_prefix(n);
  for (std::size_t n = 0; !num.empty() && punct(language::last_code_point(num, &n));)
    num.remove_suffix(n);
  return num;
}

// True when the first character is a letter of a script without case (Arabic, Han): lead
// words there cannot be told by a capital.
bool uncased_start(std::string_view t) {
  char32_t c = language::first_code_point(t);
  return c > 0x7F && !starts_upper(t) && !starts_lower(t) &&
         language::script_of(c) != language::Script::other;
}

bool is_terminal(char c) {
  return c == '.' || c == ';' || c == ':' || c == ',' || c == '!' || c == '?';
}

// Page furniture that survives text extraction.
bool is_generic_furniture(std::string_view t, const language::Language& lang) {
  if (t.empty())
    return true;
  // "2/5"
  auto slash = t.find('/');
  if (slash != std::string_view::npos && t.size() <= 9 &&
      std::all_of(t.begin(), t.end(), [](char c) { return is_digit(c) || c == '/'; }) &&
      std::count(t.begin(), t.end(), '/') == 1 && slash > 0 && slash + 1 < t.size())
    return true;
  // "18-18418 (E) 071118", "25-18686 (E)", "18-18418"
  if (t.size() >= 8 && is_digit(t[0]) && is_digit(t[1]) && t[2] == '-' &&
      std::all_of(t.begin() + 3, t.begin() + 8, is_digit) &&
      (t.size() == 8 || t.substr(8) == " (" + lang.job_suffix() + ")" ||
       t.substr(8, 3 + lang.job_suffix().size()) == " (" + lang.job_suffix() + ")"))
    return true;
  // "*1818418*"
  if (t.size() >= 6 && t.front() == '*' && t.back() == '*' &&
      std::all_of(t.begin() + 1, t.end() - 1, is_digit))
    return true;
  std::string_view recycle = lang.phrase(Phrase::please_recycle);
  return !recycle.empty() && iequals(t, recycle);
}

class Recognizer {
public:
  Recognizer(const RecognizeOptions& options, const LanguageData& lang, DiagnosticSink& sink)
      : m_opt(options), m_lang(lang), m_sink(sink), m_masthead(lang, m_doc.metadata) {}

  model::Document run(const std::vector<Block>& blocks) {
    std::vector<Para> paras;
    std::vector<Note> notes;
    for (const Block& b : blocks) {
      if (b.footnote) {
        notes.push_back({b.footnote_marker, b.content, b.line, paras.size(), b.page, b.calls_marked});
        continue;
      }
      Para p{b.content, {}, b.line, b.page, b.box, b.num, b.bold, b.centered};
      p.refresh();
      if (p.text.empty() && !p.num)
        continue;
      if (is_generic_furniture(p.text, m_lang) && !p.num)
        continue;
      paras.push_back(std::move(p));
    }
    std::vector<Head> heads;
    if (m_opt.deliberation_shapes)
      heads = find_deliberation_heads(paras);
    if (!heads.empty())
      return collection(std::move(paras), std::move(notes), heads);
    for (Note& n : notes)
      take_note(std::move(n));
    recognize_body(std::move(paras));
    return finish();
  }

private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  // A footnote block, and how many body blocks came before it (to place it in a collection).
  struct Note {
    std::string marker;
    Inlines content;
    int line = 0;
    std::size_t position = 0;
    int page = 0; // when the source has pages (0 otherwise)
    bool calls_marked = false;
  };

  // A deliberation's own heading in a publication ("Decision 2/CMP.16"): where, and what it says.
  struct Head {
    std::size_t at = 0;
    DeliberationHeading heading;
    const BodyProfile* profile = nullptr;
  };

  // How many blocks may stand between a deliberation's heading and its formula: the title,
  // which wraps over up to three lines, and a subtitle. A heading-like line farther from any
  // formula is a line of text ("Decision 1/CMP.8" cited alone), not a heading.
  static constexpr std::size_t max_blocks_heading_to_formula = 5;

  void take_note(Note&& n) {
    add_footnote(n.marker, std::move(n.content), n.line);
    if (n.calls_marked)
      m_marked_calls.insert(n.marker);
  }

  std::vector<Head> find_deliberation_heads(const std::vector<Para>& paras) const {
    std::vector<Head> heads;
    const std::vector<BodyProfile>* profiles = nullptr;
    try {
      profiles = &BodyProfile::installed();
    } catch (const ProfileError& e) {
      m_sink.warning("recognize.profile",
                     std::string(e.what()) + "; publications are read as one deliberation",
                     {m_opt.source_name});
      return heads;
    }
    for (std::size_t i = 0; i < paras.size(); ++i) {
      if (paras[i].num || paras[i].text.size() > 200)
        continue;
      for (const BodyProfile& profile : *profiles) {
        if (!profile.has_deliberation_headings())
          continue;
        auto h = profile.heading(paras[i].text);
        if (!h)
          continue;
        bool formula = false;
        for (std::size_t j = i + 1; j < paras.size() && j <= i + max_blocks_heading_to_formula && !formula;
             ++j)
          formula = opens_body(paras[j]);
        if (formula)
          heads.push_back({i, std::move(*h), &profile});
        break;
      }
    }
    return heads;
  }

  // A publication of several deliberations: the front matter (masthead, title, contents) is
  // the publication's; each heading starts a deliberation, read as a document of its own.
  model::Document collection(std::vector<Para> paras, std::vector<Note> notes,
                             const std::vector<Head>& heads) {
    model::Document pub;
    model::Metadata& pm = pub.metadata;
    MastheadParser front(m_lang, pm);
    bool title_open = false, title_done = false;
    for (std::size_t i = 0; i < heads.front().at; ++i) {
      const Para& p = paras[i];
      pm.masthead.push_back(p.text); // every line of the front matter, contents included
      if (front.feed(p.text))
        continue;
      // The publication's title: its first line of text that is no masthead field ("Report of
      // the Conference of the Parties ... on its sixteenth session"), with the lines that
      // continue it (no full stop, no contents entry).
      if (!title_done && word_count(p.text) >= 3 && !is_terminal(last_significant(p.text))) {
        pm.title = pm.title && title_open ? *pm.title + " " + p.text : p.text;
        title_open = true;
        continue;
      }
      if (pm.title)
        title_done = true;
      title_open = false;
    }
    // A number line or an adoption line in the front matter is a contents entry, not the
    // publication's: a publication has no number of its own.
    pm.number.reset();
    pm.adopted.reset();
    pm.kind = "collection";
    pm.language = m_lang.code();
    // Each footnote goes to the deliberation that calls it: of those whose text began before
    // the note was printed, the nearest (a page's notes sit under the text that calls them,
    // and numbering may restart with each deliberation); one that no deliberation calls
    // stays where it was printed.
    std::vector<std::set<std::string>> calls(heads.size());
    for (std::size_t k = 0; k < heads.size(); ++k) {
      std::size_t end = k + 1 < heads.size() ? heads[k + 1].at : paras.size();
      for (std::size_t i = heads[k].at; i < end; ++i)
        collect_calls(paras[i].content, calls[k]);
    }
    std::vector<std::vector<Note>> placed(heads.size());
    for (Note& n : notes) {
      // A paged source may give its notes apart from the text: placed after their page's text.
      if (n.page > 0)
        n.position =
            static_cast<std::size_t>(std::partition_point(paras.begin(), paras.end(),
                                                          [&](const Para& p) { return p.page <= n.page; }) -
                                     paras.begin());
      std::size_t printed = 0;
      while (printed + 1 < heads.size() && heads[printed + 1].at < n.position)
        ++printed;
      std::size_t to = printed;
      for (std::size_t k = printed + 1; k-- > 0;)
        if (calls[k].count(n.marker)) {
          to = k;
          break;
        }
      placed[to].push_back(std::move(n));
    }
    for (std::size_t k = 0; k < heads.size(); ++k) {
      std::size_t begin = heads[k].at, end = k + 1 < heads.size() ? heads[k + 1].at : paras.size();
      std::vector<Para> segment(std::make_move_iterator(paras.begin() + static_cast<long>(begin + 1)),
                                std::make_move_iterator(paras.begin() + static_cast<long>(end)));
      Recognizer one(m_opt, m_lang, m_sink);
      for (Note& n : placed[k])
        one.take_note(std::move(n));
      pub.components.push_back(one.deliberation(heads[k], std::move(segment)));
    }
    model::normalize(pub);
    AsWarnings warnings(m_sink);
    model::validate(pub, warnings, m_opt.source_name);
    m_sink.note("recognize.collection",
                "a publication of " + std::to_string(pub.components.size()) +
                    (pub.components.size() == 1 ? " deliberation" : " deliberations") + " (" +
                    heads.front().profile->id() + " layout)",
                {m_opt.source_name});
    return pub;
  }

  // One deliberation of a publication, from the block after its heading.
  model::Document deliberation(const Head& head, std::vector<Para> paras) {
    model::Metadata& m = m_doc.metadata;
    m.number = head.heading.number;
    m.kind = head.heading.kind;
    if (head.heading.body_id)
      for (const auto& b : m_lang.bodies())
        if (b.id == *head.heading.body_id)
          m.body = b.name;
    // The title: the heading's own, else the lines between the heading and the formula (or
    // the first paragraph, when the formula is one the language data does not know).
    std::size_t formula = 0;
    while (formula < paras.size() && formula < max_blocks_heading_to_formula && !opens_body(paras[formula]))
      ++formula;
    if (head.heading.title)
      m.title = head.heading.title;
    std::vector<Para> rest;
    for (std::size_t i = 0; i < paras.size(); ++i) {
      if (i < formula && !paras[i].num && !m_lang.leading_marker(paras[i].text)) {
        m.title = m.title ? *m.title + " " + paras[i].text : paras[i].text;
        continue;
      }
      rest.push_back(std::move(paras[i]));
    }
    recognize_body(std::move(rest));
    return finish();
  }

  // Whether a deliberation's body starts at this block: its formula, or (a formula the data
  // does not know) a first paragraph that opens with lead words or an operative number.
  bool opens_body(const Para& p) const {
    if (looks_like_formula(p) || starts_with_formula(p))
      return true;
    if (p.num || m_lang.leading_marker(p.text))
      return true;
    return m_lang.lead_words(p.text).kind != LeadKind::none && word_count(p.text) >= 4;
  }

  // The formula and the first paragraph run together in one block ("The Conference of the
  // Parties, Recalling ..."): split_formula_prefix() separates them later.
  bool starts_with_formula(const Para& p) const {
    return p.text.size() < 400 && m_lang.body_of_formula(p.text.substr(0, p.text.find(',') + 1)) != nullptr &&
           p.text.find(',') != std::string::npos;
  }

  model::Document finish() {
    finish_metadata();
    if (m_opt.infer_plain_footnote_calls)
      infer_footnote_calls();
    if (m_opt.link_references)
      link_all_references();
    model::normalize(m_doc);
    // What the model check finds here is the source's own inconsistency (a call without
    // its note, a date that is no day); the document is still made, so it is a warning.
    AsWarnings warnings(m_sink);
    model::validate(m_doc, warnings, m_opt.source_name);
    return std::move(m_doc);
  }

  // The stages 2-4 on the body blocks of one deliberation, into m_doc.
  void recognize_body(std::vector<Para> paras) {
    split_formula_prefix(paras);
    std::size_t formula = find_formula(paras);
    std::size_t body_begin = read_masthead(paras, formula);
    if (formula != npos) {
      m_doc.formula = paras[formula].text;
      body_begin = formula + 1;
    }
    drop_running_headers(paras, body_begin);

    // The body ends at the closing line or at an annex heading.
    std::size_t body_end = paras.size();
    for (std::size_t i = body_begin; i < paras.size(); ++i) {
      if (m_masthead.is_closing(paras[i].text)) {
        m_masthead.feed_closing(paras[i].text);
        body_end = i;
        break;
      }
      if (annex_heading(paras[i].text)) {
        body_end = i;
        break;
      }
    }
    std::vector<Para> body = std::move(m_before_formula);
    body.insert(body.end(), std::make_move_iterator(paras.begin() + static_cast<long>(body_begin)),
                std::make_move_iterator(paras.begin() + static_cast<long>(body_end)));
    Section main;
    classify(std::move(body), main);
    m_doc.preamble = std::move(main.preamble);
    m_doc.operative = std::move(main.operative);
    m_doc.parts = std::move(main.parts);

    std::size_t trailing =
        body_end < paras.size() && m_masthead.is_closing(paras[body_end].text) ? body_end + 1 : body_end;
    m_closing_seen = body_end < paras.size() && m_masthead.is_closing(paras[body_end].text);
    read_trailing(paras, trailing);
  }

  class AsWarnings final : public DiagnosticSink {
  public:
    explicit AsWarnings(DiagnosticSink& inner) : m_inner(inner) {}
    void report(Diagnostic d) noexcept override {
      if (d.severity == Severity::error)
        d.severity = Severity::warning;
      m_inner.report(std::move(d));
    }

  private:
    DiagnosticSink& m_inner;
  };

  Location where(const Para& p) const { return {m_opt.source_name, p.page, p.line, -1}; }

  void add_footnote(const std::string& marker, Inlines content, int line) {
    model::normalize_trimmed(content);
    for (auto& f : m_doc.footnotes)
      if (f.marker == marker) {
        m_sink.warning("recognize.footnote-duplicate",
                       "footnote " + marker + " appears twice; the texts are joined",
                       {m_opt.source_name, 0, line, -1});
        model::append_text(f.content, " ");
        f.content.insert(f.content.end(), content.begin(), content.end());
        return;
      }
    m_doc.footnotes.push_back({marker, std::move(content)});
  }

  bool looks_like_formula(const Para& p) const {
    if (!m_masthead.body_from_formula(p.text).empty())
      return true;
    if (joint_formula(p.text))
      return true;
    // An unknown body after the article: "The Commission on Narcotic Drugs,".
    std::string_view rest = m_lang.strip_article(p.text);
    if (rest.size() == p.text.size())
      return false;
    auto ws = words(rest);
    if (ws.empty() || ws.size() > 11)
      return false;
    char last = last_significant(p.text);
    unsigned char ul = static_cast<unsigned char>(last);
    if (last != ',' && last != ':' && !std::isalpha(ul) && ul < 0x80)
      return false;
    std::size_t capital = 0, long_words = 0;
    for (std::size_t i = 0; i < ws.size(); ++i) {
      if (std::any_of(ws[i].begin(), ws[i].end(), is_digit))
        return false;
      if (ws[i].size() > 3) {
        ++long_words;
        if (starts_upper(ws[i]))
          ++capital;
      }
    }
    return long_words > 0 && capital * 10 >= long_words * 6;
  }

  // Two bodies deciding together: "The Conference of the Parties and the Conference of the
  // Parties serving as the meeting of the Parties to the Kyoto Protocol,". Every place the
  // language's "and" stands is tried, as a body's name may hold it ("Economic and Social").
  bool joint_formula(std::string_view text) const {
    std::string and_word = " " + std::string(m_lang.phrase(Phrase::and_word)) + " ";
    if (and_word.size() <= 2 || text.size() > 400 || last_significant(text) != ',')
      return false;
    for (std::size_t at = text.find(and_word); at != std::string_view::npos;
         at = text.find(and_word, at + 1)) {
      std::string first = std::string(text.substr(0, at)) + ",";
      std::string second(text.substr(at + and_word.size()));
      if (!m_masthead.body_from_formula(first).empty() && !m_masthead.body_from_formula(second).empty())
        return true;
    }
    return false;
  }

  // "The Security Council Recommends that ..." run together in one block: split the formula
  // off when a body name follows the article and a lead word follows the body name.
  void split_formula_prefix(std::vector<Para>& paras) const {
    for (std::size_t i = 0; i < paras.size() && i < 60; ++i) {
      const std::string& t = paras[i].text;
      std::string_view after_article = m_lang.strip_article(t);
      if (after_article.size() == t.size() && !m_lang.articles().empty())
        continue;
      std::size_t body_at = t.size() - after_article.size();
      for (const auto& b : m_lang.bodies()) {
        const std::string& name = b.name;
        std::size_t end = body_at + name.size();
        if (t.size() <= end + 1 || !iequals(std::string_view(t).substr(body_at, name.size()), name))
          continue;
        // The formula's comma or colon, in any script ("，", "،").
        std::size_t n = 0;
        char32_t c = language::first_code_point(std::string_view(t).substr(end), &n);
        if (c == ',' || c == ':' || c == U'\uFF0C' || c == U'\u060C' || c == U'\uFF1A')
          end += n;
        std::size_t rest_at = end < t.size() && t[end] == ' ' ? end + 1 : end;
        bool spaced = m_lang.spaces_between_words();
        if ((spaced && (end >= t.size() || t[end] != ' ')) ||
            m_lang.lead_words(std::string_view(t).substr(rest_at)).kind == LeadKind::none)
          break;
        Para rest = paras[i];
        drop_prefix(rest.content, rest_at);
        rest.refresh();
        paras[i].content = {model::Text{t.substr(0, end)}};
        paras[i].refresh();
        paras.insert(paras.begin() + static_cast<long>(i) + 1, std::move(rest));
        return;
      }
    }
  }

  std::size_t find_formula(const std::vector<Para>& paras) const {
    for (std::size_t i = 0; i < paras.size() && i < 60; ++i) {
      if (auto m = m_lang.leading_marker(paras[i].text); m && !m->item)
        return npos;
      if (looks_like_formula(paras[i]))
        return i;
    }
    return npos;
  }

  // Reads masthead blocks; returns the index of the first block that is not masthead.
  std::size_t read_masthead(std::vector<Para>& paras, std::size_t formula) {
    std::size_t end = formula == npos ? paras.size() : formula;
    std::size_t i = 0;
    for (; i < end; ++i) {
      const Para& p = paras[i];
      bool open = m_masthead.title_open();
      if (m_masthead.feed(p.text)) {
        m_doc.metadata.masthead.push_back(p.text); // as printed, every word kept
        continue;
      }
      if (open && word_count(p.text) <= 30 && !is_terminal(last_significant(p.text))) {
        m_masthead.continue_title(p.text);
        m_doc.metadata.masthead.push_back(p.text);
        continue;
      }
      if (formula == npos)
        break; // No formula: the body starts here.
      // Text before the formula that is no masthead field ("Whereas ..." in older texts):
      // kept, and placed at the head of the body.
      m_sink.warning("recognize.before-formula",
                     "text before the formula placed at the start of the body: \"" + p.text.substr(0, 60) +
                         "\"",
                     where(p));
      m_before_formula.push_back(paras[i]);
    }
    return i;
  }

  void drop_running_headers(std::vector<Para>& paras, std::size_t from) {
    const auto& m = m_doc.metadata;
    std::vector<Para> kept(
        std::make_move_iterator(paras.begin()),
        std::make_move_iterator(paras.begin() + static_cast<long>(std::min(from, paras.size()))));
    for (std::size_t i = kept.size(); i < paras.size(); ++i) {
      const Para& p = paras[i];
      // An annex often repeats the resolution's title under its heading: that is its title.
      bool after_annex_heading = !kept.empty() && annex_heading(kept.back().text);
      bool header = !p.num && !after_annex_heading &&
                    ((m.title && p.text == *m.title) ||
                     (m.symbol && (p.text == *m.symbol || p.text == *m.symbol + "*")));
      if (!header)
        kept.push_back(std::move(paras[i]));
    }
    paras = std::move(kept);
  }

  // "Annex", "Annex II", "ANNEX 1 - Title", "Annex Title of the declaration": the length of
  // the heading proper, and where the title starts (npos when the block has none).
  struct AnnexHeading {
    std::size_t heading_end = 0;
    std::size_t title_begin = std::string_view::npos;
  };

  std::optional<AnnexHeading> annex_heading(std::string_view t) const {
    for (auto role : {Phrase::annex, Phrase::appendix}) {
      std::string_view word = m_lang.phrase(role);
      if (word.empty() || !starts_with_ci(t, word) || (t.size() > word.size() && t[word.size()] != ' '))
        continue;
      std::size_t n = word_count(t);
      if (n > 40 || is_terminal(last_significant(t)))
        return std::nullopt;
      // "ANNEX 1 - Title" set as one block.
      for (std::string_view dash : {" - ", " \xE2\x80\x93 "})
        if (auto at = t.find(dash); at != std::string_view::npos)
          return AnnexHeading{t.size(), at + dash.size()};
      AnnexHeading h{word.size(), std::string_view::npos};
      auto ws = words(t, 3);
      // An annex number: a Roman numeral, a letter or one or two digits.
      if (ws.size() >= 2) {
        std::string_view num = ws[1];
        bool numeral = (is_roman(num) && starts_upper(num)) || (num.size() == 1 && starts_upper(num)) ||
                       (num.size() <= 2 && std::all_of(num.begin(), num.end(), is_digit));
        if (numeral)
          h.heading_end = static_cast<std::size_t>(num.data() + num.size() - t.data());
      }
      if (h.heading_end < t.size())
        h.title_begin = h.heading_end + 1;
      return h;
    }
    return std::nullopt;
  }

  // ---------- body ----------

  bool is_heading(const Para& p) const {
    if (p.num)
      return false;
    std::size_t n = word_count(p.text);
    if (n == 1) {
      std::string_view bare = p.text;
      if (bare.back() == '.')
        bare.remove_suffix(1);
      if ((is_roman(bare) && starts_upper(bare)) || (bare.size() == 1 && starts_upper(bare)))
        return true;
    }
    if (n == 0 || is_terminal(last_significant(p.text)))
      return false;
    if (n > 12 && !(n <= max_numbered_heading_words && roman_title(p.text)))
      return false;
    if (m_lang.lead_words(p.text).kind != LeadKind::none)
      return false;
    auto first = words(p.text, 1)[0];
    std::string_view bare = first;
    if (!bare.empty() && bare.back() == '.')
      bare.remove_suffix(1);
    if (is_roman(bare) && bare[0] >= 'A' && bare[0] <= 'Z')
      return true;
    if (bare.size() == 1 && bare[0] >= 'A' && bare[0] <= 'Z' && first.size() == 2)
      return true;
    bool has_lower = std::any_of(p.text.begin(), p.text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    return !has_lower || p.bold || p.centered;
  }

  // A section heading printed as one block: an upper-case Roman numeral standing alone as
  // the first word, then a capitalised title ("III Request for a subvention to the ...").
  static bool roman_title(std::string_view t) {
    auto ws = words(t, 2);
    return ws.size() == 2 && is_roman(ws[0]) &&
           std::all_of(ws[0].begin(), ws[0].end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
           (starts_upper(ws[1]) || uncased_start(ws[1]));
  }

  // A Roman-numbered title wraps over up to four lines: up to this many words.
  static constexpr std::size_t max_numbered_heading_words = 45;

  // The last significant character, looking through a footnote call printed as a plain
  // number after punctuation ("Cameroun, 16").
  static char final_punctuation(std::string_view t) {
    std::size_t e = t.size();
    while (e > 0 && is_digit(t[e - 1]))
      --e;
    if (e < t.size() && t.size() - e <= 3 && e > 0) {
      std::string_view before = t.substr(0, e);
      if (before.back() == ' ')
        before.remove_suffix(1);
      char c = last_significant(before);
      if (is_terminal(c))
        return c;
    }
    return last_significant(t);
  }

  // A paragraph whose first words are italic: lead words are printed so in every language,
  // also where they start lowercase (Russian "*ссылаясь* на ...").
  static bool starts_with_emphasis(const Para& p) {
    return !p.content.empty() && std::holds_alternative<model::Emphasis>(p.content.front().value);
  }

  bool is_continuation(const Para& prev, const Para& cur) const {
    if (cur.num || m_lang.leading_marker(cur.text))
      return false;
    // A capitalised lead word starts a paragraph of its own.
    if ((starts_upper(cur.text) || uncased_start(cur.text) || starts_with_emphasis(cur)) &&
        m_lang.lead_words(cur.text).kind != LeadKind::none)
      return false;
    char c = final_punctuation(prev.text);
    if (starts_lower(cur.text) && c != '.' && c != ';' && c != ':')
      return true;
    return !is_terminal(c) && word_count(prev.text) >= 8 && !is_heading(prev) && !is_heading(cur);
  }

  static void append(Para& into, Para&& more) {
    model::append_text(into.content, " ");
    into.content.insert(into.content.end(), std::make_move_iterator(more.content.begin()),
                        std::make_move_iterator(more.content.end()));
    into.refresh();
  }

  Paragraph make_paragraph(Para&& p, std::optional<std::string> num, std::size_t strip) const {
    Paragraph out;
    out.content = std::move(p.content);
    drop_prefix(out.content, strip);
    model::normalize_trimmed(out.content);
    out.num = std::move(num);
    if (p.page > 0 && p.box)
      out.provenance = model::Provenance{p.page, *p.box};
    return out;
  }

  static int roman_value(std::string_view r) {
    int total = 0, previous = 0;
    for (auto it = r.rbegin(); it != r.rend(); ++it) {
      char c = static_cast<char>(std::tolower(static_cast<unsigned char>(*it)));
      int v = c == 'i' ? 1 : c == 'v' ? 5 : c == 'x' ? 10 : c == 'l' ? 50 : c == 'c' ? 100 : 0;
      total += v < previous ? -v : v;
      previous = std::max(previous, v);
    }
    return total;
  }

  // Item styles: 'a' (a), 'i' (i), 'A' (A), '1' (1). "(i)", "(v)", "(x)", "(c)" are
  // letters or Roman numerals; the open levels decide: the one they continue wins.
  static char item_style(const std::string& num, const std::vector<char>& styles,
                         const std::vector<std::string>& last_nums) {
    std::string inner(item_inner(num));
    if (inner.empty())
      return 'a';
    if (is_digit(inner[0]))
      return '1';
    if (inner[0] >= 'A' && inner[0] <= 'Z')
      return 'A';
    if (!is_roman(inner))
      return 'a';
    for (std::size_t d = styles.size(); d-- > 0;) {
      std::string last(item_inner(last_nums[d]));
      if (styles[d] == 'i' && roman_value(inner) == roman_value(last) + 1)
        return 'i';
      if (styles[d] == 'a' && inner.size() == 1 && last.size() == 1 && last[0] + 1 == inner[0])
        return 'a';
    }
    return inner.size() == 1 && inner != "i" ? 'a' : 'i';
  }

  void classify(std::vector<Para> paras, Section& out) const {
    // Join blocks that continue a paragraph (page breaks, footnotes in between).
    std::vector<Para> joined;
    for (auto& p : paras) {
      if (!joined.empty() && is_continuation(joined.back(), p))
        append(joined.back(), std::move(p));
      else
        joined.push_back(std::move(p));
    }
    if (!joined.empty() && !out.formula && looks_like_formula(joined.front())) {
      out.formula = joined.front().text;
      joined.erase(joined.begin());
    }

    bool operative_phase = false;
    // Item nesting: styles of the open levels under the current paragraph.
    std::vector<char> styles;
    std::vector<std::string> last_nums;
    auto current_list = [&]() -> std::vector<Paragraph>& {
      return operative_phase ? out.operative : out.preamble;
    };
    auto item_parent_list = [&](std::size_t depth) -> std::vector<Paragraph>* {
      std::vector<Paragraph>* list = &current_list();
      for (std::size_t d = 0; d < depth; ++d) {
        if (list->empty())
          return nullptr;
        list = &list->back().items;
      }
      return list;
    };
    auto ends_with_colon = [](const std::vector<Paragraph>& list) {
      if (list.empty())
        return false;
      const Paragraph* p = &list.back();
      while (!p->items.empty())
        p = &p->items.back();
      return last_significant(model::plain_text(p->content)) == ':';
    };

    for (auto& p : joined) {
      std::optional<Marker> marker =
          p.num ? std::optional<Marker>(Marker{p.num->front() == '(' || p.num->back() == ')', *p.num, 0, 0, 0,
                                               std::string(item_inner(*p.num))})
                : m_lang.leading_marker(p.text);
      if (marker && !marker->item) {
        if (!operative_phase) {
          operative_phase = true;
          // Headings just before the first operative paragraph belong to the operative part.
          while (!out.preamble.empty() && out.preamble.back().kind == Paragraph::Kind::heading) {
            out.operative.insert(out.operative.begin(), std::move(out.preamble.back()));
            out.preamble.pop_back();
          }
        }
        out.operative.push_back(make_paragraph(std::move(p), marker->num, marker->length));
        styles.clear();
        last_nums.clear();
        continue;
      }
      if (marker && marker->item && !current_list().empty() &&
          current_list().back().kind == Paragraph::Kind::paragraph) {
        // A label of another script ("(أ)", "㈠") has the style its language gives it;
        // Latin labels are told apart ("(i)" a letter or a numeral) by the labels before them.
        bool ascii_label = std::all_of(marker->inner.begin(), marker->inner.end(),
                                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
        char style =
            marker->style != 0 && !ascii_label ? marker->style : item_style(marker->num, styles, last_nums);
        auto level = std::find(styles.begin(), styles.end(), style);
        std::size_t depth;
        if (level != styles.end()) {
          depth = static_cast<std::size_t>(level - styles.begin());
          styles.resize(depth + 1);
          last_nums.resize(depth + 1);
        } else {
          depth = styles.size();
          styles.push_back(style);
          last_nums.emplace_back();
        }
        last_nums[depth] = marker->num;
        std::vector<Paragraph>* parent = item_parent_list(depth + 1);
        if (parent == nullptr)
          parent = &current_list().back().items;
        parent->push_back(make_paragraph(std::move(p), marker->num, marker->length));
        continue;
      }
      if (marker && marker->item) {
        // An item with no paragraph to belong to ("The Security Council" / "(a) Resolves
        // ..."): a paragraph of its own, placed by the lead word after its number.
        std::string rest = p.text.substr(std::min(marker->length, p.text.size()));
        if (!operative_phase && m_lang.lead_words(rest).kind == LeadKind::operative)
          operative_phase = true;
        current_list().push_back(make_paragraph(std::move(p), marker->num, marker->length));
        styles.clear();
        last_nums.clear();
        continue;
      }
      // "I" on one line and "Funding" on the next: the second is the first one's text.
      if (!current_list().empty() && current_list().back().kind == Paragraph::Kind::heading &&
          current_list().back().content.empty() && word_count(p.text) <= 12 &&
          !is_terminal(last_significant(p.text)) && m_lang.lead_words(p.text).kind == LeadKind::none) {
        current_list().back().content = std::move(p.content);
        model::normalize_trimmed(current_list().back().content);
        continue;
      }
      if (is_heading(p)) {
        std::optional<std::string> num;
        std::size_t strip = 0;
        auto first = words(p.text, 1)[0];
        std::string_view bare = first;
        if (!bare.empty() && bare.back() == '.')
          bare.remove_suffix(1);
        if ((is_roman(bare) || (bare.size() == 1 && bare[0] >= 'A' && bare[0] <= 'Z')) &&
            (first.size() == bare.size() + 1 || first == p.text || roman_title(p.text))) {
          num = std::string(bare);
          strip = first.size();
        }
        Paragraph h = make_paragraph(std::move(p), num, strip);
        h.kind = Paragraph::Kind::heading;
        current_list().push_back(std::move(h));
        styles.clear();
        last_nums.clear();
        continue;
      }
      language::LeadWords lead = m_lang.lead_words(p.text);
      if (!operative_phase) {
        int score = 0;
        if (lead.kind == LeadKind::operative)
          score += 2;
        if (lead.kind != LeadKind::none && m_lang.is_preambular(lead.word))
          score -= 2;
        char c = final_punctuation(p.text);
        if (c == ',')
          score -= 1;
        else if (c == '.' || c == ';')
          score += 1;
        if (score > 0)
          operative_phase = true;
      } else if (lead.kind != LeadKind::operative && ends_with_colon(out.operative)) {
        // Unlabelled sub-paragraphs after "...:" belong to the paragraph they complete.
        std::vector<Paragraph>* parent = &out.operative.back().items;
        parent->push_back(make_paragraph(std::move(p), std::nullopt, 0));
        continue;
      }
      styles.clear();
      last_nums.clear();
      current_list().push_back(make_paragraph(std::move(p), std::nullopt, 0));
    }
    if (m_opt.deliberation_shapes) {
      nest_quotations(out.operative);
      make_parts(out);
    }
  }

  // ---------- quotations and parts ----------

  static std::optional<long> arabic(const std::optional<std::string>& num) {
    if (!num || num->empty() || num->size() > 4 || !std::all_of(num->begin(), num->end(), is_digit))
      return std::nullopt;
    return std::stol(*num);
  }

  // The paragraph's own text ends "...:" (its items, the quoted ones among them, aside).
  static bool ends_in_colon(const Paragraph& p) {
    return last_significant(model::plain_text(p.content)) == ':';
  }

  static bool opens_with_quote(const Paragraph& p) {
    std::string t = model::plain_text(p.content);
    if (p.num && !t.empty() && (p.num->rfind("\xE2\x80\x9C", 0) == 0 || p.num->front() == '"'))
      return true;
    for (std::string_view q : {"\xE2\x80\x9C", "\"", "\xC2\xAB", "\xE2\x80\x9E", "\xE2\x80\x98"})
      if (t.rfind(q, 0) == 0)
        return true;
    return false;
  }

  // A paragraph that ends "...:" and is followed by what it quotes: paragraphs numbered from
  // 1 again that do not continue its own numbering ("11. Approves the following provisional
  // agenda: 1. Opening ... 7. Adoption of the report", then "12. Decides"), or items that
  // open with a quotation mark ("continues to read as follows: “(a) ..."). They are the
  // quoted text's paragraphs, kept with their numbers in `quoted`.
  static void nest_quotations(std::vector<Paragraph>& list) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      Paragraph& p = list[i];
      if (p.kind != Paragraph::Kind::paragraph)
        continue;
      // Items that are all quoted, after the paragraph's own "...:" (the last of them ends
      // the quotation, not in a colon).
      if (last_significant(model::plain_text(p.content)) == ':' && !p.items.empty() &&
          std::all_of(p.items.begin(), p.items.end(), opens_with_quote) && p.items.front().items.empty()) {
        p.quoted = std::move(p.items);
        p.items.clear();
        continue;
      }
      if (!ends_in_colon(p))
        continue;
      std::optional<long> own = arabic(p.num);
      if (!own || !p.items.empty())
        continue;
      std::size_t j = i + 1;
      long expect = 1;
      while (j < list.size() && list[j].kind == Paragraph::Kind::paragraph && arabic(list[j].num) == expect &&
             expect != *own + 1)
        ++j, ++expect;
      // At least two quoted paragraphs, and the document's numbering resumes after them (or
      // the list ends): a single "1." could be the next paragraph of a restarted part.
      if (expect <= 2 || (j < list.size() && arabic(list[j].num) && arabic(list[j].num) != *own + 1))
        continue;
      p.quoted.assign(std::make_move_iterator(list.begin() + static_cast<long>(i + 1)),
                      std::make_move_iterator(list.begin() + static_cast<long>(j)));
      list.erase(list.begin() + static_cast<long>(i + 1), list.begin() + static_cast<long>(j));
    }
  }

  // Whether an unnumbered paragraph reads as preambular: a preambular lead word, or a
  // clause that ends in a comma.
  bool reads_preambular(const Paragraph& p) const {
    std::string t = model::plain_text(p.content);
    language::LeadWords lead = m_lang.lead_words(t);
    if (lead.kind != LeadKind::none && m_lang.is_preambular(lead.word))
      return true;
    return lead.kind != LeadKind::operative && final_punctuation(t) == ',';
  }

  // Section headings that open paragraphs of their own become parts: a heading followed by a
  // preamble of its own (unnumbered preambular paragraphs before its first numbered one), or
  // one after which the numbering restarts at 1. When one heading of a level opens a part,
  // every heading of that level does (sections I, II, III are alike), and what follows each
  // up to the next is its content; other headings inside stay headings, or become parts of
  // the part by the same rule. Headings whose numbering runs on, with no preamble of their
  // own, stay heading paragraphs.
  void make_parts(Section& out) const {
    // The flat sequence as printed: preamble, then operative.
    struct Item {
      Paragraph p;
      bool preambular;
    };
    std::vector<Item> flat;
    for (auto& p : out.preamble)
      flat.push_back({std::move(p), true});
    for (auto& p : out.operative)
      flat.push_back({std::move(p), false});
    auto restore = [&] {
      out.preamble.clear();
      out.operative.clear();
      for (auto& it : flat)
        (it.preambular ? out.preamble : out.operative).push_back(std::move(it.p));
    };
    auto heading_level = [](const Paragraph& h) {
      if (!h.num)
        return 3;
      return h.num->size() == 1 && (*h.num)[0] >= 'A' && (*h.num)[0] <= 'Z' && !is_roman(*h.num) ? 2 : 1;
    };
    std::vector<std::size_t> heads;
    for (std::size_t i = 0; i < flat.size(); ++i)
      if (flat[i].p.kind == Paragraph::Kind::heading)
        heads.push_back(i);
    if (heads.empty()) {
      restore();
      return;
    }
    // The top level is the highest level any heading has (Roman numerals above letters above
    // unnumbered headings): a stray unnumbered heading before section I does not set it.
    int level = heading_level(flat[heads.front()].p);
    for (std::size_t h : heads)
      level = std::min(level, heading_level(flat[h].p));
    std::vector<std::size_t> tops;
    for (std::size_t h : heads)
      if (heading_level(flat[h].p) == level)
        tops.push_back(h);
    bool numbered_before = false;
    bool opens = false;
    for (std::size_t k = 0; k < tops.size() && !opens; ++k) {
      std::size_t end = k + 1 < tops.size() ? tops[k + 1] : flat.size();
      for (std::size_t i = (k == 0 ? 0 : tops[k - 1]); i < tops[k]; ++i)
        numbered_before = numbered_before || arabic(flat[i].p.num).has_value();
      bool own_preamble = false;
      for (std::size_t i = tops[k] + 1; i < end; ++i) {
        const Paragraph& p = flat[i].p;
        if (p.kind == Paragraph::Kind::heading)
          continue;
        if (arabic(p.num)) {
          if (numbered_before && arabic(p.num) == 1)
            opens = true;
          break;
        }
        if (!p.num && (flat[i].preambular || reads_preambular(p)))
          own_preamble = true;
      }
      opens = opens || own_preamble;
    }
    if (!opens) {
      restore();
      return;
    }
    // Before the first part: the deliberation's own preamble and operative paragraphs.
    out.preamble.clear();
    out.operative.clear();
    for (std::size_t i = 0; i < tops.front(); ++i)
      (flat[i].preambular ? out.preamble : out.operative).push_back(std::move(flat[i].p));
    for (std::size_t k = 0; k < tops.size(); ++k) {
      std::size_t end = k + 1 < tops.size() ? tops[k + 1] : flat.size();
      Paragraph& h = flat[tops[k]].p;
      model::Part part;
      part.num = h.num;
      part.heading = std::move(h.content);
      part.provenance = h.provenance;
      Section inner;
      bool numbered = false;
      for (std::size_t i = tops[k] + 1; i < end; ++i) {
        Paragraph& p = flat[i].p;
        numbered = numbered || arabic(p.num).has_value() || p.kind == Paragraph::Kind::heading;
        bool pre = !numbered && !p.num && (flat[i].preambular || reads_preambular(p));
        (pre ? inner.preamble : inner.operative).push_back(std::move(p));
      }
      // Headings inside the part: parts of the part by the same rule, else headings.
      make_parts_inner(inner);
      part.preamble = std::move(inner.preamble);
      part.operative = std::move(inner.operative);
      part.parts = std::move(inner.parts);
      out.parts.push_back(std::move(part));
    }
  }

  void make_parts_inner(Section& s) const {
    bool any_heading = std::any_of(s.operative.begin(), s.operative.end(),
                                   [](const Paragraph& p) { return p.kind == Paragraph::Kind::heading; });
    if (any_heading)
      make_parts(s);
  }

  // ---------- after the closing line ----------

  static std::optional<std::pair<std::string, std::size_t>> running_footnote(std::string_view t) {
    std::size_t p = 0;
    while (p < t.size() && is_digit(t[p]))
      ++p;
    if (p == 0)
      while (p < t.size() && p < 3 && t[p] == '*')
        ++p;
    if (p == 0 || p > 3 || p + 1 >= t.size() || t[p] != ' ')
      return std::nullopt;
    return std::make_pair(std::string(t.substr(0, p)), p + 1);
  }

  void read_trailing(std::vector<Para>& paras, std::size_t from) {
    std::vector<Para> annex_paras;
    model::Annex* annex = nullptr;
    bool expect_title = false;
    std::size_t last_footnote = npos;
    auto flush_annex = [&] {
      if (annex == nullptr)
        return;
      Section s;
      classify(std::move(annex_paras), s);
      annex_paras.clear();
      annex->formula = s.formula;
      annex->preamble = std::move(s.preamble);
      annex->operative = std::move(s.operative);
      annex->parts = std::move(s.parts);
    };
    for (std::size_t i = from; i < paras.size(); ++i) {
      Para& p = paras[i];
      // Layouts that print the annexes before the closing ("10th plenary meeting" after the
      // last annex): the closing ends the annex.
      if (!m_closing_seen && m_masthead.is_closing(p.text)) {
        flush_annex();
        annex = nullptr;
        m_masthead.feed_closing(p.text);
        m_closing_seen = true;
        continue;
      }
      // The date of the closing on a line of its own under the meeting line.
      if (m_closing_seen && !m_masthead.closing_date() && !m_doc.metadata.adopted && annex == nullptr)
        if (auto date = m_lang.find_date(p.text); date && date->begin == 0 && date->end == p.text.size()) {
          m_doc.metadata.adopted = date->iso;
          continue;
        }
      if (auto h = annex_heading(p.text)) {
        flush_annex();
        m_doc.annexes.emplace_back();
        annex = &m_doc.annexes.back();
        annex->heading = p.text.substr(0, h->heading_end);
        if (h->title_begin != std::string::npos)
          annex->title = p.text.substr(h->title_begin);
        expect_title = !annex->title;
        last_footnote = npos;
        continue;
      }
      // "13 Ibid., ..." or, without an annex to hold numbered paragraphs, "5. Ibid., ...".
      auto fn = running_footnote(p.text);
      if (!fn && annex == nullptr)
        if (auto m = m_lang.leading_marker(p.text); m && !m->item)
          fn = std::make_pair(m->num, m->length);
      if (fn && (annex == nullptr || !m_lang.leading_marker(p.text))) {
        Inlines content = p.content;
        drop_prefix(content, fn->second);
        add_footnote(fn->first, std::move(content), p.line);
        last_footnote = m_doc.footnotes.size() - 1;
        continue;
      }
      if (last_footnote != npos && annex == nullptr) {
        // A footnote's text that runs over several blocks.
        auto& f = m_doc.footnotes[last_footnote];
        model::append_text(f.content, " ");
        f.content.insert(f.content.end(), p.content.begin(), p.content.end());
        continue;
      }
      if (annex != nullptr) {
        if (expect_title && !m_lang.leading_marker(p.text) && word_count(p.text) <= 40 &&
            !is_terminal(last_significant(p.text)) && !looks_like_formula(p)) {
          annex->title = p.text;
          expect_title = false;
          continue;
        }
        expect_title = false;
        annex_paras.push_back(std::move(p));
        continue;
      }
      // Text after the closing line that is neither footnote nor annex: keep it, say so.
      m_sink.warning("recognize.after-closing",
                     "text after the closing line kept as an operative paragraph: \"" + p.text.substr(0, 60) +
                         "\"",
                     where(p));
      m_doc.operative.push_back(make_paragraph(std::move(p), std::nullopt, 0));
    }
    flush_annex();
  }

  // ---------- finishing ----------

  void finish_metadata() {
    model::Metadata& m = m_doc.metadata;
    if (!m.body && m_doc.formula) {
      std::string body = m_masthead.body_from_formula(*m_doc.formula);
      if (!body.empty())
        m.body = body;
    }
    if (!m.adopted && m_masthead.closing_date())
      m.adopted = m_masthead.closing_date();
    m_masthead.infer_symbol();
    m.language = m_lang.code();
  }

  // Every paragraph's content, in document order.
  std::vector<Inlines*> all_contents() {
    std::vector<Inlines*> out;
    std::function<void(std::vector<Paragraph>&)> walk = [&](std::vector<Paragraph>& list) {
      for (auto& p : list) {
        out.push_back(&p.content);
        walk(p.items);
      }
    };
    walk(m_doc.preamble);
    walk(m_doc.operative);
    for (auto& a : m_doc.annexes) {
      walk(a.preamble);
      walk(a.operative);
    }
    return out;
  }

  static void collect_calls(const Inlines& in, std::set<std::string>& calls) {
    for (const auto& i : in) {
      if (auto* f = std::get_if<model::FootnoteRef>(&i.value))
        calls.insert(f->marker);
      else if (auto* e = std::get_if<model::Emphasis>(&i.value))
        collect_calls(e->content, calls);
      else if (auto* s = std::get_if<model::Strong>(&i.value))
        collect_calls(s->content, calls);
    }
  }

  // Sources that lost superscripts print calls as plain numbers: "1953, 6", "Development.2".
  // Only the next one or two uncalled markers are taken, in document order, which keeps
  // ordinary numbers ("paragraphs 3, 4 and 5") out; two, because printed calls are not
  // always in order ("Palestine 5 ... Israel, 4").
  void infer_footnote_calls() {
    std::set<std::string> called;
    auto contents = all_contents();
    for (auto* c : contents)
      collect_calls(*c, called);
    std::vector<std::string> pending;
    for (const auto& f : m_doc.footnotes)
      if (!called.count(f.marker) && !m_marked_calls.count(f.marker) && marker_value(f.marker) > 0)
        pending.push_back(f.marker);
    if (pending.empty())
      return;
    for (auto* c : contents) {
      if (pending.empty())
        break;
      scan_for_calls(*c, pending);
    }
    if (!pending.empty())
      m_sink.note("recognize.footnote-uncalled",
                  std::to_string(pending.size()) + " footnote(s) have no call in the text",
                  {m_opt.source_name});
  }

  static bool is_call_site(const std::string& t, std::size_t b, std::size_t e) {
    auto punct = [](char c) {
      return c == ',' || c == '.' || c == ';' || c == ':' || c == ')' || c == '"' || c == '\'';
    };
    auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (e < t.size() &&
        !(t[e] == ' ' || t[e] == ',' || t[e] == ';' || t[e] == '.' || t[e] == ':' || t[e] == ')'))
      return false;
    if (e + 1 < t.size() && t[e] == '.' && is_digit(t[e + 1]))
      return false;
    if (e + 1 < t.size() && t[e] == ' ' && (t[e + 1] == '(' || is_digit(t[e + 1])))
      return false;
    if (b == 0)
      return false;
    char before = t[b - 1];
    bool quote_before =
        b >= 3 && (t.compare(b - 3, 3, "\xE2\x80\x9D") == 0 || t.compare(b - 3, 3, "\xE2\x80\x99") == 0);
    // "1979,1" is a call; "3.5" is a number.
    if (punct(before) || quote_before)
      return before != '.' || b < 2 || !is_digit(t[b - 2]);
    if (letter(before))
      return true;
    if (before == ' ' && b >= 2) {
      char c = t[b - 2];
      bool q2 =
          b >= 4 && (t.compare(b - 4, 3, "\xE2\x80\x9D") == 0 || t.compare(b - 4, 3, "\xE2\x80\x99") == 0);
      if (punct(c) || q2)
        return b < 3 || !is_digit(t[b - 3]);
      // "Development 1 and": a letter, a space, the marker, then a lowercase word or the end.
      if (letter(c))
        return e == t.size() || (e + 1 < t.size() && t[e] == ' ' && t[e + 1] >= 'a' && t[e + 1] <= 'z') ||
               punct(t[e]);
    }
    return false;
  }

  static int marker_value(const std::string& m) {
    return m.size() <= 4 && std::all_of(m.begin(), m.end(), is_digit) && !m.empty() ? std::stoi(m) : -1;
  }

  void scan_for_calls(Inlines& content, std::vector<std::string>& pending) {
    Inlines out;
    for (auto& in : content) {
      // A call the source marked: markers are numbered in order, so the plain numbers
      // still pending before it are not coming.
      if (auto* ref = std::get_if<model::FootnoteRef>(&in.value)) {
        int value = marker_value(ref->marker);
        while (!pending.empty() && value > 0 && marker_value(pending.front()) < value)
          pending.erase(pending.begin());
      }
      auto* text = std::get_if<model::Text>(&in.value);
      if (text == nullptr || pending.empty()) {
        out.push_back(std::move(in));
        continue;
      }
      std::string t = std::move(text->text);
      std::size_t pos = 0, i = 0;
      while (i < t.size() && !pending.empty()) {
        if (!is_digit(t[i]) || (i > 0 && is_digit(t[i - 1]))) {
          ++i;
          continue;
        }
        std::size_t e = i;
        while (e < t.size() && is_digit(t[e]))
          ++e;
        for (std::size_t k = 0; k < std::min<std::size_t>(2, pending.size()); ++k) {
          const std::string want = pending[k];
          std::size_t b = i;
          // "of 20172 and": a year with the call glued to it.
          if (e - i == 4 + want.size() && (t.compare(i, 2, "19") == 0 || t.compare(i, 2, "20") == 0) &&
              t.compare(i + 4, want.size(), want) == 0 && e < t.size() && !is_digit(t[e]))
            b = i + 4;
          if (e - b != want.size() || t.compare(b, want.size(), want) != 0 ||
              !(b > i || is_call_site(t, b, e)))
            continue;
          std::size_t cut = (b == i && b > 0 && t[b - 1] == ' ') ? b - 1 : b;
          if (cut > pos)
            out.push_back(model::Text{t.substr(pos, cut - pos)});
          out.push_back(model::FootnoteRef{want});
          pending.erase(pending.begin() + static_cast<long>(k));
          pos = e;
          break;
        }
        i = e;
      }
      if (pos < t.size())
        out.push_back(model::Text{t.substr(pos)});
    }
    content = std::move(out);
  }

  void link_all_references() {
    for (auto* c : all_contents())
      link_references(*c, m_lang);
    for (auto& f : m_doc.footnotes)
      link_references(f.content, m_lang);
  }

  const RecognizeOptions& m_opt;
  const LanguageData& m_lang;
  DiagnosticSink& m_sink;
  model::Document m_doc;
  MastheadParser m_masthead;
  std::set<std::string> m_marked_calls; // Footnotes whose calls the source marks itself.
  std::vector<Para> m_before_formula;   // Unplaced text found before the formula.
  bool m_closing_seen = false;          // The closing line was read.
};

const LanguageData& choose_language(const std::vector<Block>& blocks, const RecognizeOptions& options,
                                    const std::vector<LanguageData>& languages, DiagnosticSink& sink) {
  if (languages.empty())
    throw LanguageError("no language data available");
  // The text the language is told by: the blocks but footnotes, up to detect()'s sample.
  std::string sample;
  for (const auto& b : blocks) {
    if (b.footnote)
      continue;
    sample += model::plain_text(b.content);
    sample += '\n';
    if (sample.size() > 20000)
      break;
  }
  language::Detection found = language::detect(sample, languages);
  if (options.language != "auto") {
    // BCP 47 fallback ("fr-CA" -> "fr"), never to another language.
    const LanguageData* chosen = language::Language::find(options.language, languages);
    if (chosen == nullptr) {
      std::string codes;
      for (const auto& l : languages)
        codes += (codes.empty() ? "" : ", ") + l.code();
      throw LanguageError(options.source_name + ": no language data for '" + options.language +
                          "' (installed: " + codes + ")");
    }
    if (found.clear && found.language != chosen && found.language->code() != chosen->code())
      sink.warning("recognize.language-mismatch",
                   "the text reads as '" + found.language->code() + "', not the '" + chosen->code() +
                       "' asked for; recognising it as '" + chosen->code() + "'",
                   {options.source_name});
    return *chosen;
  }
  if (found.language != nullptr)
    return *found.language;
  // No letters at all: the language whose lead words start the most blocks, else the first.
  const LanguageData* best = &languages.front();
  std::size_t best_hits = 0;
  for (const auto& l : languages) {
    std::size_t hits = 0;
    for (const auto& b : blocks)
      if (!b.footnote &&
          l.lead_words(model::collapse_space(model::plain_text(b.content))).kind != LeadKind::none)
        ++hits;
    if (hits > best_hits) {
      best = &l;
      best_hits = hits;
    }
  }
  return *best;
}

} // namespace

model::Document recognize(const std::vector<Block>& blocks, const RecognizeOptions& options,
                          const std::vector<LanguageData>& languages, DiagnosticSink& sink) {
  const LanguageData& lang = choose_language(blocks, options, languages, sink);
  return Recognizer(options, lang, sink).run(blocks);
}

RecognizeOptions recognize_options(const Options& options, std::string source_name) {
  RecognizeOptions settings;
  settings.source_name = std::move(source_name);
  settings.language = options.has("language") ? options.get_string("language") : "auto";
  settings.link_references = !options.has("link-references") || options.get_bool("link-references");
  settings.infer_plain_footnote_calls =
      !options.has("infer-footnote-calls") || options.get_bool("infer-footnote-calls");
  settings.deliberation_shapes = options.has("shapes") && options.get_bool("shapes");
  if (settings.language != "auto") {
    try {
      language::Language::for_code(settings.language);
    } catch (const language::LanguageError& e) {
      throw ConversionError("language.unknown", e.what());
    }
  }
  return settings;
}

model::Document recognize(const std::vector<Block>& blocks, const RecognizeOptions& options,
                          DiagnosticSink& sink) {
  return recognize(blocks, options, LanguageData::installed(), sink);
}

} // namespace resconv::recognize
