package org.swarmmon.webconfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * exporter-toolkit's basic auth: an {@code Authorization: Basic} header checked against bcrypt
 * hashes. As there, an unknown user still costs one bcrypt comparison (no timing hint of which
 * users exist), and successful checks are cached by a digest of user, hash and password so a
 * client does not pay bcrypt's cost on every request. Passwords are never kept or logged.
 */
public final class BasicAuth {

  private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}$");
  /** A valid hash to compare against when the user is unknown. */
  private static final String DUMMY = "$2y$10$C0Q8OFH2bCmVqLi/YW5e/O15qoavyrnHIE4oIlETdd/zxZYWZtDpK";
  private static final int CACHE_LIMIT = 1024;

  /** A bcrypt comparison (e.g. spring-security-crypto's BCryptPasswordEncoder::matches). */
  @FunctionalInterface
  public interface HashCheck {
    boolean matches(String password, String bcryptHash);
  }

  private final Map<String, String> users;
  private final HashCheck bcrypt;
  private final Set<String> verified = ConcurrentHashMap.newKeySet();

  public BasicAuth(Map<String, String> users, HashCheck bcrypt) {
    this.users = Map.copyOf(users);
    this.bcrypt = bcrypt;
  }

  public static boolean isBcryptHash(String hash) {
    return BCRYPT.matcher(hash).matches();
  }

  /** True when the Authorization header carries a known user with the right password. */
  public boolean allows(String authorizationHeader) {
    if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String user = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    String hash = users.get(user);
    boolean known = hash != null;
    if (!known) {
      hash = DUMMY;
    }
    String key = digest(user, hash, password);
    if (known && verified.contains(key)) {
      return true;
    }
    boolean ok = bcrypt.matches(password, normalize(hash)) && known;
    if (ok) {
      if (verified.size() >= CACHE_LIMIT) {
        verified.clear();
      }
      verified.add(key);
    }
    return ok;
  }

  /** Spring's encoder knows $2a$/$2b$/$2y$; htpasswd's plain $2$ is read as $2a$. */
  private static String normalize(String hash) {
    return hash.startsWith("$2$") ? "$2a$" + hash.substring(3) : hash;
  }

  private static String digest(String user, String hash, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {user, hash, password}) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
