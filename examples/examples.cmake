# The example programs, examples/<name>.cpp: one list for crv-io's own build (targets
# crv_<name>, run by ctest) and for the package tests' consumers (tests/package/), which
# build and run every one against the installed package.
#   quickstart         the README's quickstart
#   simulation_loop    two tables committed per tick, and a follower (takes ROOT RUN_ID TICKS)
#   tick_range_scan    a tick range with a column selection; a scan streamed in batches
#   arrow_c_interface  a frame and a scan handed over through the Arrow C Data / Stream interfaces
#   run_bundle         the run bundle manifest written after a run, and checked
set(CRV_EXAMPLES quickstart simulation_loop tick_range_scan arrow_c_interface run_bundle)
