package org.swarmmon.gotemplate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.swarmmon.gotemplate.Parser.Tree;

/**
 * A Go text/template and its associated templates (the {@code define}d ones), with a function map.
 * Like Go's {@code template.Template}: {@link #parse} adds definitions to the set, {@link #execute}
 * runs this template's own body, {@link #executeTemplate} runs a named one.
 *
 * <pre>{@code
 * Template t = Template.create("alert").functions(Map.of("toUpper", ...)).parse("{{ .Status | toUpper }}");
 * String text = t.execute(data);
 * }</pre>
 *
 * <p>Not thread-safe while parsing; executing a parsed template from several threads is safe.
 */
public final class Template {

  static final Map<String, TemplateFunction> BUILTINS = Collections.unmodifiableMap(Builtins.functions());

  private final String name;
  private final Map<String, Tree> trees;
  private final Map<String, TemplateFunction> funcs;

  private Template(String name, Map<String, Tree> trees, Map<String, TemplateFunction> funcs) {
    this.name = name;
    this.trees = trees;
    this.funcs = funcs;
  }

  /** An empty template set whose main template is {@code name}, with Go's built-in functions. */
  public static Template create(String name) {
    return new Template(name, new LinkedHashMap<>(), new LinkedHashMap<>(BUILTINS));
  }

  /** Adds (or replaces) functions; must come before the {@link #parse} that uses them. */
  public Template functions(Map<String, TemplateFunction> more) {
    funcs.putAll(more);
    return this;
  }

  /**
   * Parses {@code text} as the body of this template (when it has one besides definitions) and adds
   * its {@code define}d templates to the set; a later definition replaces an earlier one, as Go does.
   */
  public Template parse(String text) {
    Map<String, Tree> parsed = Parser.parse(name, text, funcs::containsKey);
    parsed.forEach((treeName, tree) -> {
      Tree existing = trees.get(treeName);
      if (existing == null || !Parser.isEmpty(tree.root()) || treeName.equals(name) && existing == null) {
        trees.put(treeName, tree);
      }
    });
    return this;
  }

  /** A template with another name in the same set (Go's {@code t.New(name)}), sharing definitions. */
  public Template named(String otherName) {
    return new Template(otherName, trees, funcs);
  }

  /** A copy of the whole set: parsing into the copy leaves this one unchanged (Go's Clone). */
  public Template copy() {
    return new Template(name, new LinkedHashMap<>(trees), new LinkedHashMap<>(funcs));
  }

  public String name() {
    return name;
  }

  /** The names of all templates in the set. */
  public Set<String> templateNames() {
    return Collections.unmodifiableSet(trees.keySet());
  }

  public boolean has(String templateName) {
    return trees.containsKey(templateName);
  }

  /** Runs this template over {@code data}. */
  public String execute(Object data) {
    return executeTemplate(name, data);
  }

  /** Runs the named template of this set over {@code data}. */
  public String executeTemplate(String templateName, Object data) {
    Tree tree = trees.get(templateName);
    if (tree == null) {
      if (templateName.equals(name)) {
        throw new TemplateException("template: " + GoStrconv.quote(name)
            + " is an incomplete or empty template");
      }
      throw new TemplateException("template: no template " + GoStrconv.quote(templateName)
          + " associated with template " + GoStrconv.quote(name));
    }
    StringBuilder out = new StringBuilder();
    new Executor(trees, funcs, out).execute(tree, data);
    return out.toString();
  }
}
