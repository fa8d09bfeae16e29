// The docx plugin in French, Arabic and Chinese: w:lang from the document's language,
// right-to-left paragraphs and runs for Arabic, complex-script and East Asian fonts, the
// masthead in the language, w:lang read back, and model -> DOCX -> model.
#include "test_support.hpp"

#include <docx_format.hpp>

#include <resconv/sdk/language/language.hpp>
#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/dump.hpp>
#include <resconv/sdk/model/json.hpp>
#include <resconv/sdk/model/project.hpp>

#include <catch2/catch.hpp>

using namespace resconv;
using namespace resconv::model;

namespace {

Document french() {
  return test::language_resolution(
      "fr", "Assemblée générale", "Cinquante-septième session", "Assistance à la lutte antimines",
      "sur la base du rapport de la Quatrième Commission (A/57/444)", "78e séance plénière",
      "L'Assemblée générale,",
      {emphasis({text("Évoquant")}), text(" les buts et les principes de la Charte des Nations Unies et sa "
                                          "résolution sur la question, qui a été adoptée par consensus,")},
      {emphasis({text("Décide")}), text(" de poursuivre l'examen de la question à sa prochaine session et "
                                        "dans le cadre des travaux de la Commission :")},
      {text("en priorité ;")}, {text("à sa prochaine session ;")},
      {emphasis({text("Prie")}),
       text(" le Secrétaire général de lui présenter, à sa cinquante-huitième session, un rapport sur "
            "l'application de la présente résolution."),
       footnote_ref("1")},
      {text("Documents officiels de l'Assemblée générale.")});
}

Document arabic() {
  return test::language_resolution(
      "ar", "الجمعية العامة", "الدورة السابعة والخمسون", "تقديم المساعدة في إزالة الألغام",
      "بناء على تقرير اللجنة الرابعة (A/57/444)", "الجلسة العامة 78", "إن الجمعية العامة،",
      {emphasis({text("إذ تشير")}), text(" إلى ميثاق الأمم المتحدة ومقاصده،")},
      {emphasis({text("تقرر")}), text(" مواصلة النظر في المسألة:")}, {text("على سبيل الأولوية؛")},
      {text("في دورتها المقبلة؛")},
      {emphasis({text("تطلب")}), text(" إلى الأمين العام أن يقدم إليها تقريرا."), footnote_ref("1")},
      {text("الوثائق الرسمية للجمعية العامة.")});
}

Document chinese() {
  return test::language_resolution(
      "zh", "大会", "第五十七届会议", "协助排雷行动", "根据第四委员会的报告(A/57/444)通过", "第78次全体会议",
      "大会，", {emphasis({text("回顾")}), text("《联合国宪章》及其宗旨，")},
      {emphasis({text("决定")}), text("继续审议这个问题：")}, {text("作为优先事项；")},
      {text("在下届会议上；")},
      {emphasis({text("请")}), text("秘书长向大会提交一份报告。"), footnote_ref("1")},
      {text("《大会正式记录》。")});
}

std::string export_docx(const Document& d) {
  docx::DocxExporter exporter;
  OutputSink out = OutputSink::to_memory("out.docx");
  DiagnosticCollector sink;
  REQUIRE(static_cast<Exporter&>(exporter).run(d, out, Options{}, sink));
  CHECK(sink.diagnostics().empty());
  return out.memory();
}

std::optional<Document> import_docx(const std::string& bytes, DiagnosticCollector& sink,
                                    const Options& options = {}) {
  docx::DocxImporter importer;
  return static_cast<Importer&>(importer).run(InputSource::from_memory("in.docx", bytes), options, sink);
}

std::string part(const std::string& bytes, const char* name) {
  auto parts = docx::read_zip(bytes, {name});
  REQUIRE(parts.count(name) == 1);
  return parts.at(name);
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size()))
    ++n;
  return n;
}

bool has(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

} // namespace

TEST_CASE("DOCX w:lang is the document's language: w:eastAsia for Chinese, w:bidi for Arabic",
          "[docx][languages]") {
  CHECK(has(part(export_docx(french()), "word/styles.xml"), "<w:lang w:val=\"fr\"/>"));
  CHECK(has(part(export_docx(arabic()), "word/styles.xml"), "<w:lang w:val=\"ar\" w:bidi=\"ar\"/>"));
  CHECK(has(part(export_docx(chinese()), "word/styles.xml"), "<w:lang w:val=\"zh\" w:eastAsia=\"zh\"/>"));
  // English as before, but with the model's own tag.
  Document english = test::sample_document();
  english.metadata.language = "en";
  CHECK(has(part(export_docx(english), "word/styles.xml"), "<w:lang w:val=\"en\"/>"));
}

TEST_CASE("DOCX fonts: a complex-script face for Arabic and an East Asian face for Chinese",
          "[docx][languages]") {
  for (const Document& d : {arabic(), chinese()}) {
    std::string styles = part(export_docx(d), "word/styles.xml");
    CHECK(has(styles, "w:eastAsia=\"SimSun\""));
    CHECK(has(styles, "w:cs=\"Simplified Arabic\""));
  }
}

