#include <resconv/sdk/options.hpp>

#include <catch2/catch.hpp>

using namespace resconv;

namespace {
std::vector<OptionSpec> specs() {
  return {{"pretty", OptionType::boolean, true, "", {}},
          {"indent", OptionType::integer, std::int64_t{2}, "", {}},
          {"scale", OptionType::number, 1.5, "", {}},
          {"schema", OptionType::string, std::string("default.xsd"), "", {}},
          {"wrapper", OptionType::choice, std::string("none"), "", {"none", "publication"}}};
}
} // namespace

TEST_CASE("options take defaults and typed values", "[options]") {
  Options o = Options::parse(specs(), {});
  CHECK(o.get_bool("pretty"));
  CHECK(o.get_int("indent") == 2);
  CHECK(o.get_number("scale") == 1.5);
  CHECK(o.get_string("wrapper") == "none");
  o = Options::parse(specs(),
                     {{"pretty", "false"}, {"indent", "-1"}, {"scale", "2"}, {"wrapper", "publication"}});
  CHECK_FALSE(o.get_bool("pretty"));
  CHECK(o.get_int("indent") == -1);
  CHECK(o.get_number("scale") == 2.0);
  CHECK(o.get_string("wrapper") == "publication");
}

TEST_CASE("options are strict", "[options]") {
  CHECK_THROWS_WITH(Options::parse(specs(), {{"prety", "true"}}), Catch::Contains("unknown option 'prety'"));
  CHECK_THROWS_WITH(Options::parse(specs(), {{"pretty", "maybe"}}), Catch::Contains("not a boolean"));
  CHECK_THROWS_WITH(Options::parse(specs(), {{"indent", "2x"}}), Catch::Contains("not an integer"));
  CHECK_THROWS_WITH(Options::parse(specs(), {{"scale", "fast"}}), Catch::Contains("not a number"));
  CHECK_THROWS_WITH(Options::parse(specs(), {{"wrapper", "box"}}), Catch::Contains("none, publication"));
  CHECK_THROWS_WITH(Options::parse({}, {{"x", "1"}}), Catch::Contains("no options"));
}

TEST_CASE("typed access refuses the wrong type", "[options]") {
  Options o = Options::parse(specs(), {});
  CHECK_THROWS_AS(o.get_int("pretty"), OptionError);
  CHECK_THROWS_AS(o.get_bool("missing"), OptionError);
  CHECK(option_value_to_string(OptionValue{true}) == "true");
  CHECK(option_value_to_string(OptionValue{std::int64_t{42}}) == "42");
}
