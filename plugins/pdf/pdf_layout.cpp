// Layout analysis: words -> visual lines -> segments (line parts separated by wide gaps) ->
// kinds (furniture, footnote rule, footnote, body) -> blocks. Every threshold is relative
// to the font size or to the document's own measurements, not to one document's numbers.
#include "pdf_layout.hpp"
#include "pdf_thresholds.hpp"

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/recognize/cues.hpp>
#include <resconv/sdk/recognize/hyphenation.hpp>
#include <resconv/sdk/language/language.hpp>
#include <resconv/sdk/language/text.hpp>

#include <unicode/ubidi.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cmath>
#include <map>
#include <optional>
#include <set>

namespace resconv::pdf {

bool is_italic_font(std::string_view font) {
  return font.find("Italic") != std::string_view::npos || font.find("Oblique") != std::string_view::npos ||
         font.find("italic") != std::string_view::npos;
}

bool is_bold_font(std::string_view font) {
  for (auto w : {"Bold", "bold", "Black", "Heavy", "Semibold", "SemiBold", "Demi"})
    if (font.find(w) != std::string_view::npos)
      return true;
  return false;
}

namespace {

using namespace threshold;

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct Token {
  std::string text;
  bool italic = false;
  bool bold = false;
  bool marker = false; // a superscript footnote call
  bool space_before = false;
};

enum class Kind { body, furniture, rule, footnote };

struct Style {
  bool bold = false, italic = false;
};

// The style of each font, judged once from its name (a document uses a few fonts, and
// its words view the same stored names).
class FontStyles {
public:
  Style of(std::string_view font) {
    for (const auto& [name, style] : m_known)
      if (name == font)
        return style;
    Style style{is_bold_font(font), is_italic_font(font)};
    m_known.emplace_back(font, style);
    return style;
  }

private:
  std::vector<std::pair<std::string_view, Style>> m_known;
};

struct Segment {
  std::vector<Word> words; // by x
  std::vector<bool> markers;
  std::vector<Style> styles; // of each word's font
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double size = 0;
  double baseline = 0;
  bool bold = false, italic = false;
  int page = 0;
  std::string text;
  bool rtl = false; ///< A right-to-left line (Arabic): its indent is measured from the right.
  Kind kind = Kind::body;
  std::string why; // for the layout report
};

// Dominant size: the one carried by the most characters (a line has a few sizes).
double dominant_size(const std::vector<Word>& words) {
  std::vector<std::pair<double, std::size_t>> chars;
  for (const auto& w : words) {
    double size = std::round(w.size * 10) / 10;
    auto it = std::find_if(chars.begin(), chars.end(), [&](const auto& c) { return c.first == size; });
    if (it == chars.end())
      chars.emplace_back(size, w.text.size());
    else
      it->second += w.text.size();
  }
  // The smallest size wins a tie, as when counted in size order.
  std::sort(chars.begin(), chars.end());
  double best = 0;
  std::size_t most = 0;
  for (const auto& [size, n] : chars)
    if (n > most) {
      most = n;
      best = size;
    }
  return best;
}

// Words into visual lines: a word joins the line it overlaps most vertically (superscripts
// overlap the line they are raised in).
// (Indices are sorted and grouped; each word is moved once, into its line.)
std::vector<std::vector<Word>> visual_lines(std::vector<Word> words) {
  std::vector<std::size_t> order(words.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return (words[a].y0 + words[a].y1) < (words[b].y0 + words[b].y1);
  });
  struct Open {
    std::vector<std::size_t> words;
    double y0, y1;
  };
  // Two words of one line never stand on the same spot at different heights: a word
  // covering most of one already in the line, its middle a fifth of a line higher or lower,
  // belongs to the line above or below, whose tall glyphs (Arabic Naskh's ascenders and
  // descenders) overlap this one. (Glyphs of one line may overlap at the same height:
  // underscores of a rule, kerned pairs.)
  auto collides = [&](const Word& w, const std::vector<std::size_t>& in) {
    for (std::size_t j : in) {
      const Word& o = words[j];
      double common = std::min(w.x1, o.x1) - std::max(w.x0, o.x0);
      double apart = std::abs((w.y0 + w.y1) - (o.y0 + o.y1)) / 2;
      if (common > kCollideCover * std::min(w.x1 - w.x0, o.x1 - o.x0) && common > kSamePlace &&
          apart > kCollideApart * std::min(w.y1 - w.y0, o.y1 - o.y0))
        return true;
    }
    return false;
  };
  std::vector<Open> lines;
  for (std::size_t i : order) {
    const Word& w = words[i];
    double h = w.y1 - w.y0;
    Open* best = nullptr;
    double best_overlap = 0;
    for (std::size_t k = lines.size() > 4 ? lines.size() - 4 : 0; k < lines.size(); ++k) {
      double overlap = std::min(w.y1, lines[k].y1) - std::max(w.y0, lines[k].y0);
      double need = kLineOverlap * std::min(h, lines[k].y1 - lines[k].y0);
      if (overlap >= need && overlap > best_overlap && !collides(w, lines[k].words)) {
        best = &lines[k];
        best_overlap = overlap;
      }
    }
    if (best == nullptr) {
      lines.push_back({{i}, w.y0, w.y1});
      continue;
    }
    // The line's extent follows its full-size words only.
    if (h >= kFullSizeWord * (best->y1 - best->y0)) {
      best->y0 = std::min(best->y0, w.y0);
      best->y1 = std::max(best->y1, w.y1);
    }
    best->words.push_back(i);
  }
  std::vector<std::vector<Word>> out;
  out.reserve(lines.size());
  for (auto& l : lines) {
    std::stable_sort(l.words.begin(), l.words.end(),
                     [&](std::size_t a, std::size_t b) { return words[a].x0 < words[b].x0; });
    std::vector<Word> line;
    line.reserve(l.words.size());
    for (std::size_t i : l.words)
      line.push_back(std::move(words[i]));
    out.push_back(std::move(line));
  }
  return out;
}

// The space between two words of a line, whichever side of the other the second stands.
double gap_between(const Word& a, const Word& b) {
  return std::max(b.x0 - a.x1, a.x0 - b.x1);
}

// Text run backwards through Unicode's bidi algorithm (UAX #9 as ICU implements it): from
// the order it is displayed in, left to right, to the order it is read in, for a
// right-to-left paragraph. Arabic runs are reversed, digit and Latin runs kept as they
// are, combining marks kept after their letters. Brackets are not mirrored: a PDF's text
// layer names the character ("(" where a ")" shape is drawn), not the shape.
class InverseBidi {
public:
  InverseBidi() : m_bidi(ubidi_open()) {
    if (m_bidi != nullptr)
      // Numbers as left-to-right runs: a symbol or a date inside Arabic ("A/99/310",
      // "2045") is displayed as it is written.
      ubidi_setReorderingMode(m_bidi, UBIDI_REORDER_INVERSE_NUMBERS_AS_L);
  }
  ~InverseBidi() {
    if (m_bidi != nullptr)
      ubidi_close(m_bidi);
  }
  InverseBidi(const InverseBidi&) = delete;
  InverseBidi& operator=(const InverseBidi&) = delete;

