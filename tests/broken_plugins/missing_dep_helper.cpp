// A library the "missingdep" plugin links to, kept where the loader will not find it.
extern "C" __attribute__((visibility("default"))) int resconv_test_helper_value() {
  return 7;
}
