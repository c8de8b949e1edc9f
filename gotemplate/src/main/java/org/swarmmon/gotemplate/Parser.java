package org.swarmmon.gotemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.swarmmon.gotemplate.Lexer.Item;
import org.swarmmon.gotemplate.Lexer.Type;
import org.swarmmon.gotemplate.Node.*;

/** Builds parse trees from lexer items, with Go's text/template/parse rules and error texts. */
final class Parser {

  /** A parsed template body and the source it came from (for error positions). */
  record Tree(String name, String parseName, String source, ListNode root) {}

  private final String parseName;
  private final String source;
  private final List<Item> items;
  private final Predicate<String> functionExists;
  private final Map<String, Tree> trees = new LinkedHashMap<>();
  private final List<List<String>> vars = new ArrayList<>();
  private int index;
  private String currentName;

  private Parser(String parseName, String source, Predicate<String> functionExists) {
    this.parseName = parseName;
    this.source = source;
    this.items = Lexer.lex(parseName, source);
    this.functionExists = functionExists;
  }

  /** Parses {@code source}; returns the top-level tree under {@code name} and every define'd one. */
  static Map<String, Tree> parse(String name, String source, Predicate<String> functionExists) {
    Parser parser = new Parser(name, source, functionExists);
    parser.currentName = name;
    parser.vars.add(new ArrayList<>(List.of("$")));
    ListNode root = parser.parseTop();
    Map<String, Tree> result = new LinkedHashMap<>();
    result.put(name, new Tree(name, name, source, root));
    result.putAll(parser.trees);
    return result;
  }

  private ListNode parseTop() {
    List<Node> nodes = new ArrayList<>();
    while (peek().type() != Type.EOF) {
      if (peek().type() == Type.LEFT_DELIM && peekAfterDelimIsKeyword("define")) {
        Item delim = next();
        skipSpace();
        next(); // define
        parseDefinition(delim);
        continue;
      }
      Node n = textOrAction();
      if (n instanceof EndNode || n instanceof ElseNode) {
        throw error(n.pos(), "unexpected " + n);
      }
      nodes.add(n);
    }
    return new ListNode(0, nodes);
  }

  private boolean peekAfterDelimIsKeyword(String keyword) {
    int i = index + 1;
    while (items.get(i).type() == Type.SPACE) {
      i++;
    }
    Item item = items.get(i);
    return item.type() == Type.KEYWORD && item.text().equals(keyword);
  }

  private void parseDefinition(Item delim) {
    skipSpace();
    Item nameItem = next();
    if (nameItem.type() != Type.STRING && nameItem.type() != Type.RAW_STRING) {
      throw error(nameItem.pos(), "unexpected " + describe(nameItem) + " in define clause");
    }
    String name = unquote(nameItem);
    expectRightDelim("define clause");
    String outer = currentName;
    currentName = name;
    List<List<String>> savedVars = new ArrayList<>(vars);
    vars.clear();
    vars.add(new ArrayList<>(List.of("$")));
    ListNode body = itemList(delim.pos(), true, "define");
    vars.clear();
    vars.addAll(savedVars);
    currentName = outer;
    addTree(name, body);
  }

  private void addTree(String name, ListNode body) {
    Tree existing = trees.get(name);
    if (existing != null && !isEmpty(existing.root()) && !isEmpty(body)) {
      throw new TemplateException("template: " + parseName + ": multiple definition of template " + GoStrconv.quote(name));
    }
    if (existing == null || !isEmpty(body)) {
      trees.put(name, new Tree(name, parseName, source, body));
    }
  }

  static boolean isEmpty(ListNode list) {
    for (Node n : list.nodes()) {
      if (!(n instanceof TextNode t) || !t.text().isBlank()) {
        return false;
      }
    }
    return true;
  }

  /** Parses nodes up to {{end}} (or {{else}} when allowed); the marker is left in {@link #lastMarker}. */
  private Node lastMarker;

