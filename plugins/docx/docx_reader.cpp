// DOCX -> blocks -> the shared recogniser. Paragraphs (also inside tables and content
// controls), run formatting, list numbering resolved through numbering.xml, real footnotes.
#include "docx_format.hpp"

#include <xml_depth.hpp>
#include <xml_prescan.hpp>

#include <resconv/sdk/language/language.hpp>
#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/recognize/recognizer.hpp>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace resconv::docx {

namespace {

struct DocFree {
  void operator()(xmlDoc* d) const noexcept { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

// No network, no DTD (no external entities, no entity expansion), at most `max_depth`
// levels of elements (libxml2 stops at its own ceiling while parsing), at most
// `max_attributes` attributes on a start tag (counted before libxml2, whose check of them
// is quadratic).
DocPtr parse(const std::string& xml, const std::string& part, int max_depth, std::int64_t max_attributes) {
  if (xml.size() > static_cast<std::size_t>(INT32_MAX))
    throw ConversionError("docx.xml", part + " is too large");
  const xml::Prescan scan = xml::prescan(xml, static_cast<std::size_t>(max_attributes));
  if (!scan.unreadable.empty())
    throw ConversionError("docx.xml", part + ": " + scan.unreadable);
  if (scan.doctype)
    throw ConversionError("docx.dtd", part + " has a DOCTYPE (refused: entities are a security risk)");
  if (scan.most_attributes > static_cast<std::size_t>(max_attributes))
    throw ConversionError("docx.too-many-attributes",
                          part + ": a start tag at line " + std::to_string(scan.line) + " has more than " +
                              std::to_string(max_attributes) +
                              " attributes (option max-attributes: " + std::to_string(max_attributes) + ")");
  xmlResetLastError();
  DocPtr doc(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), part.c_str(), nullptr,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT));
  if (!doc) {
    const xmlError* error = xmlGetLastError();
    std::string why = error != nullptr && error->message != nullptr ? error->message : "";
    if (xml.find("<!DOCTYPE") != std::string::npos)
      throw ConversionError("docx.dtd", part + " has a DOCTYPE (refused: entities are a security risk)");
    if (why.find("Excessive depth") != std::string::npos)
      throw ConversionError("docx.too-deep", part + ": elements nest deeper than " +
                                                 std::to_string(xml::max_depth_ceiling) + " levels");
    while (!why.empty() && (why.back() == '\n' || why.back() == ' '))
      why.pop_back();
    throw ConversionError(
        "docx.xml", part + " is not well-formed XML" + (why.empty() ? std::string() : " (" + why + ")") +
                        (error != nullptr && error->line > 0 ? " at line " + std::to_string(error->line)
                                                             : std::string()));
  }
  if (xmlDocGetRootElement(doc.get()) == nullptr)
    throw ConversionError("docx.xml", part + " has no root element");
  if (int depth = xml::element_depth(xmlDocGetRootElement(doc.get())); depth > max_depth)
    throw ConversionError("docx.too-deep",
                          part + ": elements nest " + std::to_string(depth) +
                              " levels deep (option max-depth: " + std::to_string(max_depth) + ")");
  if (xmlGetIntSubset(doc.get()) != nullptr)
    throw ConversionError("docx.dtd", part + " has a DOCTYPE (refused: entities are a security risk)");
  return doc;
}

std::string_view local(const xmlNode* n) {
  return n && n->type == XML_ELEMENT_NODE ? std::string_view(reinterpret_cast<const char*>(n->name)) : "";
}

std::string attr(const xmlNode* n, const char* name) {
  // WordprocessingML attributes are namespaced (w:val); match the local name.
  for (xmlAttr* a = n ? n->properties : nullptr; a != nullptr; a = a->next)
    if (std::strcmp(reinterpret_cast<const char*>(a->name), name) == 0 && a->children && a->children->content)
      return reinterpret_cast<const char*>(a->children->content);
  return {};
}

xmlNode* child(const xmlNode* n, std::string_view name) {
  for (xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (local(c) == name)
      return c;
  return nullptr;
}

bool on(const xmlNode* toggle) {
  if (toggle == nullptr)
    return false;
  std::string v = attr(toggle, "val");
  return v.empty() || (v != "0" && v != "false" && v != "off");
}

std::string text_of(const xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  std::string out = c ? reinterpret_cast<char*>(c) : "";
  xmlFree(c);
  return out;
}

// ---------- numbering ----------

// Word's lists have nine levels, 0-8 (its numbering dialog and ECMA-376's w:lvl go no
// further); a paragraph's w:ilvl beyond them is read as the deepest level, so the level
// loop below never runs more than nine times.
constexpr std::int64_t max_list_level = 8;
// Start values are 32-bit in Word (ST_DecimalNumber as it stores it); counters are 64-bit,
// so counting up from the largest start never overflows.
constexpr std::int64_t max_list_start = std::numeric_limits<std::int32_t>::max();
// Roman numerals are written up to 3999 (MMMCMXCIX, 15 letters); a larger number in a
// Roman list is written in decimal, never as millions of "m".
constexpr std::int64_t max_roman = 3999;
// The longest level text (w:lvlText, "%1.", "(%2)") read. It is copied into the number of
// every paragraph of its level; Word's own are a few characters; a longer one is replaced
// by the default "%N." of its level.
constexpr std::size_t max_level_text = 255;

// The decimal integer at the start of `text` (after blanks and a '+'), saturated to
// [least, most]; `fallback` when there is none. Unlike atoi, never undefined.
std::int64_t number(const std::string& text, std::int64_t fallback, std::int64_t least, std::int64_t most,
                    bool* clamped = nullptr) {
  const char* first = text.c_str();
  const char* last = first + text.size();
  while (first < last && (*first == ' ' || *first == '\t'))
    ++first;
  if (first < last && *first == '+')
    ++first;
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(first, last, value);
  if (end == first)
    return fallback;
  if (error == std::errc::result_out_of_range)
    value =
        *first == '-' ? std::numeric_limits<std::int64_t>::min() : std::numeric_limits<std::int64_t>::max();
  std::int64_t kept = std::clamp(value, least, most);
  if (clamped != nullptr && kept != value)
    *clamped = true;
  return kept;
}

std::string letters(std::int64_t n, bool upper) {
  std::string out;
  while (n > 0) {
    auto d = static_cast<int>((n - 1) % 26);
    out.insert(out.begin(), static_cast<char>((upper ? 'A' : 'a') + d));
    n = (n - 1) / 26;
  }
  return out;
}

struct Level {
  std::int64_t start = 1;
  std::string format = "decimal";
  std::string text = "%1.";
};

// What numbering had to bound, for the warnings (docx.numbering).
struct NumberingNotes {
  std::int64_t levels_out = 0, first_level = 0;     // w:ilvl outside 0-8
  std::int64_t starts_clamped = 0;                  // w:start outside 0..max_list_start
  std::int64_t romans_decimal = 0, first_roman = 0; // Roman numbers above max_roman
  std::int64_t long_texts = 0;                      // w:lvlText longer than max_level_text
};

class Numbering {
public:
  NumberingNotes notes;

  // The list level (w:ilvl) of a paragraph, bounded to Word's nine.
  std::int64_t level(const std::string& text) {
    std::int64_t value = raw_level(text);
    return value < 0 ? 0 : std::min(value, max_list_level);
  }

  // The level a definition (w:lvl, w:lvlOverride) is for; nothing when outside Word's
  // nine, so a bogus definition never replaces the real one of level 8.
  std::optional<std::int64_t> defined_level(const std::string& text) {
    std::int64_t value = raw_level(text);
    return value >= 0 && value <= max_list_level ? std::optional<std::int64_t>(value) : std::nullopt;
  }

  std::int64_t start(const std::string& text) {
    bool clamped = false;
    std::int64_t value = number(text, 1, 0, max_list_start, &clamped);
    notes.starts_clamped += clamped ? 1 : 0;
    return value;
  }

  explicit Numbering(xmlDoc* doc) {
    if (doc == nullptr)
      return;
    for (xmlNode* n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
      if (local(n) == "abstractNum") {
        auto& levels = m_abstract[attr(n, "abstractNumId")];
        for (xmlNode* l = n->children; l; l = l->next)
          if (local(l) == "lvl") {
            Level level;
            std::optional<std::int64_t> index = defined_level(attr(l, "ilvl"));
            if (!index)
              continue;
            if (xmlNode* s = child(l, "start"))
              level.start = start(attr(s, "val"));
            if (xmlNode* f = child(l, "numFmt"))
              level.format = attr(f, "val");
            if (xmlNode* t = child(l, "lvlText"))
              level.text = attr(t, "val");
            if (level.text.size() > max_level_text) {
              ++notes.long_texts;
              level.text = "%" + std::to_string(*index + 1) + ".";
            }
            levels[*index] = level;
          }
      } else if (local(n) == "num") {
        Num num;
        if (xmlNode* a = child(n, "abstractNumId"))
          num.abstract = attr(a, "val");
        for (xmlNode* o = n->children; o; o = o->next)
          if (local(o) == "lvlOverride")
            if (xmlNode* s = child(o, "startOverride"))
              if (std::optional<std::int64_t> index = defined_level(attr(o, "ilvl")))
                num.restarts[*index] = start(attr(s, "val"));
        m_nums[attr(n, "numId")] = num;
      }
    }
  }

  // The printed number of the next paragraph of list `num_id` at level `ilvl`.
  std::string next(const std::string& num_id, std::int64_t ilvl) {
    auto n = m_nums.find(num_id);
    if (n == m_nums.end() || num_id == "0")
      return {};
    auto a = m_abstract.find(n->second.abstract);
    if (a == m_abstract.end())
      return {};
    auto& counters = m_counters[n->second.abstract];
    auto level_of = [&](std::int64_t k) {
      auto it = a->second.find(k);
      return it == a->second.end() ? Level{} : it->second;
    };
    // A list that restarts (startOverride) does so the first time it is used.
    if (!m_started.count(num_id)) {
      m_started.insert(num_id);
      for (const auto& [k, start] : n->second.restarts)
        counters[k] = start - 1;
    }
    if (!counters.count(ilvl))
      counters[ilvl] = level_of(ilvl).start - 1;
    ++counters[ilvl];
    for (auto it = counters.upper_bound(ilvl); it != counters.end();)
      it = counters.erase(it);
    Level level = level_of(ilvl);
    if (level.format == "bullet" || level.format == "none")
      return {};
    std::string out = level.text;
    for (std::int64_t k = 0; k <= ilvl; ++k) { // ilvl is at most max_list_level
      std::string placeholder = "%" + std::to_string(k + 1);
      auto at = out.find(placeholder);
      if (at == std::string::npos)
        continue;
      std::int64_t value = counters.count(k) ? counters[k] : level_of(k).start;
      std::string f = level_of(k).format;
      bool is_roman = f == "lowerRoman" || f == "upperRoman";
      if (is_roman && value > max_roman && notes.romans_decimal++ == 0)
        notes.first_roman = value;
      // Letters and Roman numerals start at 1: 0 (a start of 0) is written in decimal.
      std::string shown = value < 1                        ? std::to_string(value)
                          : f == "lowerLetter"             ? letters(value, false)
                          : f == "upperLetter"             ? letters(value, true)
                          : is_roman && value <= max_roman ? language::roman_numeral(value, f == "upperRoman")
                                                           : std::to_string(value);
      out.replace(at, placeholder.size(), shown);
    }
    return out;
  }

private:
  struct Num {
    std::string abstract;
    std::map<std::int64_t, std::int64_t> restarts;
  };
  std::map<std::string, std::map<std::int64_t, Level>> m_abstract;
  std::map<std::string, Num> m_nums;
  std::map<std::string, std::map<std::int64_t, std::int64_t>> m_counters;

  // A w:ilvl as written (saturated to 64 bits); one outside 0-8 is noted for the warning.
  std::int64_t raw_level(const std::string& text) {
    std::int64_t value =
        number(text, 0, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max());
    if ((value < 0 || value > max_list_level) && notes.levels_out++ == 0)
      notes.first_level = value;
    return value;
  }
  std::set<std::string> m_started;
};

// ---------- languages ----------

// The language tags of a run (w:lang): w:val for Latin and Cyrillic text, w:eastAsia for
// CJK, w:bidi for right-to-left text; empty when not said.
struct LangTags {
  std::string val, east_asia, bidi;
};

LangTags lang_tags(const xmlNode* rpr) {
  LangTags tags;
  if (const xmlNode* lang = child(rpr, "lang")) {
    tags.val = attr(lang, "val");
    tags.east_asia = attr(lang, "eastAsia");
    tags.bidi = attr(lang, "bidi");
  }
  return tags;
}

// The tags of the document defaults (styles.xml w:docDefaults/w:rPrDefault/w:rPr/w:lang).
LangTags default_lang_tags(xmlDoc* styles) {
  if (styles == nullptr)
    return {};
  return lang_tags(child(child(child(xmlDocGetRootElement(styles), "docDefaults"), "rPrDefault"), "rPr"));
}

// How much text each tag covers, by attribute: the language the package declares for it.
struct LangCount {
  std::map<std::string, std::size_t> val, east_asia, bidi;

  void add(const LangTags& run, const LangTags& defaults, std::size_t bytes) {
    auto count = [&](std::map<std::string, std::size_t>& to, const std::string& own,
                     const std::string& fallback) {
      const std::string& tag = own.empty() ? fallback : own;
      if (!tag.empty())
        to[tag] += bytes;
    };
    count(val, run.val, defaults.val);
    count(east_asia, run.east_asia, defaults.east_asia);
    count(bidi, run.bidi, defaults.bidi);
  }
};

// The declared tag that covers most text, for the script the text is written in.
std::string declared_language(const LangCount& count, language::Script script) {
  const auto& tags = script == language::Script::arabic ? count.bidi
                     : script == language::Script::han  ? count.east_asia
                                                        : count.val;
  std::string best;
  std::size_t most = 0;
  for (const auto& [tag, bytes] : tags)
    if (bytes > most) {
      best = tag;
      most = bytes;
    }
  return best;
}

// ---------- paragraphs ----------

class Reader {
public:
  Reader(Numbering& numbering, const std::map<std::string, std::string>& style_numbering,
         LangTags default_tags)
      : m_numbering(numbering), m_style_numbering(style_numbering), m_default_tags(std::move(default_tags)) {}

  LangCount languages; // The w:lang tags of the body's runs, by the text they cover.

  std::map<std::string, std::string> footnote_markers; // footnote id -> printed marker
  std::vector<std::string> footnote_order;             // footnote ids in the order they are called
  // For each call of footnote_order, how many body blocks there were once its paragraph was
  // read: its note is placed there, so a publication's notes stay with their deliberation.
  std::vector<std::size_t> footnote_after;
  std::set<std::string> custom_marks; // footnotes whose marker the call types (customMarkFollows)
  int next_marker = 1;

  // One paragraph's inlines; runs inside hyperlinks, insertions, smart tags, fields.
  void runs(const xmlNode* parent, model::Inlines& out, bool in_footnote) {
    for (xmlNode* c = parent->children; c; c = c->next) {
      std::string_view n = local(c);
      if (n == "r")
        run(c, out, in_footnote);
      else if (n == "del" || n == "pPr" || n == "rPr" || n == "moveFrom")
        continue;
      else if (c->type == XML_ELEMENT_NODE)
        runs(c, out, in_footnote); // hyperlink, ins, smartTag, sdt, sdtContent, fldSimple...
    }
  }

  void run(const xmlNode* r, model::Inlines& out, bool in_footnote) {
    xmlNode* props = child(r, "rPr");
    bool italic = props && (on(child(props, "i")) || on(child(props, "iCs")));
    bool bold = props && (on(child(props, "b")) || on(child(props, "bCs")));
    xmlNode* vert = props ? child(props, "vertAlign") : nullptr;
    bool superscript = vert && attr(vert, "val") == "superscript";
    if (!in_footnote) {
      std::size_t bytes = 0;
      for (xmlNode* c = r->children; c; c = c->next)
        if (local(c) == "t")
          bytes += text_of(c).size();
      if (bytes > 0)
        languages.add(lang_tags(props), m_default_tags, bytes);
    }
    std::string text;
    bool custom_mark = false;
    std::string custom_id;
    auto flush = [&] {
      if (text.empty())
        return;
      // A superscript number is a footnote call typed by hand (a repeated call).
      if (superscript && !in_footnote && text.find_first_not_of("0123456789*") == std::string::npos) {
        out.push_back(model::FootnoteRef{text});
      } else if (italic || bold) {
        model::Inlines inner{model::Text{text}};
        if (italic && bold)
          out.push_back(model::Emphasis{{model::Strong{inner}}});
        else if (italic)
          out.push_back(model::Emphasis{inner});
        else
          out.push_back(model::Strong{inner});
      } else {
        model::append_text(out, text);
      }
      text.clear();
    };
    for (xmlNode* c = r->children; c; c = c->next) {
      std::string_view n = local(c);
      if (n == "t") {
        if (custom_mark) {
          // The text after a custom-mark footnote reference is its marker.
          std::string marker = text_of(c);
          footnote_markers[custom_id] = marker;
          custom_marks.insert(custom_id);
          footnote_order.push_back(custom_id);
          out.push_back(model::footnote_ref(std::move(marker)));
          custom_mark = false;
          continue;
        }
        text += text_of(c);
      } else if (n == "tab" || n == "br" || n == "cr") {
        text += ' ';
      } else if (n == "noBreakHyphen") {
        text += '-';
      } else if (n == "drawing" || n == "pict" || n == "AlternateContent" || n == "object") {
        collect_textboxes(c);
      } else if (n == "footnoteReference" && !in_footnote) {
        flush();
        std::string id = attr(c, "id");
        if (!attr(c, "customMarkFollows").empty() && on(c)) {
          custom_mark = true;
          custom_id = id;
          continue;
        }
        std::string marker = std::to_string(next_marker++);
        footnote_markers[id] = marker;
        footnote_order.push_back(id);
        out.push_back(model::FootnoteRef{marker});
      }
    }
    flush();
  }

  // Text boxes anchored in a run hold paragraphs of their own; Word keeps a VML fallback
  // copy of each (mc:Fallback), which is skipped.
  void collect_textboxes(const xmlNode* node) {
    for (xmlNode* c = node->children; c; c = c->next) {
      if (local(c) == "Fallback")
        continue;
      if (local(c) == "txbxContent")
        m_textboxes.push_back(c);
      else if (c->type == XML_ELEMENT_NODE)
        collect_textboxes(c);
    }
  }

  // Paragraphs in document order, tables and content controls included.
  void body(const xmlNode* parent, std::vector<recognize::Block>& blocks) {
    for (xmlNode* c = parent->children; c; c = c->next) {
      std::string_view n = local(c);
      if (n == "p")
        paragraph(c, blocks);
      else if (n == "tbl" || n == "tr" || n == "tc" || n == "sdt" || n == "sdtContent" || n == "customXml" ||
               n == "ins" || n == "smartTag")
        body(c, blocks);
    }
  }

  void paragraph(const xmlNode* p, std::vector<recognize::Block>& blocks) {
    recognize::Block b;
    runs(p, b.content, false);
    if (xmlNode* props = child(p, "pPr")) {
      std::string num_id, style;
      std::int64_t ilvl = 0;
      if (xmlNode* numbered = child(props, "numPr")) {
        if (xmlNode* id = child(numbered, "numId"))
          num_id = attr(id, "val");
        if (xmlNode* level = child(numbered, "ilvl"))
          ilvl = m_numbering.level(attr(level, "val"));
      }
      if (xmlNode* s = child(props, "pStyle"))
        style = attr(s, "val");
      if (num_id.empty() && m_style_numbering.count(style))
        num_id = m_style_numbering.at(style);
      if (!num_id.empty()) {
        std::string printed = m_numbering.next(num_id, ilvl);
        // The model keeps "1" for "1." and "(a)" for "a)" or "(a)".
        while (!printed.empty() && (printed.back() == '.' || printed.back() == ' ' || printed.back() == '\t'))
          printed.pop_back();
        if (!printed.empty() && printed.back() == ')' && printed.front() != '(')
          printed = "(" + printed;
        if (!printed.empty())
          b.num = printed;
      }
    }
    model::normalize_trimmed(b.content);
    std::vector<const xmlNode*> boxes = std::move(m_textboxes);
    m_textboxes.clear();
    if (!b.content.empty() || b.num)
      blocks.push_back(std::move(b));
    footnote_after.resize(footnote_order.size(), blocks.size());
    for (const xmlNode* box : boxes)
      body(box, blocks);
  }

private:
  Numbering& m_numbering;
  const std::map<std::string, std::string>& m_style_numbering;
  LangTags m_default_tags;
  std::vector<const xmlNode*> m_textboxes;
};

// Paragraph styles that carry numbering (w:style/w:pPr/w:numPr).
std::map<std::string, std::string> style_numbering(xmlDoc* doc) {
  std::map<std::string, std::string> out;
  if (doc == nullptr)
    return out;
  for (xmlNode* s = xmlDocGetRootElement(doc)->children; s; s = s->next)
    if (local(s) == "style")
      if (xmlNode* props = child(s, "pPr"))
        if (xmlNode* numbered = child(props, "numPr"))
          if (xmlNode* id = child(numbered, "numId"))
            out[attr(s, "styleId")] = attr(id, "val");
  return out;
}

// With language=auto: the language the runs' w:lang declares for the text's script, when a
// language file answers it ("fr-FR" -> "fr") and the text does not clearly read as another
// (a document typed with Word's default "en-US" on French text); else auto, the text decides.
std::string language_of_package(const std::vector<recognize::Block>& blocks, const LangCount& count) {
  std::string text;
  for (const auto& b : blocks)
    if (!b.footnote)
      text += model::plain_text(b.content) + "\n";
  std::string tag = declared_language(count, language::dominant_script(text));
  if (tag.empty())
    return "auto";
  try {
    const language::Language& declared = language::Language::for_code(tag);
    // Not believed when another language reads clearly better than the declared one: by the
    // margin language::detect calls clear (a tenth more of the words being stop words).
    constexpr double contradiction_margin = 0.3;
    language::Detection detected = language::detect(text);
    if (detected.language != nullptr && detected.language->code() != declared.code() &&
        detected.score - declared.score(text) >= contradiction_margin)
      return "auto";
    return declared.code();
  } catch (const language::LanguageError&) {
    return "auto"; // A tag no language file answers ("x-none", "de-DE"): the text decides.
  }
}

} // namespace

Probe DocxImporter::do_probe(const ProbeInput& input) const {
  if (input.head.substr(0, 2) != "PK")
    return Probe::no;
  // The package's parts are named in the first entries' headers.
  return input.head.find("word/") != std::string_view::npos ? Probe::yes : Probe::unknown;
}

model::Document DocxImporter::do_import(const InputSource& input, const Options& options,
                                        DiagnosticSink& sink) {
  // The limits: format.json documents each option and bounds it (Options::parse has
  // checked the values); `fallback` serves callers that pass no options.
  auto option = [&](const char* name, std::int64_t fallback) {
    return options.has(name) ? options.get_int(name) : fallback;
  };
  const ZipLimits defaults;
  ZipLimits limits;
  limits.max_entry_bytes = static_cast<std::size_t>(option("max-part-size", 64)) << 20;
  limits.max_total_bytes = static_cast<std::size_t>(option("max-total-size", 256)) << 20;
  limits.max_ratio = static_cast<double>(option("max-ratio", static_cast<std::int64_t>(defaults.max_ratio)));
  const int max_depth = static_cast<int>(option("max-depth", xml::max_depth_ceiling));
  const std::int64_t max_attributes = option("max-attributes", xml::default_max_attributes);

  auto parts = read_zip(input.bytes(),
                        {"word/document.xml", "word/footnotes.xml", "word/numbering.xml", "word/styles.xml",
                         "docProps/core.xml"},
                        limits);
  auto document = parts.find("word/document.xml");
  if (document == parts.end())
    throw ConversionError("docx.not-docx", "the package has no word/document.xml: not a Word document");
  auto parse_part = [&](const char* name) -> DocPtr {
    auto it = parts.find(name);
    return it == parts.end() ? nullptr : parse(it->second, name, max_depth, max_attributes);
  };
  DocPtr numbering_doc = parse_part("word/numbering.xml");
  DocPtr styles_doc = parse_part("word/styles.xml");
  Numbering numbering(numbering_doc.get());
  auto styled = style_numbering(styles_doc.get());
  Reader reader(numbering, styled, default_lang_tags(styles_doc.get()));
  std::vector<recognize::Block> blocks;
  DocPtr doc = parse_part("word/document.xml");
  if (xmlNode* body = child(xmlDocGetRootElement(doc.get()), "body"))
    reader.body(body, blocks);
  if (blocks.empty())
    throw ConversionError("docx.empty", "the document has no text");
  const NumberingNotes& notes = numbering.notes;
  auto times = [](std::int64_t n) { return n == 1 ? std::string("once") : std::to_string(n) + " times"; };
  if (notes.levels_out > 0)
    sink.warning("docx.numbering",
                 "a list level outside Word's 0-" + std::to_string(max_list_level) + " (" +
                     std::to_string(notes.first_level) + ", " + times(notes.levels_out) +
                     ") was read as the nearest level",
                 {input.name()});
  if (notes.starts_clamped > 0)
    sink.warning("docx.numbering",
                 "a list start outside 0-" + std::to_string(max_list_start) + " (" +
                     times(notes.starts_clamped) + ") was read as the nearest bound",
                 {input.name()});
  if (notes.romans_decimal > 0)
    sink.warning("docx.numbering",
                 "Roman list numbers above " + std::to_string(max_roman) + " (" +
                     std::to_string(notes.first_roman) + ", " + times(notes.romans_decimal) +
                     ") are written in decimal",
                 {input.name()});
  if (notes.long_texts > 0)
    sink.warning("docx.numbering",
                 "a list level text longer than " + std::to_string(max_level_text) + " bytes (" +
                     times(notes.long_texts) + ") was replaced by the level's plain number",
                 {input.name()});

  // Footnotes: their text, under the markers the calls got; separators skipped.
  if (DocPtr fdoc = parse_part("word/footnotes.xml")) {
    std::map<std::string, recognize::Block> by_id;
    for (xmlNode* f = xmlDocGetRootElement(fdoc.get())->children; f; f = f->next) {
      if (local(f) != "footnote" || !attr(f, "type").empty())
        continue;
      auto marker = reader.footnote_markers.find(attr(f, "id"));
      if (marker == reader.footnote_markers.end())
        continue; // Never called.
      recognize::Block b;
      b.footnote = true;
      b.footnote_marker = marker->second;
      b.calls_marked = true;
      for (xmlNode* p = f->children; p; p = p->next)
        if (local(p) == "p") {
          model::Inlines part;
          reader.runs(p, part, true);
          if (!b.content.empty() && !part.empty())
            model::append_text(b.content, " ");
          b.content.insert(b.content.end(), part.begin(), part.end());
        }
      model::normalize_trimmed(b.content);
      // A custom mark is typed again at the head of its note ("* Text"): the marker, not text.
      if (reader.custom_marks.count(attr(f, "id")) && !b.content.empty())
        if (auto* first = std::get_if<model::Text>(&b.content.front().value);
            first != nullptr && first->text.rfind(b.footnote_marker + " ", 0) == 0) {
          first->text.erase(0, b.footnote_marker.size() + 1);
          model::normalize_trimmed(b.content);
        }
      by_id.emplace(attr(f, "id"), std::move(b));
    }
    // In the order of their calls, whatever their ids, each after the paragraph calling it.
    std::vector<recognize::Block> placed;
    placed.reserve(blocks.size() + by_id.size());
    std::size_t next_block = 0;
    for (std::size_t k = 0; k < reader.footnote_order.size(); ++k)
      if (auto it = by_id.find(reader.footnote_order[k]); it != by_id.end()) {
        std::size_t after = std::min(reader.footnote_after[k], blocks.size());
        for (; next_block < after; ++next_block)
          placed.push_back(std::move(blocks[next_block]));
        placed.push_back(std::move(it->second));
        by_id.erase(it);
      }
    for (; next_block < blocks.size(); ++next_block)
      placed.push_back(std::move(blocks[next_block]));
    blocks = std::move(placed);
  }

  recognize::RecognizeOptions settings;
  settings.source_name = input.name();
  settings.language = options.has("language") ? options.get_string("language") : "auto";
  settings.deliberation_shapes = options.has("shapes") && options.get_bool("shapes");
  if (settings.language == "auto")
    settings.language = language_of_package(blocks, reader.languages);
  settings.link_references = !options.has("link-references") || options.get_bool("link-references");
  settings.infer_plain_footnote_calls = false;
  model::Document result = recognize::recognize(blocks, settings, sink);

  // Document properties fill what the text did not say.
  if (DocPtr cdoc = parse_part("docProps/core.xml")) {
    for (xmlNode* e = xmlDocGetRootElement(cdoc.get())->children; e; e = e->next) {
      std::string value = model::collapse_space(text_of(e));
      if (value.empty())
        continue;
      if (local(e) == "title" && !result.metadata.title)
        result.metadata.title = value;
    }
  }
  if (!result.formula)
    sink.warning("docx.no-resolution",
                 "no resolution structure (formula) found; the text is kept as paragraphs", {input.name()});
  return result;
}

} // namespace resconv::docx
