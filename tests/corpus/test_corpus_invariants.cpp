// The invariants a program can check on real PDFs without hand truth: every resolution of
// the General Assembly's 78th session (pdf-ga-78) and every UNFCCC publication of several
// decisions (pdf-unfccc), imported with shapes=true, each invariant counted on its own.
//
// By default one file in four is read (the files sorted by name, indexes 0, 4, 8...): the
// other three quarters are skipped to keep CI short. RESCONV_CORPUS_FULL=1 reads them all.
// The figures and every failure (invariant, file, first offending word or paragraph) are
// written to <build>/corpus-invariants.txt and printed as warnings.
#include "corpus.hpp"
#include "test_support.hpp"

#include <akn_format.hpp>
#include <pdf_format.hpp>

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/walk.hpp>

#include <catch2/catch.hpp>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

using namespace resconv;
using namespace resconv::model;

namespace {

enum Invariant : std::size_t {
  symbol_matches,
  metadata_present,
  numbering,
  footnotes_match,
  no_furniture,
  bag_of_words,
  akn_valid,
  contents_split,
  invariant_count
};

constexpr std::array<const char*, invariant_count> invariant_names = {
    "1 symbol matches the file name",
    "2 number, title, session, adoption and issue dates present",
    "3 operative numbers run 1..n in each list",
    "4 footnotes called = footnotes defined",
    "5 no job number, page number or running head in the text",
    "6 bag of words: the page's words = the model's words",
    "7 AKN schema-valid and validate-clean",
    "8 deliberations = the contents page's list"};

/// One invariant on one file: passed, or failed with a short reason; not applicable
/// invariants (8 on a GA resolution) are left unchecked.
struct Check {
  bool checked = false;
  bool pass = false;
  std::string reason;
};

struct FileResult {
  std::string file;
  bool imported = false;
  std::string import_error;
  std::array<Check, invariant_count> checks{};
  /// Not an invariant, a finding: the first model text with a space inside a hyphenated
  /// compound ("seventy - ninth", "high -level"), which the bag of words folds away.
  std::string spaced_hyphen;
};

void pass(FileResult& r, Invariant i) {
  r.checks[i] = {true, true, {}};
}
void fail(FileResult& r, Invariant i, std::string reason) {
  r.checks[i] = {true, false, std::move(reason)};
}
void set(FileResult& r, Invariant i, const std::string& reason) {
  if (reason.empty())
    pass(r, i);
  else
    fail(r, i, reason);
}

bool full_run() {
  const char* env = std::getenv("RESCONV_CORPUS_FULL");
  return env && std::string(env) == "1";
}

std::vector<std::filesystem::path> pdfs_of(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> all;
  if (!std::filesystem::is_directory(dir))
    return all;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".pdf")
      all.push_back(e.path());
  std::sort(all.begin(), all.end());
  if (full_run())
    return all;
  std::vector<std::filesystem::path> sample;
  for (std::size_t i = 0; i < all.size(); i += 4)
    sample.push_back(all[i]);
  return sample;
}

std::string cut(const std::string& s, std::size_t n = 90) {
  return s.size() <= n ? s : s.substr(0, n) + "...";
}

// ---- Texts of the model ------------------------------------------------------------------

/// The words a reader sees in these inlines, footnote calls as their markers.
std::string inline_text(const Inlines& in) {
  std::string out;
  for (const auto& i : in)
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, Text>)
            out += v.text;
          else if constexpr (std::is_same_v<T, FootnoteRef>)
            out += " " + v.marker + " ";
          else
            out += inline_text(v.content);
        },
        i.value);
  return out;
}

void collect_calls(const Inlines& in, std::vector<std::string>& calls) {
  for (const auto& i : in)
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, FootnoteRef>)
            calls.push_back(v.marker);
          else if constexpr (!std::is_same_v<T, Text>)
            collect_calls(v.content, calls);
        },
        i.value);
}

/// The deliberations of a document: its components, or the document itself.
std::vector<const Document*> deliberations(const Document& d) {
  std::vector<const Document*> out;
  if (d.is_collection())
    for (const auto& c : d.components)
      out.push_back(&c);
  else
    out.push_back(&d);
  return out;
}

/// Every text of a deliberation's body (not its metadata): formula, paragraphs with their
/// quotations and items, part headings, footnotes, annex headings and titles.
std::vector<std::string> body_texts(const Document& d) {
  std::vector<std::string> out;
  if (d.formula)
    out.push_back(*d.formula);
  for_each_paragraph(d, [&](const Paragraph& p) { out.push_back(inline_text(p.content)); });
  for_each_part(d, [&](const Part& p) { out.push_back(inline_text(p.heading)); });
  for (const auto& n : d.footnotes)
    out.push_back(inline_text(n.content));
  for (const auto& a : d.annexes) {
    for (const auto* s : {&a.heading, &a.title, &a.formula})
      if (*s)
        out.push_back(**s);
  }
  return out;
}