  /// Where each UTF-16 unit of `visual` goes in reading order; empty on failure.
  std::vector<int32_t> logical_map(const icu::UnicodeString& visual) {
    UErrorCode status = U_ZERO_ERROR;
    if (m_bidi == nullptr || visual.isEmpty())
      return {};
    ubidi_setPara(m_bidi, visual.getBuffer(), visual.length(), UBIDI_RTL, nullptr, &status);
    std::vector<int32_t> map(static_cast<std::size_t>(visual.length()));
    ubidi_getLogicalMap(m_bidi, map.data(), &status);
    return U_SUCCESS(status) ? map : std::vector<int32_t>{};
  }
  /// `visual` (UTF-8) in reading order, or as it is on failure.
  std::string logical(const std::string& visual) {
    icu::UnicodeString in = icu::UnicodeString::fromUTF8(visual);
    UErrorCode status = U_ZERO_ERROR;
    if (m_bidi == nullptr || in.isEmpty())
      return visual;
    ubidi_setPara(m_bidi, in.getBuffer(), in.length(), UBIDI_RTL, nullptr, &status);
    icu::UnicodeString out;
    // Reordering never makes text longer than this (no marks are inserted).
    int32_t capacity = in.length() * 2 + 4;
    UChar* buffer = out.getBuffer(capacity);
    int32_t n = ubidi_writeReordered(m_bidi, buffer, capacity, UBIDI_KEEP_BASE_COMBINING, &status);
    out.releaseBuffer(U_SUCCESS(status) ? n : 0);
    if (U_FAILURE(status))
      return visual;
    std::string text;
    out.toUTF8String(text);
    return text;
  }

private:
  UBiDi* m_bidi;
};

// The words of a right-to-left line in reading order. Poppler gives a line's words as they
// are displayed, left to right, each with its characters from left to right (the order
// Cairo, Word and others draw glyphs in): a line of Arabic would read backwards.
void to_reading_order(std::vector<Word>& words) {
  // A glyph that stands for several characters (the ligature lam-alef, "لأ") comes as
  // words at the same place, the first as wide as the glyph and the others of no width,
  // in reading order: one glyph, so one word, its text turned to display order like the
  // rest of the line.
  std::vector<Word> glyphs;
  for (auto& w : words) {
    if (!glyphs.empty() && w.x1 - w.x0 < kSamePlace && std::abs(w.x0 - glyphs.back().x0) < kSamePlace) {
      glyphs.back().text = w.text + glyphs.back().text;
      continue;
    }
    glyphs.push_back(std::move(w));
  }
  words = std::move(glyphs);
  InverseBidi bidi;
  icu::UnicodeString line;
  std::vector<std::size_t> word_of; // the word of each UTF-16 unit
  constexpr std::size_t kSpace = SIZE_MAX;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) {
      line += u' ';
      word_of.push_back(kSpace);
    }
    icu::UnicodeString w = icu::UnicodeString::fromUTF8(words[i].text);
    line += w;
    word_of.insert(word_of.end(), static_cast<std::size_t>(w.length()), i);
  }
  std::vector<int32_t> map = bidi.logical_map(line);
  if (map.size() != word_of.size())
    return;
  std::vector<int32_t> place(words.size(), INT32_MAX);
  for (std::size_t k = 0; k < map.size(); ++k)
    if (word_of[k] != kSpace)
      place[word_of[k]] = std::min(place[word_of[k]], map[k]);
  std::vector<std::size_t> order(words.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return place[a] < place[b]; });
  // Each word's text as the whole line reads: a word alone would take the paragraph's
  // direction at its ends ("A/" read alone is "/A"). The line's words are separated by
  // spaces, which reorder as units; when they do not give one piece per word, each word is
  // read alone.
  std::string visual;
  for (std::size_t i = 0; i < words.size(); ++i)
    visual += (i > 0 ? " " : "") + words[i].text;
  std::vector<std::string> pieces;
  std::string reading = bidi.logical(visual);
  for (std::size_t at = 0; at <= reading.size();) {
    std::size_t next = std::min(reading.find(' ', at), reading.size());
    if (next > at)
      pieces.push_back(reading.substr(at, next - at));
    at = next + 1;
  }
  bool whole = pieces.size() == words.size();
  std::vector<Word> out;
  out.reserve(words.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    out.push_back(std::move(words[order[k]]));
    out.back().text = whole ? std::move(pieces[k]) : bidi.logical(out.back().text);
  }
  words = std::move(out);
}

