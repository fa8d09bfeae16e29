// The PDF exporter in Arabic and Chinese: the text layer holds the words in reading order,
// the fonts embedded are the Arabic and CJK faces of the style, an Arabic page is set right
// to left, Chinese lines break between characters, and the catalog names the language.
#include "test_support.hpp"

#include <pdf_format.hpp>

#include <resconv/sdk/language/language.hpp>
#include <resconv/sdk/model/builder.hpp>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <set>

using namespace resconv;
using namespace resconv::model;

namespace {

// The page style's column (formats/pdf/style.json): 123 to 488 points from the left on an
// A4 page 595.28 wide, so a right-to-left page's column ends 123 points from the right
// edge; the first line of a paragraph is indented 24 points.
constexpr double page_width = 595.28, column_left = 123, column_right = 488, first_line_indent = 24;
constexpr double rtl_column_right = page_width - column_left;
// How far a word's box may stand from where it is set: Poppler's boxes follow the glyphs'
// advance widths, a fraction of a point from the layout's.
constexpr double tolerance = 1.0;

Inline plain_run(std::string t) {
  return Inline{Text{std::move(t)}};
}
Inline emphasis_run(std::string t) {
  return Inline{Emphasis{{Text{std::move(t)}}}};
}

Paragraph paragraph(std::optional<std::string> num, Inlines content, std::vector<Paragraph> items = {}) {
  Paragraph p;
  p.num = std::move(num);
  p.content = std::move(content);
  p.items = std::move(items);
  return p;
}

// A short fictional resolution in Arabic.
Document arabic() {
  Document d;
  Metadata& m = d.metadata;
  m.body = "الجمعية العامة";
  m.symbol = "A/RES/99/101";
  m.number = "99/101";
  m.session = "الدورة التاسعة والتسعون";
  m.agenda_items = {"21"};
  m.title = "التعاون الدولي على صون المكتبات والمحفوظات الساحلية";
  m.adopted = "2044-12-10";
  m.issued = "2045-01-14";
  m.meeting = "الجلسة العامة 58";
  m.language = "ar";
  d.formula = "إن الجمعية العامة،";
  d.preamble.push_back(paragraph(
      std::nullopt, {emphasis_run("إذ تشير"),
                     plain_run(" إلى قرارها 97/45 بشأن حماية التراث الوثائقي وإلى تقرير الأمين العام "
                               "عن الموضوع نفسه،"),
                     Inline{FootnoteRef{"1"}}}));
  d.operative.push_back(paragraph("1", {emphasis_run("تحيط علما"), plain_run(" بتقرير الأمين العام؛")}));
  d.operative.push_back(
      paragraph("2",
                {emphasis_run("تشجع"),
                 plain_run(" الدول الأعضاء على تحديد المجموعات الأكثر عرضة للخطر وعلى إعداد خطط لنقلها أو "
                           "نسخها أو حمايتها، مستعينة بالمبادئ التوجيهية الواردة في الوثيقة A/99/310؛")},
                {paragraph("(أ)", {plain_run("أن تقدم المساعدة إلى البلدان النامية، بناء على طلبها؛")}),
                 paragraph("(ب)", {plain_run("أن تدعم تدريب أمناء المحفوظات؛")})}));
  d.footnotes.push_back(Footnote{"1", {plain_run("A/98/227.")}});
  return d;
}

// The sentence of the Chinese document's second operative paragraph, long enough to wrap.
const std::string chinese_sentence =
    "会员国查明面临最大风险的馆藏，并参照A/99/310号文件所载准则，制定搬迁、复制或保护这些"
    "馆藏的计划，同时考虑到低洼沿海地区和小岛屿发展中国家的图书馆和档案馆所面临的特殊风险；";

Document chinese() {
  Document d;
  Metadata& m = d.metadata;
  m.body = "大会";
  m.symbol = "A/RES/99/101";
  m.number = "99/101";
  m.session = "第九十九届会议";
  m.agenda_items = {"21"};
  m.title = "保护沿海图书馆和档案馆的国际合作";
  m.adopted = "2044-12-10";
  m.issued = "2045-01-14";
  m.meeting = "第58次全体会议";
  m.language = "zh";
  d.formula = "大会，";
  d.preamble.push_back(
      paragraph(std::nullopt, {emphasis_run("回顾"),
                               plain_run("其关于保护文献遗产的第97/45号决议以及秘书长关于同一主题的报告，"),
                               Inline{FootnoteRef{"1"}}}));
  d.operative.push_back(paragraph("1", {emphasis_run("注意到"), plain_run("秘书长的报告；")}));
  d.operative.push_back(paragraph("2", {emphasis_run("鼓励"), plain_run(chinese_sentence)}));
  d.footnotes.push_back(Footnote{"1", {plain_run("A/98/227。")}});
  return d;
}

std::string export_pdf(const Document& d, const Options& options = {}) {
  pdf::PdfExporter exporter;
  OutputSink out = OutputSink::to_memory("out.pdf");
  DiagnosticCollector sink;
  REQUIRE(static_cast<Exporter&>(exporter).run(d, out, options, sink));
  for (const auto& x : sink.diagnostics())
    INFO(format_text(x));
  return out.memory();
}

std::unique_ptr<poppler::document> open(const std::string& bytes) {
  return std::unique_ptr<poppler::document>(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
}

std::string utf8(const poppler::ustring& s) {
  auto b = s.to_utf8();
  return std::string(b.begin(), b.end());
}

struct Word {
  std::string text;
  poppler::rectf box;
};

std::vector<Word> words(poppler::document& doc, int page) {
  std::unique_ptr<poppler::page> p(doc.create_page(page));
  std::vector<Word> out;
  for (auto& box : p->text_list())
    out.push_back({utf8(box.text()), box.bbox()});
  return out;
}

// The page's text in reading order, as pdftotext gives it (Poppler's text output puts the
// glyphs of right-to-left runs back in logical order; its word boxes do not), without the
// bidi embedding marks (U+202A-U+202E) Poppler puts around runs of the other direction.
std::string page_text(poppler::document& doc, int page) {
  std::unique_ptr<poppler::page> p(doc.create_page(page));
  std::string text = utf8(p->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout));
  for (std::string mark : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E"})
    for (auto at = text.find(mark); at != std::string::npos; at = text.find(mark, at))
      text.erase(at, mark.size());
  return text;
}

std::string without_spaces(std::string text) {
  text.erase(std::remove_if(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\n'; }),
             text.end());
  return text;
}

// The fonts embedded whose name holds `face`.
int embedded_fonts_named(poppler::document& doc, const std::string& face) {
  int n = 0;
  for (const auto& f : doc.fonts())
    n += f.is_embedded() && f.name().find(face) != std::string::npos ? 1 : 0;
  return n;
}

// The footnotes of the test documents start below this line (points from the top).
constexpr double footnotes_top = 700;
// Where the body starts: the top of the formula's first word.
double body_top(const std::vector<Word>& list, const std::string& first_word) {
  auto w = std::find_if(list.begin(), list.end(), [&](const Word& x) { return x.text == first_word; });
  REQUIRE(w != list.end());
  return w->box.top() - tolerance;
}

// Every object of the cross-reference table is where the table says, and startxref points
// at the table: the /Lang entry did not break the file.
void check_xref(const std::string& pdf) {
  auto start = pdf.rfind("startxref\n");
  REQUIRE(start != std::string::npos);
  std::size_t table = std::stoul(pdf.substr(start + 10));
  REQUIRE(pdf.compare(table, 5, "xref\n") == 0);
  std::size_t line = pdf.find('\n', table + 5) + 1;
  int object = 0, checked = 0;
  for (; pdf.compare(line, 7, "trailer") != 0; line += 20, ++object) {
    if (pdf[line + 17] != 'n')
      continue;
    std::size_t at = std::stoul(pdf.substr(line, 10));
    INFO("object " << object << " at " << at);
    CHECK(pdf.compare(at, std::to_string(object).size() + 6, std::to_string(object) + " 0 obj") == 0);
    ++checked;
  }
  CHECK(checked > 10);
}

} // namespace

TEST_CASE("an Arabic PDF: joined letters in reading order, the Naskh face, set right to left",
          "[pdf][export][languages]") {
  // The Arabic language file (formats/common/lang/ar.json) is installed and right to left.
  REQUIRE(language::Language::for_code("ar").right_to_left());
  std::string bytes = export_pdf(arabic());
  auto doc = open(bytes);
  REQUIRE(doc);
  auto list = words(*doc, 0);
  std::string text = page_text(*doc, 0);
  INFO(text);
  // The words in logical order, as written, without gaps inside them. (Phrases without
  // the lam-alef ligature: Poppler splits that one glyph into two letters in the wrong
  // order, "الأمين" reads "ا" ... "لمين" ... "أ".)
  CHECK(text.find("الجمعية العامة") != std::string::npos);
  CHECK(text.find("إن الجمعية العامة،") != std::string::npos);
  CHECK(text.find("تشجع الدول") != std::string::npos);
  CHECK(text.find("مستعينة بالمبادئ التوجيهية الواردة في الوثيقة") != std::string::npos);
  CHECK(text.find("A/RES/99/101") != std::string::npos);
  CHECK(embedded_fonts_named(*doc, "NotoNaskhArabic") >= 1);
  for (const auto& f : doc->fonts()) {
    INFO(f.name());
    CHECK(f.is_embedded());
  }
  // The first word of operative paragraph 2 is its number, set at the right end of its
  // line, one indent in from the right-hand column edge; the paragraph's later lines run
  // to that edge, and nothing passes it.
  auto two = std::find_if(list.begin(), list.end(), [](const Word& w) { return w.text == "2"; });
  REQUIRE(two != list.end());
  CHECK(std::abs(two->box.right() - (rtl_column_right - first_line_indent)) < tolerance);
  double rightmost = 0;
  for (const auto& w : list)
    if (w.box.top() > two->box.top() - tolerance && w.box.top() < footnotes_top)
      rightmost = std::max(rightmost, w.box.right());
  CHECK(std::abs(rightmost - rtl_column_right) < tolerance);
  // The masthead is mirrored: "United Nations" on the right, the symbol on the left.
  auto symbol =
      std::find_if(list.begin(), list.end(), [](const Word& w) { return w.text == "A/RES/99/101"; });
  REQUIRE(symbol != list.end());
  CHECK(symbol->box.left() < page_width / 2);
  CHECK(bytes.find("/Lang (ar)") != std::string::npos);
  check_xref(bytes);
}

TEST_CASE("a Chinese PDF: CJK characters in the CJK face, lines broken between characters",
          "[pdf][export][languages]") {
  // The Chinese language file (formats/common/lang/zh.json) is installed.
  REQUIRE(language::Language::for_code("zh").script() == language::Script::han);
  std::string bytes = export_pdf(chinese());
  auto doc = open(bytes);
  REQUIRE(doc);
  auto list = words(*doc, 0);
  std::string text = page_text(*doc, 0);
  INFO(text);
  CHECK(text.find("大会") != std::string::npos);
  // The long paragraph is all there, across its lines.
  CHECK(without_spaces(text).find("2.鼓励" + chinese_sentence) != std::string::npos);
  CHECK(embedded_fonts_named(*doc, "NotoSerifCJK") >= 1);
  for (const auto& f : doc->fonts()) {
    INFO(f.name());
    CHECK(f.is_embedded());
  }
  // A paragraph without spaces wraps inside the column: several lines, none past its edge.
  std::set<int> lines;
  // The body: from the formula to the closing (which runs past the column's edge).
  double top = body_top(list, "大会，"), closing = 0;
  for (const auto& w : list)
    if (w.text.find("第58次全体会议") != std::string::npos)
      closing = w.box.top();
  for (const auto& w : list)
    if (w.box.top() > top && w.box.top() < closing - tolerance) {
      lines.insert(static_cast<int>(w.box.top()));
      CHECK(w.box.right() < column_right + tolerance);
      CHECK(w.box.left() > column_left - tolerance);
    }
  CHECK(lines.size() >= 5);
  CHECK(bytes.find("/Lang (zh)") != std::string::npos);
  check_xref(bytes);
}

TEST_CASE("an English PDF names its language and stays left to right", "[pdf][export][languages]") {
  Document d;
  d.metadata.language = "en";
  d.metadata.symbol = "A/RES/99/7";
  d.formula = "The General Assembly,";
  d.operative.push_back(
      paragraph("1", {emphasis_run("Decides"), plain_run(" to remain seized of the matter.")}));
  std::string bytes = export_pdf(d);
  auto doc = open(bytes);
  REQUIRE(doc);
  auto list = words(*doc, 0);
  auto one = std::find_if(list.begin(), list.end(), [](const Word& w) { return w.text == "1."; });
  REQUIRE(one != list.end());
  CHECK(std::abs(one->box.left() - (column_left + first_line_indent)) < tolerance);
  CHECK(bytes.find("/Lang (en)") != std::string::npos);
  check_xref(bytes);
}

TEST_CASE("a font family that is not installed: another face with the letters, no failure",
          "[pdf][export][languages]") {
  REQUIRE(language::Language::for_code("ar").right_to_left());
  test::TempDir dir;
  auto style = dir.path() / "style.json";
  test::write_file(style, R"({"scripts": {"Arab": {"font": "No Such Face", "exact_positions": true}}})");
  Options options;
  options.set("style", style.string());
  std::string bytes = export_pdf(arabic(), options);
  auto doc = open(bytes);
  REQUIRE(doc);
  CHECK(page_text(*doc, 0).find("إذ تشير إلى قرارها") != std::string::npos);
  // Which face fontconfig picks depends on the machine (here DejaVu Sans): it is embedded.
  REQUIRE_FALSE(doc->fonts().empty());
  for (const auto& f : doc->fonts()) {
    INFO(f.name());
    CHECK(f.is_embedded());
  }
}
