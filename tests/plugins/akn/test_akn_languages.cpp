// The akn plugin in French, Arabic and Chinese: ids from ASCII-folded names, xml:lang and
// FRBRlanguage from the language files, preface words in the document's language, the
// schema, and model -> AKN -> model.
#include "test_support.hpp"

#include <akn_format.hpp>
#include <akn_names.hpp>

#include <resconv/sdk/language/language.hpp>
#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/dump.hpp>
#include <resconv/sdk/model/json.hpp>
#include <resconv/sdk/model/project.hpp>

#include <catch2/catch.hpp>

using namespace resconv;
using namespace resconv::model;

namespace {

// A small resolution in one language: masthead fields, formula, an italic preambular lead
// word, operative paragraphs with items and a footnote, the closing.
struct Sample {
  const char* code;     // "fr"
  const char* iso639_2; // "fra"
  const char* date;     // 2002-12-20 as the language spells it; nullptr: as its file spells it
  Document document;
};

std::vector<Sample> samples() {
  return {
      {"fr", "fra", "20 décembre 2002",
       test::language_resolution(
           "fr", "Assemblée générale", "Cinquante-septième session", "Assistance à la lutte antimines",
           "sur la base du rapport de la Quatrième Commission (A/57/444)", "78e séance plénière",
           "L'Assemblée générale,",
           {emphasis({text("Évoquant")}),
            text(" les buts et les principes de la Charte des Nations Unies et sa résolution sur la "
                 "question, qui a été adoptée par consensus,")},
           {emphasis({text("Décide")}), text(" de poursuivre l'examen de la question à sa prochaine session "
                                             "et dans le cadre des travaux de la Commission :")},
           {text("en priorité ;")}, {text("à sa prochaine session ;")},
           {emphasis({text("Prie")}),
            text(" le Secrétaire général de lui présenter, à sa cinquante-huitième session, un rapport sur "
                 "l'application de la présente résolution."),
            footnote_ref("1")},
           {text("Documents officiels de l'Assemblée générale.")})},
      {"ar", "ara", nullptr,
       test::language_resolution(
           "ar", "الجمعية العامة", "الدورة السابعة والخمسون", "تقديم المساعدة في إزالة الألغام",
           "بناء على تقرير اللجنة الرابعة (A/57/444)", "الجلسة العامة 78", "إن الجمعية العامة،",
           {emphasis({text("إذ تشير")}), text(" إلى ميثاق الأمم المتحدة ومقاصده،")},
           {emphasis({text("تقرر")}), text(" مواصلة النظر في المسألة:")}, {text("على سبيل الأولوية؛")},
           {text("في دورتها المقبلة؛")},
           {emphasis({text("تطلب")}), text(" إلى الأمين العام أن يقدم إليها تقريرا."), footnote_ref("1")},
           {text("الوثائق الرسمية للجمعية العامة.")})},
      {"zh", "zho", nullptr,
       test::language_resolution(
           "zh", "大会", "第五十七届会议", "协助排雷行动", "根据第四委员会的报告(A/57/444)通过",
           "第78次全体会议", "大会，", {emphasis({text("回顾")}), text("《联合国宪章》及其宗旨，")},
           {emphasis({text("决定")}), text("继续审议这个问题：")}, {text("作为优先事项；")},
           {text("在下届会议上；")},
           {emphasis({text("请")}), text("秘书长向大会提交一份报告。"), footnote_ref("1")},
           {text("《大会正式记录》。")})},
  };
}

std::string to_akn(const Document& d) {
  akn::XmlDocPtr doc = akn::write_akn(d, {});
  return akn::serialize(doc.get(), true);
}

bool has(const std::string& xml, const std::string& part) {
  return xml.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("AKN ids are ASCII in every language: the French actor is un-ga, never un-assembl-e-g-n-rale",
          "[akn][languages]") {
  Document french = samples()[0].document;
  CHECK(akn::actor_for(french.metadata.body) == "un-ga");
  CHECK(akn::body_eid(french.metadata.body) == "generalAssembly");
  CHECK(akn::work_iri(french.metadata.body, "2002-12-20", french.metadata.number) ==
        "/akn/un/statement/deliberation/un-ga/2002-12-20/57-263");
  // A body no language file knows: the ASCII slug of its name.
  CHECK(akn::actor_for(std::string("Comité spécial de la décolonisation")) ==
        "un-comite-special-de-la-decolonisation");
  CHECK(akn::body_eid(std::string("Comité spécial")) == "comiteSpecial");
  CHECK(akn::camel_case("Évoquant en outre", "x") == "evoquantEnOutre");
  for (const Sample& s : samples()) {
    INFO(s.code);
    std::string xml = to_akn(s.document);
    CHECK_FALSE(has(xml, "assembl-e"));
    CHECK(has(xml, "<TLCOrganization eId=\"generalAssembly\" href=\"/akn/ontology/organization/un/un-ga\""));
    CHECK(has(xml, "<FRBRauthor href=\"#generalAssembly\"/>"));
    // Every eId and every IRI is ASCII.
    for (const char* attribute : {" eId=\"", " href=\"", " value=\"", " name=\""}) {
      for (auto at = xml.find(attribute); at != std::string::npos; at = xml.find(attribute, at + 1)) {
        auto begin = at + std::string_view(attribute).size();
        std::string value = xml.substr(begin, xml.find('"', begin) - begin);
        INFO(value);
        CHECK(std::all_of(value.begin(), value.end(),
                          [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
      }
    }
    CHECK(has(xml, "<session refersTo=\"#session\" value=\"57\">"));
  }
}

TEST_CASE("AKN language: xml:lang, FRBRlanguage in ISO 639-2, Expression IRIs, dates in the language",
          "[akn][languages]") {
  for (const Sample& s : samples()) {
    INFO(s.code);
    std::string xml = to_akn(s.document);
    const std::string lang = std::string("xml:lang=\"") + s.code + "\"";
    CHECK(has(xml, "<preface " + lang + ">"));
    CHECK(has(xml, "<preamble " + lang + ">"));
    CHECK(has(xml, "<mainBody " + lang + ">"));
    CHECK(has(xml, std::string("<FRBRlanguage language=\"") + s.iso639_2 + "\"/>"));
    CHECK(has(xml, std::string("<FRBRuri value=\"/akn/un/statement/deliberation/un-ga/2002-12-20/57-263/") +
                       s.iso639_2 + "@\"/>"));
    CHECK(akn::language_to_iso639_2(std::string(s.code)) == s.iso639_2);
    CHECK(akn::language_from_iso639_2(s.iso639_2) == std::string(s.code));
    const language::Language& language = language::Language::for_code(s.code);
    std::string date = s.date != nullptr ? s.date : language.spell_date("2002-12-20");
    CHECK(date != "2002-12-20");
    CHECK(has(xml, "<docDate date=\"2002-12-20\" refersTo=\"#adoptionDate\">" + date + "</docDate>"));
    // The words of the adoption line are the language's, around the marked body.
    // The word for "Resolution" is marked where the line has it (Arabic's line says "قرار",
    // its title word is "القرار").
    const std::string& type = language.phrase(language::Phrase::resolution);
    CHECK(has(xml, "<docType refersTo=\"#resolution\">" + type + "</docType>") ==
          has(language.line_template(language::Line::adoption), type));
    CHECK(has(xml, "<docAuthority refersTo=\"#generalAssembly\">" + *s.document.metadata.body +
                       "</docAuthority>"));
    CHECK(has(xml, "<paragraph eId=\"para_1\">"));
  }
  // The French lead word, folded: the container is named from the lead word, in ASCII.
  CHECK(has(to_akn(samples()[0].document), "<container name=\"evoquant\" eId=\"preamble__container_1\">"));
}

TEST_CASE("AKN model -> akn -> model in French, Arabic and Chinese", "[akn][languages][roundtrip]") {
  for (const Sample& s : samples()) {
    INFO(s.code);
    std::string xml = to_akn(s.document);
    CHECK(to_akn(s.document) == xml);
    akn::XmlDocPtr doc = akn::parse_secure(xml, "mem.xml");
    DiagnosticCollector sink;
    Document back = akn::read_akn(doc.get(), sink, "mem.xml");
    Document expected = project(s.document, {"emphasis", "strong", "footnotes", "references", "annexes",
                                             "items", "headings", "masthead", "distribution"});
    CHECK(dump(back) == dump(expected));
    CHECK(sink.diagnostics().empty());
    // The text-conservation rule holds with CJK characters and typographic apostrophes.
    DiagnosticCollector rules;
    CHECK(akn::check_rules(doc.get(), rules, "mem.xml") == 0);
    for (const auto& d : rules.diagnostics())
      UNSCOPED_INFO(d.code << ": " << d.message);
  }
}

TEST_CASE("AKN in French, Arabic and Chinese is schema-valid and validate-clean",
          "[akn][languages][schema]") {
  if (akn::schema_path("").empty()) {
    WARN("Akoma Ntoso schema not installed (scripts/fetch-schemas.sh): schema check SKIPPED");
    return;
  }
  for (const Sample& s : samples()) {
    INFO(s.code);
    akn::AknValidator validator;
    DiagnosticCollector sink;
    static_cast<Validator&>(validator).run(InputSource::from_memory("lang.xml", to_akn(s.document)),
                                           Options{}, sink);
    for (const auto& d : sink.diagnostics())
      UNSCOPED_INFO(d.code << ": " << d.message);
    CHECK(sink.diagnostics().empty());
  }
}

TEST_CASE("AKN: a body whose language declines it after 'adopted by' is marked as printed and read back "
          "as its name",
          "[akn][languages][roundtrip]") {
  const language::Language& russian = language::Language::for_code("ru");
  const language::Body* assembly = russian.body_named("Генеральная Ассамблея");
  REQUIRE(assembly != nullptr);
  REQUIRE(assembly->definite.find(assembly->name) == std::string::npos); // declined: "Генеральной Ассамблеей"
  Document d = test::language_resolution(
      "ru", "Генеральная Ассамблея", "Пятьдесят седьмая сессия", "Помощь в разминировании",
      "по докладу Четвертого комитета (A/57/444)", "78-е пленарное заседание", "Генеральная Ассамблея,",
      {emphasis({text("Ссылаясь")}), text(" на Устав,")},
      {emphasis({text("постановляет")}), text(" продолжить рассмотрение:")}, {text("в первую очередь;")},
      {text("на следующей сессии;")},
      {emphasis({text("просит")}), text(" Генерального секретаря представить доклад."), footnote_ref("1")},
      {text("Официальные отчеты Генеральной Ассамблеи.")});
  std::string xml = to_akn(d);
  CHECK(has(xml, "<docAuthority refersTo=\"#generalAssembly\">" + assembly->definite + "</docAuthority>"));
  akn::XmlDocPtr doc = akn::parse_secure(xml, "mem.xml");
  DiagnosticCollector sink;
  Document back = akn::read_akn(doc.get(), sink, "mem.xml");
  CHECK(back.metadata.body == std::string("Генеральная Ассамблея"));
  CHECK(dump(back) == dump(project(d, {"emphasis", "strong", "footnotes", "references", "annexes", "items",
                                       "headings", "masthead", "distribution"})));
  DiagnosticCollector rules;
  CHECK(akn::check_rules(doc.get(), rules, "mem.xml") == 0);
}

TEST_CASE("AKN: the French, Arabic and Chinese examples' golden models go through AKN and back, valid",
          "[akn][languages][examples]") {
  for (const char* name : {"A_RES_99_101-FR", "A_RES_99_101-AR", "A_RES_99_101-ZH"}) {
    INFO(name);
    Document golden = from_json(test::read_file(std::filesystem::path(RESCONV_SOURCE_DIR) / "tests/golden" /
                                                (std::string(name) + ".json")));
    const language::Language& language = language::Language::for_code(*golden.metadata.language);
    std::string xml = to_akn(golden);
    // The golden keeps the masthead as printed: the preface is those lines.
    CHECK(has(xml, "<preface class=\"masthead\" xml:lang=\"" + language.code() + "\">"));
    CHECK(has(xml, "<FRBRlanguage language=\"" + language.iso639_2() + "\"/>"));
    CHECK(has(xml, "<TLCOrganization eId=\"generalAssembly\" href=\"/akn/ontology/organization/un/un-ga\""));
    akn::XmlDocPtr doc = akn::parse_secure(xml, "mem.xml");
    DiagnosticCollector sink;
    Document back = akn::read_akn(doc.get(), sink, "mem.xml");
    CHECK(dump(back) == dump(project(golden, {"emphasis", "strong", "footnotes", "references", "annexes",
                                              "items", "headings", "masthead", "distribution"})));
    DiagnosticCollector rules;
    CHECK(akn::check_rules(doc.get(), rules, "mem.xml") == 0);
    if (!akn::schema_path("").empty()) {
      akn::AknValidator validator;
      DiagnosticCollector checked;
      static_cast<Validator&>(validator).run(InputSource::from_memory("lang.xml", xml), Options{}, checked);
      CHECK(checked.diagnostics().empty());
    }
  }
}
