#pragma once
/// \file profile.hpp
/// Body profiles: what a deliberative body's layout looks like, as data
/// (`formats/common/bodies/<id>.json`), read by the recogniser. Adding a body is adding a
/// file. A profile says how a deliberation's own heading reads ("Decision 2/CMP.16",
/// "WHA66.1 Title"), which printed word gives which kind of deliberation, which body a
/// number belongs to ("/CMP." -> the CMP). Where the closing stands needs no profile: a
/// closing line after the annexes (UNFCCC) is read as one wherever it is.

#include <resconv/sdk/language/pattern.hpp>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace resconv::recognize {

/// Thrown when a profile file cannot be read or does not follow the schema; the message
/// names the file and the key.
class ProfileError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// A deliberation's own heading, as a profile reads it.
struct DeliberationHeading {
  std::string number;                 ///< "2/CMP.16", "WHA66.1".
  std::optional<std::string> kind;    ///< "decision", "resolution"; empty when the line does not say.
  std::optional<std::string> title;   ///< The title when printed on the same line ("WHA66.1 Title").
  std::optional<std::string> body_id; ///< The body the number belongs to (a language file's body id).
};

/// One body's layout.
class BodyProfile {
public:
  /// Reads one profile file. Throws ProfileError.
  static BodyProfile load(const std::filesystem::path& file);
  /// Every profile in `<data>/bodies/`, by id; read once, thread-safe. Throws ProfileError
  /// when one cannot be read (an absent folder gives no profile).
  static const std::vector<BodyProfile>& installed();

  const std::string& id() const noexcept { return m_id; }     ///< "unfccc".
  const std::string& name() const noexcept { return m_name; } ///< For messages and docs.
  /// Whether the profile knows headings of deliberations (several may share a publication).
  bool has_deliberation_headings() const noexcept { return !m_headings.empty(); }

  /// Reads `line` (one whole line or block) as a deliberation heading, or nothing.
  std::optional<DeliberationHeading> heading(std::string_view line) const;

private:
  struct NumberBody {
    language::Pattern pattern;
    std::string body;
  };
  std::string m_id, m_name;
  std::vector<language::Pattern> m_headings;
  std::vector<std::pair<std::string, std::vector<std::string>>> m_kinds; // token, printed words
  std::optional<std::string> m_default_kind;
  std::vector<NumberBody> m_bodies;
};

} // namespace resconv::recognize
