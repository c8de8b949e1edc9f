package org.swarmmon.collector.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.swarmmon.collector.chunkenc.XorChunk;
import org.swarmmon.collector.storage.Querier;
import org.swarmmon.collector.storage.Queryable;
import org.swarmmon.collector.storage.SampleIterator;
import org.swarmmon.collector.storage.Series;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.MatchType;
import org.swarmmon.labels.Matcher;

/**
 * {@code POST /api/v1/read}: answers remote-read requests from a {@link Queryable}, as Prometheus
 * 2.42's read handler ({@code storage/remote/read_handler.go}) does, with the SAMPLES or the
 * STREAMED_XOR_CHUNKS response type (the first one the client accepts, in its order; SAMPLES when it
 * lists none). At most {@code concurrencyLimit} requests run at once (the rest wait); an equality
 * matcher on an external label with its value becomes a matcher for the label's absence, and the
 * external labels are added to every series answered (a series' own label of the same name wins).
 */
public final class RemoteReadHandler {

  private static final Logger LOG = Logger.getLogger(RemoteReadHandler.class.getName());

  public static final String STREAMED_CONTENT_TYPE =
      "application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse";
  /** Samples per re-encoded chunk, as Prometheus's {@code maxSamplesInChunk}. */
  static final int MAX_SAMPLES_IN_CHUNK = 120;

  /** The HTTP answer: status, headers in order, body. */
  public record Response(int status, Map<String, String> headers, byte[] body) {}

  /** Where an answer goes: whole, or as a stream of frames. */
  public interface Exchange {

    /** Sends a whole answer. */
    void respond(Response response) throws IOException;

    /**
     * Starts a 200 answer with these headers (sent before the first byte) and returns the stream
     * its body goes to; called at most once, and then {@link #respond} is not.
     */
    OutputStream stream(Map<String, String> headers) throws IOException;
  }

  private final Queryable queryable;
  private final Supplier<Labels> externalLabels;
  private final long sampleLimit;
  private final int maxBytesInFrame;
  private final Semaphore gate;
  private final AtomicInteger queries = new AtomicInteger();

  /**
   * @param externalLabels the running configuration's {@code global.external_labels}
   * @param sampleLimit most samples one SAMPLES query may answer; 0 or less: no limit
   * @param concurrencyLimit most requests served at once; 0 or less: no limit (as the flag's help)
   * @param maxBytesInFrame bytes of labels and chunks after which a streamed frame is cut
   */
  public RemoteReadHandler(Queryable queryable, Supplier<Labels> externalLabels, long sampleLimit,
      int concurrencyLimit, int maxBytesInFrame) {
    this.queryable = queryable;
    this.externalLabels = externalLabels;
    this.sampleLimit = sampleLimit;
    this.maxBytesInFrame = maxBytesInFrame;
    this.gate = new Semaphore(concurrencyLimit > 0 ? concurrencyLimit : Integer.MAX_VALUE, true);
  }

