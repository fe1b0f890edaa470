# cmake -P driver of the package tests (tests/package/CMakeLists.txt): builds a consumer
# of crv-io in a fresh WORK_DIR, checks that none of crv-io's warning flags reached the
# consumer's own compile commands, runs every example (examples/examples.cmake) and the
# version check.
#   MODE       find_package | pkg_config | add_subdirectory
#   WORK_DIR   scratch directory (emptied first; add_subdirectory keeps its build/)
#   PREFIX     the installed package (find_package, pkg_config)
#   SOURCE_DIR crv-io's source tree
#   VERSION    the version every check expects
#   GENERATOR, CXX_COMPILER, JOBS
cmake_minimum_required(VERSION 3.25)

set(_here ${CMAKE_CURRENT_LIST_DIR})
include(${SOURCE_DIR}/examples/examples.cmake)
if(MODE STREQUAL "add_subdirectory")
  # Keeps WORK_DIR/build between runs: it compiles all of crv-io, so a rerun of `make test`
  # rebuilds (and reconfigures) only what changed, as a developer's tree would.
  foreach(_example IN LISTS CRV_EXAMPLES)
    file(REMOVE_RECURSE ${WORK_DIR}/${_example}-out)
  endforeach()
else()
  file(REMOVE_RECURSE ${WORK_DIR})
endif()
file(MAKE_DIRECTORY ${WORK_DIR})

function(run)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${WORK_DIR} RESULT_VARIABLE _rc
                  OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
  if(NOT _rc EQUAL 0)
    string(REPLACE ";" " " _cmd "${ARGN}")
    message(FATAL_ERROR "FAILED (${_rc}): ${_cmd}\n${_out}")
  endif()
  set(run_output "${_out}" PARENT_SCOPE)
endfunction()

function(expect_output what regex)
  if(NOT run_output MATCHES "${regex}")
    message(FATAL_ERROR "${what}: output does not match '${regex}':\n${run_output}")
  endif()
  message(STATUS "${what}: ok")
endfunction()

# crv-io's own flags (crv_warnings, -Werror) must not reach the consumer's sources.
function(check_consumer_flags build_dir)
  file(READ ${build_dir}/compile_commands.json _json)
  string(JSON _n LENGTH "${_json}")
  math(EXPR _last "${_n} - 1")
  set(_checked 0)
  foreach(_i RANGE ${_last})
    string(JSON _file GET "${_json}" ${_i} file)
    string(JSON _cmd GET "${_json}" ${_i} command)
    if(_file MATCHES "/src/(core|frame|parquet|io|cli)/" OR _file MATCHES "/crv-io/CMakeFiles/")
      continue()  # crv-io's own sources (and its precompiled headers), built with its warnings
    endif()
    math(EXPR _checked "${_checked} + 1")
    foreach(_flag -Werror -Wshadow -Wpedantic -Wall)
      string(FIND "${_cmd}" " ${_flag}" _at)
      if(NOT _at EQUAL -1)
        message(FATAL_ERROR "crv-io's ${_flag} leaked into the consumer: ${_cmd}")
      endif()
    endforeach()
  endforeach()
  if(_checked EQUAL 0)
    message(FATAL_ERROR "no consumer compile command in ${build_dir}/compile_commands.json")
  endif()
  message(STATUS "no crv-io warning flags in the consumer's ${_checked} compile commands: ok")
endfunction()

function(run_programs bin_dir)
  run(${bin_dir}/quickstart quickstart-out)
  expect_output("quickstart" "shape: \\(4, 5\\)")
  run(${bin_dir}/simulation_loop simulation_loop-out run_loop 50)
  expect_output("simulation_loop" "identity_edges rows 250, holdings rows followed 250")
  # The others check their own results (exit 1 on a wrong one, which run() reports).
  foreach(_example IN LISTS CRV_EXAMPLES)
    if(NOT _example MATCHES "^(quickstart|simulation_loop)$")
      run(${bin_dir}/${_example} ${_example}-out)
      expect_output("${_example}" "${_example}: all checks passed")
    endif()
  endforeach()
  run(${bin_dir}/version_check)
  expect_output("version_check" "library ${VERSION}")
endfunction()

