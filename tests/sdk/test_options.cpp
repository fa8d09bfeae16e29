#include <resconv/sdk/options.hpp>

#include <catch2/catch.hpp>

using namespace resconv;

namespace {
std::vector<OptionSpec> specs() {
  return {{"pretty", OptionType::boolean, true, "", {}, {}, {}},
          {"indent", OptionType::integer, std::int64_t{2}, "", {}, {}, {}},
          {"scale", OptionType::number, 1.5, "", {}, {}, {}},
          {"schema", OptionType::string, std::string("default.xsd"), "", {}, {}, {}},
          {"wrapper", OptionType::choice, std::string("none"), "", {"none", "publication"}, {}, {}}};
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

TEST_CASE("options refuse values outside their bounds", "[options][bounds]") {
  OptionSpec depth{"max-depth", OptionType::integer, std::int64_t{64}, "", {}, 1.0, 1000.0};
  OptionSpec pages{"max-pages", OptionType::integer, std::int64_t{2000}, "", {}, 1.0, std::nullopt};
  OptionSpec scale{"scale", OptionType::number, 1.0, "", {}, std::nullopt, 2.5};
  std::vector<OptionSpec> bounded{depth, pages, scale};
  CHECK(Options::parse(bounded, {{"max-depth", "1"}}).get_int("max-depth") == 1);
  CHECK(Options::parse(bounded, {{"max-depth", "1000"}}).get_int("max-depth") == 1000);
  CHECK_THROWS_WITH(Options::parse(bounded, {{"max-depth", "0"}}),
                    "option 'max-depth': 0 is out of range (1 to 1000)");
  CHECK_THROWS_WITH(Options::parse(bounded, {{"max-depth", "1001"}}),
                    "option 'max-depth': 1001 is out of range (1 to 1000)");
  CHECK_THROWS_WITH(Options::parse(bounded, {{"max-depth", "9223372036854775807"}}),
                    "option 'max-depth': 9223372036854775807 is out of range (1 to 1000)");
  CHECK(Options::parse(bounded, {{"max-pages", "9223372036854775807"}}).get_int("max-pages") == INT64_MAX);
  CHECK_THROWS_WITH(Options::parse(bounded, {{"max-pages", "-3"}}),
                    "option 'max-pages': -3 is out of range (at least 1)");
  CHECK(Options::parse(bounded, {{"scale", "2.5"}}).get_number("scale") == 2.5);
  CHECK_THROWS_WITH(Options::parse(bounded, {{"scale", "2.51"}}),
                    "option 'scale': 2.51 is out of range (at most 2.5)");
  CHECK(option_range_to_string(depth) == "1 to 1000");
  CHECK(option_range_to_string(specs().front()) == "");
}
