#pragma once
// "Did you mean": the nearest of some known words to a mistyped one (commands, format ids).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace resconv::host {

/// The edit distance between two words where a swap of two neighbouring letters counts as
/// one change, as an insertion, a deletion or a substitution does ("optimal string
/// alignment"): `pfd` is one typo away from `pdf`, not two.
std::size_t typo_distance(const std::string& a, const std::string& b);

/// The word of `words` nearest to `typed`, when it is near enough to be a typo of it: at
/// most one change per three letters typed, at least one and never more than three, so an
/// unrelated word is not "corrected". The first of `words` wins a tie.
std::optional<std::string> nearest_word(const std::string& typed, const std::vector<std::string>& words);

} // namespace resconv::host
