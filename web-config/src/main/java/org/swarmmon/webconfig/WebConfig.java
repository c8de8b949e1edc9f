package org.swarmmon.webconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --web.config.file} of Prometheus and Alertmanager (exporter-toolkit's web.config.yml):
 * {@code basic_auth_users} (user name to bcrypt hash) and {@code tls_server_config} (PEM cert_file
 * and key_file, optional client CA). Relative file names are relative to the config file's
 * directory, as exporter-toolkit resolves them.
 */
public record WebConfig(Map<String, String> basicAuthUsers, Tls tls) {

  public static final WebConfig NONE = new WebConfig(Map.of(), null);

  /** exporter-toolkit's client_auth_type values, named after Go's tls.ClientAuthType. */
  public enum ClientAuth {
    NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven, RequireAndVerifyClientCert;

    /** True when a connection without a client certificate is refused. */
    public boolean required() {
      return this == RequireAnyClientCert || this == RequireAndVerifyClientCert;
    }
  }

  /** PEM certificate (chain), private key, and the CA that client certificates are checked against. */
  public record Tls(Path certFile, Path keyFile, ClientAuth clientAuth, Path clientCaFile) {}

  private static final Set<String> TOP = Set.of("tls_server_config", "http_server_config", "basic_auth_users");
  private static final Set<String> TLS = Set.of("cert_file", "key_file", "client_auth_type", "client_ca_file",
      "cipher_suites", "curve_preferences", "min_version", "max_version", "prefer_server_cipher_suites",
      "client_allowed_sans");
  private static final Set<String> HTTP = Set.of("http2", "headers");

  public boolean authEnabled() {
    return !basicAuthUsers.isEmpty();
  }

  /** Reads and checks the file. */
  public static WebConfig load(Path file) throws WebConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new WebConfigException("open " + file + ": " + e.getMessage());
    }
    return parse(text, file);
  }

  /** Checks {@code text} as the content of {@code file} (which relative names are resolved against). */
  public static WebConfig parse(String text, Path file) throws WebConfigException {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(text);
    } catch (IOException e) {
      throw new WebConfigException(file + ": yaml: " + e.getMessage());
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return NONE;
    }
    if (!root.isObject()) {
      throw new WebConfigException(file + ": yaml: unmarshal errors:\n  cannot unmarshal into web.Config");
    }
    checkFields(file, root, TOP, "web.Config");
    JsonNode http = root.path("http_server_config");
    if (http.isObject()) {
      checkFields(file, http, HTTP, "web.HTTPConfig");
    }
    return new WebConfig(users(file, root.path("basic_auth_users")), tls(file, root.path("tls_server_config")));
  }

  private static Map<String, String> users(Path file, JsonNode auth) throws WebConfigException {
    if (auth.isMissingNode() || auth.isNull()) {
      return Map.of();
    }
    if (!auth.isObject()) {
      throw new WebConfigException(file
          + ": yaml: unmarshal errors:\n  basic_auth_users: cannot unmarshal into map[string]config_util.Secret");
    }
    Map<String, String> users = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = auth.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String hash = e.getValue().asText("");
      if (!BasicAuth.isBcryptHash(hash)) {
        // the value is a secret: name the user, never echo what was written
        throw new WebConfigException(file + ": basic_auth_users: the password of " + e.getKey()
            + " is not a bcrypt hash");
      }
      users.put(e.getKey(), hash);
    }
    return Map.copyOf(users);
  }

  private static Tls tls(Path file, JsonNode t) throws WebConfigException {
    if (!t.isObject() || t.size() == 0) {
      return null;
    }
    checkFields(file, t, TLS, "web.TLSConfig");
    String cert = t.path("cert_file").asText("");
    String key = t.path("key_file").asText("");
    if (cert.isEmpty()) {
      throw new WebConfigException(file + ": missing cert_file");
    }
    if (key.isEmpty()) {
      throw new WebConfigException(file + ": missing key_file");
    }
    String type = t.path("client_auth_type").asText("NoClientCert");
    ClientAuth clientAuth;
    try {
      clientAuth = ClientAuth.valueOf(type);
    } catch (IllegalArgumentException e) {
      throw new WebConfigException(file + ": invalid ClientAuth: " + type);
    }
    Path dir = file.toAbsolutePath().getParent();
    String ca = t.path("client_ca_file").asText("");
    if (ca.isEmpty() && (clientAuth == ClientAuth.VerifyClientCertIfGiven
        || clientAuth == ClientAuth.RequireAndVerifyClientCert)) {
      throw new WebConfigException(file + ": client_ca_file is required for client_auth_type " + type);
    }
    return new Tls(dir.resolve(cert), dir.resolve(key), clientAuth, ca.isEmpty() ? null : dir.resolve(ca));
  }

  private static void checkFields(Path file, JsonNode node, Set<String> known, String type) throws WebConfigException {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw new WebConfigException(file + ": yaml: unmarshal errors:\n  field " + name + " not found in type " + type);
      }
    }
  }
}
