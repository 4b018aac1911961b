# Embeds annotations/schema.json into the library as schema_1_json(), so that
# `polex validate` needs no file at run time. configure_file() at configure time
# is enough: the schema is one small file, and listing it in CMAKE_CONFIGURE_DEPENDS
# re-runs the step whenever it changes.
set(POLEX_SCHEMA_JSON ${CMAKE_CURRENT_SOURCE_DIR}/annotations/schema.json)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${POLEX_SCHEMA_JSON})
file(READ ${POLEX_SCHEMA_JSON} POLEX_SCHEMA_TEXT)
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/annotations/schema_embedded.cpp.in
               ${CMAKE_CURRENT_BINARY_DIR}/schema_embedded.cpp @ONLY)
target_sources(polex PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/schema_embedded.cpp)
