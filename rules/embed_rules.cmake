# Generates a C++ source holding every file under rules/ (JSON and word lists)
# as byte arrays, so the polex binary runs standalone with its default rules.
function(polex_embed_rules rules_dir out_cpp)
  file(GLOB_RECURSE rule_files CONFIGURE_DEPENDS RELATIVE ${rules_dir}
       ${rules_dir}/*.json ${rules_dir}/*.txt)
  list(SORT rule_files)
  set(list_of_paths "")
  foreach(f ${rule_files})
    list(APPEND list_of_paths ${rules_dir}/${f})
  endforeach()
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DRULES_DIR=${rules_dir} -DOUT=${out_cpp}
            -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/embed_rules_run.cmake
    DEPENDS ${list_of_paths} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/embed_rules_run.cmake
    COMMENT "Embedding default rules"
    VERBATIM)
endfunction()
