# token-auth on Payara Micro, in the official image of the same version as the pom's payara.version.
#
#   docker build -t token-auth .
#   docker run -p 8080:8080 -v token-auth-data:/data \
#     -e TOKENAUTH_ADMIN_USERNAME=admin -e TOKENAUTH_ADMIN_PASSWORD='a long admin password' token-auth
#
# Not built here (the build machines have no Docker engine). Every line was checked by reading against the image's
# own Dockerfile and entrypoint in Payara's sources, tag payara-server-6.2025.10,
# appserver/extras/docker-images/micro/src/main/docker/: FROM azul/zulu-openjdk-alpine:17.0.16-jdk (Alpine: busybox
# wget and sh), `apk add tini`, user payara (uid 1000) owning /opt/payara, DEPLOY_DIR=/opt/payara/deployments,
# ENTRYPOINT ["tini", "--", "/opt/payara/entrypoint.sh"], which runs
#   java -XX:MaxRAMPercentage=${MEM_MAX_RAM_PERCENTAGE} -Xss${MEM_XSS} -XX:+UseContainerSupport ${JVM_ARGS} \
#        -jar payara-micro.jar "$@"
# with the CMD as "$@" and forwards SIGTERM, so `docker stop` stops Payara cleanly. We keep that entry point and
# give our options as the CMD and through JVM_ARGS.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
# the dependencies in a layer of their own, so that a change in src does not download them again
RUN mvn -B -q dependency:go-offline || true
COPY src src
# the WAR (target/token-auth.war), the PostgreSQL driver for --addlibs (target/lib/postgresql.jar) and the trust
# store (target/cacerts)
RUN mvn -B -q package -Dmaven.test.skip=true

FROM payara/micro:6.2025.10-jdk17
# /data for the volume, owner-only like any data folder of token-auth
USER root
RUN mkdir -p /data && chown payara:payara /data && chmod 700 /data
USER payara
# The image's JVM_ARGS plus ours (word-split by the entry point's sh, so no spaces inside an option).
ENV JVM_ARGS="-Djdk.util.zip.disableZip64ExtraFieldValidation=true -Djavax.net.ssl.trustStore=/opt/payara/cacerts" \
    TOKENAUTH_DATA_DIR=/data
# The H2 database, and a single node's key-encryption key, live here: keep the volume, and back it up.
VOLUME /data
COPY --from=build --chown=payara:payara /build/target/token-auth.war ${DEPLOY_DIR}/ROOT.war
COPY --from=build --chown=payara:payara /build/target/lib/postgresql.jar /opt/payara/lib/postgresql.jar
# the build's certificate authorities without the expired ones, as the run command gives them: Payara logs every
# expired certificate of its trust store as a WARNING at each start (src/build/CurrentCertificates.java)
COPY --from=build --chown=payara:payara /build/target/cacerts /opt/payara/cacerts
COPY --chown=payara:payara server-config/payara-micro/*.asadmin /opt/payara/
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD wget -q -O /dev/null http://127.0.0.1:8080/health/ready || exit 1
# One node with no data grid (--nohazelcast; the image's default --deploymentDir is replaced, so that the WAR is
# deployed once, at /). For several nodes, replace --nohazelcast with the cluster options of
# src/site/markdown/operations.md and set TOKENAUTH_JWT_KEY_ENCRYPTION_KEY and the TOKENAUTH_DB_* variables.
CMD ["--deploy", "/opt/payara/deployments/ROOT.war", "--contextroot", "/", "--port", "8080", \
     "--prebootcommandfile", "/opt/payara/pre-boot-commands.asadmin", \
     "--postbootcommandfile", "/opt/payara/post-boot-commands.asadmin", \
     "--addlibs", "/opt/payara/lib/postgresql.jar", "--nohazelcast"]
