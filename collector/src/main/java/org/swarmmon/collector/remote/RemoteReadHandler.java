package org.swarmmon.collector.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.swarmmon.collector.storage.Querier;
import org.swarmmon.collector.storage.Queryable;
import org.swarmmon.collector.storage.SampleIterator;
import org.swarmmon.collector.storage.Series;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.MatchType;
import org.swarmmon.labels.Matcher;

/**
 * {@code POST /api/v1/read}: answers remote-read requests from a {@link Queryable}, as Prometheus
 * 2.42's read handler ({@code storage/remote/read_handler.go}) does with the SAMPLES response type.
 * At most {@code concurrencyLimit} requests run at once (the rest wait); an equality matcher on an
 * external label with its value becomes a matcher for the label's absence, and the external labels
 * are added to every series answered (a series' own label of the same name wins).
 */
public final class RemoteReadHandler {

  private static final Logger LOG = Logger.getLogger(RemoteReadHandler.class.getName());

  /** The HTTP answer: status, headers in order, body. */
  public record Response(int status, Map<String, String> headers, byte[] body) {}

  private final Queryable queryable;
  private final Supplier<Labels> externalLabels;
  private final long sampleLimit;
  private final Semaphore gate;

  /**
   * @param externalLabels the running configuration's {@code global.external_labels}
   * @param sampleLimit most samples one query may answer; 0 or less: no limit
   * @param concurrencyLimit most requests served at once; 0 or less: no limit (as the flag's help)
   */
  public RemoteReadHandler(Queryable queryable, Supplier<Labels> externalLabels, long sampleLimit,
      int concurrencyLimit) {
    this.queryable = queryable;
    this.externalLabels = externalLabels;
    this.sampleLimit = sampleLimit;
    this.gate = new Semaphore(concurrencyLimit > 0 ? concurrencyLimit : Integer.MAX_VALUE, true);
  }

  public Response read(byte[] body) {
    try {
      gate.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(500, "context canceled", Map.of());
    }
    try {
      return serve(body);
    } finally {
      gate.release();
    }
  }

  private Response serve(byte[] body) {
    ReadRequest req;
    try {
      req = ReadRequestCodec.decodeRequest(body);
    } catch (IOException e) {
      return error(400, e.getMessage(), Map.of());
    }
    Labels external = externalLabels.get();
    String unsupported = negotiate(req.acceptedResponseTypes());
    if (unsupported != null) {
      return error(400, unsupported, Map.of());
    }
    Map<String, String> protobuf = new LinkedHashMap<>();
    protobuf.put("Content-Type", "application/x-protobuf");
    protobuf.put("Content-Encoding", "snappy");
    List<List<TimeSeries>> results = new ArrayList<>(req.queries().size());
    for (ReadRequest.Query query : req.queries()) {
      try {
        results.add(answer(query, external));
      } catch (SampleLimitExceeded e) {
        // Prometheus has set the protobuf headers by then, and http.Error keeps Content-Encoding
        return error(400, e.getMessage(), protobuf);
      } catch (RuntimeException e) {
        return error(500, e.getMessage() == null ? e.toString() : e.getMessage(), protobuf);
      }
    }
    try {
      return new Response(200, protobuf, ReadRequestCodec.encodeResponse(results));
    } catch (IOException | RuntimeException e) {
      return error(500, e.toString(), protobuf);
    }
  }

  /**
   * Null when the first accepted type that is supported is SAMPLES (or none is listed), else
   * Prometheus's error text. STREAMED_XOR_CHUNKS is not served, so a client that lists it first
   * gets SAMPLES only when it lists SAMPLES too.
   */
  static String negotiate(List<Integer> accepted) {
    if (accepted.isEmpty() || accepted.contains(ReadRequest.SAMPLES)) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (int type : accepted) {
      names.add(type == ReadRequest.STREAMED_XOR_CHUNKS ? "STREAMED_XOR_CHUNKS" : String.valueOf(type));
    }
    return "server does not support any of the requested response types: [" + String.join(" ", names)
        + "]; supported: map[SAMPLES:{}]";
  }

  private List<TimeSeries> answer(ReadRequest.Query query, Labels external) {
    List<Matcher> matchers = filterExternalLabels(query.matchers(), external);
    long mint = query.startMs();
    long maxt = query.endMs();
    boolean samples = true;
    ReadRequest.ReadHints hints = query.hints();
    if (hints != null) {
      // Prometheus's TSDB trims to the hints' range, not the querier's, when there are hints
      mint = Math.max(mint, hints.startMs());
      maxt = Math.min(maxt, hints.endMs());
      samples = !hints.func().equals("series");
    }
    List<TimeSeries> out = new ArrayList<>();
    long count = 0;
    try (Querier querier = queryable.querier(query.startMs(), query.endMs())) {
      for (Series series : querier.select(matchers)) {
        SampleIterator it = series.iterator();
        if (!it.seek(mint) || it.timestamp() > maxt) {
          continue;
        }
        List<TimeSeries.Sample> kept = new ArrayList<>();
        if (samples) {
          do {
            if (++count > sampleLimit && sampleLimit > 0) {
              throw new SampleLimitExceeded("exceeded sample limit (" + sampleLimit + ")");
            }
            kept.add(new TimeSeries.Sample(it.timestamp(), it.value()));
          } while (it.next() && it.timestamp() <= maxt);
        }
        out.add(new TimeSeries(withExternal(series.labels(), external), kept));
      }
      for (String w : querier.warnings()) {
        LOG.warning("Warnings on remote read query: " + w);
      }
    }
    return out;
  }

  /** An equality matcher on an external label's value looks for the label's absence instead. */
  static List<Matcher> filterExternalLabels(List<ReadRequest.LabelMatcher> matchers, Labels external) {
    List<Matcher> out = new ArrayList<>(matchers.size());
    for (ReadRequest.LabelMatcher lm : matchers) {
      Matcher m = lm.toMatcher();
      if (m.type() == MatchType.EQUAL && m.value().equals(external.get(m.name()))) {
        out.add(Matcher.equal(m.name(), ""));
      } else {
        out.add(m);
      }
    }
    return out;
  }

  private static Labels withExternal(Labels labels, Labels external) {
    if (external.isEmpty()) {
      return labels;
    }
    Labels.Builder b = external.toBuilder();
    labels.forEach(b::set);
    return b.build();
  }

  /** http.Error: the text and a newline as plain text, over whatever headers were set before. */
  private static Response error(int status, String message, Map<String, String> before) {
    Map<String, String> headers = new LinkedHashMap<>(before);
    headers.put("Content-Type", "text/plain; charset=utf-8");
    headers.put("X-Content-Type-Options", "nosniff");
    return new Response(status, headers, (message + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static final class SampleLimitExceeded extends RuntimeException {
    SampleLimitExceeded(String message) {
      super(message, null, false, false);
    }
  }
}