// ---- Invariant 1 and 2: symbol and metadata ------------------------------------------------

bool masthead_has(const Metadata& m, const std::string& symbol) {
  for (const auto& line : m.masthead) {
    std::istringstream words(line);
    std::string w;
    while (words >> w)
      if (w == symbol)
        return true;
  }
  return false;
}

std::string missing_fields(const Metadata& m, std::initializer_list<MetadataTextField> fields) {
  std::string out;
  for (const auto& f : fields)
    if (!(m.*(f.member)) || (m.*(f.member))->empty())
      out += (out.empty() ? "" : ", ") + std::string(f.name);
  return out;
}

/// A UNFCCC file name: decisions first..last of a body's session ("1_10_CMP_16" is 1/CMP.16
/// to 10/CMP.16; "1_CP_20" is 1/CP.20 alone; "11_18_CP18" is 11/CP.18 to 18/CP.18).
struct UnfcccName {
  int first = 0, last = 0;
  std::string body, session;
};

std::optional<UnfcccName> parse_unfccc_name(const std::string& stem) {
  static const std::regex re(R"(^(\d+)(?:_(\d+))?_(CP|CMP|CMA)_?(\d+)$)");
  std::smatch m;
  if (!std::regex_match(stem, m, re))
    return std::nullopt;
  UnfcccName n;
  n.first = std::stoi(m[1]);
  n.last = m[2].matched ? std::stoi(m[2]) : n.first;
  n.body = m[3];
  n.session = m[4];
  return n;
}

void check_symbol(const std::filesystem::path& file, bool unfccc, const Document& d, FileResult& r) {
  std::string stem = file.stem().string();
  if (!unfccc) {
    std::string expected = stem;
    std::replace(expected.begin(), expected.end(), '_', '/');
    if (d.metadata.symbol != expected)
      fail(r, symbol_matches, "symbol " + d.metadata.symbol.value_or("(none)") + ", expected " + expected);
    else if (!masthead_has(d.metadata, expected))
      fail(r, symbol_matches, "symbol " + expected + " not printed in the masthead lines");
    else
      pass(r, symbol_matches);
    return;
  }
  auto name = parse_unfccc_name(stem);
  if (!name) {
    fail(r, symbol_matches, "file name " + stem + " names no decisions");
    return;
  }
  std::string reason;
  if (!d.metadata.symbol || d.metadata.symbol->rfind("FCCC/", 0) != 0)
    reason = "publication symbol " + d.metadata.symbol.value_or("(none)") + " is not an FCCC symbol";
  else if (!masthead_has(d.metadata, *d.metadata.symbol))
    reason = "publication symbol not printed in the masthead lines";
  std::set<std::string> numbers;
  for (const auto* c : deliberations(d))
    if (c->metadata.number)
      numbers.insert(*c->metadata.number);
  for (int k = name->first; k <= name->last && reason.empty(); ++k) {
    std::string expected = std::to_string(k) + "/" + name->body + "." + name->session;
    if (!numbers.count(expected))
      reason = "decision " + expected + " (named by the file) is not a component";
  }
  set(r, symbol_matches, reason);
}

void check_metadata(const Document& d, FileResult& r) {
  std::string reason;
  if (d.is_collection()) {
    std::string missing =
        missing_fields(d.metadata, {{"symbol", &Metadata::symbol}, {"issued", &Metadata::issued}});
    if (!missing.empty())
      reason = "publication lacks " + missing;
    for (std::size_t i = 0; i < d.components.size() && reason.empty(); ++i) {
      const Metadata& m = d.components[i].metadata;
      missing = missing_fields(
          m, {{"number", &Metadata::number}, {"title", &Metadata::title}, {"adopted", &Metadata::adopted}});
      if (!missing.empty())
        reason = "component " + std::to_string(i + 1) + " (" + m.number.value_or("?") + ") lacks " + missing;
    }
  } else {
    std::string missing = missing_fields(d.metadata, {{"number", &Metadata::number},
                                                      {"title", &Metadata::title},
                                                      {"session", &Metadata::session},
                                                      {"adopted", &Metadata::adopted},
                                                      {"issued", &Metadata::issued}});
    if (!missing.empty())
      reason = "lacks " + missing;
  }
  set(r, metadata_present, reason);
}

// ---- Invariant 3: numbering ------------------------------------------------------------------

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

