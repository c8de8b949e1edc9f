package org.swarmmon.gotemplate;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.swarmmon.gotemplate.Node.*;
import org.swarmmon.gotemplate.Parser.Tree;

/** Walks a parse tree over data, as Go's text/template exec.go does. */
final class Executor {

  private static final int MAX_DEPTH = 10_000;
  /** "No value passed in from the previous pipeline stage". */
  private static final Object MISSING = new Object();

  private final Map<String, Tree> trees;
  private final Map<String, TemplateFunction> funcs;
  private final StringBuilder out;
  private Tree tree;
  private Node at;
  private int depth;
  private final List<String> varNames = new ArrayList<>();
  private final List<Object> varValues = new ArrayList<>();

  private static final class BreakSignal extends RuntimeException {
    BreakSignal() {
      super(null, null, false, false);
    }
  }

  private static final class ContinueSignal extends RuntimeException {
    ContinueSignal() {
      super(null, null, false, false);
    }
  }

  Executor(Map<String, Tree> trees, Map<String, TemplateFunction> funcs, StringBuilder out) {
    this.trees = trees;
    this.funcs = funcs;
    this.out = out;
  }

  void execute(Tree tree, Object data) {
    this.tree = tree;
    pushVar("$", data);
    walk(data, tree.root());
  }

  private void walk(Object dot, Node node) {
    at = node;
    if (node instanceof ActionNode a) {
      Object val = evalPipeline(dot, a.pipe());
      if (a.pipe().decl().isEmpty()) {
        print(a, val);
      }
    } else if (node instanceof BranchNode b) {
      if (b.kind() == BranchKind.RANGE) {
        walkRange(dot, b);
      } else {
        walkIfOrWith(dot, b);
      }
    } else if (node instanceof ListNode l) {
      for (Node n : l.nodes()) {
        walk(dot, n);
      }
    } else if (node instanceof TextNode t) {
      out.append(t.text());
    } else if (node instanceof TemplateNode t) {
      walkTemplate(dot, t);
    } else if (node instanceof BreakNode) {
      throw new BreakSignal();
    } else if (node instanceof ContinueNode) {
      throw new ContinueSignal();
    } else {
      throw error("unknown node: " + node);
    }
  }

  private void walkIfOrWith(Object dot, BranchNode b) {
    int mark = varNames.size();
    try {
      Object val = evalPipeline(dot, b.pipe());
      if (Values.isTrue(val)) {
        walk(b.kind() == BranchKind.WITH ? val : dot, b.list());
      } else if (b.elseList() != null) {
        walk(dot, b.elseList());
      }
    } finally {
      popVars(mark);
    }
  }

