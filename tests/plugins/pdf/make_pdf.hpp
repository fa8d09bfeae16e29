#pragma once
// Writes small PDFs for tests: text lines placed in points from the top left, in the
// standard Times fonts (no embedding needed). Enough to exercise the layout analysis on
// pages we control; the real UN PDFs are tested from the shared corpus.

#include <cstdio>
#include <string>
#include <vector>

namespace resconv::test {

struct PdfText {
  double x, y; ///< Top-left origin, baseline position.
  double size;
  char font; ///< 'R' roman, 'I' italic, 'B' bold.
  std::string text;
};

struct PdfPage {
  std::vector<PdfText> lines;
  /// A page that holds an image and no text (a "scan": one grey pixel stretched over a
  /// rectangle).
  bool rectangle_only = false;
};

inline std::string make_pdf(const std::vector<PdfPage>& pages, double width = 612, double height = 792) {
  std::vector<std::string> objects; // 1-based object numbers
  auto escape = [](const std::string& s) {
    std::string out;
    for (char c : s) {
      if (c == '(' || c == ')' || c == '\\')
        out += '\\';
      out += c;
    }
    return out;
  };
  // 1 catalog, 2 pages, 3-5 fonts, then per page: page object and content stream.
  std::string kids;
  for (std::size_t i = 0; i < pages.size(); ++i)
    kids += std::to_string(6 + 2 * i) + " 0 R ";
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>");
  for (const char* base : {"Times-Roman", "Times-Italic", "Times-Bold"})
    objects.push_back(std::string("<< /Type /Font /Subtype /Type1 /BaseFont /") + base +
                      " /Encoding /WinAnsiEncoding >>");
  char number[64];
  for (std::size_t i = 0; i < pages.size(); ++i) {
    std::string stream;
    if (pages[i].rectangle_only)
      stream = "q 400 0 0 600 72 72 cm BI /W 1 /H 1 /CS /G /BPC 8 ID x\nEI Q\n";
    for (const auto& t : pages[i].lines) {
      std::snprintf(number, sizeof number, "%.2f %.2f", t.x, height - t.y);
      stream += std::string("BT /") +
                (t.font == 'I'   ? "F2"
                 : t.font == 'B' ? "F3"
                                 : "F1") +
                " " + std::to_string(t.size) + " Tf " + number + " Td (" + escape(t.text) + ") Tj ET\n";
    }
    std::snprintf(number, sizeof number, "%.0f %.0f", width, height);
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + std::string(number) +
                      "] /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> >> /Contents " +
                      std::to_string(7 + 2 * i) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "endstream");
  }
  std::string out = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    std::snprintf(number, sizeof number, "%010zu 00000 n \n", off);
    out += number;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

/// A fictional two-page resolution in the UN layout.
inline std::string sample_resolution_pdf() {
  PdfPage p1, p2;
  auto& a = p1.lines;
  a.push_back({450, 55, 10, 'R', "A/RES/99/7"});
  a.push_back({120, 60, 14, 'R', "United Nations"});
  a.push_back({120, 88, 20, 'B', "General Assembly"});
  a.push_back({400, 88, 10, 'R', "Distr.: General"});
  a.push_back({400, 100, 10, 'R', "3 January 2045"});
  a.push_back({60, 224, 10, 'B', "Ninety-ninth session"});
  a.push_back({60, 236, 10, 'R', "Agenda item 12"});
  a.push_back({120, 266, 14, 'B', "Resolution adopted by the General Assembly on"});
  a.push_back({120, 281, 14, 'B', "20 December 2044"});
  a.push_back({120, 306, 10, 'R', "[without reference to a Main Committee (A/99/L.7)]"});
  a.push_back({84, 331, 12, 'B', "99/7. Cooperation between lighthouse"});
  a.push_back({120, 345, 12, 'B', "keepers"});
  a.push_back({144, 372, 10, 'I', "The General Assembly,"});
  a.push_back({144, 390, 10, 'I', "Recalling"});
  a.push_back({190, 390, 10, 'R', "its resolution 97/3 of 1 December 2042 on the safety of coastal"});
  a.push_back({120, 402, 10, 'R', "navigation and the report of the Secretary-General,"});
  a.push_back({347, 398, 6.5, 'R', "1"});
  a.push_back({144, 420, 10, 'R', "1."});
  a.push_back({162, 420, 10, 'I', "Welcomes"});
  a.push_back({205, 420, 10, 'R', "the work of lighthouse keepers, and encourages capacity-"});
  a.push_back({120, 432, 10, 'R', "building among them;"});
  a.push_back({144, 450, 10, 'R', "2."});
  a.push_back({162, 450, 10, 'I', "Requests"});
  a.push_back({205, 450, 10, 'R', "the Secretary-General to report to the General Assembly at"});
  a.push_back({120, 462, 10, 'R', "its hundredth session on the implementation of the present"});
  a.push_back({100, 684, 8, 'B', "__________________"});
  a.push_back({117, 700, 5.5, 'R', "1"});
  a.push_back({123, 702, 8.5, 'R', "A/99/100, annex."});
  a.push_back({65, 745, 10, 'R', "44-12345 (E)"});
  a.push_back({65, 760, 12, 'R', "*4412345*"});
  auto& b = p2.lines;
  b.push_back({60, 60, 8.5, 'B', "A/RES/99/7"});
  b.push_back({120, 80, 10, 'R', "resolution;"});
  b.push_back({380, 110, 10, 'I', "15th plenary meeting"});
  b.push_back({400, 122, 10, 'I', "20 December 2044"});
  b.push_back({60, 757, 8.5, 'B', "2/2"});
  return make_pdf({p1, p2});
}

} // namespace resconv::test