/// The numbered paragraphs of each list run 1, 2, ... n; a list may also run on from the
/// previous list of its deliberation (parts whose numbering runs on, as printed). Items,
/// headings and quoted paragraphs are not in these lists' numbering.
std::string numbering_problem(const Document& d) {
  for (const auto* c : deliberations(d)) {
    std::string where = d.is_collection() ? c->metadata.number.value_or("?") + ": " : "";
    int previous_last = 0;
    std::string problem;
    for_each_own_paragraph_list(*c, [&](const std::vector<Paragraph>& list) {
      if (!problem.empty())
        return;
      std::vector<int> nums;
      for (const auto& p : list)
        if (p.kind == Paragraph::Kind::paragraph && p.num && all_digits(*p.num) && p.num->size() < 6)
          nums.push_back(std::stoi(*p.num));
      if (nums.empty())
        return;
      if (nums.front() != 1 && nums.front() != previous_last + 1) {
        problem = where + "a list starts at " + std::to_string(nums.front());
        return;
      }
      for (std::size_t i = 1; i < nums.size(); ++i)
        if (nums[i] != nums[i - 1] + 1) {
          problem =
              where + "paragraph " + std::to_string(nums[i]) + " follows " + std::to_string(nums[i - 1]);
          return;
        }
      previous_last = nums.back();
    });
    if (!problem.empty())
      return problem;
  }
  return {};
}

// ---- Invariant 4: footnotes -----------------------------------------------------------------

std::string footnote_problem(const Document& d) {
  for (const auto* c : deliberations(d)) {
    std::string where = d.is_collection() ? c->metadata.number.value_or("?") + ": " : "";
    std::vector<std::string> calls;
    for_each_paragraph(*c, [&](const Paragraph& p) { collect_calls(p.content, calls); });
    for_each_part(*c, [&](const Part& p) { collect_calls(p.heading, calls); });
    for (const auto& n : c->footnotes)
      collect_calls(n.content, calls);
    std::set<std::string> called(calls.begin(), calls.end()), defined;
    for (const auto& n : c->footnotes)
      if (!defined.insert(n.marker).second)
        return where + "footnote " + n.marker + " defined twice";
    for (const auto& m : called)
      if (!defined.count(m))
        return where + "footnote " + m + " called, not defined";
    for (const auto& m : defined)
      if (!called.count(m))
        return where + "footnote " + m + " defined, never called";
  }
  return {};
}

// ---- The page text, as Poppler prints it -----------------------------------------------------

std::string utf8(const poppler::ustring& s) {
  auto bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

/// Each page's text in Poppler's physical layout (what `pdftotext -layout` prints).
std::vector<std::string> page_texts(const std::filesystem::path& file) {
  std::vector<std::string> out;
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(file.string()));
  if (!doc)
    return out;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    out.push_back(page ? utf8(page->text(poppler::rectf(), poppler::page::physical_layout)) : std::string());
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    out.push_back(line);
  return out;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\f");
  if (b == std::string::npos)
    return {};
  return s.substr(b, s.find_last_not_of(" \t\r\f") - b + 1);
}

// Furniture printed on the pages, which the model does not hold.
const std::regex job_number(R"((^|\s)(GE\.)?\d{2}-\d{5}\s?(\([A-Z]\))?(\s|$))");
const std::regex barcode(R"(^\*\d{6,}\*$)");
const std::regex page_number(R"(^(Page\s+)?\d{1,3}(\s*/\s*\d{1,3})?$)", std::regex::icase);
const std::regex symbol_token(R"(^(A|S|E|FCCC)/[A-Za-z0-9./()-]+$)");
const std::regex print_date(R"(^\d{6}$)"); // "061223" after the job number

/// Whether a line at the top or bottom of a page is furniture: a job number ("23-23832 (E)
/// 061223", "GE.22-03269(E)"), a barcode ("*2323832*"), a page number ("2", "2/5", "Page
/// 3"), or a running head (a line that begins or ends with a document symbol, "A/RES/78/12
/// World Duchenne Awareness Day"; the old UNFCCC head "FCCC/CP/1996/15/Add.1" / "English" /
/// "Page 2" is three lines of furniture).
bool is_furniture_line(const std::string& raw, bool first_page) {
  std::string line = trim(raw);
  if (line.empty())
    return false;
  if (std::regex_search(line, job_number) || std::regex_match(line, barcode) ||
      std::regex_match(line, page_number))
    return true;
  if (line.rfind("GE.", 0) == 0)
    return true;
  if (first_page) // Page 1 prints the symbol in the masthead, which the model holds.
    return false;
  std::istringstream words(line);
  std::vector<std::string> ws;
  std::string w;
  while (words >> w)
    ws.push_back(w);
  if (std::regex_match(ws.front(), symbol_token) || std::regex_match(ws.back(), symbol_token))
    return true;
  return line == "English" || line == "Page";
}

bool is_symbol_line(const std::string& raw) {
  std::istringstream words(trim(raw));
  std::vector<std::string> ws;
  std::string w;
  while (words >> w)
    ws.push_back(w);
  return !ws.empty() &&
         (std::regex_match(ws.front(), symbol_token) || std::regex_match(ws.back(), symbol_token));
}

