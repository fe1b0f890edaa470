# Install rules (included from CMakeLists.txt when CRV_IO_INSTALL is ON):
#   include/crv/**                headers, with the generated crv/version.hpp and crv/export.hpp
#   lib/libcrv_{core,frame,parquet,io}.{a,so}
#   lib/cmake/crv_io/             crv_ioConfig.cmake, crv_ioConfigVersion.cmake, crv_ioTargets*.cmake
#   lib/pkgconfig/crv_io.pc
#   bin/crv-io
include(CMakePackageConfigHelpers)

set(CRV_IO_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/crv_io)
set(_crv_libs crv_core crv_frame crv_parquet crv_io)

install(TARGETS ${_crv_libs} EXPORT crv_ioTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT crv_io_development
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT crv_io_runtime
                NAMELINK_COMPONENT crv_io_development
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT crv_io_runtime)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/crv DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT crv_io_development FILES_MATCHING PATTERN "*.hpp")
install(FILES ${CRV_GENERATED_DIR}/crv/version.hpp ${CRV_GENERATED_DIR}/crv/export.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/crv COMPONENT crv_io_development)
if(TARGET crv-io)
  install(TARGETS crv-io RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT crv_io_runtime)
endif()

install(EXPORT crv_ioTargets NAMESPACE crv:: FILE crv_ioTargets.cmake
        DESTINATION ${CRV_IO_CMAKE_DIR} COMPONENT crv_io_development)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/crv_ioConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/crv_ioConfig.cmake
                              INSTALL_DESTINATION ${CRV_IO_CMAKE_DIR})
# 0.x: a minor version may break the API, so 0.1.x satisfies find_package(crv_io 0.1) only.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/crv_ioConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/crv_ioConfig.cmake ${PROJECT_BINARY_DIR}/crv_ioConfigVersion.cmake
        DESTINATION ${CRV_IO_CMAKE_DIR} COMPONENT crv_io_development)

# pkg-config. Static libraries need their dependencies on the link line, so a static build
# lists them in Requires (plain `pkg-config --libs crv_io` links); a shared build in
# Requires.private.
if(CRV_IO_SHARED)
  set(CRV_PC_REQUIRES "nlohmann_json")
  set(CRV_PC_REQUIRES_PRIVATE "fmt simdjson tomlplusplus libzstd snappy zlib liblz4 libbrotlienc libbrotlidec")
  set(CRV_PC_CFLAGS "")
else()
  set(CRV_PC_REQUIRES "nlohmann_json fmt simdjson tomlplusplus libzstd snappy zlib liblz4 libbrotlienc libbrotlidec")
  set(CRV_PC_REQUIRES_PRIVATE "")
  set(CRV_PC_CFLAGS " -DCRV_IO_STATIC_DEFINE")
endif()
# Relocatable: prefix is relative to the .pc file (pkg-config's ${pcfiledir}), so the
# package works wherever `cmake --install --prefix` put it.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(CRV_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _rel "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
  string(REGEX REPLACE "/$" "" _rel "${_rel}")
  set(CRV_PC_PREFIX "\${pcfiledir}/${_rel}")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/crv_io.pc.in ${PROJECT_BINARY_DIR}/crv_io.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/crv_io.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
        COMPONENT crv_io_development)
