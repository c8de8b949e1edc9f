package org.swarmmon.collector.warmup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.swarmmon.collector.storage.Queryable;

/**
 * Sends the HTTP warm-up's own requests to the scratch database instead of the real storage. A
 * request is the warm-up's when it carries {@link #HEADER} with the token of the warm-up running
 * now: a random value made for that run and forgotten after it, so no other client can reach the
 * scratch database, and outside a warm-up every request reads the real storage.
 */
public final class WarmUpRoute {

  /** The request header that carries the token. */
  public static final String HEADER = "X-Collector-Warm-Up";

  private record Open(byte[] token, Queryable scratch) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private volatile Open open;
  private final AtomicLong routed = new AtomicLong();

  /** Routes requests with the returned token to {@code scratch} until {@link #close()}. */
  public String open(Queryable scratch) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    open = new Open(token.getBytes(StandardCharsets.US_ASCII), scratch);
    return token;
  }

  public void close() {
    open = null;
  }

  /** Whether a request with this header value is the running warm-up's. */
  public boolean isWarmUp(String headerValue) {
    return matches(open, headerValue);
  }

  /** What a request with this header value reads: the scratch database for the warm-up's, else {@code real}. */
  public Queryable queryable(String headerValue, Queryable real) {
    Open o = open;
    if (matches(o, headerValue)) {
      routed.incrementAndGet();
      return o.scratch();
    }
    return real;
  }

  /** How many reads went to a scratch database so far. */
  public long routed() {
    return routed.get();
  }

  private static boolean matches(Open o, String headerValue) {
    return o != null && headerValue != null
        && MessageDigest.isEqual(o.token(), headerValue.getBytes(StandardCharsets.US_ASCII));
  }
}