/// The page's lines without its furniture. At the bottom, the last 5 non-empty lines are
/// dropped while they are furniture (job number, barcode, page number, print date). At the
/// top of pages after the first, the running head is the first block of lines (up to the
/// first empty line, at most 4 lines: a long title wraps over two) when one of its lines
/// begins or ends with a document symbol, or the first lines while they are furniture.
std::vector<std::string> body_lines(const std::string& page, bool first_page) {
  auto lines = lines_of(page);
  std::vector<std::size_t> nonempty;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (!trim(lines[i]).empty())
      nonempty.push_back(i);
  std::vector<bool> drop(lines.size(), false);
  if (!nonempty.empty() && !first_page) {
    std::size_t end = nonempty.front();
    while (end < lines.size() && !trim(lines[end]).empty())
      ++end;
    bool head = end - nonempty.front() <= 4;
    bool symbol = false;
    for (std::size_t i = nonempty.front(); i < end && head; ++i)
      symbol = symbol || is_symbol_line(lines[i]);
    if (head && symbol)
      for (std::size_t i = nonempty.front(); i < end; ++i)
        drop[i] = true;
  }
  for (std::size_t k = 0; k < nonempty.size() && k < 4; ++k) {
    if (drop[nonempty[k]])
      continue;
    if (!is_furniture_line(lines[nonempty[k]], first_page))
      break;
    drop[nonempty[k]] = true;
  }
  for (std::size_t k = nonempty.size(); k-- > 0 && nonempty.size() - k <= 5;) {
    const std::string& line = lines[nonempty[k]];
    // At the bottom, never a symbol line: footnotes cite documents ("3 A/78/506.").
    if (!is_furniture_line(line, true) && !std::regex_match(trim(line), print_date))
      break;
    drop[nonempty[k]] = true;
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (!drop[i])
      out.push_back(lines[i]);
  return out;
}

// ---- Invariant 5: furniture in the text --------------------------------------------------------

std::string furniture_problem(const Document& d, std::size_t pages) {
  static const std::regex job(R"(\b(GE\.)?\d{2}-\d{5}\b\s?\(E\)|GE\.\d{2}-\d{4,}|\*\d{6,}\*)");
  static const std::regex page_word(R"(\bPage \d+\b)");
  static const std::regex fraction(R"((^|\s)(\d{1,3})/(\d{1,3})(\s|$))");
  std::vector<std::string> symbols;
  if (d.metadata.symbol)
    symbols.push_back(*d.metadata.symbol);
  for (const auto* c : deliberations(d)) {
    for (const auto& raw : body_texts(*c)) {
      std::string text = collapse_space(raw);
      std::smatch m;
      if (std::regex_search(text, m, job))
        return "job number \"" + m.str() + "\" in \"" + cut(text, 70) + "\"";
      if (std::regex_search(text, m, page_word))
        return "\"" + m.str() + "\" in \"" + cut(text, 70) + "\"";
      for (auto it = std::sregex_iterator(text.begin(), text.end(), fraction); it != std::sregex_iterator();
           ++it) {
        int n = std::stoi((*it)[2]), total = std::stoi((*it)[3]);
        if (static_cast<std::size_t>(total) == pages && n >= 1 && n <= total)
          return "page number \"" + trim(it->str()) + "\" in \"" + cut(text, 70) + "\"";
      }
      for (const auto& s : symbols)
        if (text.find(s) != std::string::npos)
          return "running head \"" + s + "\" in \"" + cut(text, 70) + "\"";
    }
  }
  return {};
}

// ---- Invariant 6: bag of words -------------------------------------------------------------
//
// Normalisation, the same on both sides:
// - words are what white space separates (a footnote call is a word of its own on both
//   sides: Poppler prints the superscript apart, the model holds it as a FootnoteRef);
// - case is folded (ASCII letters): the masthead and the old layouts print headings in
//   capitals that a field may hold in another case;
// - curly quotes and apostrophes become straight ones, then the punctuation at a word's
//   edges is stripped (quotes, brackets, commas, periods, colons, leader dots): the model
//   keeps "(a)" as a number and "1." as "1";
// - on the page, a word ending with a hyphen at the end of a line is joined to the first
//   word of the next line, and every hyphen (-, U+2010, U+2011, soft hyphen) is removed
//   from the words of both sides: "people-" + "centred" and "recog-" + "nizing" then match
//   the model's "people-centred" and "recognizing" whichever way the importer joined them;
// - words of punctuation only ("-", "–", "...") are dropped.
// Then the page's words and the model's are compared as bags (counts matter).
//
// The model's words are its body texts (body_texts) and, for each deliberation, its
// metadata as printed: the masthead lines when the importer kept them (they hold the
// symbol, session, agenda items, title as printed), else the textual fields (kind, as
// "Decision" printed before the number, number, title, origin); and the closing lines
// (meeting, vote, and the adoption date as printed, "29 November 2023"). The normalised
// fields (ISO dates, language, distribution) are left out: the page does not print them.

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

std::string normalise_word(std::string w) {
  for (const char* hyphen : {"\u00ad", "\u2010", "\u2011", "-"})
    w = replace_all(w, hyphen, "");
  for (const char* q : {"\u2018", "\u2019", "\u201c", "\u201d", "\u2026"})
    w = replace_all(w, q, "'");
  const std::string edge = ".,;:!?()[]{}\"'*_";
  auto b = w.find_first_not_of(edge);
  if (b == std::string::npos)
    return {};
  w = w.substr(b, w.find_last_not_of(edge) - b + 1);
  for (auto& c : w)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Punctuation only (dashes, bullets): no letter or digit.
  bool any = std::any_of(w.begin(), w.end(), [](unsigned char c) { return std::isalnum(c) || c >= 0xc0; });
  // A UTF-8 dash or bullet alone: every byte >= 0x80 but no letter; treat the common ones.
  for (const char* dash : {"\u2013", "\u2014", "\u2022", "\u25cf", "\u2212"})
    if (w == dash)
      return {};
  return any ? w : std::string();
}

/// A footnote call printed against the punctuation before it ("Rights,1"): two words, as
/// the model holds them (on both sides, so "1,000" splits the same way on each).
std::vector<std::string> split_call(const std::string& w) {
  static const std::regex glued(R"(^(.*[^\d\s][,;:])(\d{1,3})$)");
  std::smatch m;
  if (std::regex_match(w, m, glued))
    return {m[1], m[2]};
  return {w};
}

/// The words of a text, split at white space, with the hyphens of compounds glued back:
/// the PDF's text layer sets some hyphens apart from their words ("capacity -building",
/// "seventy - ninth", "high- level"), and the page text and the model do not always keep
/// the same spaces around them. A word that is a hyphen alone, begins with a hyphen and a
/// letter, or ends with a letter and a hyphen is joined to its neighbour, on both sides
/// alike (so a suspended "short- and medium-term" gives the same words on each side).
std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> ws;
  std::istringstream in(text);
  std::string w;
  bool join_next = false;
  while (in >> w) {
    auto alpha = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
    bool lone = w == "-";
    bool leading = w.size() > 1 && w[0] == '-' && alpha(w[1]);
    if (!ws.empty() && (join_next || lone || leading))
      ws.back() += w;
    else
      ws.push_back(w);
    join_next = lone || (w.size() > 1 && w.back() == '-' && alpha(w[w.size() - 2]));
  }
  return ws;
}

