# ctest install_package: cmake --install into a fresh prefix, then build and run
# tests/install_test/app.cpp twice against it: with find_package(polex) and
# with `pkg-config --cflags --libs polex`.
# Variables: BUILD_DIR (the polex build), WORK_DIR (scratch), SOURCE_DIR (this
# folder), CXX (the compiler), GENERATOR.
cmake_minimum_required(VERSION 3.20)

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${ARGN}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

run("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
foreach(f bin/polex include/polex/extract/polex.h include/polex/annotations/annotation.h)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
file(GLOB_RECURSE config ${prefix}/*/polexConfig.cmake)
file(GLOB_RECURSE pc ${prefix}/*/polex.pc)
file(GLOB_RECURSE rules ${prefix}/share/polex/rules/*.json)
if(NOT config OR NOT pc OR NOT rules)
  message(FATAL_ERROR "missing polexConfig.cmake (${config}), polex.pc (${pc}) or rules (${rules})")
endif()

# 1. find_package(polex) + target_link_libraries(app polex::polex)
run("configure consumer" ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/consumer -G ${GENERATOR}
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${prefix})
run("build consumer" ${CMAKE_COMMAND} --build ${WORK_DIR}/consumer)
run("run consumer" ${WORK_DIR}/consumer/app)
message(STATUS "find_package consumer: ${run_output}")

# The installed binary works with the installed rules.
file(WRITE ${WORK_DIR}/doc.txt "Emissions fell by 12% between 2010 and 2020.\n")
run("installed polex" ${prefix}/bin/polex extract --format jsonl --rules ${prefix}/share/polex/rules ${WORK_DIR}/doc.txt)
if(NOT run_output MATCHES "\"numeric_claim\"")
  message(FATAL_ERROR "installed polex found no numeric claim:\n${run_output}")
endif()

# 2. pkg-config --cflags --libs polex
find_program(PKG_CONFIG pkg-config REQUIRED)
get_filename_component(pcdir ${pc} DIRECTORY)
set(ENV{PKG_CONFIG_PATH} ${pcdir})
run("pkg-config" ${PKG_CONFIG} --cflags --libs polex)
string(STRIP "${run_output}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
message(STATUS "pkg-config --cflags --libs polex: ${flags}")
run("compile with pkg-config" ${CXX} -std=c++20 -O1 ${SOURCE_DIR}/app.cpp -o ${WORK_DIR}/app_pc ${flags})
run("run pkg-config consumer" ${WORK_DIR}/app_pc ${prefix}/share/polex/rules)
message(STATUS "pkg-config consumer: ${run_output}")
