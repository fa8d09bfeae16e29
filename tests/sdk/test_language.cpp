// The language module: Unicode text rules (ICU) and the six installed language files.
#include "test_support.hpp"

#include <resconv/sdk/language/language.hpp>
#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/recognize/recognizer.hpp>

#include <catch2/catch.hpp>

#include <fstream>

using namespace resconv;
using language::Language;
using language::LeadKind;

namespace {

recognize::Block block(std::string text) {
  recognize::Block b;
  b.content = {model::text(std::move(text))};
  return b;
}

} // namespace

TEST_CASE("text rules: folding, ASCII ids, graphemes, scripts", "[language]") {
  CHECK(language::fold("Évoquant") == language::fold("évoquant"));
  CHECK(language::equals_folded("L\u2019Assemblée", "l'assemblée"));
  CHECK(language::fold("ПРИЗНАВАЯ") == "признавая");
  CHECK(language::ascii_slug("Assemblée générale") == "assemblee-generale");
  CHECK(language::ascii_slug("Consejo Económico y Social") == "consejo-economico-y-social");
  CHECK(language::ascii_slug("Генеральная Ассамблея").find_first_not_of("abcdefghijklmnopqrstuvwxyz-") ==
        std::string::npos);
  CHECK(language::ascii_slug("大会") == "da-hui");
  CHECK(language::ascii_slug("!!!") == "x");
  // "é" as e + combining acute is one grapheme: never cut between them.
  CHECK(language::truncate_graphemes("Re\xCC\x81solution", 2) == "Re\xCC\x81");
  CHECK(language::grapheme_count("Re\xCC\x81solution") == 10);
  CHECK(language::dominant_script("大会决定") == language::Script::han);
  CHECK(language::dominant_script("الجمعية العامة") == language::Script::arabic);
  CHECK(language::dominant_script("Генеральная Ассамблея, A/RES/1") == language::Script::cyrillic);
  CHECK(language::count_words("The General Assembly") == 3);
  CHECK(language::count_words("大会决定") == 4);
  CHECK(language::count_words("大会，决定 A/RES/1") == 7); // 4 characters, A, RES, 1
  CHECK(language::line_joiner("决定", "请秘书长").empty());
  CHECK(language::line_joiner("decides", "to") == " ");
  CHECK(language::may_be_hyphenated("capacity-", "building"));
  CHECK(language::may_be_hyphenated("раз-", "работка"));
  CHECK_FALSE(language::may_be_hyphenated("الجمعية-", "العامة"));
  CHECK(language::is_rtl("إن الجمعية العامة،"));
  CHECK_FALSE(language::is_rtl("1. The General Assembly"));
  CHECK(language::digit_value(U'\u0663') == 3);
  CHECK(language::ascii_digits("٢٠٢٣") == "2023");
  CHECK(language::starts_upper("Évoquant"));
  CHECK(language::starts_lower("évoquant"));
}

TEST_CASE("Language::for_code falls back by subtag and never to another language", "[language]") {
  CHECK(Language::for_code("fr-CA").code() == "fr");
  CHECK(Language::for_code("zh-Hans-CN").code() == "zh");
  CHECK(Language::for_code("EN").code() == "en");
  CHECK_THROWS_AS(Language::for_code("xx"), language::LanguageError);
  CHECK_THROWS_WITH(Language::for_code("de-AT"), Catch::Contains("de-AT") && Catch::Contains("lang"));
}

TEST_CASE("every installed language file is complete and self-consistent", "[language]") {
  const auto& all = Language::installed();
  std::vector<std::string> codes;
  for (const auto& l : all)
    codes.push_back(l.code());
  CHECK(codes == std::vector<std::string>{"ar", "en", "es", "fr", "ru", "zh"});
  for (const auto& l : all) {
    INFO(l.code());
    CHECK(l.iso639_2().size() == 3);
    CHECK(l.job_suffix().size() == 1);
    for (std::size_t i = 0; i < language::phrase_count; ++i)
      CHECK_FALSE(l.phrase(static_cast<language::Phrase>(i)).empty());
    // Dates and sessions spelled are read back.
    for (const char* iso : {"2002-12-20", "2003-01-01", "2044-05-09"}) {
      std::string spelled = l.spell_date(iso);
      auto found = l.find_date("x " + spelled + " y");
      REQUIRE(found);
      CHECK(found->iso == iso);
      CHECK(found->begin == 2);
      CHECK(found->end == 2 + spelled.size());
    }
    for (int n : {1, 2, 10, 11, 20, 21, 57, 70, 71, 80, 81, 91, 99, 100, 101}) {
      INFO(n);
      CHECK(l.parse_session(l.spell_session(n)) == n);
    }
    // Every body's formula names it.
    for (const auto& b : l.bodies()) {
      INFO(b.name);
      const language::Body* back = l.body_of_formula(b.formula);
      REQUIRE(back != nullptr);
      CHECK(back->name == b.name);
    }
    // Item labels are read back with their style and value.
    for (int v : {1, 2, 5}) {
      auto marker = l.leading_marker(l.item_label('a', v) + " text");
      REQUIRE(marker);
      CHECK(marker->item);
      CHECK(marker->value == v);
    }
    auto op = l.leading_marker(l.operative_label("12") + "text");
    REQUIRE(op);
    CHECK_FALSE(op->item);
    CHECK(op->num == "12");
  }
}

