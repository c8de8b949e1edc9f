#!/usr/bin/env bash
# The resident memory floors under the exporter, with bench.sh's JVM flags: an empty main, a bare
# Spring Boot context (spring-boot's own jars, no auto-configuration), and Spring Boot with the
# exporter's whole class path and application.yml (auto-configuration, Spring Cloud Consul) but none
# of its beans. VmRSS 12 s after start; no containers needed.
#
#   ./mvnw -B -q -pl container-exporter package -DskipTests
#   container-exporter/bench/floor.sh
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
JAR=$HERE/../target/container-exporter-exec.jar
JAVA_OPTS=${JAVA_OPTS:-$(sed -n 's/^JAVA_OPTS=\${JAVA_OPTS:-\(.*\)}$/\1/p' "$HERE/bench.sh")}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
mkdir -p "$WORK/src/floor" "$WORK/classes"
cat >"$WORK/src/floor/Empty.java" <<'EOF'
package floor;
public class Empty {
  public static void main(String[] args) throws Exception {
    Thread.sleep(60_000);
  }
}
EOF
cat >"$WORK/src/floor/BareContext.java" <<'EOF'
package floor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Configuration;
@Configuration(proxyBeanMethods = false)
public class BareContext {
  public static void main(String[] args) throws Exception {
    SpringApplication app = new SpringApplication(BareContext.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.run(args);
    Thread.sleep(60_000);
  }
}
EOF
cat >"$WORK/src/floor/AutoConfigured.java" <<'EOF'
package floor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
@SpringBootApplication
public class AutoConfigured {
  public static void main(String[] args) throws Exception {
    SpringApplication.run(AutoConfigured.class, args);
    Thread.sleep(60_000);
  }
}
EOF
ALL=$(ls "$WORK"/app/lib/*.jar | tr '\n' ':')
BOOT=$(ls "$WORK"/app/lib/{spring-boot,spring-boot-autoconfigure,spring-context,spring-core,spring-beans,spring-aop,spring-expression,spring-jcl}-[0-9]*.jar \
  "$WORK"/app/lib/{snakeyaml,micrometer-commons,micrometer-observation}-*.jar | tr '\n' ':')
javac -d "$WORK/classes" -cp "$ALL" "$WORK"/src/floor/*.java
unzip -q -o -j "$WORK/app/container-exporter-exec.jar" application.yml -d "$WORK/yml"

measure() { # name classpath main
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$2" "$3" >"$WORK/$1.log" 2>&1 &
  local pid=$!
  sleep 12
  local classes; classes=$(jcmd "$pid" VM.classloader_stats | awk '/^Total/ {print $4}')
  awk -v n="$1" -v c="$classes" '/^VmRSS/ {printf "%-16s rss=%.1f MiB  classes=%s\n", n, $2 / 1024, c}' "/proc/$pid/status"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
measure empty-main "$WORK/classes" floor.Empty
measure spring-boot "$WORK/classes:$BOOT" floor.BareContext
measure boot+cloud "$WORK/classes:$WORK/yml:$ALL" floor.AutoConfigured
