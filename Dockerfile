# token-auth on Payara Micro. Untested here (no Docker engine on the build machines): kept simple
# enough to be checked by reading. Build: docker build -t token-auth .
# Run:   docker run -p 8080:8080 -v token-auth-data:/data -e TOKENAUTH_ADMIN_PASSWORD=... token-auth

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline || true
COPY src src
RUN mvn -B -q package -DskipTests

# the same Payara Micro version as the pom's payara.version, on Java 17 (Alpine, with tini and busybox wget)
FROM payara/micro:6.2025.10-jdk17
ENV PORT=8080 \
    TOKENAUTH_DATA_DIR=/data
USER root
RUN mkdir -p /data && chown payara:payara /data
USER payara
VOLUME /data
COPY --from=build /build/target/token-auth.war ${DEPLOY_DIR}/ROOT.war
COPY server-config/payara-micro/pre-boot-commands.asadmin /opt/payara/pre-boot-commands.asadmin
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD wget -q -O /dev/null "http://localhost:${PORT}/health/ready" || exit 1
ENTRYPOINT ["tini", "--", "sh", "-c", "exec java -XX:MaxRAMPercentage=70 -jar /opt/payara/payara-micro.jar --deploy ${DEPLOY_DIR}/ROOT.war --contextroot / --port ${PORT} --nocluster --prebootcommandfile /opt/payara/pre-boot-commands.asadmin"]
