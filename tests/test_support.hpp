#pragma once
// Helpers shared by the tests: a rich sample document, files, temporary folders.

#include <resconv/sdk/model/builder.hpp>
#include <resconv/sdk/model/document.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace resconv::test {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

/// A fresh folder under the system temporary folder, removed on destruction.
class TempDir {
public:
  TempDir() {
    std::random_device rd;
    m_path = std::filesystem::temp_directory_path() /
             ("resconv-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
  std::filesystem::path m_path;
};

/// A document using every part of the model: all inline types, items two levels deep,
/// headings, provenance, footnotes, an annex, null metadata.
inline model::Document sample_document() {
  using namespace model;
  Document d;
  d.metadata.body = "General Assembly";
  d.metadata.symbol = "A/RES/99/7";
  d.metadata.number = "99/7";
  d.metadata.session = "Ninety-ninth session";
  d.metadata.agenda_items = {"12", "14 (b)"};
  d.metadata.title = "Cooperation between lighthouses";
  d.metadata.adopted = "2044-11-02";
  d.metadata.language = "en";
  d.formula = "The General Assembly,";
  Paragraph pre;
  pre.content = {emphasis({text("Recalling")}), text(" its resolution "),
                 reference("A/RES/97/3", {text("97/3")}), text(","), footnote_ref("1")};
  d.preamble.push_back(pre);
  Paragraph heading;
  heading.kind = Paragraph::Kind::heading;
  heading.num = "I";
  heading.content = {text("Lights")};
  d.operative.push_back(heading);
  Paragraph op;
  op.num = "1";
  op.content = {emphasis({text("Decides")}), text(" that:")};
  Paragraph a;
  a.num = "(a)";
  a.content = {text("Lamps are kept "), strong({text("lit")}), text(";")};
  Paragraph i;
  i.num = "(i)";
  i.content = {text("at night;")};
  a.items.push_back(i);
  op.items.push_back(a);
  op.provenance = Provenance{2, {72.0, 100.5, 523.25, 180.0}};
  d.operative.push_back(op);
  d.footnotes.push_back({"1", {text("See "), reference("A/97/100", {text("A/97/100")}), text(".")}});
  Annex annex;
  annex.heading = "Annex";
  annex.title = "Rules for keepers";
  Paragraph rule;
  rule.num = "1";
  rule.content = {text("Keepers log every ship.")};
  annex.operative.push_back(rule);
  d.annexes.push_back(annex);
  return d;
}

} // namespace resconv::test