void add_words(const std::string& text, std::map<std::string, int>& bag) {
  for (const auto& w : split_words(text))
    for (const auto& piece : split_call(w)) {
      auto n = normalise_word(piece);
      if (!n.empty())
        ++bag[n];
    }
}

bool ends_with(const std::string& w, const std::string& end) {
  return w.size() > end.size() && w.compare(w.size() - end.size(), end.size(), end) == 0;
}

/// A word broken at the end of a line: "recog-" (a letter before the hyphen), "2014–" (an
/// en dash after a digit, "2014–2024" broken after its dash).
bool broken_at_end(const std::string& w) {
  auto letter_before = [&](std::size_t size) {
    return size > 0 && std::isalnum(static_cast<unsigned char>(w[size - 1]));
  };
  for (const std::string h : {"-", "\u00ad", "\u2010", "\u2011"})
    if (ends_with(w, h))
      return letter_before(w.size() - h.size());
  const std::string dash = "\u2013";
  return ends_with(w, dash) && std::isdigit(static_cast<unsigned char>(w[w.size() - dash.size() - 1]));
}

/// The page's words in reading order, normalised, line-end breaks joined.
std::vector<std::string> page_words(const std::vector<std::string>& pages) {
  std::vector<std::vector<std::string>> lines; // Words of each body line, in order.
  for (std::size_t i = 0; i < pages.size(); ++i)
    for (const auto& line : body_lines(pages[i], i == 0)) {
      auto ws = split_words(line);
      if (!ws.empty())
        lines.push_back(std::move(ws));
    }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto& ws = lines[i];
    if (i + 1 < lines.size() && !ws.empty() && !lines[i + 1].empty() && broken_at_end(ws.back())) {
      ws.back() += lines[i + 1].front();
      lines[i + 1].erase(lines[i + 1].begin());
    }
    for (const auto& w : ws)
      for (const auto& piece : split_call(w)) {
        auto n = normalise_word(piece);
        if (!n.empty())
          out.push_back(n);
      }
  }
  return out;
}

