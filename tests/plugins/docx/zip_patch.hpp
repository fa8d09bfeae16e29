#pragma once
// Zips no writer would make, for the tests: made by docx::write_zip, then one field of an
// entry's headers changed in place (libzip cannot write an encrypted-flag-only entry, LZMA
// in Debian's build, or two entries of one name).
#include <cstddef>
#include <cstdint>
#include <string>

namespace resconv::test {

// Header fields (APPNOTE 4.3.7 and 4.3.12): offsets from the local header and from the
// central directory header.
struct ZipField {
  std::size_t local, central;
};
inline constexpr ZipField zip_flags{6, 8};   ///< General purpose bit flag (bit 0: encrypted).
inline constexpr ZipField zip_method{8, 10}; ///< Compression method (14: LZMA).

inline std::uint16_t zip_u16(const std::string& z, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(z[at]) |
                                    (static_cast<unsigned char>(z[at + 1]) << 8));
}

/// `zip` with the field of entry `name` set to change(old value) in both of its headers.
template <class Change>
std::string patch_zip_entry(std::string zip, const std::string& name, ZipField field, Change change) {
  struct Header {
    const char* signature;
    std::size_t name_at, length_at, field_at;
  };
  for (Header h : {Header{"PK\x03\x04", 30, 26, field.local}, Header{"PK\x01\x02", 46, 28, field.central}})
    for (std::size_t at = zip.find(h.signature); at != std::string::npos; at = zip.find(h.signature, at + 4))
      if (at + h.name_at <= zip.size() &&
          zip.compare(at + h.name_at, zip_u16(zip, at + h.length_at), name) == 0 &&
          zip_u16(zip, at + h.length_at) == name.size()) {
        std::uint16_t value = change(zip_u16(zip, at + h.field_at));
        zip[at + h.field_at] = static_cast<char>(value & 0xFF);
        zip[at + h.field_at + 1] = static_cast<char>(value >> 8);
      }
  return zip;
}

/// `zip` with every `from` (an entry name) replaced by `to`, of the same length: two
/// entries of one name.
inline std::string rename_in_zip(std::string zip, const std::string& from, const std::string& to) {
  for (std::size_t at = zip.find(from); at != std::string::npos; at = zip.find(from, at + to.size()))
    zip.replace(at, from.size(), to);
  return zip;
}

} // namespace resconv::test
