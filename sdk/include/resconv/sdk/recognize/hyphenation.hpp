#pragma once
/// \file hyphenation.hpp
/// Joining a word broken at a line end. UN texts break lines after real hyphens
/// ("capacity-" / "building"), so a line-end hyphen is kept unless the document itself shows
/// the joined word without it and never with it ("Ob-" / "server" where "Observer" occurs).

#include <unordered_set>
#include <string>
#include <string_view>

namespace resconv::recognize {

/// The words a document uses, as evidence for line-end hyphens. Not thread-safe to fill;
/// const use is.
class HyphenEvidence {
public:
  /// Adds every word of `text` (lowercased, punctuation stripped, hyphens kept).
  void add_text(std::string_view text);
  /// True when `left` + `right` (the halves around a line-end hyphen) should be joined
  /// without the hyphen.
  bool drop_hyphen(std::string_view left, std::string_view right) const;

private:
  std::unordered_set<std::string> m_words;
};

/// Joins `line` to `text` (a block being built): a space between them, or, after a
/// line-end hyphen before a letter ("South-" / "South"), nothing (and the hyphen dropped when
/// `evidence` says so).
void join_line(std::string& text, std::string_view line, const HyphenEvidence& evidence);

} // namespace resconv::recognize