/// The page's bag of words. Poppler splits some words of justified lines in two ("unive
/// rsal", "awaren ess"): two adjacent page words are read as one when their join is a
/// model word the page lacks and one of the two is no model word at all ("a s mooth" joins
/// "s mooth", not "a s"), or both are words the page has more of than the model ("an d").
std::map<std::string, int> page_bag(const std::vector<std::string>& words,
                                    const std::map<std::string, int>& model) {
  std::map<std::string, int> bag;
  for (const auto& w : words)
    ++bag[w];
  auto count = [](const std::map<std::string, int>& m, const std::string& w) {
    auto it = m.find(w);
    return it == m.end() ? 0 : it->second;
  };
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string &a = words[i], &b = words[i + 1];
    std::string joined = a + b;
    if (count(bag, a) > 0 && count(bag, b) > 0 && count(model, joined) > count(bag, joined) &&
        (count(model, a) == 0 || count(model, b) == 0 ||
         (count(bag, a) > count(model, a) && count(bag, b) > count(model, b)))) {
      --bag[a];
      --bag[b];
      ++bag[joined];
      ++i;
    }
  }
  // A footnote call printed against its word ("commissions17", "2018–20225", "2012,1"): a
  // page word the model lacks is read as two when its end is a number and both halves are
  // model words the page lacks.
  auto excess = [&](const std::string& w) { return count(model, w) - count(bag, w); };
  for (const auto& w : words) {
    if (count(bag, w) <= count(model, w))
      continue;
    for (std::size_t k = w.size() - 1; k > 0 && std::isdigit(static_cast<unsigned char>(w[k])); --k) {
      std::string head = normalise_word(w.substr(0, k)), call = w.substr(k);
      if (!head.empty() && excess(head) > 0 && excess(call) > 0) {
        --bag[w];
        ++bag[head];
        ++bag[call];
        break;
      }
    }
  }
  return bag;
}

std::string printed_date(const std::optional<std::string>& iso) {
  static const std::array<const char*, 12> months = {"January",   "February", "March",    "April",
                                                     "May",       "June",     "July",     "August",
                                                     "September", "October",  "November", "December"};
  if (!iso || iso->size() != 10)
    return {};
  int month = std::atoi(iso->substr(5, 2).c_str()), day = std::atoi(iso->substr(8, 2).c_str());
  if (month < 1 || month > 12)
    return {};
  return std::to_string(day) + " " + months[static_cast<std::size_t>(month - 1)] + " " + iso->substr(0, 4);
}

/// Masthead lines as one text: a word broken at the end of a line ("Seventy-" / "ninth
/// session") is joined as on the page.
std::string joined_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines)
    out += line + " ";
  return out;
}

std::map<std::string, int> model_bag(const Document& d) {
  std::map<std::string, int> bag;
  auto metadata = [&](const Metadata& m, bool component) {
    if (!m.masthead.empty()) {
      add_words(joined_lines(m.masthead), bag);
    } else {
      if (component && m.kind)
        add_words(*m.kind, bag);
      for (const auto* s : {&m.number, &m.title, &m.origin})
        if (*s)
          add_words(**s, bag);
    }
    for (const auto* s : {&m.meeting, &m.vote})
      if (*s)
        add_words(**s, bag);
    if (m.meeting)
      add_words(printed_date(m.adopted), bag);
  };
  if (d.is_collection())
    add_words(joined_lines(d.metadata.masthead), bag);
  for (const auto* c : deliberations(d)) {
    metadata(c->metadata, d.is_collection());
    for (const auto& t : body_texts(*c))
      add_words(t, bag);
    for (const auto& n : c->footnotes)
      add_words(n.marker, bag);
    for_each_paragraph(*c, [&](const Paragraph& p) {
      if (p.num)
        add_words(*p.num, bag);
    });
    for_each_part(*c, [&](const Part& p) {
      if (p.num)
        add_words(*p.num, bag);
    });
  }
  return bag;
}

struct BagDifference {
  int missing = 0, extra = 0;
  std::vector<std::string> missing_words, extra_words; // The first few of each.
};

BagDifference compare_bags(const std::map<std::string, int>& page, const std::map<std::string, int>& model) {
  BagDifference diff;
  for (const auto& [w, n] : page) {
    auto it = model.find(w);
    int m = it == model.end() ? 0 : it->second;
    if (n > m) {
      diff.missing += n - m;
      if (diff.missing_words.size() < 5)
        diff.missing_words.push_back(w + (n - m > 1 ? " x" + std::to_string(n - m) : ""));
    }
  }
  for (const auto& [w, n] : model) {
    auto it = page.find(w);
    int p = it == page.end() ? 0 : it->second;
    if (n > p) {
      diff.extra += n - p;
      if (diff.extra_words.size() < 5)
        diff.extra_words.push_back(w + (n - p > 1 ? " x" + std::to_string(n - p) : ""));
    }
  }
  return diff;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v)
    out += (out.empty() ? "" : ", ") + s;
  return out;
}

// ---- Invariant 7: AKN -------------------------------------------------------------------

std::string akn_problem(const Document& d, const std::string& name) {
  akn::AknExporter exporter;
  OutputSink out = OutputSink::to_memory(name + ".xml");
  Options options;
  options.set("check", true);
  DiagnosticCollector export_sink;
  if (!static_cast<Exporter&>(exporter).run(d, out, options, export_sink)) {
    for (const auto& diag : export_sink.diagnostics())
      if (diag.severity == Severity::error)
        return "export: " + diag.code + " " + cut(diag.message);
    return "export failed";
  }
  akn::AknValidator validator;
  DiagnosticCollector sink;
  static_cast<Validator&>(validator).run(InputSource::from_memory(name + ".xml", out.memory()), Options{},
                                         sink);
  for (const auto& diag : sink.diagnostics())
    if (diag.severity == Severity::error)
      return "validate: " + diag.code + " " + cut(diag.message);
  return {};
}