Segment make_segment(std::vector<Word> words, int page, FontStyles& fonts, bool page_rtl) {
  Segment s;
  s.page = page;
  s.words = std::move(words);
  s.size = dominant_size(s.words);
  s.x0 = s.words.front().x0;
  s.x1 = s.words.back().x1;
  {
    std::string visual;
    for (const auto& w : s.words)
      visual += w.text + " ";
    // Most letters decide: the first strong character of a line in display order is the
    // last one read in a right-to-left line.
    // On a page written right to left, a line without Arabic (a footnote "¹ A/98/227.")
    // is still a right-to-left paragraph: its Latin run keeps its order, and the marker at
    // its right end is read first.
    s.rtl = page_rtl || language::dominant_script(visual) == language::Script::arabic;
  }
  if (s.rtl) {
    to_reading_order(s.words);
    // A footnote's marker printed at the right end of a right-to-left line is read first,
    // also where the line's text is a left-to-right run ("¹ A/98/227." in an Arabic
    // document), which the bidi algorithm keeps the marker's digits with.
    auto rightmost = std::max_element(s.words.begin(), s.words.end(),
                                      [](const Word& a, const Word& b) { return a.x1 < b.x1; });
    if (rightmost != s.words.begin() && rightmost->size < kCallSize * s.size && all_digits(rightmost->text)) {
      Word marker = std::move(*rightmost);
      s.words.erase(rightmost);
      s.words.insert(s.words.begin(), std::move(marker));
    }
  }
  s.y0 = 1e9;
  s.y1 = -1e9;
  double base_sum = 0;
  int base_n = 0;
  for (const auto& w : s.words)
    if (w.size >= kBaselineWord * s.size) {
      s.y0 = std::min(s.y0, w.y0);
      s.y1 = std::max(s.y1, w.y1);
      base_sum += w.y1;
      ++base_n;
    }
  s.baseline = base_n ? base_sum / base_n : s.words.front().y1;
  // Superscript footnote calls: smaller, raised, a number (or an asterisk).
  s.markers.resize(s.words.size());
  s.styles.reserve(s.words.size());
  bool bold = true, italic = true;
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    const Word& w = s.words[i];
    Style style = fonts.of(w.font);
    if (w.slanted)
      style.italic = true;
    s.styles.push_back(style);
    bool small = w.size < kCallSize * s.size;
    bool raised = w.y1 < s.baseline - kCallRaise * s.size;
    s.markers[i] = small && raised && (all_digits(w.text) || w.text == "*" || w.text == "**");
    if (!s.markers[i]) {
      bold = bold && s.styles[i].bold;
      italic = italic && s.styles[i].italic;
    }
  }
  s.bold = bold;
  s.italic = italic;
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    if (i > 0)
      s.text += ' ';
    s.text += s.words[i].text;
  }
  return s;
}

