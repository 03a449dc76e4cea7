# Installs the user-facing CMake helper, so that projects can use
#   find_package(Bpfkit REQUIRED)
# against <prefix>/lib/cmake/Bpfkit.  Included once from the bpfkit build.
include(CMakePackageConfigHelpers)
set(_bpfkit_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/Bpfkit)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/bpfkit/BpfkitConfigVersion.cmake
	VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES
	${CMAKE_CURRENT_LIST_DIR}/BpfkitConfig.cmake
	${CMAKE_CURRENT_LIST_DIR}/bpfkit-functions.cmake
	${CMAKE_CURRENT_LIST_DIR}/bpfkit-capture.cmake
	${PROJECT_BINARY_DIR}/bpfkit/BpfkitConfigVersion.cmake
	DESTINATION ${_bpfkit_cmake_dir})