// ---- Invariant 8: the contents page ------------------------------------------------------------

/// The deliberation numbers the contents page lists ("2/CMP.16  Title .... 5"), in order:
/// the lines that begin with a decision number, before the heading of the first
/// deliberation ("Decision 1/CMP.16").
std::vector<std::string> contents_numbers(const std::vector<std::string>& pages) {
  static const std::regex entry(R"(^\s*(\d+/(CP|CMP|CMA)\.\d+)\s+\S)");
  static const std::regex heading(
      R"(^\s*(Decision|Resolution|DECISION|RESOLUTION)\s+\d+/(CP|CMP|CMA)\.\d+\s*$)");
  std::vector<std::string> out;
  for (const auto& page : pages)
    for (const auto& line : lines_of(page)) {
      if (std::regex_search(line, heading))
        return out;
      std::smatch m;
      if (std::regex_search(line, m, entry))
        out.push_back(m[1]);
    }
  return out;
}

std::string contents_problem(const Document& d, const std::vector<std::string>& pages) {
  auto listed = contents_numbers(pages);
  if (listed.empty())
    return "no contents entries found on the page text";
  std::vector<std::string> found;
  for (const auto* c : deliberations(d))
    found.push_back(c->metadata.number.value_or("(no number)"));
  auto a = listed, b = found;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  if (a == b)
    return {};
  std::vector<std::string> absent, unlisted;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(absent));
  std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(unlisted));
  std::string out =
      std::to_string(listed.size()) + " listed, " + std::to_string(found.size()) + " components";
  if (!absent.empty())
    out += "; not found: " + join(absent);
  if (!unlisted.empty())
    out += "; not listed: " + join(unlisted);
  return out;
}

// ---- The run ---------------------------------------------------------------------------------

FileResult check_file(const std::filesystem::path& file, bool unfccc) {
  FileResult r;
  r.file = (unfccc ? "pdf-unfccc/" : "pdf-ga-78/") + file.filename().string();
  pdf::PdfImporter importer;
  Options options;
  options.set("shapes", true);
  DiagnosticCollector sink;
  auto doc = static_cast<Importer&>(importer).run(InputSource::from_file(file), options, sink);
  if (!doc) {
    r.import_error = sink.diagnostics().empty() ? "no document" : sink.diagnostics().front().code;
    for (std::size_t i = 0; i < invariant_count; ++i)
      if (unfccc || i != contents_split)
        fail(r, static_cast<Invariant>(i), "import failed: " + r.import_error);
    return r;
  }
  r.imported = true;
  const Document& d = *doc;
  auto pages = page_texts(file);
  check_symbol(file, unfccc, d, r);
  check_metadata(d, r);
  set(r, numbering, numbering_problem(d));
  set(r, footnotes_match, footnote_problem(d));
  set(r, no_furniture, furniture_problem(d, pages.size()));
  if (pages.empty()) {
    fail(r, bag_of_words, "Poppler gave no page text");
  } else {
    auto model = model_bag(d);
    auto diff = compare_bags(page_bag(page_words(pages), model), model);
    std::string reason;
    if (diff.missing > 0)
      reason =
          std::to_string(diff.missing) + " page words not in the model (" + join(diff.missing_words) + ")";
    if (diff.extra > 0)
      reason += (reason.empty() ? "" : "; ") + std::to_string(diff.extra) + " model words not on the page (" +
                join(diff.extra_words) + ")";
    set(r, bag_of_words, reason);
  }
  set(r, akn_valid, akn_problem(d, file.stem().string()));
  static const std::regex spaced(
      R"([A-Za-z] -[A-Za-z]|[A-Za-z] - [A-Za-z]|[A-Za-z]- (?!and |or |to |as )[a-z])");
  for (const auto* c : deliberations(d))
    for (const auto& text : body_texts(*c)) {
      std::smatch m;
      if (r.spaced_hyphen.empty() && std::regex_search(text, m, spaced))
        r.spaced_hyphen =
            "\"" + cut(text.substr(static_cast<std::size_t>(std::max<long>(0, m.position() - 25)), 60), 60) +
            "\"";
    }
  if (unfccc) {
    std::string reason = contents_problem(d, pages);
    if (reason.empty() && !d.is_collection())
      reason = "not split: one deliberation";
    set(r, contents_split, reason);
  }
  return r;
}

struct Figures {
  std::size_t files = 0, all_pass = 0;
  std::array<std::size_t, invariant_count> passed{}, checked{};
};

Figures tally(const std::vector<FileResult>& results) {
  Figures f;
  f.files = results.size();
  for (const auto& r : results) {
    bool all = true;
    for (std::size_t i = 0; i < invariant_count; ++i) {
      if (!r.checks[i].checked)
        continue;
      ++f.checked[i];
      f.passed[i] += r.checks[i].pass ? 1 : 0;
      all = all && r.checks[i].pass;
    }
    f.all_pass += all ? 1 : 0;
  }
  return f;
}