if(MODE STREQUAL "find_package")
  foreach(_f include/crv/io.hpp include/crv/version.hpp include/crv/export.hpp include/crv/io/version.hpp
             include/crv/core/table_name.hpp include/crv/parquet/reader.hpp bin/crv-io)
    if(NOT EXISTS ${PREFIX}/${_f})
      message(FATAL_ERROR "not installed: ${PREFIX}/${_f}")
    endif()
  endforeach()
  file(GLOB_RECURSE _cmake_files RELATIVE ${PREFIX} ${PREFIX}/*/cmake/crv_io/*.cmake)
  message(STATUS "installed CMake package: ${_cmake_files}")
  foreach(_f crv_ioConfig.cmake crv_ioConfigVersion.cmake crv_ioTargets.cmake)
    if(NOT _cmake_files MATCHES "cmake/crv_io/${_f}")
      message(FATAL_ERROR "not installed: ${_f}")
    endif()
  endforeach()
  run(${PREFIX}/bin/crv-io --version)
  expect_output("installed crv-io --version" "crv-io ${VERSION}")

  run(${CMAKE_COMMAND} -S ${_here}/find_package -B build -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
      -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
      -DCRV_EXAMPLES_DIR=${SOURCE_DIR}/examples -DCRV_EXPECTED_VERSION=${VERSION})
  run(${CMAKE_COMMAND} --build build -j ${JOBS})
  check_consumer_flags(${WORK_DIR}/build)
  run_programs(${WORK_DIR}/build)
  run(${WORK_DIR}/build/core_only)
  expect_output("core_only (crv::core alone)" "tables: .*identity_edges.*\n[0-9]+ descriptors")

elseif(MODE STREQUAL "pkg_config")
  find_program(_pkg_config pkg-config REQUIRED)
  file(GLOB_RECURSE _pc ${PREFIX}/*/pkgconfig/crv_io.pc)
  if(NOT _pc)
    message(FATAL_ERROR "crv_io.pc is not installed under ${PREFIX}")
  endif()
  get_filename_component(_pc_dir ${_pc} DIRECTORY)
  set(ENV{PKG_CONFIG_PATH} ${_pc_dir})
  run(${_pkg_config} --modversion crv_io)
  expect_output("pkg-config --modversion crv_io" "^${VERSION}\n$")
  # The .pc is relocatable: its prefix follows the file (cmake --install --prefix).
  run(${_pkg_config} --variable=includedir crv_io)
  string(STRIP "${run_output}" _includedir)
  if(NOT EXISTS ${_includedir}/crv/io.hpp)
    message(FATAL_ERROR "pkg-config's includedir ${_includedir} has no crv/io.hpp")
  endif()
  # What a Makefile user types: c++ -std=c++20 $(pkg-config --cflags crv_io) x.cpp $(pkg-config --libs crv_io)
  run(${_pkg_config} --cflags crv_io)
  string(STRIP "${run_output}" _cflags)
  separate_arguments(_cflags UNIX_COMMAND "${_cflags}")
  run(${_pkg_config} --libs crv_io)
  string(STRIP "${run_output}" _libs)
  separate_arguments(_libs UNIX_COMMAND "${_libs}")
  message(STATUS "pkg-config: ${_cflags} ... ${_libs}")
  foreach(_example IN LISTS CRV_EXAMPLES)
    run(${CXX_COMPILER} -std=c++20 ${_cflags} ${SOURCE_DIR}/examples/${_example}.cpp -o ${_example} ${_libs})
  endforeach()
  run(${CXX_COMPILER} -std=c++20 ${_cflags} -DCRV_EXPECTED_VERSION="${VERSION}" ${_here}/version_check.cpp
      -o version_check ${_libs})
  run_programs(${WORK_DIR})

elseif(MODE STREQUAL "add_subdirectory")
  # No CMAKE_BUILD_TYPE: the parent decides (here: none, the quickest to compile).
  run(${CMAKE_COMMAND} -S ${_here}/add_subdirectory -B build -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
      -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCRV_IO_SOURCE_DIR=${SOURCE_DIR} -DCRV_EXPECTED_VERSION=${VERSION})
  run(${CMAKE_COMMAND} --build build -j ${JOBS})
  check_consumer_flags(${WORK_DIR}/build)
  if(NOT EXISTS ${WORK_DIR}/build/crv-io/libcrv_io.so)
    message(FATAL_ERROR "CRV_IO_SHARED=ON built no libcrv_io.so")
  endif()
  run_programs(${WORK_DIR}/build)
  run(${WORK_DIR}/build/crv-io/crv-io --version)
  expect_output("shared crv-io --version" "crv-io ${VERSION}")
  run(${WORK_DIR}/build/crv-io/crv-io schema identity_edges)
  expect_output("shared crv-io schema" "edge_weight")

else()
  message(FATAL_ERROR "MODE must be find_package, pkg_config or add_subdirectory, not '${MODE}'")
endif()