// Splits a visual line where a gap is wider than four font sizes (masthead columns).
std::vector<Segment> segments(std::vector<Word>&& line, int page, FontStyles& fonts, bool page_rtl) {
  std::vector<Segment> out;
  std::vector<Word> current;
  for (auto& w : line) {
    if (!current.empty()) {
      double size = std::max(current.back().size, w.size);
      if (w.x0 - current.back().x1 > kSegmentGap * size) {
        out.push_back(make_segment(std::move(current), page, fonts, page_rtl));
        current.clear();
      }
    }
    current.push_back(std::move(w));
  }
  if (!current.empty())
    out.push_back(make_segment(std::move(current), page, fonts, page_rtl));
  return out;
}

// Tokens of a segment, with spaces decided from the glyph boxes: a gap much narrower than
// the line's ordinary word space is a justification glitch inside a word ("Amer ica").
std::vector<Token> tokens(const Segment& s) {
  std::vector<double> gaps;
  for (std::size_t i = 1; i < s.words.size(); ++i)
    if (!s.markers[i] && !s.markers[i - 1])
      gaps.push_back(gap_between(s.words[i - 1], s.words[i]));
  double median = 0;
  if (!gaps.empty()) {
    std::vector<double> sorted = gaps;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<long>(sorted.size() / 2), sorted.end());
    median = sorted[sorted.size() / 2];
  }
  // Never less than a tenth of the size: "A" + "/RES/73/7" set in two sizes touch.
  double threshold =
      std::max(kJoinMinSize * s.size, std::min(kJoinMaxSize * s.size, median > 0 ? kJoinMedianShare * median
                                                                                 : kJoinMaxSize * s.size));
  std::vector<Token> out;
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    const Word& w = s.words[i];
    Token t;
    t.text = w.text;
    t.marker = s.markers[i];
    t.italic = !t.marker && s.styles[i].italic;
    t.bold = !t.marker && s.styles[i].bold;
    if (i > 0 && !t.marker) {
      double gap = gap_between(s.words[i - 1], w);
      // Justified CJK lines spread their characters: a gap between two of them is no space
      // (one after a number, "1." before "注意到", still is).
      bool between_cjk = language::is_cjk(language::last_code_point(s.words[i - 1].text)) &&
                         language::is_cjk(language::first_code_point(w.text));
      t.space_before = gap > threshold && !between_cjk;
    }
    // Boxes with no space between them are one word ("post" "-", "Confere" "nce").
    if (!out.empty() && !t.space_before && !t.marker && !out.back().marker && out.back().italic == t.italic &&
        out.back().bold == t.bold) {
      out.back().text += t.text;
      continue;
    }
    out.push_back(std::move(t));
  }
  return out;
}

// Tokens to inlines: italic runs become emphasis, bold runs strong (unless the whole block is
// bold, a heading), markers footnote calls.
model::Inlines to_inlines(const std::vector<Token>& list, bool block_bold) {
  model::Inlines out;
  model::Inlines* run = nullptr;
  int run_style = 0; // 0 plain, 1 italic, 2 bold
  for (const auto& t : list) {
    if (t.marker) {
      out.emplace_back().value = model::FootnoteRef{t.text};
      run = nullptr;
      run_style = 0;
      continue;
    }
    int style = t.italic ? 1 : (t.bold && !block_bold) ? 2 : 0;
    if (t.space_before) {
      if (run != nullptr && style == run_style)
        model::append_text(*run, " ");
      else
        model::append_text(out, " ");
    }
    if (style == 0) {
      model::append_text(out, t.text);
      run = nullptr;
      run_style = 0;
      continue;
    }
    if (run == nullptr || run_style != style) {
      if (style == 1)
        out.push_back(model::Emphasis{});
      else
        out.push_back(model::Strong{});
      run = style == 1 ? &std::get<model::Emphasis>(out.back().value).content
                       : &std::get<model::Strong>(out.back().value).content;
      run_style = style;
    }
    model::append_text(*run, t.text);
  }
  model::normalize_trimmed(out);
  return out;
}

// The installed languages, for their numbering styles; none when the data is missing (the
// recogniser reports that).
const std::vector<language::Language>& known_languages() {
  static const std::vector<language::Language> none;
  try {
    return language::Language::installed();
  } catch (const language::LanguageError&) {
    return none;
  }
}

bool starts_with_marker(std::string_view t) {
  // Any language's numbering ("a)", "(أ)", "1 -"): the layout does not know the language yet.
  return recognize::starts_with_marker(t, known_languages());
}

