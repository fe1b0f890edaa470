// Links crv::core alone (the lowest layer): the canonical table names.
#include <crv/core/table_descriptor.hpp>
#include <crv/core/table_name.hpp>

#include <iostream>

int main() {
  std::cout << "tables:";
  for (crv::core::TableName table : crv::core::all_table_names()) {
    std::cout << " " << crv::core::to_string(table);
  }
  std::cout << "\n" << crv::core::list_tables().size() << " descriptors\n";
}