  /** The whole answer in memory, a streamed one included. */
  public Response read(byte[] body) {
    Response[] whole = new Response[1];
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    Map<String, String> streamedHeaders = new LinkedHashMap<>();
    try {
      read(body, new Exchange() {
        @Override
        public void respond(Response response) {
          whole[0] = response;
        }

        @Override
        public OutputStream stream(Map<String, String> headers) {
          streamedHeaders.putAll(headers);
          return streamed;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return whole[0] != null ? whole[0] : new Response(200, streamedHeaders, streamed.toByteArray());
  }

  /** Answers into {@code exchange}; an IOException is the exchange's own (the client went away). */
  public void read(byte[] body, Exchange exchange) throws IOException {
    queries.incrementAndGet();
    try {
      try {
        gate.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.respond(error(500, "context canceled", Map.of()));
        return;
      }
      try {
        serve(body, exchange);
      } finally {
        gate.release();
      }
    } finally {
      queries.decrementAndGet();
    }
  }

  /** Requests being served or waiting for the concurrency limit: prometheus_api_remote_read_queries. */
  public int queries() {
    return queries.get();
  }

  private void serve(byte[] body, Exchange exchange) throws IOException {
    ReadRequest req;
    try {
      req = ReadRequestCodec.decodeRequest(body);
    } catch (IOException e) {
      exchange.respond(error(400, e.getMessage(), Map.of()));
      return;
    }
    Labels external = externalLabels.get();
    int type;
    try {
      type = negotiate(req.acceptedResponseTypes());
    } catch (IllegalArgumentException e) {
      exchange.respond(error(400, e.getMessage(), Map.of()));
      return;
    }
    if (type == ReadRequest.STREAMED_XOR_CHUNKS) {
      streamChunks(req, external, exchange);
    } else {
      exchange.respond(samples(req, external));
    }
  }

  private Response samples(ReadRequest req, Labels external) {
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
        return error(500, message(e), protobuf);
      }
    }
    try {
      return new Response(200, protobuf, ReadRequestCodec.encodeResponse(results));
    } catch (IOException | RuntimeException e) {
      return error(500, e.toString(), protobuf);
    }
  }

  /**
   * STREAMED_XOR_CHUNKS: the queries one after another, no sample limit (as Prometheus). An error
   * before the first byte is a 500; after it, as Go's http.Error on a started answer, its text
   * ends the body.
   */
  private void streamChunks(ReadRequest req, Labels external, Exchange exchange) throws IOException {
    Map<String, String> headers = Map.of("Content-Type", STREAMED_CONTENT_TYPE);
    LazyStream body = new LazyStream(exchange, headers);
    ChunkedWriter writer = new ChunkedWriter(body);
    for (int i = 0; i < req.queries().size(); i++) {
      try {
        streamQuery(writer, i, req.queries().get(i), external);
      } catch (RuntimeException e) {
        if (!body.started()) {
          exchange.respond(error(500, message(e), headers));
        } else {
          body.write((message(e) + "\n").getBytes(StandardCharsets.UTF_8));
          body.flush();
        }
        return;
      }
    }
    if (!body.started()) {
      exchange.respond(new Response(200, headers, new byte[0]));
    }
  }

  /**
   * Prometheus's {@code StreamChunkedReadResponses}: one series per frame, cut into more frames
   * once its labels and chunks pass {@code maxBytesInFrame}. The chunks are re-encoded from the
   * samples, at most {@link #MAX_SAMPLES_IN_CHUNK} each, so their boundaries may differ from
   * Prometheus's; the samples do not. As in Prometheus, the bytes left in a frame are not counted
   * afresh after a cut, so every later chunk of that series gets a frame of its own.
   */
  private void streamQuery(ChunkedWriter writer, int index, ReadRequest.Query query, Labels external)
      throws IOException {
    List<Matcher> matchers = filterExternalLabels(query.matchers(), external);
    long maxt = samplesTo(query);
    try (Querier querier = queryable.querier(query.startMs(), query.endMs())) {
      for (Series series : querier.select(matchers)) {
        SampleIterator it = series.iterator();
        if (!seekFirst(it, query)) {
          continue;
        }
        Labels labels = withExternal(series.labels(), external);
        long frameBytesLeft = maxBytesInFrame;
        for (int l = 0; l < labels.size(); l++) {
          frameBytesLeft -= ChunkedReadCodec.labelSize(labels.name(l), labels.value(l));
        }
        List<ChunkedReadResponse.Chunk> chunks = new ArrayList<>();
        boolean more = true;
        while (more) {
          XorChunk.Appender appender = new XorChunk.Appender();
          long chunkMin = it.timestamp();
          long chunkMax;
          do {
            chunkMax = it.timestamp();
            appender.append(chunkMax, it.value());
            more = it.next() && it.timestamp() <= maxt;
          } while (more && appender.count() < MAX_SAMPLES_IN_CHUNK);
          ChunkedReadResponse.Chunk chunk =
              new ChunkedReadResponse.Chunk(chunkMin, chunkMax, XorChunk.ENCODING, appender.bytes());
          chunks.add(chunk);
          frameBytesLeft -= ChunkedReadCodec.chunkSize(chunk);
          if (frameBytesLeft > 0 && more) {
            continue;
          }
          writer.write(ChunkedReadCodec.encode(new ChunkedReadResponse(
              List.of(new ChunkedReadResponse.ChunkedSeries(labels, chunks)), index)));
          chunks.clear();
        }
      }
      for (String w : querier.warnings()) {
        LOG.warning("Warnings on chunked remote read query: " + w);
      }
    }
  }

  /**
   * The first accepted type that is supported, SAMPLES when none is listed; an
   * IllegalArgumentException with Prometheus's text when none is supported.
   */
  static int negotiate(List<Integer> accepted) {
    if (accepted.isEmpty()) {
      return ReadRequest.SAMPLES;
    }
    for (int type : accepted) {
      if (type == ReadRequest.SAMPLES || type == ReadRequest.STREAMED_XOR_CHUNKS) {
        return type;
      }
    }
    List<String> names = new ArrayList<>();
    for (int type : accepted) {
      names.add(String.valueOf(type));
    }
    throw new IllegalArgumentException("server does not support any of the requested response types: ["
        + String.join(" ", names) + "]; supported: map[SAMPLES:{} STREAMED_XOR_CHUNKS:{}]");
  }

  private static String message(RuntimeException e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private List<TimeSeries> answer(ReadRequest.Query query, Labels external) {
    List<Matcher> matchers = filterExternalLabels(query.matchers(), external);
    long maxt = samplesTo(query);
    boolean samples = query.hints() == null || !query.hints().func().equals("series");
    List<TimeSeries> out = new ArrayList<>();
    long count = 0;
    try (Querier querier = queryable.querier(query.startMs(), query.endMs())) {
      for (Series series : querier.select(matchers)) {
        SampleIterator it = series.iterator();
        if (!seekFirst(it, query)) {
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

  // Prometheus's TSDB trims samples to the hints' range, not the querier's, when there are hints;
  // here to where both ranges overlap
  private static long samplesFrom(ReadRequest.Query query) {
    return query.hints() == null ? query.startMs() : Math.max(query.startMs(), query.hints().startMs());
  }

  private static long samplesTo(ReadRequest.Query query) {
    return query.hints() == null ? query.endMs() : Math.min(query.endMs(), query.hints().endMs());
  }

  /** Moves to the query's first sample; false when the series has none in its range. */
  private static boolean seekFirst(SampleIterator it, ReadRequest.Query query) {
    return it.seek(samplesFrom(query)) && it.timestamp() <= samplesTo(query);
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

  /** Opens the exchange's stream with the first byte written, as Go sends headers with it. */
  private static final class LazyStream extends OutputStream {
    private final Exchange exchange;
    private final Map<String, String> headers;
    private OutputStream out;

    LazyStream(Exchange exchange, Map<String, String> headers) {
      this.exchange = exchange;
      this.headers = headers;
    }

    boolean started() {
      return out != null;
    }

    private OutputStream out() throws IOException {
      if (out == null) {
        out = exchange.stream(headers);
      }
      return out;
    }

    @Override
    public void write(int b) throws IOException {
      out().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out().write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      if (out != null) {
        out.flush();
      }
    }
  }
}
