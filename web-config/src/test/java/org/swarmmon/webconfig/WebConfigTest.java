package org.swarmmon.webconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

class WebConfigTest {

  static final String HASH = "$2y$10$6Lmp//uUxFmYtI2R6LTEJeKsE9wKkRB9d7f2sGHoQSQRLQuvRWNri"; // s3cret
  private static final Path FILE = Path.of("/etc/am/web.yml");

  @Test
  void readsUsersAndTlsRelativeToTheFile() throws Exception {
    WebConfig c = WebConfig.parse("""
        tls_server_config:
          cert_file: am.crt
          key_file: /abs/am.key
        basic_auth_users:
          admin: %s
        """.formatted(HASH), FILE);
    assertThat(c.basicAuthUsers()).containsEntry("admin", HASH);
    assertThat(c.tls().certFile()).isEqualTo(Path.of("/etc/am/am.crt"));
    assertThat(c.tls().keyFile()).isEqualTo(Path.of("/abs/am.key"));
    assertThat(c.tls().clientAuth()).isEqualTo(WebConfig.ClientAuth.NoClientCert);
    assertThat(c.tls().clientCaFile()).isNull();
    assertThat(WebConfig.parse("", FILE)).isEqualTo(WebConfig.NONE);
  }

  @Test
  void readsClientCertificateSettings() throws Exception {
    WebConfig c = WebConfig.parse("""
        tls_server_config:
          cert_file: am.crt
          key_file: am.key
          client_auth_type: RequireAndVerifyClientCert
          client_ca_file: ca/clients.pem
        """, FILE);
    assertThat(c.tls().clientAuth().required()).isTrue();
    assertThat(c.tls().clientCaFile()).isEqualTo(Path.of("/etc/am/ca/clients.pem"));
    assertThat(c.authEnabled()).isFalse();
  }

  @Test
  void refusesWhatExporterToolkitRefuses() {
    assertThatThrownBy(() -> WebConfig.parse("basic_auth_user: {}", FILE))
        .hasMessage("/etc/am/web.yml: yaml: unmarshal errors:\n  field basic_auth_user not found in type web.Config");
    assertThatThrownBy(() -> WebConfig.parse("tls_server_config: {cert_file: a.crt}", FILE))
        .hasMessage("/etc/am/web.yml: missing key_file");
    assertThatThrownBy(() -> WebConfig.parse("basic_auth_users: {admin: plain}", FILE))
        .hasMessageContaining("the password of admin is not a bcrypt hash").hasMessageNotContaining("plain");
    assertThatThrownBy(() -> WebConfig.parse("tls_server_config: {cert_file: a, key_file: b, client_auth_type: Maybe}", FILE))
        .hasMessage("/etc/am/web.yml: invalid ClientAuth: Maybe");
    assertThatThrownBy(() -> WebConfig.parse(
        "tls_server_config: {cert_file: a, key_file: b, client_auth_type: RequireAndVerifyClientCert}", FILE))
        .hasMessageContaining("client_ca_file is required");
    assertThatThrownBy(() -> WebConfig.load(Path.of("/nonexistent/web.yml")))
        .hasMessageStartingWith("open /nonexistent/web.yml: ");
  }

  @Test
  void basicAuthChecksTheBcryptHash() {
    BasicAuth auth = new BasicAuth(java.util.Map.of("admin", HASH), BCrypt::checkpw);
    assertThat(auth.allows(basic("admin", "s3cret"))).isTrue();
    assertThat(auth.allows(basic("admin", "s3cret"))).isTrue(); // cached
    assertThat(auth.allows(basic("admin", "wrong"))).isFalse();
    assertThat(auth.allows(basic("other", "s3cret"))).isFalse();
    assertThat(auth.allows(basic("other", "dummy-password"))).isFalse();
    assertThat(auth.allows(null)).isFalse();
    assertThat(auth.allows("Bearer x")).isFalse();
    assertThat(auth.allows("Basic !!!")).isFalse();
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
