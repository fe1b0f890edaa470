// Links crv::io and checks that the headers' version macros, the library's
// crv::io::version() and the version find_package reported (CRV_EXPECTED_VERSION) agree.
#include <crv/io/version.hpp>

#include <cstdio>
#include <string>

int main() {
  const std::string macros = std::to_string(CRV_IO_VERSION_MAJOR) + "." + std::to_string(CRV_IO_VERSION_MINOR) + "." +
                             std::to_string(CRV_IO_VERSION_PATCH);
  const std::string linked(crv::io::version());
  std::printf("crv-io headers %s, library %s, package %s\n", macros.c_str(), linked.c_str(), CRV_EXPECTED_VERSION);
  if (macros != linked || linked != CRV_EXPECTED_VERSION || linked != CRV_IO_VERSION_STRING) {
    std::printf("version mismatch\n");
    return 1;
  }
  return 0;
}
