#include "suggest.hpp"

#include <algorithm>

namespace resconv::host {

std::size_t typo_distance(const std::string& a, const std::string& b) {
  // Three rows of the table: the swap looks two rows back.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string> nearest_word(const std::string& typed, const std::vector<std::string>& words) {
  // Ids and commands are short (`jsn`, `pfd`, `convrt` are one change away): one change in
  // three letters, at least one, at most three.
  constexpr std::size_t letters_per_change = 3;
  constexpr std::size_t most_changes = 3;
  std::size_t near_enough = std::clamp<std::size_t>(typed.size() / letters_per_change, 1, most_changes);
  const std::string* best = nullptr;
  std::size_t best_distance = 0;
  for (const std::string& word : words) {
    std::size_t d = typo_distance(typed, word);
    if (best == nullptr || d < best_distance) {
      best = &word;
      best_distance = d;
    }
  }
  if (best == nullptr || best_distance > near_enough)
    return std::nullopt;
  return *best;
}

} // namespace resconv::host
