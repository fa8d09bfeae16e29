#pragma once
// Models with every shape of contract 2, for the exporters that print a page (DOCX, PDF):
// a publication of two decisions, a resolution in parts (I and II, A and B under II), a
// paragraph quoting (a) and (b), a text adopted after paragraph 1, a draft with sponsors,
// "Distr.: Limited" and agenda titles. Fictional texts in the UN's style.

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/document.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace resconv::test::print {

inline model::Paragraph para(std::optional<std::string> num, model::Inlines content) {
  model::Paragraph p;
  p.num = std::move(num);
  p.content = std::move(content);
  return p;
}

/// What a format's descriptor says it preserves (formats/<id>/format.json).
inline std::vector<std::string> preserves(const std::string& format) {
  std::ifstream in(std::filesystem::path(RESCONV_SOURCE_DIR) / "formats" / format / "format.json");
  nlohmann::json j = nlohmann::json::parse(in);
  return j.at("preserves").get<std::vector<std::string>>();
}

/// A UNFCCC publication of two decisions, each with its own footnote 1.
inline model::Document collection() {
  using namespace model;
  Document one;
  one.metadata.body = "Conference of the Parties";
  one.metadata.number = "1/CP.40";
  one.metadata.title = "Coastal archives work programme";
  one.metadata.adopted = "2045-11-20";
  one.metadata.meeting = "8th plenary meeting";
  one.metadata.language = "en";
  one.metadata.kind = "decision";
  one.formula = "The Conference of the Parties,";
  one.preamble.push_back(
      para({}, {emphasis({text("Recalling")}), text(" decision 2/CP.39,"), footnote_ref("1")}));
  one.preamble.push_back(para({}, {emphasis({text("Noting")}), text(" the work of the secretariat,")}));
  one.operative.push_back(para("1", {emphasis({text("Decides")}), text(" to continue the work programme;")}));
  one.operative.push_back(para("2", {emphasis({text("Requests")}), text(" the secretariat to report.")}));
  one.footnotes = {{"1", {text("FCCC/CP/2044/10/Add.1.")}}};
  Document two = one;
  two.metadata.number = "2/CP.40";
  two.metadata.title = "Budget for the biennium 2046\u20132047";
  two.metadata.meeting = "9th plenary meeting";
  two.metadata.adopted = "2045-11-21";
  two.preamble = {para({}, {emphasis({text("Having considered")}), text(" the proposed budget,")})};
  two.operative = {para("1", {emphasis({text("Approves")}), text(" the budget;"), footnote_ref("1")}),
                   para("2", {emphasis({text("Invites")}), text(" Parties to contribute.")})};
  two.footnotes = {{"1", {text("FCCC/SBI/2045/4.")}}};
  Document pub;
  pub.metadata.symbol = "FCCC/CP/2045/12/Add.1";
  pub.metadata.title = "Report of the Conference of the Parties on its fortieth session";
  pub.metadata.issued = "2046-02-01";
  pub.metadata.language = "en";
  pub.metadata.kind = "collection";
  pub.metadata.distribution = "general";
  pub.components = {one, two};
  return pub;
}

/// A Fifth Committee resolution in parts I and II, each with its own preamble and
/// operative paragraphs from 1; II holds parts A and B; paragraph 2 of I has items.
inline model::Document parts() {
  using namespace model;
  Document d;
  d.metadata.body = "General Assembly";
  d.metadata.symbol = "A/RES/99/260";
  d.metadata.number = "99/260";
  d.metadata.session = "Ninety-ninth session";
  d.metadata.agenda_items = {AgendaItem("139", "Proposed programme budget for 2046")};
  d.metadata.title = "Special subjects relating to the proposed programme budget for 2046";
  d.metadata.adopted = "2045-12-22";
  d.metadata.issued = "2046-01-03";
  d.metadata.origin = "on the report of the Fifth Committee (A/99/650/Add.1)";
  d.metadata.meeting = "60th plenary meeting";
  d.metadata.language = "en";
  d.metadata.distribution = "general";
  d.formula = "The General Assembly,";
  Part one;
  one.num = "I";
  one.heading = {text("Revised estimates relating to the coastal archives")};
  one.preamble.push_back(para({}, {emphasis({text("Having considered")}),
                                   text(" the report of the Secretary-General,"), footnote_ref("1")}));
  one.preamble.push_back(para({}, {emphasis({text("Recalling")}), text(" its resolution 98/12,")}));
  one.operative.push_back(para("1", {emphasis({text("Takes note")}), text(" of the report;")}));
  Paragraph two = para("2", {emphasis({text("Approves")}), text(" the estimates, namely:")});
  two.items.push_back(para("(a)", {text("For the archives, 1,000 dollars;")}));
  two.items.push_back(para("(b)", {text("For the libraries, 2,000 dollars;")}));
  one.operative.push_back(two);
  one.operative.push_back(para("3", {emphasis({text("Decides")}), text(" to review the estimates.")}));
  Part second;
  second.num = "II";
  second.heading = {text("Questions relating to the proposed programme budget")};
  second.preamble.push_back(
      para({}, {emphasis({text("Noting")}), text(" the views of the Advisory Committee,")}));
  second.operative.push_back(para("1", {emphasis({text("Endorses")}), text(" the conclusions;")}));
  Part a;
  a.num = "A";
  a.heading = {text("Liaison offices")};
  a.preamble.push_back(para({}, {emphasis({text("Recalling")}), text(" its resolution 97/255,")}));
  a.operative.push_back(
      para("1", {emphasis({text("Decides")}), text(" to keep the offices;"), footnote_ref("2")}));
  a.operative.push_back(para("2", {emphasis({text("Requests")}), text(" a report.")}));
  Part b;
  b.num = "B";
  b.heading = {text("Travel of staff")};
  b.preamble.push_back(para({}, {emphasis({text("Noting")}), text(" the growth of travel costs,")}));
  b.operative.push_back(
      para("1", {emphasis({text("Requests")}), text(" the Secretary-General to reduce them.")}));
  second.parts = {a, b};
  d.parts = {one, second};
  d.footnotes = {{"1", {text("A/99/7.")}}, {"2", {text("See A/99/7/Add.2.")}}};
  return d;
}

/// A resolution whose paragraph 2 quotes (a) and (b).
inline model::Document quoting() {
  using namespace model;
  Document d;
  d.metadata.body = "General Assembly";
  d.metadata.symbol = "A/RES/99/3";
  d.metadata.number = "99/3";
  d.metadata.session = "Ninety-ninth session";
  d.metadata.agenda_items = {AgendaItem("12", "Coastal archives")};
  d.metadata.title = "Political declaration of the high-level meeting on coastal archives";
  d.metadata.adopted = "2045-10-10";
  d.metadata.meeting = "20th plenary meeting";
  d.metadata.language = "en";
  d.formula = "The General Assembly,";
  d.preamble.push_back(para({}, {emphasis({text("Recalling")}), text(" its resolution 98/1,")}));
  d.operative.push_back(
      para("1", {emphasis({text("Adopts")}), text(" the following political declaration:")}));
  Paragraph amend = para("2", {emphasis({text("Decides")}), text(" that rule 5 shall read as follows:")});
  amend.quoted.push_back(para("(a)", {text("\u201cThe keeper of the archives;")}));
  amend.quoted.push_back(para("(b)", {text("\u201cThe keeper of the libraries.\u201d")}));
  d.operative.push_back(amend);
  d.operative.push_back(para("3", {emphasis({text("Decides")}), text(" to remain seized of the matter.")}));
  return d;
}

/// The resolution above whose paragraph 1 adopts a declaration printed after it.
inline model::Document adopting() {
  using namespace model;
  Document d = quoting();
  Annex declaration;
  declaration.title = "Political declaration of the high-level meeting on coastal archives";
  declaration.adopted_in = "1";
  declaration.preamble.push_back(para({}, {text("We, Heads of State and Government,")}));
  declaration.operative.push_back(para("1", {text("Reaffirm our commitment;")}));
  declaration.operative.push_back(para("2", {text("Resolve to act.")}));
  d.annexes = {declaration};
  return d;
}

/// A draft resolution of the Third Committee: sponsors, "Distr.: Limited", an agenda title.
inline model::Document draft() {
  using namespace model;
  Document d;
  d.metadata.body = "General Assembly";
  d.metadata.symbol = "A/C.3/99/L.10";
  d.metadata.session = "Ninety-ninth session";
  d.metadata.agenda_items = {AgendaItem("68 (b)", "Promotion and protection of human rights")};
  d.metadata.title = "Coastal archives and the right to information";
  d.metadata.issued = "2045-10-30";
  d.metadata.language = "en";
  d.metadata.distribution = "limited";
  d.metadata.kind = "draft resolution";
  d.metadata.sponsors = {"Argentina", "Brazil", "Chile"};
  d.formula = "The General Assembly,";
  d.preamble.push_back(para({}, {emphasis({text("Recalling")}), text(" its resolution 98/40,")}));
  d.operative.push_back(
      para("1", {emphasis({text("Calls upon")}), text(" States to keep their archives open;")}));
  d.operative.push_back(para("2", {emphasis({text("Decides")}), text(" to continue its consideration.")}));
  return d;
}

/// The models the importers (shapes=true) read back whole, named.
inline std::vector<std::pair<std::string, model::Document>> documents() {
  model::Document printed = collection();
  printed.metadata.masthead = {"United Nations", "FCCC/CP/2045/12/Add.1", "Distr.: General",
                               "1 February 2046",
                               "Report of the Conference of the Parties on its fortieth session"};
  return {{"collection", collection()},
          {"collection with its masthead as printed", printed},
          {"parts", parts()},
          {"quotation", quoting()}};
}

/// The models whose shapes the recogniser does not read yet (an adopted text, a draft's
/// kind and sponsors): their exports are checked word for word.
inline std::vector<std::pair<std::string, model::Document>> unread_documents() {
  return {{"adopted text", adopting()}, {"draft", draft()}};
}

/// The words of a model in print order (paragraph texts, numbers aside), for checking an
/// export loses none: every paragraph, part heading, title and footnote.
inline std::vector<std::string> printed_texts(const model::Document& d) {
  std::vector<std::string> out;
  auto paragraphs = [&](auto&& self, const std::vector<model::Paragraph>& list) -> void {
    for (const auto& p : list) {
      out.push_back(model::plain_text(p.content));
      self(self, p.quoted);
      self(self, p.items);
    }
  };
  auto parts = [&](auto&& self, const std::vector<model::Part>& list) -> void {
    for (const auto& part : list) {
      out.push_back(model::plain_text(part.heading));
      paragraphs(paragraphs, part.preamble);
      paragraphs(paragraphs, part.operative);
      self(self, part.parts);
    }
  };
  if (d.metadata.title)
    out.push_back(*d.metadata.title);
  if (d.formula)
    out.push_back(*d.formula);
  paragraphs(paragraphs, d.preamble);
  for (const auto& p : d.operative) {
    paragraphs(paragraphs, {p});
    for (const auto& a : d.annexes)
      if (a.adopted_in && *a.adopted_in == p.num.value_or("")) {
        out.push_back(a.title.value_or(""));
        paragraphs(paragraphs, a.preamble);
        paragraphs(paragraphs, a.operative);
      }
  }
  parts(parts, d.parts);
  for (const auto& c : d.components) {
    auto more = printed_texts(c);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

} // namespace resconv::test::print
