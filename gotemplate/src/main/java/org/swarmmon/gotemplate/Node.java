package org.swarmmon.gotemplate;

import java.util.List;

/** The parse tree of a template, as in Go's text/template/parse. Every node knows its byte position. */
sealed interface Node {

  int pos();

  record ListNode(int pos, List<Node> nodes) implements Node {}

  record TextNode(int pos, String text) implements Node {}

  record ActionNode(int pos, PipeNode pipe) implements Node {
    @Override
    public String toString() {
      return "{{" + pipe + "}}";
    }
  }

  /** A pipeline: optional variable declarations, then commands joined by {@code |}. */
  record PipeNode(int pos, boolean isAssign, List<String> decl, List<CommandNode> cmds) implements Node {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      if (!decl.isEmpty()) {
        sb.append(String.join(", ", decl)).append(isAssign ? " = " : " := ");
      }
      for (int i = 0; i < cmds.size(); i++) {
        if (i > 0) {
          sb.append(" | ");
        }
        sb.append(cmds.get(i));
      }
      return sb.toString();
    }
  }

  record CommandNode(int pos, List<Node> args) implements Node {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < args.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        Node arg = args.get(i);
        if (arg instanceof PipeNode) {
          sb.append('(').append(arg).append(')');
        } else {
          sb.append(arg);
        }
      }
      return sb.toString();
    }
  }

  record IdentifierNode(int pos, String name) implements Node {
    @Override
    public String toString() {
      return name;
    }
  }

  /** {@code $x.Field.Other}: the variable's name first, then field names. */
  record VariableNode(int pos, List<String> idents) implements Node {
    @Override
    public String toString() {
      return String.join(".", idents);
    }
  }

  record DotNode(int pos) implements Node {
    @Override
    public String toString() {
      return ".";
    }
  }

  record NilNode(int pos) implements Node {
    @Override
    public String toString() {
      return "nil";
    }
  }

  record FieldNode(int pos, List<String> idents) implements Node {
    @Override
    public String toString() {
      return "." + String.join(".", idents);
    }
  }

  /** {@code (pipeline).Field}: a term followed by field names. */
  record ChainNode(int pos, Node node, List<String> fields) implements Node {
    @Override
    public String toString() {
      String base = node instanceof PipeNode ? "(" + node + ")" : node.toString();
      return base + "." + String.join(".", fields);
    }
  }

  record BoolNode(int pos, boolean value) implements Node {
    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /** A number constant: a Long when it is an integer, a Double otherwise. */
  record NumberNode(int pos, Object value, String text) implements Node {
    @Override
    public String toString() {
      return text;
    }
  }

  record StringNode(int pos, String quoted, String text) implements Node {
    @Override
    public String toString() {
      return quoted;
    }
  }

  enum BranchKind { IF, RANGE, WITH }

  record BranchNode(int pos, BranchKind kind, PipeNode pipe, ListNode list, ListNode elseList)
      implements Node {
    @Override
    public String toString() {
      return "{{" + kind.name().toLowerCase() + " " + pipe + "}}";
    }
  }

  record TemplateNode(int pos, String name, PipeNode pipe) implements Node {
    @Override
    public String toString() {
      return "{{template " + GoStrconv.quote(name) + (pipe == null ? "" : " " + pipe) + "}}";
    }
  }

  record BreakNode(int pos) implements Node {}

  record ContinueNode(int pos) implements Node {}

  /** {{end}}: closes a list; never part of a finished tree. */
  record EndNode(int pos) implements Node {
    @Override
    public String toString() {
      return "{{end}}";
    }
  }

  /** {{else}}, or the else of {{else if}} / {{else with}} when {@code chained} names the keyword. */
  record ElseNode(int pos, String chained) implements Node {
    @Override
    public String toString() {
      return "{{else}}";
    }
  }
}