TEST_CASE("French: dates, elided formula, Unicode lead words, ASCII ids", "[language][fr]") {
  const Language& fr = Language::for_code("fr");
  // The four failures of the first version, each in code.
  auto d1 = fr.find_date("le 20 décembre 2002");
  REQUIRE(d1);
  CHECK(d1->iso == "2002-12-20");
  auto d2 = fr.find_date("depuis le 1er janvier 2003,");
  REQUIRE(d2);
  CHECK(d2->iso == "2003-01-01");
  CHECK(fr.spell_date("2003-01-01") == "1er janvier 2003");
  CHECK(fr.lead_words("Évoquant sa résolution 55/2").kind == LeadKind::preambular);
  CHECK(fr.lead_words("ÉVOQUANT sa résolution").kind == LeadKind::preambular);
  const language::Body* ga = fr.body_of_formula("L'Assemblée générale,");
  REQUIRE(ga != nullptr);
  CHECK(ga->name == "Assemblée générale");
  CHECK(fr.body_of_formula("L\u2019Assemblée générale,") == ga);
  CHECK(language::ascii_slug(ga->name) == "assemblee-generale");
  CHECK(fr.parse_session("Cinquante-septième session") == 57);
  CHECK(fr.spell_session(57) == "Cinquante-septième session");
}

TEST_CASE("sessions in the six languages", "[language]") {
  CHECK(Language::for_code("en").parse_session("Fifty-seventh session") == 57);
  CHECK(Language::for_code("fr").parse_session("Cinquante-septième session") == 57);
  CHECK(Language::for_code("es").parse_session("Quincuagésimo séptimo período de sesiones") == 57);
  CHECK(Language::for_code("ru").parse_session("Пятьдесят седьмая сессия") == 57);
  CHECK(Language::for_code("zh").parse_session("第五十七届会议") == 57);
  CHECK(Language::for_code("ar").parse_session("الدورة السابعة والخمسون") == 57);
  CHECK(Language::for_code("en").parse_session("57th session") == 57);
}

TEST_CASE("numbering styles: a), (أ), 1 -", "[language]") {
  auto es = Language::for_code("es").leading_marker("a) Pide al Secretario General");
  REQUIRE(es);
  CHECK(es->item);
  CHECK(es->num == "a)");
  CHECK(es->value == 1);
  auto ar_item = Language::for_code("ar").leading_marker("(ب) أن تقدم");
  REQUIRE(ar_item);
  CHECK(ar_item->item);
  CHECK(ar_item->value == 2);
  auto ar_op = Language::for_code("ar").leading_marker("3 - تقرر أن");
  REQUIRE(ar_op);
  CHECK_FALSE(ar_op->item);
  CHECK(ar_op->num == "3");
  CHECK(Language::for_code("en").leading_marker("a) text") == std::nullopt);
}

TEST_CASE("detection picks the language of the text; a wrong explicit one warns", "[language]") {
  struct Case {
    const char* code;
    const char* text;
  } cases[] = {
      {"en",
       "The General Assembly, Recalling its resolution on the protection of the heritage of all States,"},
      {"fr",
       "L'Assemblée générale, Rappelant sa résolution sur la protection du patrimoine des États et de la "
       "culture,"},
      {"es",
       "La Asamblea General, Recordando su resolución sobre la protección del patrimonio de los Estados y de "
       "la cultura,"},
      {"ru", "Генеральная Ассамблея, ссылаясь на свою резолюцию о защите наследия государств и культуры,"},
      {"zh", "大会，回顾其关于保护各国文献遗产的决议，"},
      {"ar", "إن الجمعية العامة، إذ تشير إلى قرارها بشأن حماية التراث الوثائقي في جميع الدول،"},
  };
  for (const auto& c : cases) {
    INFO(c.code);
    auto found = language::detect(c.text);
    REQUIRE(found.language != nullptr);
    CHECK(found.language->code() == c.code);
  }
  DiagnosticCollector sink;
  recognize::RecognizeOptions options;
  options.source_name = "t.txt";
  options.language = "en";
  recognize::recognize({block(cases[1].text), block("1. Décide de rester saisie de la question.")}, options,
                       sink);
  CHECK(sink.has_code("recognize.language-mismatch"));
  options.language = "xx";
  CHECK_THROWS_WITH(recognize::recognize({block("text")}, options, sink), Catch::Contains("t.txt"));
}
