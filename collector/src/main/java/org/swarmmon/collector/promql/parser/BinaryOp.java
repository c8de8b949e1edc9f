package org.swarmmon.collector.promql.parser;

import java.util.Locale;

/** Binary operators with Prometheus's precedence (higher binds tighter). */
public enum BinaryOp {
  OR("or", 1),
  AND("and", 2),
  UNLESS("unless", 2),
  EQLC("==", 3),
  NEQ("!=", 3),
  LTE("<=", 3),
  LSS("<", 3),
  GTE(">=", 3),
  GTR(">", 3),
  ADD("+", 4),
  SUB("-", 4),
  MUL("*", 5),
  DIV("/", 5),
  MOD("%", 5),
  ATAN2("atan2", 5),
  POW("^", 6);

  private final String text;
  private final int precedence;

  BinaryOp(String text, int precedence) {
    this.text = text;
    this.precedence = precedence;
  }

  public int precedence() {
    return precedence;
  }

  public boolean rightAssociative() {
    return this == POW;
  }

  public boolean isComparison() {
    return precedence == 3;
  }

  public boolean isSetOperator() {
    return this == OR || this == AND || this == UNLESS;
  }

  /** Arithmetic operators drop the metric name from their result (atan2 does not, as in 2.42). */
  public boolean dropsMetricName() {
    return precedence >= 4 && this != ATAN2;
  }

  /** The operator a token stands for, or null if it is none. */
  static BinaryOp of(Token t) {
    return switch (t.kind()) {
      case ADD -> ADD;
      case SUB -> SUB;
      case MUL -> MUL;
      case DIV -> DIV;
      case MOD -> MOD;
      case POW -> POW;
      case EQLC -> EQLC;
      case NEQ -> NEQ;
      case LTE -> LTE;
      case LSS -> LSS;
      case GTE -> GTE;
      case GTR -> GTR;
      case IDENTIFIER -> switch (t.text().toLowerCase(Locale.ROOT)) {
        case "and" -> AND;
        case "or" -> OR;
        case "unless" -> UNLESS;
        case "atan2" -> ATAN2;
        default -> null;
      };
      default -> null;
    };
  }

  @Override
  public String toString() {
    return text;
  }
}
