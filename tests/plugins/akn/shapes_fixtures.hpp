#pragma once
// Models of the deliberations' shapes the AKN tests write, read and validate: a collection
// of decisions, a resolution in parts, a quotation, an adopted text and a draft. Fictional
// texts in the UN's style.

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/document.hpp>

#include <string>
#include <utility>
#include <vector>

namespace resconv::test {

inline model::Paragraph para(std::optional<std::string> num, model::Inlines content) {
  model::Paragraph p;
  p.num = std::move(num);
  p.content = std::move(content);
  return p;
}

inline model::Paragraph heading(std::optional<std::string> num, const std::string& text) {
  model::Paragraph p;
  p.kind = model::Paragraph::Kind::heading;
  p.num = std::move(num);
  p.content = {model::text(text)};
  return p;
}

/// A Fifth Committee resolution in parts: I and II each with a preamble of its own and
/// operative paragraphs from 1, II holding parts A and B, one part with no paragraphs.
inline model::Document parts_resolution() {
  using namespace model;
  Document d;
  d.metadata.body = "General Assembly";
  d.metadata.symbol = "A/RES/99/260";
  d.metadata.number = "99/260";
  d.metadata.session = "Ninety-ninth session";
  d.metadata.agenda_items = {AgendaItem("139", "Proposed programme budget for 2046"), AgendaItem("140")};
  d.metadata.title = "Special subjects relating to the proposed programme budget for 2046";
  d.metadata.adopted = "2045-12-22";
  d.metadata.issued = "2046-01-03";
  d.metadata.origin = "on the report of the Fifth Committee (A/99/650/Add.1)";
  d.metadata.meeting = "60th plenary meeting";
  d.metadata.language = "en";
  d.metadata.kind = "resolution";
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
  Part second;
  second.num = "II";
  second.heading = {text("Questions relating to the proposed programme budget")};
  second.preamble.push_back(
      para({}, {emphasis({text("Noting")}), text(" the views of the Advisory Committee,")}));
  Part a;
  a.num = "A";
  a.heading = {text("Liaison offices")};
  a.operative.push_back(
      para("1", {emphasis({text("Decides")}), text(" to keep the offices;"), footnote_ref("2")}));
  a.operative.push_back(heading({}, "Staffing"));
  a.operative.push_back(para("2", {emphasis({text("Requests")}), text(" a report.")}));
  Part b;
  b.num = "B";
  b.heading = {text("Questions deferred for future consideration")};
  second.parts = {a, b};
  d.parts = {one, second};
  d.footnotes = {{"1", {text("A/99/7.")}}, {"2", {text("See A/99/7/Add.2.")}}};
  return d;
}

/// A resolution whose paragraph amends rules "to read as follows:" (a quotation of two
/// numbered paragraphs with a heading), and whose first paragraph adopts a declaration
/// printed after it without an "Annex" heading; it also has an annex proper.
inline model::Document quoting_resolution() {
  using namespace model;
  Document d;
  d.metadata.body = "General Assembly";
  d.metadata.symbol = "A/RES/99/3";
  d.metadata.number = "99/3";
  d.metadata.title = "Political declaration of the high-level meeting on coastal archives";
  d.metadata.adopted = "2045-10-10";
  d.metadata.language = "en";
  d.formula = "The General Assembly,";
  d.preamble.push_back(para({}, {emphasis({text("Recalling")}), text(" its rules, which read:")}));
  d.preamble.back().quoted.push_back(para("12.", {text("\u201cThe keeper shall keep.\u201d")}));
  d.operative.push_back(
      para("1", {emphasis({text("Adopts")}), text(" the following political declaration:")}));
  Paragraph amend = para("2", {emphasis({text("Decides")}), text(" that rule 5 shall read as follows:")});
  amend.quoted.push_back(heading("Rule 5", "Keepers"));
  amend.quoted.push_back(para("(a)", {text("\u201cThe keeper of the archives;")}));
  Paragraph quoted_b = para("(b)", {text("The keeper of the libraries, namely:")});
  quoted_b.items.push_back(para("(i)", {text("Those of the coast;\u201d")}));
  amend.quoted.push_back(quoted_b);
  d.operative.push_back(amend);
  Paragraph listed = para("3", {emphasis({text("Invites")}), text(" States, as the declaration says:")});
  listed.quoted.push_back(para({}, {text("\u201cWe commit ourselves.\u201d")}));
  listed.items.push_back(para("(a)", {text("To act;")}));
  d.operative.push_back(listed);
  Annex declaration;
  declaration.title = "Political declaration of the high-level meeting on coastal archives";
  declaration.adopted_in = "1";
  declaration.preamble.push_back(para({}, {text("We, Heads of State and Government,")}));
  declaration.operative.push_back(para("1", {text("Reaffirm our commitment;"), footnote_ref("1")}));
  declaration.operative.push_back(para("2", {text("Resolve to act.")}));
  Annex annex;
  annex.heading = "Annex";
  annex.title = "Rules for keepers";
  annex.operative.push_back(para("1", {text("Keepers keep.")}));
  Part part;
  part.num = "I";
  part.heading = {text("Duties")};
  part.operative.push_back(para("1", {text("Keepers report.")}));
  annex.parts.push_back(part);
  d.annexes = {declaration, annex};
  d.footnotes = {{"1", {text("A/99/1.")}}};
  return d;
}

/// A draft resolution: sponsors, "Distr.: Limited", its masthead as printed.
inline model::Document draft_resolution() {
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
  d.metadata.masthead = {"United Nations",
                         "A/C.3/99/L.10",
                         "General Assembly",
                         "Distr.: Limited",
                         "30 October 2045",
                         "Original: English",
                         "Ninety-ninth session",
                         "Third Committee",
                         "Agenda item 68 (b)",
                         "Promotion and protection of human rights",
                         "Argentina, Brazil and Chile: draft resolution",
                         "Coastal archives and the right to",
                         "information"};
  d.formula = "The General Assembly,";
  d.preamble.push_back(para({}, {emphasis({text("Recalling")}), text(" its resolution 98/40,")}));
  d.operative.push_back(
      para("1", {emphasis({text("Calls upon")}), text(" States to keep their archives open.")}));
  return d;
}

/// A publication of three decisions (a UNFCCC report): its own symbol, title and issue
/// date and masthead; the second decision has footnotes of its own, the third is the
/// draft above.
inline model::Document decisions_collection() {
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
  one.operative.push_back(para("1", {emphasis({text("Decides")}), text(" to continue the work programme;")}));
  one.footnotes = {{"1", {text("FCCC/CP/2044/10/Add.1.")}}};
  Document two = one;
  two.metadata.number = "2/CP.40";
  two.metadata.title = "Budget for the biennium 2046\u20132047";
  two.operative = {para("1", {emphasis({text("Approves")}), text(" the budget;"), footnote_ref("1")})};
  two.preamble.clear();
  two.footnotes = {{"1", {text("FCCC/SBI/2045/4.")}}};
  Document pub;
  pub.metadata.symbol = "FCCC/CP/2045/12/Add.1";
  pub.metadata.title = "Report of the Conference of the Parties on its fortieth session";
  pub.metadata.issued = "2046-02-01";
  pub.metadata.language = "en";
  pub.metadata.kind = "collection";
  pub.metadata.masthead = {"United Nations", "FCCC/CP/2045/12/Add.1", "Distr.: General", "1 February 2046",
                           "Report of the Conference of the Parties on its fortieth session"};
  pub.metadata.distribution = "general";
  pub.components = {one, two, draft_resolution()};
  return pub;
}

/// Every shape above, named.
inline std::vector<std::pair<std::string, model::Document>> shape_documents() {
  return {{"parts", parts_resolution()},
          {"quotation and adopted text", quoting_resolution()},
          {"draft", draft_resolution()},
          {"collection", decisions_collection()}};
}

} // namespace resconv::test
