#pragma once
/// \file json.hpp
/// The JSON form of the model: a public contract (ARCHITECTURE section 2, docs/model.md).
/// `from_json(to_json(doc)) == doc` holds exactly.

#include <resconv/sdk/model/document.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace resconv::model {

/// Thrown by from_json() when the text is not JSON or does not follow the contract.
/// The message names the offending path (for example `operative[3].content[0].type`).
class JsonError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Thrown by from_json() when the input nests deeper than allowed.
class JsonTooDeep : public JsonError {
public:
  using JsonError::JsonError;
};

/// Serialises a document. `indent` < 0 writes one line; otherwise the indent width.
/// Keys are written in contract order, so equal documents give identical bytes.
std::string to_json(const Document& document, int indent = 2);

/// The nesting depth from_json() accepts by default: far above what the contract needs
/// (about 12 for nested emphasis in an item of an annex), far below a stack overflow.
inline constexpr int json_default_max_depth = 64;

/// Parses the JSON form. Throws JsonError, or JsonTooDeep when arrays and objects nest
/// deeper than `max_depth` (checked while parsing, before anything deep is built).
Document from_json(std::string_view text, int max_depth = json_default_max_depth);

} // namespace resconv::model