namespace resconv::test {

/// A one-page PDF around a content stream written by the test (fonts: /F1 Helvetica), with
/// more entries for the page dictionary ("/Rotate 90"), optionally a page tree /Count that
/// differs from the one page it holds, and more resources ("/ExtGState << ... >>").
inline std::string raw_pdf(const std::string& content, const std::string& page_extra = "",
                           const std::string& count = "1", const std::string& resources_extra = "") {
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count " + count + " >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> " +
          resources_extra + " >> /Contents 4 0 R " + page_extra + ">>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"};
  std::string out = "%PDF-1.7\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  char number[32];
  for (std::size_t off : offsets) {
    std::snprintf(number, sizeof number, "%010zu 00000 n \n", off);
    out += number;
  }
  return out + "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
}

/// The lines of a short fictional resolution, one a line.
inline const std::vector<std::string>& short_resolution_lines() {
  static const std::vector<std::string> lines = {
      "United Nations A/RES/99/7",
      "General Assembly",
      "Resolution adopted by the General Assembly on 1 December 2044",
      "99/7. Cooperation on coastal archives",
      "The General Assembly,",
      "Recalling its resolution 97/45 of 3 December 2042,",
      "Noting the report of the Secretary-General,",
      "1. Takes note of the report of the Secretary-General;",
      "2. Encourages Member States to protect their archives;",
      "3. Decides to remain seized of the matter."};
  return lines;
}

/// A content stream showing `lines` 18 pt apart from (72, 720), in 12 pt Helvetica;
/// `before` is put before each line's text ("1 1 1 rg "), `after` after it.
inline std::string lines_content(const std::vector<std::string>& lines,
                                 const std::string& start = "72 720 Td", const std::string& before = "",
                                 const std::string& after = "") {
  std::string c = "BT /F1 12 Tf 18 TL " + start + "\n";
  for (const auto& l : lines) {
    std::string escaped;
    for (char ch : l) {
      if (ch == '(' || ch == ')' || ch == '\\')
        escaped += '\\';
      escaped += ch;
    }
    c += before + "(" + escaped + ") Tj " + after + "T*\n";
  }
  return c + "ET";
}

} // namespace resconv::test
