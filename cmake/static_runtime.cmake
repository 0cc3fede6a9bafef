# community-connector (cli/CMakeLists.txt) runs --help, --version and validate in about half the
# time when it links libstdc++, yaml-cpp and libcrypto statically: resolving the symbols of the
# shared C++ libraries costs more than such a run's own work (bench/startup). An executable asks
# for it with the target property CC_STATIC_RUNTIME; cc_engine then links the archives found here
# instead of the shared libraries. Not in the sanitizer and fuzz builds (their runtimes expect the
# shared C++ library), nor when an archive is missing: the shared libraries are linked then.
set(CC_STATIC_RUNTIME_AVAILABLE OFF)
if(CC_STATIC_CLI AND NOT CC_SANITIZE AND NOT CC_FUZZ)
  get_target_property(cc_yaml_cpp_library yaml-cpp LOCATION)
  get_filename_component(cc_yaml_cpp_dir "${cc_yaml_cpp_library}" DIRECTORY)
  get_filename_component(cc_crypto_dir "${OPENSSL_CRYPTO_LIBRARY}" DIRECTORY)
  find_library(CC_YAML_CPP_ARCHIVE NAMES libyaml-cpp.a HINTS ${cc_yaml_cpp_dir} NO_DEFAULT_PATH)
  find_library(CC_CRYPTO_ARCHIVE NAMES libcrypto.a HINTS ${cc_crypto_dir} NO_DEFAULT_PATH)
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libstdc++.a
                  OUTPUT_VARIABLE cc_libstdcxx_archive OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(CC_YAML_CPP_ARCHIVE AND CC_CRYPTO_ARCHIVE AND IS_ABSOLUTE "${cc_libstdcxx_archive}")
    set(CC_STATIC_RUNTIME_AVAILABLE ON)
  else()
    message(STATUS "community-connector links the shared libstdc++, yaml-cpp and libcrypto: no static archives")
  endif()
endif()
# For link libraries: true while an executable that asked for the static runtime is linked.
set(CC_STATIC_RUNTIME_LINK "$<BOOL:$<TARGET_PROPERTY:CC_STATIC_RUNTIME>>")