  private ListNode itemList(int pos, boolean endOnly, String context) {
    List<Node> nodes = new ArrayList<>();
    while (peek().type() != Type.EOF) {
      Node n = textOrAction();
      if (n instanceof EndNode) {
        lastMarker = n;
        return new ListNode(pos, nodes);
      }
      if (n instanceof ElseNode) {
        if (endOnly) {
          throw error(n.pos(), "unexpected {{else}}");
        }
        lastMarker = n;
        return new ListNode(pos, nodes);
      }
      nodes.add(n);
    }
    throw error(peek().pos(), "unexpected EOF");
  }

  private Node textOrAction() {
    Item item = next();
    if (item.type() == Type.TEXT) {
      return new TextNode(item.pos(), item.text());
    }
    if (item.type() == Type.LEFT_DELIM) {
      return action(item);
    }
    throw error(item.pos(), "unexpected " + describe(item) + " in input");
  }

  private Node action(Item delim) {
    skipSpace();
    Item item = peek();
    if (item.type() == Type.KEYWORD) {
      next();
      switch (item.text()) {
        case "block":
          return blockControl(item);
        case "break":
          return breakControl(item, true);
        case "continue":
          return breakControl(item, false);
        case "else":
          return elseControl(item);
        case "end":
          expectRightDelim("end");
          return new EndNode(item.pos());
        case "if":
          return branch(item, BranchKind.IF, "if");
        case "range":
          return branch(item, BranchKind.RANGE, "range");
        case "template":
          return templateControl(item);
        case "with":
          return branch(item, BranchKind.WITH, "with");
        case "define":
          throw error(item.pos(), "unexpected <define> in command");
        default:
          throw error(item.pos(), "unexpected " + describe(item));
      }
    }
    PipeNode pipe = pipeline("command", Type.RIGHT_DELIM);
    return new ActionNode(delim.pos(), pipe);
  }

  private int rangeDepth;

  private Node breakControl(Item item, boolean isBreak) {
    String word = isBreak ? "break" : "continue";
    skipSpace();
    if (peek().type() != Type.RIGHT_DELIM) {
      throw error(item.pos(), "unexpected " + describe(peek()) + " in {{" + word + "}}");
    }
    next();
    if (rangeDepth == 0) {
      throw error(item.pos(), "{{" + word + "}} outside {{range}}");
    }
    return isBreak ? new BreakNode(item.pos()) : new ContinueNode(item.pos());
  }

  private Node elseControl(Item item) {
    skipSpace();
    Item p = peek();
    if (p.type() == Type.KEYWORD && (p.text().equals("if") || p.text().equals("with"))) {
      // {{else if ...}} / {{else with ...}}: the keyword starts a nested branch; leave it for the caller
      return new ElseNode(item.pos(), p.text());
    }
    expectRightDelim("else");
    return new ElseNode(item.pos(), null);
  }

  private Node branch(Item keyword, BranchKind kind, String context) {
    vars.add(new ArrayList<>(vars.get(vars.size() - 1)));
    PipeNode pipe = pipeline(context, Type.RIGHT_DELIM);
    if (kind == BranchKind.RANGE) {
      rangeDepth++;
    }
    ListNode list = itemList(keyword.pos(), false, context);
    if (kind == BranchKind.RANGE) {
      rangeDepth--;
    }
    ListNode elseList = null;
    if (lastMarker instanceof ElseNode em) {
      if (em.chained() != null && em.chained().equals(context) && kind != BranchKind.RANGE) {
        // {{else if b}} is {{else}}{{if b}}...{{end}}{{end}}: the nested branch takes the one {{end}}
        Item nested = next();
        Node inner = branch(nested, kind, context);
        elseList = new ListNode(em.pos(), List.of(inner));
      } else {
        elseList = itemList(em.pos(), true, context);
      }
    }
    vars.remove(vars.size() - 1);
    return new BranchNode(keyword.pos(), kind, pipe, list, elseList);
  }

  private Node templateControl(Item keyword) {
    skipSpace();
    Item nameItem = next();
    if (nameItem.type() != Type.STRING && nameItem.type() != Type.RAW_STRING) {
      throw error(nameItem.pos(), "unexpected " + describe(nameItem) + " in template clause");
    }
    String name = unquote(nameItem);
    skipSpace();
    PipeNode pipe = null;
    if (peek().type() != Type.RIGHT_DELIM) {
      pipe = pipeline("template clause", Type.RIGHT_DELIM);
    } else {
      next();
    }
    return new TemplateNode(nameItem.pos(), name, pipe);
  }

