package org.swarmmon.gotemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Expected outputs and error texts are what Go 1.20's text/template gives for the same input. */
class TemplateTest {

  record Alert(String status, Map<String, String> labels) {
    public String Upper(String s) {
      return s.toUpperCase();
    }
  }

  static final class Labels extends TreeMap<String, String> implements TemplateMap {
    Labels(Map<String, String> m) {
      super(m);
    }

    public List<String> Names() {
      return List.copyOf(keySet());
    }
  }

  private static String run(String text, Object data) {
    return Template.create("test").parse(text).execute(data);
  }

  private static Map<String, Object> data() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("Status", "firing");
    d.put("Count", 3L);
    d.put("Ratio", 0.5);
    d.put("Items", List.of("a", "b", "c"));
    d.put("Empty", List.of());
    d.put("Map", Map.of("b", 2L, "a", 1L));
    d.put("Labels", new Labels(Map.of("alertname", "Down", "job", "node")));
    d.put("Alert", new Alert("resolved", Map.of("x", "y")));
    return d;
  }

  @Test
  void numberConstantsInGoSyntax() {
    assertThat(run("{{0x1F}} {{0b101}} {{0o17}} {{017}} {{1_000}} {{-2}} {{+3}}", null))
        .isEqualTo("31 5 15 15 1000 -2 3");
    assertThat(run("{{1e3}} {{1.5}} {{0x1p-2}} {{'a'}}", null)).isEqualTo("1000 1.5 0.25 97");
    assertThatThrownBy(() -> run("{{1d}}", null)).hasMessageContaining("bad number syntax: \"1d\"");
  }

  @Test
  void textAndFields() {
    assertThat(run("hello {{.Status}}!", data())).isEqualTo("hello firing!");
    assertThat(run("{{.Alert.Status}} {{.Alert.Labels.x}}", data())).isEqualTo("resolved y");
    assertThat(run("{{.Labels.job}}|{{.Labels.missing}}|", data())).isEqualTo("node||");
    assertThat(run("{{.Nope}}", data())).isEqualTo("<no value>");
    assertThat(run("{{.Labels.Names}}", data())).isEqualTo("[alertname job]");
    assertThat(run("{{.Alert.Upper \"abc\"}}", data())).isEqualTo("ABC");
    assertThat(run("{{.Map}}", data())).isEqualTo("map[a:1 b:2]");
    assertThat(run("{{.}}", "plain")).isEqualTo("plain");
  }

  @Test
  void trimMarkersAndComments() {
    assertThat(run("a  {{- .Status -}}  \n b", data())).isEqualTo("afiringb");
    assertThat(run("a {{/* comment */}} b", data())).isEqualTo("a  b");
    assertThat(run("a {{- /* comment */ -}} b", data())).isEqualTo("ab");
    assertThat(run("{{3 -}} < {{- 4}}", null)).isEqualTo("3<4");
    assertThat(run("{{-3}}", null)).isEqualTo("-3");
  }

  @Test
  void controlStructures() {
    assertThat(run("{{if .Count}}yes{{else}}no{{end}}", data())).isEqualTo("yes");
    assertThat(run("{{if .Empty}}yes{{else if .Count}}count{{else}}no{{end}}", data())).isEqualTo("count");
    assertThat(run("{{range .Items}}<{{.}}>{{end}}", data())).isEqualTo("<a><b><c>");
    assertThat(run("{{range $i, $e := .Items}}{{$i}}={{$e}} {{end}}", data())).isEqualTo("0=a 1=b 2=c ");
    assertThat(run("{{range .Empty}}x{{else}}none{{end}}", data())).isEqualTo("none");
    assertThat(run("{{range $k, $v := .Map}}{{$k}}{{$v}}{{end}}", data())).isEqualTo("a1b2");
    assertThat(run("{{with .Alert}}{{.Status}}{{end}}", data())).isEqualTo("resolved");
    assertThat(run("{{with .Empty}}x{{else}}empty{{end}}", data())).isEqualTo("empty");
    assertThat(run("{{range .Items}}{{if eq . \"b\"}}{{break}}{{end}}{{.}}{{end}}", data())).isEqualTo("a");
    assertThat(run("{{range .Items}}{{if eq . \"b\"}}{{continue}}{{end}}{{.}}{{end}}", data())).isEqualTo("ac");
    assertThat(run("{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}", null)).isEqualTo("2");
    assertThat(run("{{range .Items}}{{$.Status}}{{end}}", data())).isEqualTo("firingfiringfiring");
  }

  @Test
  void defineTemplateAndBlock() {
    Template t = Template.create("main")
        .parse("{{define \"T1\"}}ONE{{end}}{{define \"T2\"}}[{{template \"T1\"}} {{.}}]{{end}}{{template \"T2\" .Status}}");
    assertThat(t.execute(data())).isEqualTo("[ONE firing]");
    assertThat(t.executeTemplate("T1", null)).isEqualTo("ONE");
    assertThat(run("{{block \"b\" .Count}}count={{.}}{{end}}", data())).isEqualTo("count=3");
    Template redefined = Template.create("m").parse("{{define \"x\"}}old{{end}}");
    redefined.parse("{{define \"x\"}}new{{end}}");
    assertThat(redefined.named("y").parse("{{template \"x\"}}").execute(null)).isEqualTo("new");
  }

  @Test
  void comparisonsAndLogic() {
    assertThat(run("{{eq 1 1}} {{eq \"a\" \"b\"}} {{eq 2 1 2}} {{ne 1 2}}", null)).isEqualTo("true false true true");
    assertThat(run("{{lt 1 2}} {{le 2 2}} {{gt 1.5 2.5}} {{ge \"b\" \"a\"}}", null)).isEqualTo("true true false true");
    assertThat(run("{{and 1 0 2}} {{or 0 \"\" 3}} {{not 0}} {{and 1 2}}", null)).isEqualTo("0 3 true 2");
    assertThat(run("{{or 0 .Nope.Deeper}}", Map.of())).isEqualTo("<no value>");
    assertThatThrownBy(() -> run("{{lt 1 2.5}}", null)).hasMessage(
        "template: test:1:2: executing \"test\" at <lt 1 2.5>: error calling lt: incompatible types for comparison");
  }

  @Test
  void functionsAndPipelines() {
    assertThat(run("{{len .Items}} {{.Items | len}} {{len \"héllo\"}}", data())).isEqualTo("3 3 6");
    assertThat(run("{{index .Items 1}} {{index .Map \"b\"}}", data())).isEqualTo("b 2");
    assertThat(run("{{slice \"abcdef\" 1 3}}", null)).isEqualTo("bc");
    assertThat(run("{{print 1 2 \"a\" \"b\" 3}}", null)).isEqualTo("1 2ab3");
    assertThat(run("{{println 1 \"a\"}}", null)).isEqualTo("1 a\n");
    assertThat(run("{{printf \"%s=%d %.2f %v %q %5s|%-4d|%x\" \"a\" 42 3.14159 true \"q\" \"r\" 7 255}}", null))
        .isEqualTo("a=42 3.14 true \"q\"     r|7   |ff");
    assertThat(run("{{printf \"%d\" \"x\"}} {{printf \"%d\"}} {{printf \"a\" 1}}", null))
        .isEqualTo("%!d(string=x) %!d(MISSING) a%!(EXTRA int=1)");
    assertThat(run("{{print 1.0}} {{print 1e6}} {{print 0.00001}} {{print 123456.5}}", null))
        .isEqualTo("1 1e+06 1e-05 123456.5");
    assertThat(run("{{html \"<a href='x'>&\\\"\"}}", null)).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&#34;");
    assertThat(run("{{js \"it's <b>\"}}", null)).isEqualTo("it\\'s \\u003Cb\\u003E");
    assertThat(run("{{urlquery \"a b&c=d\"}}", null)).isEqualTo("a+b%26c%3Dd");
    assertThat(run("{{\"abc\" | printf \"%s-%s\" \"x\"}}", null)).isEqualTo("x-abc");
    assertThat(run("{{(index .Items 2) | printf \"%q\"}}", data())).isEqualTo("\"c\"");
    assertThat(run("{{(.Alert).Status}}", data())).isEqualTo("resolved");
    assertThat(run("{{`raw\\n`}} {{'a'}} {{0x10}} {{1_000}}", null)).isEqualTo("raw\\n 97 16 1000");
  }

  @Test
  void customFunctions() {
    Template t = Template.create("f")
        .functions(Map.of("toUpper", TemplateFunction.fixed(1, a -> a.get(0).toString().toUpperCase())))
        .parse("{{ .Status | toUpper }}");
    assertThat(t.execute(data())).isEqualTo("FIRING");
  }

  @Test
  void parseErrorsNameTemplateAndLine() {
    assertThatThrownBy(() -> run("{{nofunc}}", null))
        .hasMessage("template: test:1: function \"nofunc\" not defined");
    assertThatThrownBy(() -> run("a\n{{if .X}}", null))
        .hasMessage("template: test:2: unexpected EOF");
    assertThatThrownBy(() -> run("{{$x}}", null))
        .hasMessage("template: test:1: undefined variable \"$x\"");
    assertThatThrownBy(() -> run("{{end}}", null))
        .hasMessage("template: test:1: unexpected {{end}}");
    assertThatThrownBy(() -> run("{{.X", null))
        .hasMessage("template: test:1: unclosed action");
    assertThatThrownBy(() -> run("{{range .X}}{{else}}{{else}}{{end}}", null))
        .hasMessage("template: test:1: unexpected {{else}}");
  }

  @Test
  void executionErrorsNamePosition() {
    assertThatThrownBy(() -> run("x\nab{{.Status.Foo}}", Map.of("Status", new Alert("a", Map.of()))))
        .hasMessage("template: test:2:4: executing \"test\" at <.Status.Foo>: can't evaluate field Foo in type Alert");
    assertThatThrownBy(() -> run("{{index .Items 5}}", data()))
        .hasMessage("template: test:1:2: executing \"test\" at <index .Items 5>: error calling index: index out of range: 5");
    assertThatThrownBy(() -> run("{{len 3}}", null))
        .hasMessage("template: test:1:2: executing \"test\" at <len 3>: error calling len: len of type int");
    assertThatThrownBy(() -> run("{{template \"nope\"}}", null))
        .hasMessage("template: test:1:11: executing \"test\" at <{{template \"nope\"}}>: template \"nope\" not defined");
    assertThatThrownBy(() -> run("{{not 1 2}}", null))
        .hasMessage("template: test:1:2: executing \"test\" at <not>: wrong number of args for not: want 1 got 2");
  }
}
