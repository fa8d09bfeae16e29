// The real Spanish PDF A/RES/77/247: a font whose ToUnicode map is broken ("afirmando que"
// reads "aiirmando uue" in Poppler), repaired from the font program, and the resolution's
// structure as printed. The figures were counted by hand from `pdftotext -layout`.
#include "corpus.hpp"
#include "test_support.hpp"

#include <pdf_format.hpp>

#include <resconv/sdk/model/builder.hpp>

#include <catch2/catch.hpp>

#include <regex>
#include <set>

using namespace resconv;
using namespace resconv::model;

namespace {

std::string text_of(const Inlines& in) {
  return collapse_space(plain_text(in));
}

void collect_calls(const Inlines& in, std::vector<std::string>& out) {
  for (const auto& i : in) {
    if (const auto* r = std::get_if<FootnoteRef>(&i.value))
      out.push_back(r->marker);
    else if (const auto* e = std::get_if<Emphasis>(&i.value))
      collect_calls(e->content, out);
    else if (const auto* s = std::get_if<Strong>(&i.value))
      collect_calls(s->content, out);
  }
}

void collect_calls(const std::vector<Paragraph>& list, std::vector<std::string>& out) {
  for (const auto& p : list) {
    collect_calls(p.content, out);
    collect_calls(p.items, out);
  }
}

std::string all_text(const std::vector<Paragraph>& list) {
  std::string out;
  for (const auto& p : list)
    out += text_of(p.content) + "\n" + all_text(p.items);
  return out;
}

struct Imported {
  std::optional<Document> document;
  std::vector<Diagnostic> diagnostics;
};

const Imported& spanish() {
  static const Imported imported = [] {
    Imported out;
    pdf::PdfImporter importer;
    DiagnosticCollector sink;
    out.document = static_cast<Importer&>(importer).run(
        InputSource::from_file(test::corpus_dir() / "pdf" / "A_RES_77_247-ES.pdf"), Options{}, sink);
    out.diagnostics = sink.diagnostics();
    return out;
  }();
  return imported;
}

std::size_t count_code(const std::vector<Diagnostic>& list, const std::string& code) {
  std::size_t n = 0;
  for (const auto& d : list)
    n += d.code == code ? 1 : 0;
  return n;
}

} // namespace

TEST_CASE("A/RES/77/247 (es): misread glyphs are read as the font program names them",
          "[corpus][pdf][spanish]") {
  const Imported& in = spanish();
  REQUIRE(in.document);
  // Two glyphs of TimesNewRomanPSMT are misread by its ToUnicode map: "f" as "i" and "q"
  // as "u"; one note each, and one for the count of characters read anew.
  CHECK(count_code(in.diagnostics, "pdf.glyph-repair") == 3);
  CHECK(count_code(in.diagnostics, "pdf.broken-encoding") == 0);
  bool f_for_i = false, q_for_u = false;
  for (const auto& d : in.diagnostics) {
    f_for_i = f_for_i || (d.code == "pdf.glyph-repair" && d.message.find("is \"f\"") != std::string::npos &&
                          d.message.find("not \"i\"") != std::string::npos);
    q_for_u = q_for_u || (d.code == "pdf.glyph-repair" && d.message.find("is \"q\"") != std::string::npos &&
                          d.message.find("not \"u\"") != std::string::npos);
  }
  CHECK(f_for_i);
  CHECK(q_for_u);

  const Document& d = *in.document;
  std::string body = all_text(d.preamble) + all_text(d.operative);
  for (const auto& f : d.footnotes)
    body += text_of(f.content) + "\n";
  // The words Poppler misreads, read right.
  for (const char* right : {"afirmando que", "poner fin a la impunidad", "el informe del Secretario General",
                            "de conformidad con", "que se apliquen", "Rafah", "pacífica", "conflicto"})
    CHECK(body.find(right) != std::string::npos);
  // No broken word is left: Spanish doubles neither "i" nor "u" inside a word, and the
  // misreadings all did ("uue", "iinal", "apliuuen", "deiinitivo").
  std::regex doubled("[[:alpha:]]*(ii|uu)[[:alpha:]]*");
  std::vector<std::string> left;
  for (std::sregex_iterator it(body.begin(), body.end(), doubled), end; it != end; ++it)
    left.push_back(it->str());
  INFO("left: " << left.size());
  CHECK(left.empty());
  for (const char* broken : {"aiirmando", "uue", "iniorme", "iin ", "coniormidad", "Raiah"})
    CHECK(body.find(broken) == std::string::npos);
}

TEST_CASE("A/RES/77/247 (es): metadata, formula, paragraphs, items and footnotes as printed",
          "[corpus][pdf][spanish]") {
  const Imported& in = spanish();
  REQUIRE(in.document);
  const Document& d = *in.document;
  const Metadata& m = d.metadata;
  CHECK(m.symbol == "A/RES/77/247");
  CHECK(m.body == "Asamblea General");
  CHECK(m.number == "77/247");
  CHECK(m.session == "Septuagésimo séptimo período de sesiones");
  CHECK(resconv::model::agenda_numbers(m.agenda_items) == std::vector<std::string>{"47"});
  CHECK(m.adopted == "2022-12-30");
  CHECK(m.issued == "2023-01-09");
  CHECK(m.origin ==
        "sobre la base del informe de la Comisión Política Especial y de Descolonización (Cuarta Comisión) "
        "(A/77/400, párr. 14)");
  CHECK(m.title == "Prácticas y actividades de asentamiento israelíes que afectan a los derechos del pueblo "
                   "palestino y otros habitantes árabes de los territorios ocupados");
  // Printed "56ª sesión plenaria", the "a" a raised small letter.
  CHECK(m.meeting == "56a sesión plenaria");
  CHECK(m.language == "es");
  CHECK(d.formula == "La Asamblea General,");

  // pdftotext -layout: 52 indented paragraphs between the formula and "1. Reitera", 19
  // numbered operative paragraphs, the 18th with the sub-items a) and b).
  CHECK(d.preamble.size() == 52);
  REQUIRE(d.operative.size() == 19);
  for (std::size_t i = 0; i < d.operative.size(); ++i)
    CHECK(d.operative[i].num == std::to_string(i + 1));
  const Paragraph& p18 = d.operative[17];
  REQUIRE(p18.items.size() == 2);
  CHECK(p18.items[0].num == "a)");
  CHECK(p18.items[1].num == "b)");
  CHECK(text_of(p18.items[0].content).rfind("¿Cuáles son las consecuencias jurídicas", 0) == 0);
  CHECK(text_of(p18.items[1].content).rfind("¿Cómo afectan las políticas", 0) == 0);
  for (std::size_t i = 0; i < d.operative.size(); ++i)
    if (i != 17)
      CHECK(d.operative[i].items.empty());
  CHECK(d.annexes.empty());

  // 20 footnotes, each called once from the text, in order.
  REQUIRE(d.footnotes.size() == 20);
  std::vector<std::string> calls;
  collect_calls(d.preamble, calls);
  collect_calls(d.operative, calls);
  std::vector<std::string> expected;
  for (int i = 1; i <= 20; ++i)
    expected.push_back(std::to_string(i));
  CHECK(calls == expected);
  for (std::size_t i = 0; i < d.footnotes.size(); ++i)
    CHECK(d.footnotes[i].marker == std::to_string(i + 1));
  CHECK(text_of(d.footnotes[0].content) == "Resolución 217 A (III).");
  CHECK(text_of(d.footnotes[19].content) == "S/2017/899, anexo.");
}