TEST_CASE("DOCX Arabic: every paragraph w:bidi, Arabic runs w:rtl with complex-script italics",
          "[docx][languages]") {
  std::string document = part(export_docx(arabic()), "word/document.xml");
  std::size_t paragraphs = count_of(document, "<w:p>");
  CHECK(paragraphs > 10);
  CHECK(count_of(document, "<w:bidi/>") == paragraphs + 1); // and the section
  CHECK(has(document, "<w:rPr><w:i/><w:iCs/><w:rtl/></w:rPr><w:t xml:space=\"preserve\">إذ تشير</w:t>"));
  CHECK(has(document, "<w:rtl/></w:rPr><w:t xml:space=\"preserve\">إن الجمعية العامة،</w:t>"));
  // The text is stored in logical order, as typed.
  CHECK(has(document, "الجمعية العامة"));
  std::string footnotes = part(export_docx(arabic()), "word/footnotes.xml");
  CHECK(has(footnotes, "<w:pPr><w:pStyle w:val=\"FootnoteText\"/><w:bidi/></w:pPr>"));
  // No right-to-left marks in a left-to-right language.
  for (const Document& d : {french(), chinese()}) {
    std::string other = part(export_docx(d), "word/document.xml");
    CHECK_FALSE(has(other, "<w:bidi/>"));
    CHECK_FALSE(has(other, "<w:rtl/>"));
  }
}

TEST_CASE("DOCX masthead in the document's language", "[docx][languages]") {
  for (const Document& d : {french(), arabic(), chinese()}) {
    const language::Language& language = language::Language::for_code(*d.metadata.language);
    INFO(language.code());
    std::string document = part(export_docx(d), "word/document.xml");
    CHECK(has(document,
              "<w:t xml:space=\"preserve\">" + language.phrase(language::Phrase::united_nations) + "</w:t>"));
    CHECK(has(document, language.spell_date("2002-12-20")));
    CHECK(has(document, language.phrase(language::Phrase::distribution)));
  }
  std::string document = part(export_docx(french()), "word/document.xml");
  CHECK(has(document, "20 décembre 2002"));
  CHECK_FALSE(has(document, "December"));
  CHECK_FALSE(has(document, "United Nations"));
}

TEST_CASE("DOCX model -> docx -> model in French, Arabic and Chinese", "[docx][languages][roundtrip]") {
  for (const Document& original : {french(), arabic(), chinese()}) {
    INFO(*original.metadata.language);
    std::string bytes = export_docx(original);
    CHECK(export_docx(original) == bytes);
    DiagnosticCollector sink;
    auto back = import_docx(bytes, sink);
    REQUIRE(back);
    for (const auto& d : sink.diagnostics())
      UNSCOPED_INFO(d.code << ": " << d.message);
    std::vector<std::string> kept = {"emphasis", "strong", "footnotes", "annexes", "items", "headings"};
    CHECK(dump(project(*back, kept)) == dump(project(original, kept)));
  }
}

// The package with the w:lang of its styles replaced.
static std::string with_default_lang(const std::string& bytes, const std::string& lang) {
  const std::vector<std::string> names = {
      "[Content_Types].xml", "_rels/.rels",       "word/_rels/document.xml.rels", "word/document.xml",
      "word/styles.xml",     "word/settings.xml", "word/footnotes.xml",           "docProps/core.xml"};
  auto parts = docx::read_zip(bytes, names);
  std::string& styles = parts.at("word/styles.xml");
  auto at = styles.find("<w:lang ");
  REQUIRE(at != std::string::npos);
  styles.replace(at, styles.find("/>", at) + 2 - at, lang);
  std::vector<std::pair<std::string, std::string>> entries;
  for (const auto& name : names)
    entries.emplace_back(name, parts.at(name));
  return docx::write_zip(entries);
}

TEST_CASE("DOCX w:lang is read back when language=auto, unless the text clearly is another language",
          "[docx][languages]") {
  std::string bytes = export_docx(french());
  auto language_of = [](const std::string& package, const Options& options = {}) {
    DiagnosticCollector sink;
    auto back = import_docx(package, sink, options);
    REQUIRE(back);
    return back->metadata.language.value_or("");
  };
  CHECK(language_of(bytes) == "fr");
  // A regional tag is read as its language's file.
  CHECK(language_of(with_default_lang(bytes, "<w:lang w:val=\"fr-CA\"/>")) == "fr");
  // Word's default "en-US" on French text is not believed: the text decides.
  CHECK(language_of(with_default_lang(bytes, "<w:lang w:val=\"en-US\"/>")) == "fr");
  // A tag no language file answers: the text decides.
  CHECK(language_of(with_default_lang(bytes, "<w:lang w:val=\"x-none\"/>")) == "fr");
  // Arabic text is read by w:bidi, Chinese by w:eastAsia, whatever w:val says.
  std::string ar = export_docx(arabic());
  CHECK(language_of(with_default_lang(ar, "<w:lang w:val=\"en-US\" w:bidi=\"ar-SA\"/>")) == "ar");
  std::string zh = export_docx(chinese());
  CHECK(language_of(with_default_lang(zh, "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>")) == "zh");
  // An explicit language still wins over the package's tags.
  Options spanish;
  spanish.set("language", std::string("es"));
  CHECK(language_of(bytes, spanish) == "es");
}

TEST_CASE("DOCX: the French, Arabic and Chinese examples' golden models go through DOCX and back",
          "[docx][languages][examples]") {
  for (const char* name : {"A_RES_99_101-FR", "A_RES_99_101-AR", "A_RES_99_101-ZH"}) {
    INFO(name);
    Document golden = from_json(test::read_file(std::filesystem::path(RESCONV_SOURCE_DIR) / "tests/golden" /
                                                (std::string(name) + ".json")));
    std::string bytes = export_docx(golden);
    std::string document = part(bytes, "word/document.xml");
    bool arabic = golden.metadata.language == std::string("ar");
    CHECK(has(document, "<w:bidi/>") == arabic);
    CHECK(has(document, "<w:rtl/>") == arabic);
    DiagnosticCollector sink;
    auto back = import_docx(bytes, sink);
    REQUIRE(back);
    std::vector<std::string> kept = {"emphasis", "strong", "footnotes", "annexes", "items", "headings"};
    CHECK(dump(project(*back, kept)) == dump(project(golden, kept)));
  }
}