class Analyser {
public:
  Analyser(const std::vector<Page>& pages, const std::string& file, LayoutReport& report, bool each_line)
      : m_pages(pages), m_file(file), m_report(report), m_each_line(each_line) {
    try {
      for (const auto& lang : language::Language::installed()) {
        if (auto p = lang.phrase(language::Phrase::please_recycle); !p.empty())
          m_recycle.emplace_back(p);
        m_job_suffixes.push_back(lang.job_suffix());
      }
    } catch (const language::LanguageError&) {
    }
  }

  std::vector<recognize::Block> run() {
    for (const auto& page : m_pages) {
      // A page is right to left when most of its letters are Arabic.
      std::string all;
      for (const auto& w : page.words)
        all += w.text;
      bool page_rtl = language::dominant_script(all) == language::Script::arabic;
      for (auto& line : visual_lines(page.words))
        for (auto& s : segments(std::move(line), page.number, m_fonts, page_rtl)) {
          m_evidence.add_text(s.text);
          m_segments.push_back(std::move(s));
        }
    }
    std::stable_sort(m_segments.begin(), m_segments.end(), [](const Segment& a, const Segment& b) {
      return a.page != b.page ? a.page < b.page : (a.y0 != b.y0 ? a.y0 < b.y0 : a.x0 < b.x0);
    });
    measure();
    classify();
    std::vector<recognize::Block> blocks = body_blocks();
    std::vector<recognize::Block> notes = footnote_blocks();
    blocks.insert(blocks.end(), std::make_move_iterator(notes.begin()), std::make_move_iterator(notes.end()));
    return blocks;
  }

private:
  void note(int page, double y, const std::string& message) {
    // The offset carries the vertical position, so a reader can sort by page and place.
    if (m_report.enabled)
      m_report.notes.push_back(
          {Severity::note, "pdf.layout", message, {m_file, page, 0, static_cast<long>(y)}});
  }

  const Page& page(int number) const { return m_pages[static_cast<std::size_t>(number - 1)]; }

  void measure() {
    std::map<double, std::size_t> chars;
    for (const auto& s : m_segments)
      chars[s.size] += s.text.size();
    std::size_t most = 0;
    for (const auto& [size, n] : chars)
      if (n > most) {
        most = n;
        m_body_size = size;
      }
  }

  bool furniture_text(const Segment& s, bool bottom, bool top) const {
    const std::string& t = s.text;
    for (const auto& p : m_recycle)
      if (t == p)
        return true;
    for (const auto& w : s.words)
      if (w.font.find("Barcode") != std::string_view::npos)
        return true;
    // "*1818142*"
    if (t.size() >= 6 && t.front() == '*' && t.back() == '*' &&
        all_digits(std::string_view(t).substr(1, t.size() - 2)))
      return true;
    if (!bottom && !top)
      return false;
    // "2/5"
    auto slash = t.find('/');
    if (slash != std::string::npos && slash > 0 && all_digits(std::string_view(t).substr(0, slash)) &&
        all_digits(std::string_view(t).substr(slash + 1)))
      return true;
    // "18-18142", "18-18142 (E)", "18-18142 (E) 021118", "021118"
    std::string_view v = t;
    if (v.size() >= 8 && all_digits(v.substr(0, 2)) && v[2] == '-' && all_digits(v.substr(3, 5))) {
      if (v.size() == 8)
        return true;
      // The job number's language suffix, of any installed language: "(E)", "(A)", "(C)".
      for (const auto& suffix : m_job_suffixes)
        if (v.substr(8, suffix.size() + 3) == " (" + suffix + ")")
          return true;
      return false;
    }
    if (bottom && v.size() == 6 && all_digits(v))
      return true;
    // "Page 7", "- 7 -", "7": a short line in a margin ending with the page's number.
    auto last_space = v.find_last_of(' ');
    std::string_view last = last_space == std::string_view::npos ? v : v.substr(last_space + 1);
    while (!last.empty() && (last.back() == '-' || last.back() == ' '))
      last.remove_suffix(1);
    if (s.words.size() <= 3 && all_digits(last) && std::stoi(std::string(last.substr(0, 6))) == s.page)
      return true;
    return false;
  }

  // ---------- furniture learned from the document ----------

  // Lines that repeat at the same place on several pages are furniture, whatever their
  // words or layout: running heads ("FCCC/CP/1998/16/Add.1", "English"), page numbers in
  // any form ("Page 71" on the report's page 71, the PDF's page 3), job numbers. Learned
  // per document: lines of the same shape (their text with each run of digits as '#')
  // standing within kLearnedSamePlace points of one another, in the top or bottom margin
  // band, on at least kLearnedMinPages pages and kLearnedPageShare of the pages. Where
  // the number differs between pages it must run with the page (number - page the same on
  // most of them): numbered paragraphs that happen to start at one height do not.
  static std::string shape_of(const std::string& text, std::optional<long>* last_number) {
    std::string out;
    std::string digits;
    for (std::size_t i = 0; i <= text.size(); ++i) {
      char c = i < text.size() ? text[i] : '\0';
      if (c >= '0' && c <= '9') {
        digits += c;
        continue;
      }
      if (!digits.empty()) {
        out += '#';
        if (last_number != nullptr && digits.size() <= 6)
          *last_number = std::stol(digits);
        digits.clear();
      }
      if (c != '\0')
        out += c;
    }
    return out;
  }

