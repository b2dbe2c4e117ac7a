# Proves the installed package works for a consumer (run by CTest with cmake -P):
#   1. install the build tree CHARTER_BUILD_DIR into a fresh prefix under WORK_DIR;
#   2. configure tests/consumer against that prefix only (find_package(charter CONFIG REQUIRED),
#      which also needs the Findcctz.cmake installed beside charterConfig.cmake);
#   3. build it and run it; it exits non-zero when the deadline it computes is wrong.
# Inputs: CHARTER_BUILD_DIR, CHARTER_CONFIG, CONSUMER_SOURCE_DIR, WORK_DIR, GENERATOR,
# CXX_COMPILER.
cmake_minimum_required(VERSION 3.20)

foreach(var CHARTER_BUILD_DIR CONSUMER_SOURCE_DIR WORK_DIR GENERATOR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run.cmake: ${var} is not set")
  endif()
endforeach()
if(NOT CHARTER_CONFIG)
  set(CHARTER_CONFIG Release)
endif()

set(prefix "${WORK_DIR}/prefix")
set(build "${WORK_DIR}/build")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

function(run_step what)
  execute_process(COMMAND ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("---- ${what}\n${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer test: ${what} failed (${rc})")
  endif()
endfunction()

run_step("install charter into ${prefix}"
  "${CMAKE_COMMAND}" --install "${CHARTER_BUILD_DIR}" --prefix "${prefix}" --config "${CHARTER_CONFIG}")

# The package files the config relies on must be in the install tree.
file(GLOB_RECURSE config_files "${prefix}/*/charterConfig.cmake")
list(LENGTH config_files n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "consumer test: expected one installed charterConfig.cmake, found: ${config_files}")
endif()
get_filename_component(config_dir "${config_files}" DIRECTORY)
foreach(f charterConfigVersion.cmake charterTargets.cmake Findcctz.cmake)
  if(NOT EXISTS "${config_dir}/${f}")
    message(FATAL_ERROR "consumer test: ${f} is not installed beside charterConfig.cmake")
  endif()
endforeach()

set(configure_args -S "${CONSUMER_SOURCE_DIR}" -B "${build}" -G "${GENERATOR}"
    "-DCMAKE_PREFIX_PATH=${prefix}"
    "-DCMAKE_BUILD_TYPE=${CHARTER_CONFIG}"
    # Only the fresh prefix may provide charter: no package registries.
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF)
if(CXX_COMPILER)
  list(APPEND configure_args "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
endif()
run_step("configure the consumer" "${CMAKE_COMMAND}" ${configure_args})

# find_package must have used the installed config, not the build tree.
file(STRINGS "${build}/CMakeCache.txt" found_dir REGEX "^charter_DIR:")
string(REGEX REPLACE "^charter_DIR:[A-Z]+=" "" found_dir "${found_dir}")
file(REAL_PATH "${found_dir}" found_real)
file(REAL_PATH "${config_dir}" expected_real)
if(NOT found_real STREQUAL expected_real)
  message(FATAL_ERROR "consumer test: charter was found in '${found_dir}', not in the install tree '${config_dir}'")
endif()

run_step("build the consumer" "${CMAKE_COMMAND}" --build "${build}" --config "${CHARTER_CONFIG}")

find_program(consumer_exe consumer PATHS "${build}" "${build}/${CHARTER_CONFIG}" NO_DEFAULT_PATH REQUIRED)
run_step("run the consumer" "${consumer_exe}")
