# Install rules and the CPack .deb: binaries, schemas, templates (with the bundled default
# config), examples, shell completions and docs. An installed community-connector reads its
# data from <prefix>/share/community-connector (engine::bundledDataDirectory()).
include(GNUInstallDirs)

set(CC_SHARE_DIR ${CMAKE_INSTALL_DATADIR}/community-connector)
set(CC_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/community-connector)

install(TARGETS community-connector workspace-emulator RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Run by community-connector for the commands that talk to a workspace (cli/hand_over.h); it
# finds its data as the other does, in ../share/community-connector.
install(TARGETS community-connector-workspace RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/templates/ DESTINATION ${CC_SHARE_DIR}/templates)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/schemas/ DESTINATION ${CC_SHARE_DIR}/schemas)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/examples/ DESTINATION ${CC_DOC_DIR}/examples
        USE_SOURCE_PERMISSIONS)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/ DESTINATION ${CC_DOC_DIR} FILES_MATCHING PATTERN "*.md")

# Completion scripts come from the binary itself (`completion bash|zsh`), so they match its grammar.
set(CC_COMPLETIONS_DIR ${CMAKE_BINARY_DIR}/completions)
add_custom_command(
  OUTPUT ${CC_COMPLETIONS_DIR}/community-connector ${CC_COMPLETIONS_DIR}/_community-connector
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CC_COMPLETIONS_DIR}
  COMMAND $<TARGET_FILE:community-connector> completion bash > ${CC_COMPLETIONS_DIR}/community-connector
  COMMAND $<TARGET_FILE:community-connector> completion zsh > ${CC_COMPLETIONS_DIR}/_community-connector
  DEPENDS community-connector
  COMMENT "completion scripts for bash and zsh")
add_custom_target(cc_completions ALL
  DEPENDS ${CC_COMPLETIONS_DIR}/community-connector ${CC_COMPLETIONS_DIR}/_community-connector)
install(FILES ${CC_COMPLETIONS_DIR}/community-connector
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${CC_COMPLETIONS_DIR}/_community-connector
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)

set(CPACK_PACKAGE_NAME community-connector)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Lakeflow community connectors")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "declarative set-up of Lakeflow community connectors in Databricks workspaces")
set(CPACK_PACKAGE_CONTACT "community-connector maintainers <community-connector@example.invalid>")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)   # community-connector_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
# The installed binaries lose their symbols and debug information (a RelWithDebInfo build
# packages as small as a Release one).
set(CPACK_STRIP_FILES ON)
# Depends: dpkg-shlibdeps reads the NEEDED libraries of every ELF file in the package (both
# binaries in bin/, the one in libexec/) and names the Debian packages that hold them (Poco,
# yaml-cpp, OpenSSL, libstdc++ …). ca-certificates is added by hand: no link shows it, but every
# HTTPS request verifies the workspace against the system store it fills.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "ca-certificates")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "bash-completion")
include(CPack)