  private Node blockControl(Item keyword) {
    skipSpace();
    Item nameItem = next();
    if (nameItem.type() != Type.STRING && nameItem.type() != Type.RAW_STRING) {
      throw error(nameItem.pos(), "unexpected " + describe(nameItem) + " in block clause");
    }
    String name = unquote(nameItem);
    PipeNode pipe = pipeline("block clause", Type.RIGHT_DELIM);
    List<List<String>> savedVars = new ArrayList<>(vars);
    vars.clear();
    vars.add(new ArrayList<>(List.of("$")));
    ListNode body = itemList(keyword.pos(), true, "block");
    vars.clear();
    vars.addAll(savedVars);
    addTree(name, body);
    return new TemplateNode(keyword.pos(), name, pipe);
  }

  private PipeNode pipeline(String context, Type end) {
    skipSpace();
    int pos = peek().pos();
    List<String> decl = new ArrayList<>();
    boolean isAssign = false;
    // declarations: $x := / $x = / $x, $y :=
    int save = index;
    if (peek().type() == Type.VARIABLE) {
      Item v = next();
      skipSpace();
      Item op = peek();
      if (op.type() == Type.DECLARE || op.type() == Type.ASSIGN) {
        next();
        decl.add(v.text());
        isAssign = op.type() == Type.ASSIGN;
        if (isAssign && !isDeclared(v.text())) {
          throw error(v.pos(), "undefined variable " + GoStrconv.quote(v.text()));
        }
      } else if (op.type() == Type.COMMA && context.equals("range")) {
        next();
        skipSpace();
        Item v2 = next();
        if (v2.type() != Type.VARIABLE) {
          throw error(v2.pos(), "range can only initialize variables");
        }
        skipSpace();
        Item op2 = next();
        if (op2.type() != Type.DECLARE && op2.type() != Type.ASSIGN) {
          throw error(op2.pos(), "range can only initialize variables");
        }
        isAssign = op2.type() == Type.ASSIGN;
        decl.add(v.text());
        decl.add(v2.text());
      } else {
        index = save;
      }
    }
    if (!isAssign) {
      vars.get(vars.size() - 1).addAll(decl);
    }
    List<CommandNode> cmds = new ArrayList<>();
    while (true) {
      skipSpace();
      Item item = peek();
      if (item.type() == end) {
        next();
        if (cmds.isEmpty()) {
          throw error(item.pos(), "missing value for " + context);
        }
        checkPipeline(cmds, context);
        return new PipeNode(pos, isAssign, decl, cmds);
      }
      switch (item.type()) {
        case BOOL, CHAR, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING, VARIABLE, LEFT_PAREN ->
            cmds.add(command());
        default -> throw error(item.pos(), "unexpected " + describe(item) + " in " + context);
      }
    }
  }

  private void checkPipeline(List<CommandNode> cmds, String context) {
    for (int i = 1; i < cmds.size(); i++) {
      Node first = cmds.get(i).args().get(0);
      if (first instanceof BoolNode || first instanceof DotNode || first instanceof NilNode
          || first instanceof NumberNode || first instanceof StringNode) {
        throw error(first.pos(), "non executable command in pipeline stage " + (i + 1));
      }
    }
  }

  private CommandNode command() {
    int pos = peek().pos();
    List<Node> args = new ArrayList<>();
    while (true) {
      Node operand = operand();
      if (operand != null) {
        args.add(operand);
      }
      Item item = peek();
      switch (item.type()) {
        case SPACE -> {
          next();
          continue;
        }
        case RIGHT_DELIM, RIGHT_PAREN -> {
          // left for the pipeline to end on
        }
        case PIPE -> next();
        default -> throw error(item.pos(), "unexpected " + describe(item) + " in operand");
      }
      break;
    }
    if (args.isEmpty()) {
      throw error(pos, "empty command");
    }
    return new CommandNode(pos, args);
  }

