// crv-io: the command-line tool over the crv-io library.

#include "cli/commands.hpp"

int main(int argc, char** argv) { return crv::cli::run_command_line(argc, argv); }
