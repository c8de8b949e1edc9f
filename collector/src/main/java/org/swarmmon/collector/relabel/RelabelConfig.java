package org.swarmmon.collector.relabel;

import com.google.re2j.Pattern;
import java.util.List;
import org.swarmmon.labels.GoRegexp;

/**
 * One step of a {@code relabel_configs} list, validated as Prometheus validates it. The regex is
 * anchored at both ends, as Prometheus anchors it.
 */
public record RelabelConfig(
    List<String> sourceLabels,
    String separator,
    String regex,
    Pattern pattern,
    long modulus,
    String targetLabel,
    String replacement,
    Action action) {

  public static final String DEFAULT_SEPARATOR = ";";
  public static final String DEFAULT_REGEX = "(.*)";
  public static final String DEFAULT_REPLACEMENT = "$1";

  private static final Pattern RELABEL_TARGET =
      Pattern.compile("^(?:(?:[a-zA-Z_]|\\$(?:\\{\\w+\\}|\\w+))+\\w*)+$");
  private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

  public RelabelConfig {
    sourceLabels = List.copyOf(sourceLabels);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Compiles {@code regex} anchored, as Prometheus's {@code relabel.NewRegexp} does (Go's syntax and texts). */
  public static Pattern compile(String regex) {
    return GoRegexp.compileAnchored(regex);
  }

  /** Builds a step with Prometheus's defaults; {@link #build()} validates it. */
  public static final class Builder {
    private List<String> sourceLabels = List.of();
    private boolean sourceLabelsSet;
    private String separator = DEFAULT_SEPARATOR;
    private String regex = DEFAULT_REGEX;
    private long modulus;
    private String targetLabel = "";
    private String replacement = DEFAULT_REPLACEMENT;
    private Action action = Action.REPLACE;

    public Builder sourceLabels(List<String> value) {
      sourceLabels = value;
      sourceLabelsSet = true;
      return this;
    }

    public Builder sourceLabels(String... value) {
      return sourceLabels(List.of(value));
    }

    public Builder separator(String value) {
      separator = value;
      return this;
    }

    public Builder regex(String value) {
      regex = value;
      return this;
    }

    public Builder modulus(long value) {
      modulus = value;
      return this;
    }

    public Builder targetLabel(String value) {
      targetLabel = value;
      return this;
    }

    public Builder replacement(String value) {
      replacement = value;
      return this;
    }

    public Builder action(Action value) {
      action = value;
      return this;
    }

    /** Validates with Prometheus's messages; throws IllegalArgumentException when invalid. */
    public RelabelConfig build() {
      Pattern pattern = compile(regex);
      String name = action.configName();
      if (modulus == 0 && action == Action.HASHMOD) {
        throw new IllegalArgumentException(
            "relabel configuration for hashmod requires non-zero modulus");
      }
      boolean needsTarget =
          switch (action) {
            case REPLACE, HASHMOD, LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL -> true;
            default -> false;
          };
      if (needsTarget && targetLabel.isEmpty()) {
        throw new IllegalArgumentException(
            "relabel configuration for " + name + " action requires 'target_label' value");
      }
      if ((action == Action.REPLACE || action == Action.LOWERCASE || action == Action.UPPERCASE)
          && !RELABEL_TARGET.matcher(targetLabel).matches()) {
        throw new IllegalArgumentException(
            "\"" + targetLabel + "\" is invalid 'target_label' for " + name + " action");
      }
      if ((action == Action.LOWERCASE || action == Action.UPPERCASE
              || action == Action.KEEPEQUAL || action == Action.DROPEQUAL)
          && !replacement.equals(DEFAULT_REPLACEMENT)) {
        throw new IllegalArgumentException("'replacement' can not be set for " + name + " action");
      }
      if (action == Action.LABELMAP && !RELABEL_TARGET.matcher(replacement).matches()) {
        throw new IllegalArgumentException(
            "\"" + replacement + "\" is invalid 'replacement' for " + name + " action");
      }
      if (action == Action.HASHMOD && !LABEL_NAME.matcher(targetLabel).matches()) {
        throw new IllegalArgumentException(
            "\"" + targetLabel + "\" is invalid 'target_label' for " + name + " action");
      }
      if ((action == Action.DROPEQUAL || action == Action.KEEPEQUAL)
          && (!regex.equals(DEFAULT_REGEX) || modulus != 0
              || !separator.equals(DEFAULT_SEPARATOR)
              || !replacement.equals(DEFAULT_REPLACEMENT))) {
        throw new IllegalArgumentException(
            name + " action requires only 'source_labels' and `target_label`, and no other fields");
      }
      if ((action == Action.LABELDROP || action == Action.LABELKEEP)
          && (sourceLabelsSet || !targetLabel.isEmpty() || modulus != 0
              || !separator.equals(DEFAULT_SEPARATOR)
              || !replacement.equals(DEFAULT_REPLACEMENT))) {
        throw new IllegalArgumentException(
            name + " action requires only 'regex', and no other fields");
      }
      return new RelabelConfig(
          sourceLabels, separator, regex, pattern, modulus, targetLabel, replacement, action);
    }
  }
}
