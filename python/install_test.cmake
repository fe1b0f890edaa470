# ctest python_install: cmake --install --component crv_io_python into a fresh prefix, then the
# installed package imports and runs (from another directory than the build tree).
file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --component crv_io_python --prefix ${PREFIX}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install --component crv_io_python failed")
endif()
if(IS_ABSOLUTE ${SITE})
  set(site ${SITE})
else()
  set(site ${PREFIX}/${SITE})
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env PYTHONPATH=${site} ${PYTHON} -c
          "import crv_io, os; assert crv_io.__file__.startswith(os.environ['PYTHONPATH']), crv_io.__file__; print(crv_io.__version__, crv_io.TableName.IDENTITY_EDGES.value)"
  WORKING_DIRECTORY ${PREFIX} RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the installed crv_io does not import")
endif()
message(STATUS "installed crv_io: ${out}")