  private Node operand() {
    Node node = term();
    if (node == null) {
      return null;
    }
    if (peek().type() == Type.FIELD) {
      List<String> fields = new ArrayList<>();
      while (peek().type() == Type.FIELD) {
        fields.add(next().text().substring(1));
      }
      if (node instanceof FieldNode f) {
        List<String> all = new ArrayList<>(f.idents());
        all.addAll(fields);
        return new FieldNode(f.pos(), all);
      }
      if (node instanceof VariableNode v) {
        List<String> all = new ArrayList<>(v.idents());
        all.addAll(fields);
        return new VariableNode(v.pos(), all);
      }
      if (node instanceof BoolNode || node instanceof StringNode || node instanceof NumberNode
          || node instanceof NilNode || node instanceof DotNode) {
        throw error(node.pos(), "unexpected . after term " + GoStrconv.quote(node.toString()));
      }
      return new ChainNode(node.pos(), node, fields);
    }
    return node;
  }

  private Node term() {
    Item item = peek();
    switch (item.type()) {
      case IDENTIFIER -> {
        next();
        if (!functionExists.test(item.text())) {
          throw error(item.pos(), "function " + GoStrconv.quote(item.text()) + " not defined");
        }
        return new IdentifierNode(item.pos(), item.text());
      }
      case DOT -> {
        next();
        return new DotNode(item.pos());
      }
      case NIL -> {
        next();
        return new NilNode(item.pos());
      }
      case VARIABLE -> {
        next();
        if (!isDeclared(item.text())) {
          throw error(item.pos(), "undefined variable " + GoStrconv.quote(item.text()));
        }
        return new VariableNode(item.pos(), List.of(item.text()));
      }
      case FIELD -> {
        next();
        return new FieldNode(item.pos(), List.of(item.text().substring(1)));
      }
      case BOOL -> {
        next();
        return new BoolNode(item.pos(), item.text().equals("true"));
      }
      case CHAR, NUMBER -> {
        next();
        return number(item);
      }
      case LEFT_PAREN -> {
        next();
        return pipeline("parenthesized pipeline", Type.RIGHT_PAREN);
      }
      case STRING, RAW_STRING -> {
        next();
        return new StringNode(item.pos(), item.text(), unquote(item));
      }
      default -> {
        return null;
      }
    }
  }

  private NumberNode number(Item item) {
    String text = item.text();
    if (item.type() == Type.CHAR) {
      String s = GoStrconv.unquoteChar(text.substring(1, text.length() - 1));
      if (s == null || s.codePointCount(0, s.length()) != 1) {
        throw error(item.pos(), "malformed character constant: " + text);
      }
      return new NumberNode(item.pos(), (long) s.codePointAt(0), text);
    }
    Object value = GoStrconv.parseNumber(text.replace("_", ""));
    if (value == null) {
      throw error(item.pos(), "bad number syntax: " + GoStrconv.quote(text));
    }
    return new NumberNode(item.pos(), value, text);
  }

  private boolean isDeclared(String name) {
    return vars.get(vars.size() - 1).contains(name);
  }

  private void expectRightDelim(String context) {
    skipSpace();
    Item item = next();
    if (item.type() != Type.RIGHT_DELIM) {
      throw error(item.pos(), "unexpected " + describe(item) + " in " + context);
    }
  }

  private String unquote(Item item) {
    String text = item.text();
    if (item.type() == Type.RAW_STRING) {
      return text.substring(1, text.length() - 1).replace("\r", "");
    }
    String s = GoStrconv.unquoteChar(text.substring(1, text.length() - 1));
    if (s == null) {
      throw error(item.pos(), "invalid syntax");
    }
    return s;
  }

  private void skipSpace() {
    while (peek().type() == Type.SPACE) {
      index++;
    }
  }

  private Item peek() {
    return items.get(index);
  }

  private Item next() {
    Item item = items.get(index);
    if (index < items.size() - 1) {
      index++;
    }
    return item;
  }

  private static String describe(Item item) {
    return switch (item.type()) {
      case EOF -> "EOF";
      case RIGHT_DELIM -> "\"}}\"";
      case LEFT_DELIM -> "\"{{\"";
      case SPACE -> "space";
      case KEYWORD -> "<" + item.text() + ">";
      default -> GoStrconv.quote(item.text());
    };
  }

  private TemplateException error(int pos, String message) {
    return new TemplateException("template: " + currentName + ":" + Lexer.line(source, pos) + ": " + message);
  }

}