  void learn_furniture() {
    struct Member {
      double y;
      int page;
      std::optional<long> number;
      std::size_t index;
    };
    std::map<std::string, std::vector<Member>> by_shape;
    for (std::size_t i = 0; i < m_segments.size(); ++i) {
      const Segment& s = m_segments[i];
      const Page& p = page(s.page);
      bool band = s.y1 < kLearnedTopBand * p.height || s.y0 > kLearnedBottomBand * p.height;
      // A rule of underscores is the footnote rule, found later; never furniture.
      if (!band || s.words.size() > kLearnedMaxWords || s.text.empty() ||
          s.text.find_first_not_of("_ ") == std::string::npos)
        continue;
      std::optional<long> number;
      std::string shape = shape_of(s.text, &number);
      by_shape[shape].push_back({s.y0, s.page, number, i});
    }
    std::size_t needed = std::max<std::size_t>(
        kLearnedMinPages,
        static_cast<std::size_t>(std::ceil(kLearnedPageShare * static_cast<double>(m_pages.size()))));
    for (auto& [shape, members] : by_shape) {
      std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) { return a.y < b.y; });
      // Clusters of members at one height.
      for (std::size_t from = 0; from < members.size();) {
        std::size_t to = from + 1;
        while (to < members.size() && members[to].y - members[to - 1].y <= kLearnedSamePlace)
          ++to;
        std::vector<int> pages;
        std::map<long, std::size_t> offsets;
        std::set<std::string> texts;
        for (std::size_t k = from; k < to; ++k) {
          pages.push_back(members[k].page);
          texts.insert(m_segments[members[k].index].text);
          if (members[k].number)
            ++offsets[*members[k].number - members[k].page];
        }
        std::sort(pages.begin(), pages.end());
        std::size_t distinct =
            static_cast<std::size_t>(std::unique(pages.begin(), pages.end()) - pages.begin());
        std::size_t count = to - from;
        auto most = [](const std::map<long, std::size_t>& m) {
          std::size_t best = 0;
          for (const auto& [value, n] : m)
            best = std::max(best, n);
          return best;
        };
        // The same text on every page, or one number that runs with the page ("Decision
        // 1/CP.4", "Decision 2/CP.4" heading their pages are not: two numbers).
        bool same_text = texts.size() == 1;
        bool one_number = std::count(shape.begin(), shape.end(), '#') == 1;
        bool runs =
            one_number && static_cast<double>(most(offsets)) >= kLearnedPageRun * static_cast<double>(count);
        if (distinct >= needed && (same_text || runs))
          for (std::size_t k = from; k < to; ++k)
            m_learned_furniture.insert(members[k].index);
        from = to;
      }
    }
  }

  void classify() {
    learn_furniture();
    // Running headers repeat at the top of pages 2..n.
    std::map<std::string, int> top_texts;
    for (const auto& s : m_segments)
      if (s.page > 1 && s.y1 < kHeadBand * page(s.page).height)
        ++top_texts[s.text];
    std::map<int, double> rule_y;
    for (std::size_t i = 0; i < m_segments.size(); ++i) {
      Segment& s = m_segments[i];
      const Page& p = page(s.page);
      bool bottom = s.y0 > kFootBand * p.height;
      bool top = s.y1 < kHeadBand * p.height;
      if (furniture_text(s, bottom, top)) {
        s.kind = Kind::furniture;
        s.why = "page furniture";
      } else if (top && s.page > 1 &&
                 (s.size < m_body_size - kSmallerThanBody || s.bold || top_texts[s.text] > 1)) {
        s.kind = Kind::furniture;
        s.why = "running header";
      } else if (m_learned_furniture.count(i)) {
        s.kind = Kind::furniture;
        s.why = "repeated at this place on other pages";
      } else if (s.text.size() >= 5 && s.text.find_first_not_of("_ ") == std::string::npos &&
                 s.text.front() == '_') {
        s.kind = Kind::rule;
        s.why = "footnote rule";
        if (!rule_y.count(s.page))
          rule_y[s.page] = s.y1;
      }
      if (s.kind != Kind::body)
        note(s.page, s.y0, s.why + ": \"" + s.text + "\"");
    }
    // Below a footnote rule: footnotes. (Furniture already taken out.)
    for (auto& s : m_segments)
      if (s.kind == Kind::body && rule_y.count(s.page) && s.y0 >= rule_y[s.page])
        s.kind = Kind::footnote;
    // Pages without a rule (a drawn line, not text): footnotes begin at the first smaller
    // line in the lower half that starts with a raised number; smaller lines follow.
    std::map<int, bool> in_notes;
    for (auto& s : m_segments) {
      if (s.kind != Kind::body || rule_y.count(s.page))
        continue;
      bool smaller = s.size < m_body_size - kSmallerThanBody;
      if (!in_notes[s.page] && smaller && s.y0 > kFootnoteZone * page(s.page).height && !s.markers.empty() &&
          s.markers.front())
        in_notes[s.page] = true;
      if (in_notes[s.page] && smaller)
        s.kind = Kind::footnote;
    }
    // The body's left margin: where most body-size lines start (continuation lines), not
    // the leftmost line (a masthead line may stand further left).
    std::map<long, int> starts;
    for (const auto& s : m_segments)
      if (s.kind == Kind::body && std::abs(s.size - m_body_size) < kBodySize)
        ++starts[std::lround(s.x0)];
    int most = 0;
    for (const auto& [x, n] : starts)
      if (n > most) {
        most = n;
        m_body_left = static_cast<double>(x);
      }
    // Left-to-right lines: where most of them end (justified text).
    std::map<long, int> right_ends;
    for (const auto& s : m_segments)
      if (s.kind == Kind::body && !s.rtl && std::abs(s.size - m_body_size) < kBodySize)
        ++right_ends[std::lround(s.x1)];
    most = 0;
    for (const auto& [x, n] : right_ends)
      if (n > most) {
        most = n;
        m_body_right_ltr = static_cast<double>(x);
      }
    // Right-to-left lines: the right margin, where most of them end.
    std::map<long, int> ends;
    for (const auto& s : m_segments)
      if (s.kind == Kind::body && s.rtl && std::abs(s.size - m_body_size) < kBodySize)
        ++ends[std::lround(s.x1)];
    most = 0;
    for (const auto& [x, n] : ends)
      if (n > most) {
        most = n;
        m_body_right = static_cast<double>(x);
      }
  }

  // A paragraph's short last line under its indented first line, wholly beside it ("Sud ;"
  // at the margin under "ii) Des échanges ... Sud-"): the first line is full (it ends at
  // the margin where the line ends), indented by at most kMaxParagraphIndent, and the
  // short line starts at the margin. A masthead column (a symbol on the right) is further in.
  bool wraps_under(const Segment& prev, const Segment& s) const {
    if (prev.rtl != s.rtl || std::abs(indent(s)) > kIndent || indent(prev) <= kIndent ||
        indent(prev) > kMaxParagraphIndent)
      return false;
    return s.rtl ? std::abs(prev.x0 - m_body_left) <= kIndent
                 : std::abs(m_body_right_ltr - prev.x1) <= kIndent;
  }

  // How far a line is set in from the margin its script starts at: the left for
  // left-to-right text, the right for Arabic.
  double indent(const Segment& s) const { return s.rtl ? m_body_right - s.x1 : s.x0 - m_body_left; }

  // Whether `s` continues the block whose last segment is `prev`.
  bool continues(const Segment& prev, const Segment& s, const std::string& block_text) const {
    if (m_each_line)
      return false;
    if (std::abs(prev.size - s.size) > kSameSize || prev.bold != s.bold)
      return false;
    if (s.page != prev.page) {
      // A page break: the paragraph goes on unless the new line is indented or numbered.
      // (An indented line at the indent of the lines before it continues them: an item's
      // hanging indent.)
      double along = s.rtl ? std::abs(s.x1 - prev.x1) : std::abs(s.x0 - prev.x0);
      if ((indent(s) > kIndent && along > kIndent) || starts_with_marker(s.text))
        return false;
      return !(recognize::ends_clause(block_text) && language::starts_upper(s.text));
    }
    if (s.y0 < prev.y0 + kBelow * (prev.y1 - prev.y0))
      return false; // beside, not below
    if (s.y0 - prev.y1 > kParagraphGap * std::max(prev.size, s.size))
      return false; // paragraph spacing
    if ((s.x0 >= prev.x1 || s.x1 <= prev.x0) && !wraps_under(prev, s))
      return false; // another column
    // A numbered line starts a paragraph when it is indented like one; at the margin it is
    // a run-in enumeration inside the paragraph ("...to: (A) enter into ...").
    if (starts_with_marker(s.text) && recognize::ends_clause(block_text) && indent(s) > kIndent)
      return false;
    return true;
  }

  static void append_tokens(std::vector<Token>& into, std::string& text, const Segment& s,
                            const recognize::HyphenEvidence& evidence) {
    std::vector<Token> more = tokens(s);
    if (more.empty())
      return;
    if (!into.empty()) {
      // A line end: a space, or a real hyphen kept without one ("capacity-" "building").
      Token& last = into.back();
      if (!more.front().marker) {
        // After a call only the script decides (a call is no hyphen, no slash).
        recognize::LineJoin join = !last.marker ? recognize::line_join(last.text, more.front().text, evidence)
                                   : language::line_joiner(last.text, more.front().text).empty()
                                       ? recognize::LineJoin::touching
                                       : recognize::LineJoin::space;
        switch (join) {
        case recognize::LineJoin::hyphen_dropped:
          last.text.pop_back();
          more.front().space_before = false;
          break;
        case recognize::LineJoin::touching:
          more.front().space_before = false;
          break;
        case recognize::LineJoin::space:
          more.front().space_before = true;
          break;
        }
      }
    }
    for (auto& t : more) {
      if (t.space_before)
        text += ' ';
      text += t.text;
      into.push_back(std::move(t));
    }
  }

  std::vector<recognize::Block> body_blocks() {
    std::vector<recognize::Block> blocks;
    std::vector<Token> toks;
    std::string text;
    const Segment* prev = nullptr;
    recognize::Block current;
    bool all_bold = true;
    auto flush = [&] {
      if (toks.empty())
        return;
      current.content = to_inlines(toks, all_bold);
      current.bold = all_bold;
      blocks.push_back(std::move(current));
      current = {};
      toks.clear();
      text.clear();
      all_bold = true;
    };
    for (const auto& s : m_segments) {
      if (s.kind != Kind::body)
        continue;
      if (prev == nullptr || !continues(*prev, s, text)) {
        flush();
        current.page = s.page;
        current.box = model::Box{s.x0, s.y0, s.x1, s.y1};
        current.font_size = s.size;
        current.indent = indent(s);
        const Page& p = page(s.page);
        current.centered =
            std::abs((s.x0 + s.x1) / 2 - p.width / 2) < kCentred * p.width && indent(s) > kCentredIndent;
        note(s.page, s.y0, "paragraph starts: \"" + s.text.substr(0, 50) + "\"");
      } else if (current.box && s.page == current.page) {
        auto& b = *current.box;
        b = {std::min(b[0], s.x0), std::min(b[1], s.y0), std::max(b[2], s.x1), std::max(b[3], s.y1)};
      }
      all_bold = all_bold && s.bold;
      append_tokens(toks, text, s, m_evidence);
      prev = &s;
    }
    flush();
    return blocks;
  }

  std::vector<recognize::Block> footnote_blocks() {
    std::vector<recognize::Block> out;
    std::vector<Token> toks;
    std::string text;
    std::string marker;
    int page_no = 0;
    auto flush = [&] {
      if (toks.empty())
        return;
      recognize::Block b;
      b.footnote = true;
      b.footnote_marker = marker;
      b.calls_marked = true;
      b.page = page_no;
      b.content = to_inlines(toks, false);
      out.push_back(std::move(b));
      toks.clear();
      text.clear();
    };
    for (const auto& s : m_segments) {
      if (s.kind != Kind::footnote)
        continue;
      std::vector<Token> line = tokens(s);
      bool starts = !line.empty() && (line.front().marker || (all_digits(line.front().text) &&
                                                              s.words.front().size < kCallSize * s.size));
      if (starts) {
        flush();
        marker = line.front().text;
        page_no = s.page;
        note(s.page, s.y0, "footnote " + marker + " starts");
        Segment rest = s;
        rest.words.erase(rest.words.begin());
        rest.markers.erase(rest.markers.begin());
        rest.styles.erase(rest.styles.begin());
        append_tokens(toks, text, rest, m_evidence);
        if (!toks.empty())
          toks.front().space_before = false;
      } else {
        if (toks.empty() && marker.empty()) {
          marker = "?";
          page_no = s.page;
        }
        if (s.page != page_no)
          note(s.page, s.y0, "footnote " + marker + " continues from page " + std::to_string(page_no));
        append_tokens(toks, text, s, m_evidence);
      }
    }
    flush();
    return out;
  }

  const std::vector<Page>& m_pages;
  std::string m_file;
  LayoutReport& m_report;
  bool m_each_line = false;
  std::vector<Segment> m_segments;
  recognize::HyphenEvidence m_evidence;
  FontStyles m_fonts;
  std::vector<std::string> m_job_suffixes; // "E", "F", "S", "R", "A", "C"
  std::vector<std::string> m_recycle;
  std::set<std::size_t> m_learned_furniture; // Segments learn_furniture() found.
  double m_body_size = 0;
  double m_body_left = 0;
  double m_body_right = 0;
  double m_body_right_ltr = 0;
};

} // namespace

std::vector<recognize::Block> analyse(const std::vector<Page>& pages, const std::string& file,
                                      LayoutReport& report, bool each_line) {
  return Analyser(pages, file, report, each_line).run();
}

} // namespace resconv::pdf
