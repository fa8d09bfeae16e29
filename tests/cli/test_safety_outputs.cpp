// test_safety_outputs: see the test cases below.
#include "run_program.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
