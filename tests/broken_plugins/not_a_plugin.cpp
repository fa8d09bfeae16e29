// A shared library that is not a resconv plugin at all.
extern "C" __attribute__((visibility("default"))) int resconv_test_not_a_plugin() {
  return 42;
}
