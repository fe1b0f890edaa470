# Files crv-io writes, read by Polars, DuckDB and parquet-wasm (included from CMakeLists.txt).
# write_matrix writes the matrix of files with their expected rows (a ctest fixture); one
# test per engine then reads them all in one node process (check_read_many.mjs).
add_executable(crv_interop_write_matrix ${CMAKE_CURRENT_LIST_DIR}/write_matrix.cpp
                                        ${CMAKE_CURRENT_LIST_DIR}/canonical_table_frames.cpp)
target_link_libraries(crv_interop_write_matrix PRIVATE crv_parquet crv_warnings)

set(_matrix_dir ${CMAKE_CURRENT_BINARY_DIR}/writer_matrix)
add_test(NAME interop_writer_matrix_write COMMAND crv_interop_write_matrix ${_matrix_dir})
set_tests_properties(interop_writer_matrix_write PROPERTIES LABELS interop FIXTURES_SETUP crv_writer_matrix)
foreach(_engine polars duckdb parquet-wasm)
  crv_interop_test(NAME interop_writer_matrix_${_engine} SCRIPT check_read_many.mjs
                   ARGS ${_matrix_dir}/manifest.tsv --engine ${_engine})
  set_tests_properties(interop_writer_matrix_${_engine} PROPERTIES FIXTURES_REQUIRED crv_writer_matrix)
endforeach()