std::string report(const std::string& corpus, const std::vector<FileResult>& results, const Figures& f) {
  std::ostringstream out;
  out << "== " << corpus << ": " << f.files << " files" << (full_run() ? " (all)" : " (sample: every 4th)")
      << "; every invariant: " << f.all_pass << " of " << f.files << "\n";
  for (std::size_t i = 0; i < invariant_count; ++i)
    if (f.checked[i] > 0)
      out << "  " << invariant_names[i] << ": " << f.passed[i] << " of " << f.checked[i] << " files pass\n";
  std::size_t spaced = 0;
  for (const auto& r : results)
    spaced += r.spaced_hyphen.empty() ? 0 : 1;
  out << "  (finding, not an invariant) a space inside a hyphenated compound in the model: " << spaced
      << " of " << f.files << " files\n";
  for (std::size_t i = 0; i < invariant_count; ++i)
    for (const auto& r : results)
      if (r.checks[i].checked && !r.checks[i].pass)
        out << "  FAIL [" << invariant_names[i][0] << "] " << r.file << ": " << r.checks[i].reason << "\n";
  for (const auto& r : results)
    if (!r.spaced_hyphen.empty())
      out << "  NOTE [spaced hyphen] " << r.file << ": " << r.spaced_hyphen << "\n";
  return out.str();
}

void write_report(const std::string& text, bool append) {
  std::filesystem::path path = std::filesystem::path(RESCONV_BINARY_DIR) / "corpus-invariants.txt";
  std::ofstream out(path, append ? std::ios::app : std::ios::trunc);
  out << text;
}

std::vector<FileResult> run_corpus(const std::string& folder, bool unfccc, std::size_t expected_files) {
  auto dir = test::corpus_dir() / folder;
  auto files = pdfs_of(dir);
  std::size_t want = full_run() ? expected_files : (expected_files + 3) / 4;
  if (files.size() < want) {
    // Absent or incomplete: say so, never pass.
    FAIL(folder << ": " << files.size() << " PDFs found in " << dir.string() << ", " << want << " expected");
  }
  std::vector<FileResult> results;
  for (const auto& file : files)
    results.push_back(check_file(file, unfccc));
  return results;
}

/// Checks a figure against its floor (today's figure, so that a regression fails).
void check_floor(const char* what, std::size_t passed, std::size_t of, double floor) {
  double share = of == 0 ? 0.0 : static_cast<double>(passed) / static_cast<double>(of);
  INFO(what << ": " << passed << " of " << of << " (" << share * 100 << "%), floor " << floor * 100 << "%");
  CHECK(share >= floor);
}

} // namespace

// Thresholds: the share of files passing each invariant as measured on 2026-12-02 (full
// run; the sample of one in four is held to the same shares, less 5 points for the sample's
// noise). Issue 18's target: >= 97% of pdf-ga-78 files pass every invariant; every pdf-unfccc
// publication splits into its contents page's deliberations (100% for invariant 8). Raise
// these as the recogniser improves.
TEST_CASE("corpus invariants: the 78th session's GA resolutions", "[corpus][invariants]") {
  auto results = run_corpus("pdf-ga-78", false, 328);
  Figures f = tally(results);
  std::string text = report("pdf-ga-78", results, f);
  write_report(text, false);
  WARN(text);
  const double slack = full_run() ? 0.0 : 0.05;
  // Measured (full run): 327, 327, 326, 324, 325, 296, 328 of 328; every invariant 290 of 328.
  constexpr double n = 328;
  constexpr std::array<double, invariant_count> floors = {327 / n, 327 / n, 326 / n, 324 / n,
                                                          325 / n, 296 / n, 328 / n, 0.0};
  for (std::size_t i = 0; i < invariant_count; ++i)
    if (f.checked[i] > 0)
      check_floor(invariant_names[i], f.passed[i], f.checked[i], floors[i] - slack);
  check_floor("every invariant (target 0.97)", f.all_pass, f.files, 290 / n - slack);
}

TEST_CASE("corpus invariants: UNFCCC publications of several decisions", "[corpus][invariants]") {
  auto results = run_corpus("pdf-unfccc", true, 59);
  Figures f = tally(results);
  std::string text = report("pdf-unfccc", results, f);
  write_report(text, true);
  WARN(text);
  // The sample holds 15 publications: one file is 7 points, so it gets 20 points of slack.
  const double slack = full_run() ? 0.0 : 0.20;
  // Measured (full run): 38, 27, 32, 17, 47, 1, 59, 55 of 59. Target for 8: 59 of 59.
  constexpr double n = 59;
  constexpr std::array<double, invariant_count> floors = {38 / n, 27 / n, 32 / n, 17 / n,
                                                          47 / n, 1 / n,  59 / n, 55 / n};
  for (std::size_t i = 0; i < invariant_count; ++i)
    if (f.checked[i] > 0)
      check_floor(invariant_names[i], f.passed[i], f.checked[i], floors[i] - slack);
}