  private void walkRange(Object dot, BranchNode r) {
    at = r;
    int mark = varNames.size();
    try {
      Object val = evalPipeline(dot, r.pipe());
      List<Object[]> entries = new ArrayList<>();
      if (val instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> e : GoFmt.sortedEntries(map)) {
          entries.add(new Object[] {Values.normalize(e.getKey()), Values.normalize(e.getValue())});
        }
      } else if (val instanceof Long n) {
        for (long i = 0; i < n; i++) {
          entries.add(new Object[] {i, i});
        }
      } else if (val != null) {
        List<Object> list = Values.asList(val);
        if (list == null) {
          at = r;
          throw error("range can't iterate over " + GoFmt.formatValue(val));
        }
        for (int i = 0; i < list.size(); i++) {
          entries.add(new Object[] {(long) i, Values.normalize(list.get(i))});
        }
      }
      if (entries.isEmpty()) {
        if (r.elseList() != null) {
          walk(dot, r.elseList());
        }
        return;
      }
      for (Object[] entry : entries) {
        int iterMark = varNames.size();
        List<String> decl = r.pipe().decl();
        if (decl.size() == 1) {
          setVar(decl.get(0), entry[1], r.pipe().isAssign(), mark);
        } else if (decl.size() == 2) {
          setVar(decl.get(0), entry[0], r.pipe().isAssign(), mark);
          setVar(decl.get(1), entry[1], r.pipe().isAssign(), mark);
        }
        try {
          walk(entry[1], r.list());
        } catch (ContinueSignal c) {
          // next element
        } catch (BreakSignal b) {
          break;
        } finally {
          popVars(iterMark);
        }
      }
    } finally {
      popVars(mark);
    }
  }

  private void setVar(String name, Object value, boolean assign, int mark) {
    for (int i = varNames.size() - 1; i >= 0; i--) {
      if (varNames.get(i).equals(name)) {
        varValues.set(i, value);
        return;
      }
    }
    pushVar(name, value);
  }

  private void walkTemplate(Object dot, TemplateNode t) {
    at = t;
    Tree target = trees.get(t.name());
    if (target == null) {
      throw error("template " + GoStrconv.quote(t.name()) + " not defined");
    }
    if (depth >= MAX_DEPTH) {
      throw error("exceeded maximum template depth (" + MAX_DEPTH + ")");
    }
    Object newDot = t.pipe() == null ? null : evalPipeline(dot, t.pipe());
    Tree saved = tree;
    List<String> savedNames = new ArrayList<>(varNames);
    List<Object> savedValues = new ArrayList<>(varValues);
    varNames.clear();
    varValues.clear();
    pushVar("$", newDot);
    depth++;
    tree = target;
    try {
      walk(newDot, target.root());
    } finally {
      depth--;
      tree = saved;
      varNames.clear();
      varValues.clear();
      varNames.addAll(savedNames);
      varValues.addAll(savedValues);
    }
  }

  private Object evalPipeline(Object dot, PipeNode pipe) {
    at = pipe;
    Object value = MISSING;
    for (CommandNode cmd : pipe.cmds()) {
      value = evalCommand(dot, cmd, value);
    }
    if (value == MISSING) {
      value = null;
    }
    for (String name : pipe.decl()) {
      if (pipe.isAssign()) {
        setVar(name, value, true, 0);
      } else {
        pushVar(name, value);
      }
    }
    return value;
  }

  private Object evalCommand(Object dot, CommandNode cmd, Object fin) {
    Node first = cmd.args().get(0);
    if (first instanceof FieldNode f) {
      return evalFieldChain(dot, dot, f, f.idents(), cmd.args(), fin);
    }
    if (first instanceof ChainNode c) {
      Object receiver = evalArg(dot, c.node());
      return evalFieldChain(dot, receiver, c, c.fields(), cmd.args(), fin);
    }
    if (first instanceof IdentifierNode id) {
      return evalFunction(dot, id, cmd, cmd.args(), fin);
    }
    if (first instanceof PipeNode p) {
      notAFunction(cmd.args(), fin);
      return evalPipeline(dot, p);
    }
    if (first instanceof VariableNode v) {
      Object value = variable(v.idents().get(0));
      if (v.idents().size() == 1) {
        notAFunction(cmd.args(), fin);
        return value;
      }
      return evalFieldChain(dot, value, v, v.idents().subList(1, v.idents().size()), cmd.args(), fin);
    }
    at = first;
    notAFunction(cmd.args(), fin);
    if (first instanceof DotNode) {
      return dot;
    }
    if (first instanceof NilNode) {
      throw error("nil is not a command");
    }
    return literal(first);
  }

  private void notAFunction(List<Node> args, Object fin) {
    if (args.size() > 1 || fin != MISSING) {
      throw error("can't give argument to non-function " + args.get(0));
    }
  }

  private Object evalFieldChain(Object dot, Object receiver, Node node, List<String> idents,
      List<Node> args, Object fin) {
    int n = idents.size();
    for (int i = 0; i < n - 1; i++) {
      receiver = evalField(dot, idents.get(i), node, List.of(), MISSING, receiver);
    }
    return evalField(dot, idents.get(n - 1), node, args, fin, receiver);
  }

  private Object evalField(Object dot, String name, Node node, List<Node> args, Object fin, Object receiver) {
    if (receiver == null) {
      return null;
    }
    List<Object> argValues = new ArrayList<>();
    for (int i = 1; i < args.size(); i++) {
      argValues.add(evalArg(dot, args.get(i)));
    }
    if (fin != MISSING) {
      argValues.add(fin);
    }
    at = node;
    Object result;
    try {
      result = Values.field(receiver, name, argValues);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw error("error calling " + name + ": " + cause.getMessage(), cause);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
    if (result == Values.NOT_FOUND) {
      boolean hasArgs = !argValues.isEmpty();
      if (receiver instanceof Map<?, ?> && hasArgs) {
        throw error(name + " is not a method but has arguments");
      }
      if (hasArgs && Values.findMethod(receiver.getClass(), name, 0) != null) {
        throw error("wrong number of args for " + name + ": want 0 got " + argValues.size());
      }
      throw error("can't evaluate field " + name + " in type " + Values.describeType(receiver));
    }
    return result;
  }

  private Object evalFunction(Object dot, IdentifierNode id, CommandNode cmd, List<Node> args, Object fin) {
    at = id;
    String name = id.name();
    TemplateFunction fn = funcs.get(name);
    if (fn == null) {
      throw error(GoStrconv.quote(name) + " is not a defined function");
    }
    List<Node> argNodes = args.subList(1, args.size());
    if ((name.equals("and") || name.equals("or")) && funcs.get(name) == Template.BUILTINS.get(name)) {
      int count = argNodes.size() + (fin != MISSING ? 1 : 0);
      if (count < 1) {
        throw error("wrong number of args for " + name + ": want at least 1 got 0");
      }
      Object v = null;
      for (int i = 0; i < count; i++) {
        v = i < argNodes.size() ? evalArg(dot, argNodes.get(i)) : fin;
        if (Values.isTrue(v) == name.equals("or")) {
          return v;
        }
      }
      return v;
    }
    int given = argNodes.size() + (fin != MISSING ? 1 : 0);
    if (fn instanceof TemplateFunction.Fixed fixed && fixed.arity() != given) {
      throw error("wrong number of args for " + name + ": want " + fixed.arity() + " got " + given);
    }
    List<Object> values = new ArrayList<>(given);
    for (Node arg : argNodes) {
      values.add(evalArg(dot, arg));
    }
    if (fin != MISSING) {
      values.add(fin);
    }
    at = cmd;
    try {
      return Values.normalize(fn.apply(values));
    } catch (TemplateException e) {
      throw e;
    } catch (Exception e) {
      throw error("error calling " + name + ": " + e.getMessage(), e);
    }
  }

  private Object evalArg(Object dot, Node node) {
    at = node;
    if (node instanceof DotNode) {
      return dot;
    }
    if (node instanceof NilNode) {
      return null;
    }
    if (node instanceof FieldNode f) {
      return evalFieldChain(dot, dot, f, f.idents(), List.of(f), MISSING);
    }
    if (node instanceof VariableNode v) {
      Object value = variable(v.idents().get(0));
      return v.idents().size() == 1 ? value
          : evalFieldChain(dot, value, v, v.idents().subList(1, v.idents().size()), List.of(v), MISSING);
    }
    if (node instanceof PipeNode p) {
      return evalPipeline(dot, p);
    }
    if (node instanceof IdentifierNode id) {
      return evalFunction(dot, id, new CommandNode(id.pos(), List.of(id)), List.of(id), MISSING);
    }
    if (node instanceof ChainNode c) {
      Object receiver = evalArg(dot, c.node());
      return evalFieldChain(dot, receiver, c, c.fields(), List.of(c), MISSING);
    }
    return literal(node);
  }

  private Object literal(Node node) {
    if (node instanceof BoolNode b) {
      return b.value();
    }
    if (node instanceof NumberNode n) {
      return n.value();
    }
    if (node instanceof StringNode s) {
      return s.text();
    }
    throw error("can't handle " + node + " for arg");
  }

  private void pushVar(String name, Object value) {
    varNames.add(name);
    varValues.add(value);
  }

  private void popVars(int mark) {
    while (varNames.size() > mark) {
      varNames.remove(varNames.size() - 1);
      varValues.remove(varValues.size() - 1);
    }
  }

  private Object variable(String name) {
    for (int i = varNames.size() - 1; i >= 0; i--) {
      if (varNames.get(i).equals(name)) {
        return varValues.get(i);
      }
    }
    throw error("undefined variable: " + name);
  }

  private void print(Node node, Object value) {
    if (value == null) {
      out.append("<no value>");
      return;
    }
    if (value instanceof TemplateFunction) {
      at = node;
      throw error("can't print " + node + " of type func");
    }
    out.append(GoFmt.formatValue(value));
  }

  private TemplateException error(String message) {
    return error(message, null);
  }

  private TemplateException error(String message, Throwable cause) {
    String location = tree.parseName();
    String context = "";
    if (at != null) {
      String text = tree.source();
      int pos = Math.min(at.pos(), text.length());
      String before = text.substring(0, pos);
      int lastNewline = before.lastIndexOf('\n');
      int col = lastNewline < 0 ? pos : pos - lastNewline - 1;
      int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
      location = tree.parseName() + ":" + line + ":" + col;
      context = at.toString();
      if (context.length() > 20) {
        context = context.substring(0, 20) + "...";
      }
    }
    return new TemplateException("template: " + location + ": executing " + GoStrconv.quote(tree.name())
        + " at <" + context + ">: " + message, cause);
  }
}
