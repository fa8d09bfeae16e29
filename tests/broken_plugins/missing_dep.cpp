// A plugin whose dependency cannot be found at load time: the loader's own message must
// reach the user.
extern "C" int resconv_test_helper_value();

extern "C" __attribute__((visibility("default"))) int resconv_test_missing_dep() {
  return resconv_test_helper_value();
}
