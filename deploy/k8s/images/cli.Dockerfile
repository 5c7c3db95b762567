# The operator command line (deploy/cli) and the shipped knowledge graphs, for the graph-load Job
# (deploy/k8s/graph-load-job.yaml) and for one-off commands in the cluster.
#
# Build from the repository root, after the CLI is packaged (./mvnw -B package -DskipTests -pl deploy/cli -am):
#   docker build -f deploy/k8s/images/cli.Dockerfile -t tessera-cli:0.1.0-SNAPSHOT .
FROM eclipse-temurin:17-jre

RUN groupadd --system --gid 10001 tessera \
    && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin tessera

COPY deploy/cli/target/lib/ /opt/tessera/lib/
COPY deploy/cli/target/tessera-cli.jar /opt/tessera/
COPY deploy/graphs/ /opt/tessera/graphs/

# deploy/bin/tessera without its build step (the jar is already here) and without its local-stack commands (up,
# devservers), which have no meaning in a cluster. Same logging defaults as there.
RUN printf '%s\n' '#!/bin/sh' \
      'exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.dev.tessera=info \' \
      '  -cp "/opt/tessera/tessera-cli.jar:/opt/tessera/lib/*" dev.tessera.cli.TesseraCli "$@"' \
      > /usr/local/bin/tessera \
    && chmod 755 /usr/local/bin/tessera

# See service.Dockerfile: heap share of the memory limit, ONNX Runtime's stack, native libraries under /tmp.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -Xss16m" \
    DJL_CACHE_DIR=/tmp/djl \
    LANG=C.UTF-8

USER 10001:10001
WORKDIR /opt/tessera
ENTRYPOINT ["tessera"]
