package org.swarmmon.collector.relabel;

import com.google.re2j.Matcher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import org.swarmmon.labels.GoRegexp;
import org.swarmmon.labels.Labels;

/** Applies relabel steps to a label set exactly as Prometheus's {@code relabel.Process} does. */
public final class Relabeler {

  private Relabeler() {}

  /** The relabeled labels, or {@code null} when a step dropped the label set. */
  public static Labels process(Labels labels, List<RelabelConfig> configs) {
    Labels current = labels;
    for (RelabelConfig config : configs) {
      current = apply(current, config);
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  private static Labels apply(Labels labels, RelabelConfig cfg) {
    String value = sourceValue(labels, cfg);
    switch (cfg.action()) {
      case DROP -> {
        return cfg.pattern().matcher(value).matches() ? null : labels;
      }
      case KEEP -> {
        return cfg.pattern().matcher(value).matches() ? labels : null;
      }
      case DROPEQUAL -> {
        return labels.get(cfg.targetLabel()).equals(value) ? null : labels;
      }
      case KEEPEQUAL -> {
        return labels.get(cfg.targetLabel()).equals(value) ? labels : null;
      }
      case REPLACE -> {
        Matcher m = cfg.pattern().matcher(value);
        if (!m.matches()) {
          return labels;
        }
        String target = GoRegexp.expand(cfg.targetLabel(), m);
        Labels.Builder b = labels.toBuilder();
        if (!isValidLabelName(target)) {
          return b.remove(cfg.targetLabel()).build();
        }
        return b.set(target, GoRegexp.expand(cfg.replacement(), m)).build();
      }
      case LOWERCASE -> {
        return labels.toBuilder().set(cfg.targetLabel(), value.toLowerCase(Locale.ROOT)).build();
      }
      case UPPERCASE -> {
        return labels.toBuilder().set(cfg.targetLabel(), value.toUpperCase(Locale.ROOT)).build();
      }
      case HASHMOD -> {
        long mod = Long.remainderUnsigned(md5Low64(value), cfg.modulus());
        return labels.toBuilder().set(cfg.targetLabel(), Long.toUnsignedString(mod)).build();
      }
      case LABELMAP -> {
        Labels.Builder b = labels.toBuilder();
        labels.forEach((name, v) -> {
          Matcher m = cfg.pattern().matcher(name);
          if (m.matches()) {
            b.set(GoRegexp.expand(cfg.replacement(), m), v);
          }
        });
        return b.build();
      }
      case LABELDROP -> {
        Labels.Builder b = labels.toBuilder();
        labels.forEach((name, v) -> {
          if (cfg.pattern().matcher(name).matches()) {
            b.remove(name);
          }
        });
        return b.build();
      }
      case LABELKEEP -> {
        Labels.Builder b = labels.toBuilder();
        labels.forEach((name, v) -> {
          if (!cfg.pattern().matcher(name).matches()) {
            b.remove(name);
          }
        });
        return b.build();
      }
      default -> throw new IllegalStateException("unknown action " + cfg.action());
    }
  }

  private static String sourceValue(Labels labels, RelabelConfig cfg) {
    List<String> sources = cfg.sourceLabels();
    if (sources.size() == 1) {
      return labels.get(sources.get(0));
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < sources.size(); i++) {
      if (i > 0) {
        sb.append(cfg.separator());
      }
      sb.append(labels.get(sources.get(i)));
    }
    return sb.toString();
  }

  /** The last 8 bytes of the MD5 sum as a big-endian number, as Prometheus's hashmod uses. */
  static long md5Low64(String value) {
    try {
      byte[] sum = MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(sum, 8, 8).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean isValidLabelName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
