# community-connector in a Debian 12 image: the tool and nothing else.
#   docker build -t community-connector .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:$PWD" -w "$PWD" \
#              -e DATABRICKS_HOST -e DATABRICKS_TOKEN community-connector plan
# The builder stage makes the .deb exactly as the package test does (scripts/build-package.sh);
# the runtime stage installs that .deb with apt-get, so the package's declared Depends are what
# brings the shared libraries in. The two runs at the end load both binaries (`auth describe` is
# handed to libexec/community-connector-workspace and reads no network): a library the Depends
# missed fails the build here, not a user's first run.

FROM debian:12-slim AS builder
WORKDIR /src
# Only the build's packages (no test tools): scripts/bootstrap.sh build.
COPY scripts/bootstrap.sh scripts/bootstrap.sh
RUN scripts/bootstrap.sh build
COPY . .
RUN scripts/build-package.sh /build /out

FROM debian:12-slim
COPY --from=builder /out/community-connector_*.deb /tmp/
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/community-connector_*.deb \
 && rm -rf /var/lib/apt/lists/* /tmp/community-connector_*.deb \
 && community-connector --version \
 && DATABRICKS_HOST=https://image.invalid DATABRICKS_TOKEN=none community-connector auth describe >/dev/null
# No credentials in the image: each run passes DATABRICKS_* (and the manifest's ${env.NAME}s).
# Debian's slim images install no /usr/share/doc, so the packaged docs and examples are left out.
WORKDIR /work
ENTRYPOINT ["community-connector"]
CMD ["--help"]
