# The legal, medical and finance services share one recipe: they are the same service-common code over a different
# application.properties, so only the Quarkus fast-jar that goes in differs (SERVICE).
#
# Build from the repository root, after the services are packaged (./mvnw -B package -DskipTests -pl legal,medical,finance -am):
#   docker build -f deploy/k8s/images/service.Dockerfile --build-arg SERVICE=legal -t tessera-legal:0.1.0-SNAPSHOT .
# service.Dockerfile.dockerignore keeps the build context to the three target/quarkus-app folders.
FROM eclipse-temurin:17-jre

ARG SERVICE
RUN case "$SERVICE" in legal|medical|finance) ;; \
      *) echo "--build-arg SERVICE=legal|medical|finance is required, got '$SERVICE'" >&2; exit 1 ;; esac \
    && groupadd --system --gid 10001 tessera \
    && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin tessera

# Fast-jar layout, dependencies first: they change less often than the application, so their layer is reused.
# Owned by root and not writable by the service user: the pod runs with a read-only root file system anyway.
COPY ${SERVICE}/target/quarkus-app/lib/ /deployments/lib/
COPY ${SERVICE}/target/quarkus-app/quarkus-run.jar /deployments/
COPY ${SERVICE}/target/quarkus-app/app/ /deployments/app/
COPY ${SERVICE}/target/quarkus-app/quarkus/ /deployments/quarkus/

# Heap as a share of the container's memory limit: ONNX Runtime and the tokenizers allocate outside the heap, so half
# is left for them. -Xss16m: ONNX Runtime's environment set-up can overflow the default stack (as in deploy/bin/tessera).
# ONNX Runtime, the DJL tokenizers and Vert.x unpack native libraries and caches under /tmp, which the pod mounts as
# an emptyDir; the user has no writable home.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -Xss16m" \
    DJL_CACHE_DIR=/tmp/djl \
    LANG=C.UTF-8

# Numeric, so that Kubernetes can check runAsNonRoot without reading /etc/passwd; the manifests use the same id.
USER 10001:10001
WORKDIR /deployments
# The HTTP port is quarkus.http.port in the service's application.properties (8081 legal, 8082 medical, 8083 finance).
ENTRYPOINT ["java", "-jar", "/deployments/quarkus-run.jar"]
